package session

import (
	"encoding/json"
	"strings"
	"testing"
)

// fitValues fits the settings values and decodes the reply and its report.
func fitValues(t *testing.T, se *Session, values map[string]any) (map[string]any, map[string]any) {
	t.Helper()
	v := se.Fit(map[string]any{"id": 1.0, "values": values})
	if e := v["error"]; e != "" {
		return v, nil
	}
	r := decodeFit(t, v)
	var rep map[string]any
	if err := json.Unmarshal(r.Fit, &rep); err != nil {
		t.Fatal(err)
	}
	return v, rep
}

// A file uploaded once serves the fits that name it; its download, uploaded
// again, trains the same network; bad files and names are errors that keep
// the file in use.
func TestUploadRoundTrip(t *testing.T) {
	se := New()
	gen := map[string]any{"system": "spring", "points": "200", "width": "80"}
	exp := se.Data(map[string]any{"id": 2.0, "values": gen})
	csv, _ := exp["csv"].(string)
	if exp["error"] != "" || !strings.HasPrefix(csv, "q1,p1,dq1,dp1,H\n") {
		t.Fatalf("export %v", exp)
	}
	up := se.Upload(map[string]any{"id": 3.0, "name": "train.csv", "text": csv})
	if up["error"] != "" || up["rows"] != 200.0 || up["format"] != "derivatives" || up["id"] != 3.0 {
		t.Fatalf("upload %v", up)
	}
	with := map[string]any{"system": "spring", "width": "80", "data": "train.csv"}
	v, rep := fitValues(t, se, with)
	if rep == nil {
		t.Fatalf("fit %v", v)
	}
	u := rep["upload"].(map[string]any)
	if u["held_back"] != 40.0 || rep["points"] != 160.0 || rep["test_points"] != 40.0 || !strings.Contains(u["text"].(string), "Trained on your data: train.csv") {
		t.Fatalf("report %v", rep)
	}
	if vals := decodeFit(t, v).Values; vals["data"] != "train.csv" || vals["box"] == "-1,1,-1,1" {
		t.Fatalf("values %v", vals)
	}
	// the download of the uploaded data is the file: uploaded again, it
	// trains the same network
	exp2 := se.Data(map[string]any{"id": 4.0, "values": with})
	if exp2["csv"] != csv {
		t.Fatalf("the download differs from the upload")
	}
	se.Upload(map[string]any{"id": 5.0, "name": "again.csv", "text": exp2["csv"]})
	with["data"] = "again.csv"
	_, rep2 := fitValues(t, se, with)
	for _, k := range []string{"data_fingerprint", "hidden_fingerprint", "rel_l2_H"} {
		if rep2[k] != rep[k] {
			t.Errorf("%s: %v, then %v", k, rep[k], rep2[k])
		}
	}
	// a bad file is refused with its line and column; the file before stays
	bad := se.Upload(map[string]any{"id": 6.0, "name": "bad.csv", "text": "t,q,p\n0,1,0\n0.1,1,oops\n"})
	if bad["error"] != `bad.csv: line 3, column 3 (p): "oops" is not a number` {
		t.Fatalf("bad upload %v", bad)
	}
	if _, rep3 := fitValues(t, se, with); rep3 == nil || rep3["data_fingerprint"] != rep["data_fingerprint"] {
		t.Fatal("the file in use was lost")
	}
	// a link's file name that was not uploaded
	with["data"] = "other.csv"
	v, _ = fitValues(t, se, with)
	if e, _ := v["error"].(string); !strings.Contains(e, "this link was made with an uploaded file, other.csv, which links do not carry: upload it again") {
		t.Fatalf("not uploaded: %v", v)
	}
	// a file of another dimension than the system
	with["data"], with["system"] = "again.csv", "henon-heiles"
	v, _ = fitValues(t, se, with)
	if e, _ := v["error"].(string); !strings.Contains(e, "the file has 2 coordinates per state; the Hénon–Heiles has 4") {
		t.Fatalf("dimension: %v", v)
	}
	for _, bad := range []any{"text", map[string]any{"name": "x.csv"}, map[string]any{"name": "x.csv", "text": ""}} {
		if r := se.Upload(bad); r["error"] == "" {
			t.Errorf("%v: no error", bad)
		}
	}
	if r := se.Upload(map[string]any{"name": ""}); r["error"] != "" || se.upload != nil {
		t.Fatalf("forget: %v", r)
	}
}
