//go:build js && wasm

package main

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
)

// hnnplayUpload reads the page's {id, name, text} and keeps the file: a fit
// that names it trains on it; a bad file's message names the line.
func TestUploadJS(t *testing.T) {
	var text strings.Builder
	text.WriteString("t,q,p\n")
	for k := range 40 {
		tt := 0.1 * float64(k)
		fmt.Fprintf(&text, "%g,%.15g,%.15g\n", tt, math.Cos(tt), -math.Sin(tt))
	}
	req, _ := json.Marshal(map[string]any{"id": 4, "name": "mine.csv", "text": text.String()})
	up := call("hnnplayUpload", parse(string(req)))
	if up.Get("error").String() != "" || up.Get("rows").Int() != 40 || up.Get("format").String() != "trajectories" || up.Get("id").Int() != 4 {
		t.Fatalf("upload %s", stringify(up))
	}
	fit := settle(t, call("hnnplayFit", parse(`{"id":5,"values":{"system":"spring","width":"20","data":"mine.csv"}}`)))
	if fit.Get("error").String() != "" || fit.Get("fit").Get("upload").Get("name").String() != "mine.csv" {
		t.Fatalf("fit %s", stringify(fit))
	}
	bad := call("hnnplayUpload", parse(`{"id":6,"name":"bad.csv","text":"t,q,p\n0,1,0\n0.1,1,0\n0.2,1\n"}`))
	if e := bad.Get("error").String(); e != "bad.csv: line 4: 2 columns, want 3 like the header (t,q,p)" {
		t.Fatalf("bad upload: %q", e)
	}
}
