package experiment

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"hnnplay/core/fit"
	"hnnplay/core/metric"
	"hnnplay/core/system"
)

var update = flag.Bool("update", false, "rewrite testdata/fingerprints.txt")

func mustFit(t *testing.T, values map[string]string) (*Result, *Data) {
	t.Helper()
	s, err := Parse(values)
	if err != nil {
		t.Fatal(err)
	}
	d, err := NewData(s)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Fit(s, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r, d
}

// The fingerprints of every system and sampler are the same on every
// platform: `make test` runs this natively and under WebAssembly against the
// same file, so the page (wasm) and the command line (native) train on
// bit-identical data with bit-identical hidden layers. After a deliberate
// change of the data or the samplers, rewrite the file with -update.
func TestFingerprintsAcrossPlatforms(t *testing.T) {
	const path = "testdata/fingerprints.txt"
	var lines []string
	for _, sys := range Lookup("system").Options {
		for _, sm := range Lookup("sampler").Options {
			r, _ := mustFit(t, map[string]string{"system": sys.Value, "sampler": sm.Value, "points": "300", "test_points": "100",
				"width": "40", "noise": "0.01", "data_seed": "7", "seed": "11"})
			lines = append(lines, fmt.Sprintf("%s %s data %s hidden %s", sys.Value, sm.Value, r.DataFingerprint, r.HiddenFingerprint))
		}
	}
	if *update {
		if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var want []string
	for sc := bufio.NewScanner(f); sc.Scan(); {
		want = append(want, sc.Text())
	}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("fingerprints differ from %s (another platform wrote it, or the data changed):\n got %q\nwant %q", path, lines, want)
	}
}

// A fit is scored by metric.Evaluate on the test set; the fingerprints
// follow the data and the hidden layer, and nothing else.
func TestFit(t *testing.T) {
	base := map[string]string{"system": "pendulum", "points": "800", "test_points": "400", "width": "150"}
	r, d := mustFit(t, base)
	if e := metric.Evaluate(r.Model, d.Test, d.Sys); e != r.Errors {
		t.Errorf("errors %+v, metric.Evaluate %+v", r.Errors, e)
	}
	if !(r.Errors.H < 1e-3) || r.TrainPoints != 800 || r.TestPoints != 400 || r.Fit.Rank < 1 {
		t.Errorf("result %+v", r)
	}
	// The same settings give the same bits.
	again, _ := mustFit(t, base)
	if again.DataFingerprint != r.DataFingerprint || again.HiddenFingerprint != r.HiddenFingerprint ||
		!reflect.DeepEqual(again.Model.C, r.Model.C) {
		t.Error("the same settings gave a different model")
	}
	with := func(k, v string) *Result {
		m := map[string]string{}
		for key, x := range base {
			m[key] = x
		}
		m[k] = v
		res, _ := mustFit(t, m)
		return res
	}
	if o := with("seed", "2"); o.DataFingerprint != r.DataFingerprint || o.HiddenFingerprint == r.HiddenFingerprint {
		t.Error("the network seed must change the hidden layer and not the data")
	}
	if o := with("data_seed", "2"); o.DataFingerprint == r.DataFingerprint {
		t.Error("the data seed must change the data")
	}
	if o := with("noise", "0.1"); o.DataFingerprint == r.DataFingerprint {
		t.Error("noise must change the data")
	}
	if o := with("test_points", "300"); o.DataFingerprint != r.DataFingerprint || o.HiddenFingerprint != r.HiddenFingerprint {
		t.Error("the test set must not change the training data or the network")
	}
	// Limited data: the corrected Ĥ is scored too, and does better.
	sn, _ := mustFit(t, map[string]string{"box": "-pi,pi,-1,1", "points": "1000", "width": "100", "snapshots": "0.1"})
	if sn.Corrected == nil || !(sn.Corrected.H < sn.Errors.H/5) || sn.TrainSource != "snapshots" {
		t.Errorf("snapshots: errors %+v, corrected %+v", sn.Errors, sn.Corrected)
	}
}

func TestFingerprint(t *testing.T) {
	a := []float64{1, 2, 3}
	b := []float64{1, 2, math.Nextafter(3, 4)}
	if Fingerprint(a) == Fingerprint(b) || len(Fingerprint(a)) != 16 {
		t.Error("a one-ulp change must change the fingerprint")
	}
	// The slices' boundaries count.
	if Fingerprint([]float64{1, 2}, []float64{3}) == Fingerprint([]float64{1}, []float64{2, 3}) {
		t.Error("the split between slices must count")
	}
	if Fingerprint(nil) == Fingerprint() {
		t.Error("an empty slice must count")
	}
}

// The result's JSON carries the settings, the diagnostics, the errors and
// the fingerprints, and its link gives the same settings back.
func TestResultJSON(t *testing.T) {
	r, _ := mustFit(t, map[string]string{"system": "double-pendulum", "p.m1": "2", "points": "200", "test_points": "50", "width": "30", "sampler": "uswim"})
	b, err := r.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	for _, k := range []string{"system", "params", "domain", "points", "test_points", "data_seed", "width", "sampler", "rcond", "seed",
		"fit_seconds", "rank", "residual", "rel_l2_H", "rel_l2_grad", "rel_l2_xdot", "data_fingerprint", "hidden_fingerprint", "link"} {
		if _, ok := m[k]; !ok {
			t.Errorf("no %q in %s", k, b)
		}
	}
	if m["data_fingerprint"] != r.DataFingerprint || m["rel_l2_H"] != r.Errors.H || m["system"] != "double-pendulum" {
		t.Errorf("JSON %s", b)
	}
	values, err := ParseLink(m["link"].(string))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(values)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range Keys(GroupData, GroupNetwork) {
		if Values(s)[k] != Values(r.Settings)[k] {
			t.Errorf("%s: %q from the link, %q fitted", k, Values(s)[k], Values(r.Settings)[k])
		}
	}
	if s.Params["m1"] != "2" {
		t.Errorf("params from the link: %v", s.Params)
	}
}

// A race of the settings: the sampled network is the fit of the same
// settings, and Adam respects the settings' limits.
func TestNewRace(t *testing.T) {
	s, _ := Parse(map[string]string{"points": "300", "test_points": "200", "width": "30", "adam_steps": "20", "adam_batch": "5000"})
	d, err := NewData(s)
	if err != nil {
		t.Fatal(err)
	}
	rc, err := NewRace(s, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := rc.Run(nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Fit(s, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rc.Sampled().Model.C, r.Model.C) || sum.SampledError != r.Errors.H {
		t.Error("the race's sampled network is not the fit of the same settings")
	}
	if sum.AdamSteps > 20 || rc.Config().Adam.Batch != 300 || rc.Config().Adam.LR != s.AdamLR {
		t.Errorf("Adam: %d steps, config %+v", sum.AdamSteps, rc.Config().Adam)
	}
	if sum.Reason == "" {
		t.Error("no reason for the end of the race")
	}
	_ = fit.ASWIM
}

// Each system's preset fits well enough for the page's quality light to
// call it at least fair (relative error of H below 1e-2), and its larger
// setting, where it has one, fits better, as its note promises. The
// spring has no preset: the table's defaults.
func TestPresetsFit(t *testing.T) {
	fitErr := func(values map[string]string) float64 {
		t.Helper()
		r, _ := mustFit(t, values)
		return r.Errors.H
	}
	for _, name := range system.Names() {
		e := fitErr(map[string]string{"system": name})
		t.Logf("%s: relative error of H %.2g", name, e)
		if !(e < 1e-2) {
			t.Errorf("%s: the preset's relative error of H is %.2g, want < 1e-2", name, e)
		}
		p := Presets[name]
		if len(p.Larger) == 0 || testing.Short() {
			continue
		}
		larger := maps.Clone(p.Larger)
		larger["system"] = name
		if el := fitErr(larger); !(el < e) {
			t.Errorf("%s: the larger setting's error %.2g is not below the preset's %.2g", name, el, e)
		} else {
			t.Logf("%s: larger setting %v: %.2g", name, p.Larger, el)
		}
	}
}
