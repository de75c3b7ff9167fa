package experiment_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"hnnplay/core/experiment"
	"hnnplay/core/hnn"
)

// modelValues are the values of the data and network fields, what a model
// file records.
func modelValues(s experiment.Settings) map[string]string {
	v := experiment.Values(s)
	for k := range v {
		f := experiment.Lookup(k)
		if f == nil || f.Group != experiment.GroupData && f.Group != experiment.GroupNetwork {
			delete(v, k)
		}
	}
	return v
}

// sameFile reports how two model files differ: settings (their values),
// model bits (== on every float64), report bytes and points; "" if they
// do not.
func sameFile(a, b *experiment.ModelFile) string {
	va, vb := modelValues(a.Settings), modelValues(b.Settings)
	if len(va) != len(vb) {
		return fmt.Sprintf("settings %v and %v", va, vb)
	}
	for k, v := range va {
		if vb[k] != v {
			return fmt.Sprintf("setting %s: %q and %q", k, v, vb[k])
		}
	}
	if d := sameModel(a.Model, b.Model); d != "" {
		return d
	}
	if !bytes.Equal(a.Report, b.Report) {
		return fmt.Sprintf("report %q and %q", a.Report, b.Report)
	}
	if len(a.Points) != len(b.Points) {
		return fmt.Sprintf("%d and %d points", len(a.Points), len(b.Points))
	}
	for i := range a.Points {
		if !slices.Equal(a.Points[i], b.Points[i]) {
			return fmt.Sprintf("point %d: %v and %v", i, a.Points[i], b.Points[i])
		}
	}
	return ""
}

// sameModel compares every parameter with ==, and the bits of C0.
func sameModel(a, b *hnn.Model) string {
	if a.D != b.D || a.M != b.M {
		return fmt.Sprintf("shapes %d×%d and %d×%d", a.D, a.M, b.D, b.M)
	}
	for _, p := range []struct {
		name string
		x, y []float64
	}{{"w", a.W, b.W}, {"b", a.B, b.B}, {"c", a.C, b.C}, {"c0", []float64{a.C0}, []float64{b.C0}}} {
		if len(p.x) != len(p.y) {
			return fmt.Sprintf("%s: %d and %d numbers", p.name, len(p.x), len(p.y))
		}
		for i := range p.x {
			if p.x[i] != p.y[i] || math.Signbit(p.x[i]) != math.Signbit(p.y[i]) {
				return fmt.Sprintf("%s[%d]: %v and %v", p.name, i, p.x[i], p.y[i])
			}
		}
	}
	return ""
}

func mustParse(t testing.TB, values map[string]string) experiment.Settings {
	t.Helper()
	s, err := experiment.Parse(values)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func write(t testing.TB, s experiment.Settings, m *hnn.Model, report []byte, points [][]float64) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := experiment.WriteModelFile(&b, s, m, report, points); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func read(t testing.TB, b []byte) *experiment.ModelFile {
	t.Helper()
	f, err := experiment.ReadModelFile(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%v\n%s", err, clipText(b))
	}
	return f
}

func clipText(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}

// A real fit of a pendulum and of Hénon–Heiles, with its report and a
// subsample of its training states, reads back with the same settings, the
// same bits of the model (so the same Ĥ everywhere), the same report and
// points; writing what was read gives the same bytes.
func TestModelFileRoundTrip(t *testing.T) {
	for _, values := range []map[string]string{
		{"system": "pendulum", "p.f": "2", "box": "-pi,pi,-0.5,0.5", "points": "300", "test_points": "100", "width": "40",
			"noise": "1e-3", "data_seed": "7", "seed": "9"},
		{"system": "henon-heiles", "box": "-1,1,-1,1,-1,1,-1,1", "points": "300", "test_points": "100", "width": "60", "sampler": "swim"},
	} {
		s := mustParse(t, values)
		d, err := experiment.NewData(s)
		if err != nil {
			t.Fatal(err)
		}
		r, err := experiment.Fit(s, d, nil)
		if err != nil {
			t.Fatal(err)
		}
		report, err := r.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		dim := 2 * d.Train.Dof
		var points [][]float64
		for k := 0; k < d.Train.Len(); k += 7 {
			x, _ := d.Train.Row(k)
			points = append(points, x)
		}
		b := write(t, s, r.Model, report, points)
		f := read(t, b)
		want := &experiment.ModelFile{Settings: s, Model: r.Model, Report: report, Points: points}
		if diff := sameFile(want, f); diff != "" {
			t.Errorf("%s: read back with a difference: %s", s.System, diff)
		}
		for k := 0; k < d.Test.Len(); k++ {
			x, _ := d.Test.Row(k)
			g1, g2 := make([]float64, dim), make([]float64, dim)
			if h1, h2 := r.Model.HGrad(g1, x), f.Model.HGrad(g2, x); h1 != h2 || !slices.Equal(g1, g2) {
				t.Fatalf("%s: Ĥ(%v) = %v, read back %v", s.System, x, h1, h2)
			}
		}
		if again := write(t, f.Settings, f.Model, f.Report, f.Points); !bytes.Equal(again, b) {
			t.Errorf("%s: written again, the file differs", s.System)
		}
		if !bytes.HasPrefix(b, []byte(`{"format":"hnnplay-model","version":1,`+"\n"+`"settings":{"system":"`+s.System+`"`)) ||
			!bytes.Contains(b, []byte(`"link":"`+experiment.LinkOf(s, experiment.GroupData, experiment.GroupNetwork)+`"`)) {
			t.Errorf("%s: the file begins\n%s", s.System, clipText(b))
		}
		// Without report and points.
		f = read(t, write(t, s, r.Model, nil, nil))
		if f.Report != nil || f.Points != nil || sameModel(f.Model, r.Model) != "" {
			t.Errorf("%s: a file without report and points reads as %+v", s.System, f)
		}
	}
}

// smallFile is a hand-made model file whose numbers need all 17 digits.
func smallFile(t testing.TB) (experiment.Settings, *hnn.Model, []byte, [][]float64) {
	s := mustParse(t, map[string]string{"system": "pendulum", "p.f": "2", "box": "-pi,pi,-1,1", "points": "100",
		"test_points": "100", "noise": "0", "snapshots": "0", "data_seed": "1",
		"width": "2", "sampler": "aswim", "rcond": "1e-13", "seed": "1"})
	m := hnn.New(2, 2)
	copy(m.W, []float64{math.Nextafter(0.3, 1), -1.25, math.Pi, 1e-300})
	copy(m.B, []float64{0.5, -1.0 / 3})
	copy(m.C, []float64{2.5, -7e10})
	m.C0 = math.Nextafter(1, 2)
	return s, m, []byte(`{"note":"hand-made", "rel_l2_H":1e-7}`), [][]float64{{0.5, -0.25}, {-3, math.SmallestNonzeroFloat64}}
}

func updating() bool {
	f := flag.Lookup("update") // declared by fit_test.go
	return f != nil && f.Value.String() == "true"
}

// The format on disk: a file written once reads with the same bits, and is
// what WriteModelFile writes today. After a deliberate change of the format
// or of the table's data and network fields, rewrite it with
// go test -run TestModelFileGolden -update ./core/experiment/.
func TestModelFileGolden(t *testing.T) {
	s, m, report, points := smallFile(t)
	b := write(t, s, m, report, points)
	path := filepath.Join("testdata", "modelfile", "pendulum-w2.json")
	if updating() {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	golden, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f := read(t, golden)
	if diff := sameFile(&experiment.ModelFile{Settings: s, Model: m, Report: report, Points: points}, f); diff != "" {
		t.Errorf("%s reads with a difference: %s", path, diff)
	}
	if !bytes.Equal(b, golden) {
		t.Errorf("WriteModelFile no longer writes %s (if the change is deliberate: go test -run TestModelFileGolden -update ./core/experiment/):\n%s", path, b)
	}
}

// Every refusal is one sentence that says what is wrong.
func TestReadModelFileRefuses(t *testing.T) {
	s, m, report, points := smallFile(t)
	valid := string(write(t, s, m, report, points))
	bare, err := os.ReadFile(filepath.Join("testdata", "modelfile", "bare-model.json"))
	if err != nil {
		t.Fatal(err)
	}
	// edit replaces one piece of the valid file, which must be there.
	edit := func(old, new string) string {
		if !strings.Contains(valid, old) {
			t.Fatalf("the valid file lacks %q", old)
		}
		return strings.Replace(valid, old, new, 1)
	}
	// member replaces the line of a member, which ends in ",\n".
	member := func(name, new string) string {
		i := strings.Index(valid, "\n\""+name+"\":")
		if i < 0 {
			t.Fatalf("the valid file has no line of %q", name)
		}
		n := strings.IndexByte(valid[i+1:], '\n')
		return valid[:i+1] + new + valid[i+1+n:]
	}
	for _, c := range []struct{ name, text, want string }{
		{"empty", "", "the model file is not JSON: unexpected end of JSON input at the end (line 1, column 1, byte 0)"},
		{"not JSON", "{not json", "the model file is not JSON: invalid character 'n' looking for beginning of object key string at line 1, column 2 (byte 2)"},
		{"not JSON on line 3", "{\"format\": \"hnnplay-model\",\n\"version\": 1,\n\"settings\": x}", "at line 3, column 13 (byte 55)"},
		{"cut short", valid[:len(valid)/2], "the model file is not JSON: unexpected end of JSON input at the end"},
		{"trailing text", valid + "x", "invalid character 'x' after top-level value at line 7, column 1 (byte"},
		{"an array", "[1, 2]", "the model file is not a JSON object"},
		{"null", "null", "the model file is not a JSON object"},
		{"bare model", string(bare), "the file holds a bare model, written by an older hnnplay; fit and save it again"},
		{"no format", `{"version":1,"model":{}}`, `the file has no "format": it is not an hnnplay model file (format "hnnplay-model")`},
		{"other format", edit(`"format":"hnnplay-model"`, `"format":"png"`), `the file's format is "png", not "hnnplay-model": it is not an hnnplay model file`},
		{"format not text", edit(`"format":"hnnplay-model"`, `"format":1`), `the file's format is 1, not "hnnplay-model"`},
		{"no version", edit(`"version":1,`, ``), `the model file has no "version"`},
		{"version 2", edit(`"version":1,`, `"version":2,`), "the model file is of version 2; this hnnplay reads version 1"},
		{"version on lines", edit(`"version":1,`, "\"version\":[1,\n\t2],"), "the model file is of version [1, 2]; this hnnplay reads version 1"},
		{"version text", edit(`"version":1,`, `"version":"1",`), `the model file is of version "1"; this hnnplay reads version 1`},
		{"unknown member", edit(`"version":1,`, `"version":1,"extra":[],`), `the model file has an unknown member "extra"`},
		{"no settings", edit(`"settings":{`, `"other":{`), `the model file has an unknown member "other"`},
		{"settings missing", member("settings", ""), `the model file has no "settings"`},
		{"settings null", member("settings", `"settings":null,`), `the model file has no "settings"`},
		{"settings not an object", member("settings", `"settings":["system=pendulum"],`), `the model file's "settings" is not a JSON object`},
		{"setting not text", edit(`"width":"2"`, `"width":2`), `the model file's setting "width" must be text, got 2`},
		{"setting of the view", edit(`"width":"2"`, `"width":"2","speed":"3"`), `the model file's settings hold "speed", which is not a setting of the data or the network`},
		{"unknown setting", edit(`"width":"2"`, `"width":"2","depth":"3"`), `the model file's settings: "depth" is not a setting`},
		{"no system", edit(`"system":"pendulum",`, ``), "the model file's settings do not say the System"},
		{"no box", edit(`"box":"-pi,pi,-1,1",`, `"box":" ",`), "the model file's settings do not say the Box"},
		{"bad width", edit(`"width":"2"`, `"width":"0"`), `the model file's settings: Width must be a whole number from 1 to 20000, got "0"`},
		{"width over the bound", edit(`"width":"2"`, `"width":"20001"`), `the model file's settings: Width must be a whole number from 1 to 20000, got "20001"`},
		{"unknown system", edit(`"system":"pendulum"`, `"system":"pendulumm"`), `the model file's settings: System must be one of`},
		{"bad parameter", edit(`"p.f":"2"`, `"p.f":"two"`), `the model file's settings: System parameter: pendulum: parameter "f" must be a finite number, got "two"`},
		{"bad box", edit(`"box":"-pi,pi,-1,1"`, `"box":"-pi,pi,1,-1"`), "the model file's settings: Box: the lower bound of p (1) must be less than its upper bound (-1)"},
		{"link disagrees", edit(`&width=2&`, `&width=3&`), `the model file's link and settings disagree on width: "3" in the link, "2" in the settings`},
		{"link not a link", edit(`"link":"`, `"link":"%zz&`), `the model file's link: the link's part "%zz"`},
		{"link not text", member("link", `"link":0,`), "the model file's link must be text, got 0"},
		{"no link", member("link", ``), ""},
		{"no model", member("model", ``), `the model file has no "model"`},
		{"model null", member("model", `"model":null,`), `the model file has no "model"`},
		{"model not an object", member("model", `"model":[1,2],`), `the model file's "model" is not a JSON object`},
		{"model of another system", member("model", `"model":{"d":4,"m":2,"w":[1,2,3,4,5,6,7,8],"b":[0,0],"c":[1,1],"c0":0},`),
			"the model has 4 inputs, but pendulum has 2 coordinates (q, p)"},
		{"model too wide", edit(`"m":2,`, `"m":30000,`), "the model's width 30000 is not from 1 to 20000"},
		{"model of another width", edit(`"m":2,`, `"m":1,`), "the model has width 1, but its settings say 2"},
		{"model too short", edit(`"b":[0.5,`, `"b":[`), "the model's w, b and c have 4, 1 and 2 numbers; width 2 on 2 inputs needs 4, 2 and 2"},
		{"model without c0", edit(`,"c0":`, `,"c1":`), `the model has no "c0"`},
		{"model d not whole", edit(`"d":2,`, `"d":2.5,`), `the model: "d" must be a whole number, got 2.5`},
		{"model w not numbers", edit(`"w":[`, `"w":["x",`), `the model: "w" must be a list of numbers, got string`},
		{"model not finite", edit(`"w":[`, `"w":[1e400,`), "the model: 1e400 is not a finite number"},
		{"c0 not finite", edit(`"c0":`, `"c0":-1e999,"c00":`), "the model: -1e999 is not a finite number"},
		{"fit not an object", member("fit", `"fit":[1],`), `the model file's "fit" is not a JSON object`},
		{"fit null", member("fit", `"fit":null,`), ""},
		{"points not lists", edit(`"points":[[0.5,-0.25],`, `"points":[0.5,`), "the model file's points: they must be lists of numbers, got number"},
		{"point too long", edit(`[0.5,-0.25]`, `[0.5,-0.25,1]`), "the model file's point 1 has 3 coordinates; pendulum has 2"},
		{"point too short", edit(`[0.5,-0.25]`, `[]`), "the model file's point 1 has 0 coordinates; pendulum has 2"},
		{"point not finite", edit(`[0.5,-0.25]`, `[0.5,1e309]`), "the model file's points: 1e309 is not a finite number"},
	} {
		_, err := experiment.ReadModelFile(strings.NewReader(c.text))
		if c.want == "" { // not a refusal: an optional member
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: read without error", c.name)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, c.want) || strings.Contains(msg, "\n") {
			t.Errorf("%s: %q, want %q, one line", c.name, msg, c.want)
		}
	}
}

// minimalFile is a model file written by hand: only the settings that
// matter, no link, no report, no points.
const minimalFile = `{"format": "hnnplay-model", "version": 1.0,
  "settings": {"system": "pendulum", "box": "-1, 1, -1, 1", "width": "1", "p.f": " 1e1 "},
  "model": {"d": 2, "m": 1, "w": [1, 2], "b": [0], "c": [1], "c0": -0},
  "fit": null, "points": []}`

// A file with the settings that matter reads: the others take their
// defaults, the optional members may be null or empty.
func TestReadModelFileMinimal(t *testing.T) {
	f := read(t, []byte(minimalFile))
	if f.Settings.System != "pendulum" || f.Settings.Params["f"] != "1e1" || f.Settings.Width != 1 || f.Settings.Box.Hi[1] != 1 ||
		f.Settings.Points != experiment.Default().Points || f.Report != nil || len(f.Points) != 0 ||
		f.Model.W[1] != 2 || !math.Signbit(f.Model.C0) {
		t.Errorf("read as %+v, model %+v", f, f.Model)
	}
	if diff := sameFile(f, read(t, write(t, f.Settings, f.Model, f.Report, f.Points))); diff != "" {
		t.Errorf("written and read again with a difference: %s", diff)
	}
}

// endless yields the same byte for ever.
type endless byte

func (e endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(e)
	}
	return len(p), nil
}

// A file over the bound is refused after reading the bound, not all of it.
func TestReadModelFileTooLarge(t *testing.T) {
	_, err := experiment.ReadModelFile(io.MultiReader(strings.NewReader(`{"format":"hnnplay-model","x":"`), endless('a')))
	if err == nil || err.Error() != "the model file is larger than 64 MiB, the most hnnplay reads" {
		t.Errorf("%v", err)
	}
	_, err = experiment.ReadModelFile(io.MultiReader(strings.NewReader("{"), failing{}))
	if err == nil || !strings.Contains(err.Error(), "cannot read the model file: disk on fire") {
		t.Errorf("a failing reader: %v", err)
	}
}

type failing struct{}

func (failing) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

// Reading allocates a bounded multiple of the file's size.
func TestReadModelFileAllocates(t *testing.T) {
	s := mustParse(t, map[string]string{"system": "henon-heiles", "width": "2000"})
	m := hnn.New(4, 2000)
	for i := range m.W {
		m.W[i] = float64(i)/7 - 1000
	}
	points := make([][]float64, 5000)
	for i := range points {
		points[i] = []float64{float64(i) / 3, -0.1, 1e-5, math.Pi}
	}
	b := write(t, s, m, []byte(`{}`), points)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	read(t, b)
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 20*uint64(len(b))+1<<20 {
		t.Errorf("reading a file of %d bytes allocated %d bytes", len(b), n)
	}
}

// WriteModelFile refuses what would not read back.
func TestWriteModelFileRefuses(t *testing.T) {
	s, m, report, points := smallFile(t)
	bad := func(name string, s experiment.Settings, m *hnn.Model, report []byte, points [][]float64, want string) {
		t.Helper()
		var b bytes.Buffer
		err := experiment.WriteModelFile(&b, s, m, report, points)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", name, err, want)
		}
		if b.Len() > 0 {
			t.Errorf("%s: wrote %d bytes", name, b.Len())
		}
	}
	wide := s
	wide.Width = 3
	bad("width of the settings", wide, m, nil, nil, "the model has width 2, but its settings say 3")
	zero := s
	zero.Width = 0
	bad("settings", zero, m, nil, nil, `cannot write the model file: its settings: Width must be a whole number from 1 to 20000, got "0"`)
	bad("no settings", experiment.Settings{Width: 2}, m, nil, nil, "do not say the system and the box")
	bad("no model", s, nil, nil, nil, "there is no model")
	hh := mustParse(t, map[string]string{"system": "henon-heiles", "width": "2"})
	bad("system", hh, m, nil, nil, "the model has 2 inputs, but henon-heiles has 4 coordinates (q1, q2, p1, p2)")
	nan := *m
	nan.C = []float64{1, math.NaN()}
	bad("NaN", s, &nan, nil, nil, "the model has a number that is not finite")
	bad("report", s, m, []byte(`[1]`), nil, "the report is not a JSON object")
	bad("report", s, m, []byte(`{"a":`), nil, "the report is not a JSON object")
	bad("point", s, m, report, [][]float64{{1, 2}, {1}}, "point 2 has 1 coordinates; pendulum has 2")
	bad("point", s, m, report, [][]float64{{1, math.Inf(1)}}, "point 1 has a coordinate that is not finite")
	// A report with white space around it keeps what is inside.
	f := read(t, write(t, s, m, append(append([]byte(" \n"), report...), '\n'), points))
	if !bytes.Equal(f.Report, report) {
		t.Errorf("report %q, want %q", f.Report, report)
	}
}

func TestModelFileOutside(t *testing.T) {
	s, m, _, _ := smallFile(t) // box [-π, π] × [-1, 1]
	f := read(t, write(t, s, m, nil, nil))
	for _, c := range []struct {
		x    []float64
		want []string
	}{
		{[]float64{0, 0}, nil},
		{[]float64{-math.Pi, 1}, nil},
		{[]float64{math.Pi * 1.5, 1.5}, nil},              // a quarter of the width outside, not more
		{[]float64{math.Pi*1.5 + 1e-9, 0}, []string{"q"}}, // more
		{[]float64{0, -1.6}, []string{"p"}},
		{[]float64{10, 10}, []string{"q", "p"}},
		{[]float64{math.NaN(), 0}, []string{"q"}},
		{[]float64{0}, []string{"q", "p"}},
	} {
		if got := f.Outside(c.x, experiment.OutsideMargin); !slices.Equal(got, c.want) {
			t.Errorf("Outside(%v) = %v, want %v", c.x, got, c.want)
		}
	}
	if got := f.Outside([]float64{3.2, 0}, 0); !slices.Equal(got, []string{"q"}) {
		t.Errorf("Outside with no margin: %v", got)
	}
}

// Settings given besides a file must agree with its data and network; the
// others are taken.
func TestModelFileMerge(t *testing.T) {
	s, m, _, _ := smallFile(t) // pendulum, f=2, box [-π, π] × [-1, 1], width 2
	f := read(t, write(t, s, m, nil, nil))
	for _, c := range []struct {
		given map[string]string
		want  string // the mismatch, as -flag says it; "" if none
	}{
		{map[string]string{}, ""},
		{map[string]string{"system": "Pendulum", "p.f": "2.0", "p.m": "1", "box": "-pi, pi, -1, 1", "width": "2", "seed": "1", "rcond": "1e-13"}, ""},
		{map[string]string{"system": "lotka-volterra", "box": "-2,2,-2,2"}, "the model was trained on pendulum, -flag says lotka-volterra"},
		{map[string]string{"system": "henon-heiles"}, "the model was trained on pendulum, -flag says henon-heiles"},
		{map[string]string{"p.f": "3"}, "the model was trained with the parameters f=2, -flag says f=3"},
		{map[string]string{"p.m": "2"}, "the model was trained with the parameters f=2, -flag says m=2"},
		{map[string]string{"box": "-3.14,3.14,-1,1"}, "the model was trained on the box -pi,pi,-1,1, -flag says -3.14,3.14,-1,1"},
		{map[string]string{"width": "300"}, "the model was trained with width 2, -flag says 300"},
		{map[string]string{"data_seed": "5"}, "the model was trained with data seed 1, -flag says 5"},
		{map[string]string{"sampler": "elm"}, "the model was trained with sampler aswim, -flag says elm"},
	} {
		got, err := f.Merge(c.given)
		var mm *experiment.Mismatch
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%v: %v", c.given, err)
		case c.want == "":
			if d := sameFile(f, &experiment.ModelFile{Settings: got, Model: m}); d != "" {
				t.Errorf("%v: the merged settings differ from the file's: %s", c.given, d)
			}
		case !errors.As(err, &mm):
			t.Errorf("%v: %v, want a mismatch", c.given, err)
		case mm.Says("-flag") != c.want:
			t.Errorf("%v: %q, want %q", c.given, mm.Says("-flag"), c.want)
		}
	}
	// The fields of the run are taken from what is given.
	got, err := f.Merge(map[string]string{"integrator": "rk4", "step": "0.01", "system": "pendulum"})
	if err != nil || got.Integrator != "rk4" || got.Step != 0.01 || got.System != "pendulum" || got.Params["f"] != "2" || got.Width != 2 {
		t.Errorf("merged %+v, %v", got, err)
	}
	// Bad values are refused as Parse refuses them.
	for key, text := range map[string]string{"system": "nope", "width": "0", "box": "0,1", "p.zz": "1", "integrator": "nope"} {
		_, err := f.Merge(map[string]string{key: text})
		var errs experiment.Errors
		if !errors.As(err, &errs) || errs[0].Key != key {
			t.Errorf("%s=%s: %v, want a field error of %s", key, text, err, key)
		}
	}
}

// FuzzReadModelFile: no input panics; what reads, writes back and reads
// again equal, and writing that gives the same bytes.
func FuzzReadModelFile(f *testing.F) {
	s, m, report, points := smallFile(f)
	valid := write(f, s, m, report, points)
	f.Add(valid)
	f.Add(write(f, s, m, nil, nil))
	hh := mustParse(f, map[string]string{"system": "henon-heiles", "width": "3", "p.alpha": "0.5"})
	mh := hnn.New(4, 3)
	for i := range mh.W {
		mh.W[i] = float64(i) - 5.5
	}
	f.Add(write(f, hh, mh, []byte(`{"rel_l2_H":1e-6,"x":[1,{"y":null}]}`), [][]float64{{1, 2, 3, 4}}))
	lv := mustParse(f, map[string]string{"system": "lotka-volterra", "p.preset": "shifted", "box": "0,8,0,8", "width": "1"})
	f.Add(write(f, lv, hnn.New(2, 1), nil, [][]float64{{1, 2}}))
	for _, text := range []string{
		"", "{", "{not json", "[1]", "null", `"x"`, "{}",
		`{"d":2,"m":1,"w":[1,2],"b":[0],"c":[1],"c0":0}`,
		`{"format":"hnnplay-model"}`,
		`{"format":"hnnplay-model","version":2}`,
		`{"format":"hnnplay-model","version":1,"settings":{"system":"pendulum","box":"-1,1,-1,1","width":"1"},"model":{"d":2,"m":1,"w":[1,2],"b":[0],"c":[1],"c0":0}}`,
		`{"format":"hnnplay-model","version":1,"settings":{"system":"pendulum","box":"-1,1,-1,1","width":"1"},"model":{"d":2,"m":1,"w":[1e400,2],"b":[0],"c":[1],"c0":0}}`,
		`{"format":"hnnplay-model","version":1,"settings":{"system":"kepler","box":"-1,1,-1,1","width":"1"},"model":{"d":2,"m":1,"w":[1,2],"b":[0],"c":[1],"c0":0}}`,
		minimalFile,
		`{"format":"hnnplay-model","version":1,"settings":{"system":"pendulum","box":"-1,1,-1,1","width":"1"},"link":"system=pendulum","model":{"d":2,"m":1,"w":[1,2],"b":[0],"c":[1],"c0":0}}`,
	} {
		f.Add([]byte(text))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := experiment.ReadModelFile(bytes.NewReader(b))
		if err != nil {
			if msg := err.Error(); msg == "" || strings.Contains(msg, "\n") {
				t.Errorf("message %q is not one line", msg)
			}
			return
		}
		var out bytes.Buffer
		if err := experiment.WriteModelFile(&out, file.Settings, file.Model, file.Report, file.Points); err != nil {
			t.Fatalf("a file that reads does not write: %v", err)
		}
		first := bytes.Clone(out.Bytes())
		back, err := experiment.ReadModelFile(&out)
		if err != nil {
			t.Fatalf("a file written does not read: %v\n%s", err, first)
		}
		if d := sameFile(file, back); d != "" {
			t.Fatalf("read, written and read again with a difference: %s", d)
		}
		out.Reset()
		if err := experiment.WriteModelFile(&out, back.Settings, back.Model, back.Report, back.Points); err != nil || !bytes.Equal(out.Bytes(), first) {
			t.Fatalf("written twice, the files differ (%v)", err)
		}
	})
}

// A fitted network written to a model file and read back: the same system,
// box and width, the same Ĥ to the last bit.
func ExampleReadModelFile() {
	s, err := experiment.Parse(map[string]string{"system": "henon-heiles", "box": "-1,1,-1,1,-1,1,-1,1",
		"points": "300", "test_points": "50", "width": "30"})
	if err != nil {
		fmt.Println(err)
		return
	}
	d, err := experiment.NewData(s)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := experiment.Fit(s, d, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	report, _ := r.MarshalJSON()
	var file bytes.Buffer
	if err := experiment.WriteModelFile(&file, s, r.Model, report, nil); err != nil {
		fmt.Println(err)
		return
	}
	f, err := experiment.ReadModelFile(&file)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f.Settings.System, experiment.FormatBox(f.Settings.Box), "width", f.Model.M)
	x := []float64{0.1, -0.2, 0.3, 0.05}
	fmt.Println("same Ĥ:", f.Model.H(x) == r.Model.H(x))
	fmt.Println("far outside the box in:", f.Outside([]float64{0, 0, 0, 2}, experiment.OutsideMargin))
	_, err = f.Merge(map[string]string{"system": "pendulum"})
	fmt.Println(err)
	// Output:
	// henon-heiles -1,1,-1,1,-1,1,-1,1 width 30
	// same Ĥ: true
	// far outside the box in: [p2]
	// the model was trained on henon-heiles, not pendulum
}
