package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"hnnplay/core/data"
	"hnnplay/core/experiment"
	"hnnplay/core/system"
)

// runCLI runs the command line in-process and returns its outputs.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// runJSON runs a command with -json and decodes its one object.
func runJSON(t *testing.T, args ...string) map[string]any {
	t.Helper()
	code, out, errs := runCLI(t, append(args, "-json")...)
	if code != 0 {
		t.Fatalf("%v: exit %d, stderr %q", args, code, errs)
	}
	dec := json.NewDecoder(strings.NewReader(out))
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("%v: output is not JSON: %v\n%s", args, err, out)
	}
	if dec.More() {
		t.Fatalf("%v: more than one JSON value in\n%s", args, out)
	}
	return m
}

func numberOf(t *testing.T, m map[string]any, key string) float64 {
	t.Helper()
	v, ok := m[key].(float64)
	if !ok {
		t.Fatalf("key %q: %v is not a number", key, m[key])
	}
	return v
}

func TestFitJSON(t *testing.T) {
	m := runJSON(t, "fit", "-system", "pendulum", "-points", "2000", "-test-points", "2000", "-width", "200")
	for _, k := range []string{"system", "sampler", "width", "points", "seed", "fit_seconds", "rank",
		"rel_l2_H", "rel_l2_grad", "rel_l2_xdot", "sample_seconds", "assemble_seconds", "solve_seconds",
		"residual", "params", "domain"} {
		if _, ok := m[k]; !ok {
			t.Errorf("missing key %q", k)
		}
	}
	if m["system"] != "pendulum" || m["sampler"] != "aswim" || numberOf(t, m, "width") != 200 || numberOf(t, m, "points") != 2000 {
		t.Errorf("settings not echoed: %v", m)
	}
	if e := numberOf(t, m, "rel_l2_H"); !(e < 1e-4) {
		t.Errorf("rel_l2_H = %v, want < 1e-4", e)
	}
	if s := numberOf(t, m, "fit_seconds"); !(s > 0 && s >= numberOf(t, m, "solve_seconds")) {
		t.Errorf("fit_seconds = %v", s)
	}
}

func TestFitHuman(t *testing.T) {
	code, out, errs := runCLI(t, "fit", "-system", "spring", "-points", "300", "-test-points", "300", "-width", "50")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{"system", "spring", "rel L2 H", "rank"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestSnapshots(t *testing.T) {
	m := runJSON(t, "fit", "-domain", "-pi,pi,-1,1", "-points", "1000", "-test-points", "1000", "-width", "100",
		"-snapshots", "0.1")
	c, ok := m["corrected"].(map[string]any)
	if !ok {
		t.Fatalf("no corrected errors in %v", m)
	}
	if e, ec := numberOf(t, m, "rel_l2_H"), numberOf(t, c, "rel_l2_H"); !(ec < e/5) {
		t.Errorf("corrected error %v is not well below the uncorrected %v", ec, e)
	}
	if numberOf(t, m, "snapshot_h") != 0.1 || m["train"] != "snapshots" {
		t.Errorf("snapshot settings not echoed: %v", m)
	}
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func writeSet(t *testing.T, name string, s *data.Set) string {
	t.Helper()
	var b bytes.Buffer
	if err := data.WriteCSV(&b, s); err != nil {
		t.Fatal(err)
	}
	return writeFile(t, name, b.String())
}

func TestBadInput(t *testing.T) {
	dp := system.NewDoublePendulum()
	dpSet, err := data.Uniform(dp, dp.Box(), 5, 1)
	if err != nil {
		t.Fatal(err)
	}
	wrongDof := writeSet(t, "dp.csv", dpSet)
	malformed := writeFile(t, "bad.csv", "q1,p1,dq1,dp1\n0.1,0.2,0.3,0.4\n0.1,oops,0.3,0.4\n")
	notModel := writeFile(t, "model.json", "{not json")
	bareModel := writeFile(t, "bare.json", `{"d":2,"m":1,"w":[1,2],"b":[0],"c":[1],"c0":0}`+"\n")
	otherFormat := writeFile(t, "other.json", `{"format":"png","version":1}`)
	missing := filepath.Join(t.TempDir(), "missing.csv")
	for _, args := range [][]string{
		{},
		{"nope"},
		{"fit", "-bogus"},
		{"fit", "stray"},
		{"fit", "-width", "0"},
		{"fit", "-width", "x"},
		{"fit", "-points", "0"},
		{"fit", "-test-points", "-3"},
		{"fit", "-noise", "NaN"},
		{"fit", "-noise", "-1"},
		{"fit", "-rcond", "NaN"},
		{"fit", "-rcond", "0"},
		{"fit", "-domain", "1,0,-1,1"},
		{"fit", "-domain", "0,1"},
		{"fit", "-domain", "a,1,-1,1"},
		{"fit", "-domain", "0,NaN,-1,1"},
		{"fit", "-system", "nope"},
		{"fit", "-sampler", "nope"},
		{"fit", "-solver", "nope"},
		{"fit", "-param", "f"},
		{"fit", "-param", "zz=1"},
		{"fit", "-param", "f=NaN"},
		{"fit", "-param", "f=1", "-param", "f=2"},
		{"fit", "-snapshots", "-1"},
		{"fit", "-snapshots", "0.1", "-train-csv", wrongDof},
		{"fit", "-sampler", "swim", "-snapshots", "0.1", "-points", "50"},
		{"fit", "-train-csv", missing},
		{"fit", "-train-csv", malformed},
		{"fit", "-test-csv", wrongDof, "-points", "50"},
		{"fit", "-save", filepath.Join(missing, "sub", "m.json"), "-points", "50", "-test-points", "10", "-width", "5"},
		{"adam", "-lr", "-1"},
		{"adam", "-batch", "0"},
		{"adam", "-width", "0"},
		{"race", "-steps", "0", "-budget", "0"},
		{"race", "-budget", "NaN"},
		{"race", "-threads", "-1"},
		{"rollout", "-integrator", "nope"},
		{"rollout", "-integrator", "stormer-verlet"},
		{"rollout", "-h", "0"},
		{"rollout", "-h", "Inf"},
		{"rollout", "-steps", "0"},
		{"rollout", "-x0", "1"},
		{"rollout", "-x0", "1,NaN"},
		{"rollout", "-model", missing},
		{"rollout", "-model", notModel},
		{"rollout", "-system", "double-pendulum", "-model", notModel},
		{"rollout", "-model", bareModel},
		{"rollout", "-model", otherFormat},
	} {
		code, out, errs := runCLI(t, args...)
		if code != 2 {
			t.Errorf("%q: exit %d, want 2 (stderr %q)", args, code, errs)
			continue
		}
		if strings.Count(errs, "\n") != 1 || !strings.HasSuffix(errs, "\n") || len(errs) < 10 {
			t.Errorf("%q: stderr %q is not one line", args, errs)
		}
		if out != "" {
			t.Errorf("%q: unexpected stdout %q", args, out)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"help"}, {"fit", "-h"}, {"adam", "-help"}, {"race", "-h"},
		{"rollout", "-h"}, {"rollout", "-help"}, {"rollout", "-width", "5", "-h"}} {
		code, out, errs := runCLI(t, args...)
		if code != 0 || errs != "" || !strings.Contains(out, "usage: hnnplay") {
			t.Errorf("%q: exit %d, stderr %q, stdout %q", args, code, errs, out)
		}
	}
	if !helpRequested([]string{"-h"}) || helpRequested([]string{"-h", "0.05"}) || helpRequested([]string{"-h", "-0.05"}) ||
		!helpRequested([]string{"-h", "-json"}) {
		t.Error("helpRequested misreads rollout's -h")
	}
}

// A data set written with data.WriteCSV and read back gives exactly the fit
// of the same data generated in memory.
func TestCSVRoundTrip(t *testing.T) {
	sys := system.NewPendulum()
	train, test, err := data.TrainTest(sys, sys.Box(), 500, 300, 3943)
	if err != nil {
		t.Fatal(err)
	}
	trainCSV, testCSV := writeSet(t, "train.csv", train), writeSet(t, "test.csv", test)
	test.H = nil
	testNoH := writeSet(t, "test-noh.csv", test)

	// The box of the CSV files: the system's own (the page's default box may differ).
	base := runJSON(t, "fit", "-points", "500", "-test-points", "300", "-width", "100", "-data-seed", "3943",
		"-domain", experiment.FormatBox(sys.Box()))
	fromCSV := runJSON(t, "fit", "-train-csv", trainCSV, "-test-csv", testCSV, "-width", "100")
	noH := runJSON(t, "fit", "-train-csv", trainCSV, "-test-csv", testNoH, "-width", "100")
	for _, k := range []string{"rel_l2_H", "rel_l2_grad", "rel_l2_xdot", "rank"} {
		if numberOf(t, fromCSV, k) != numberOf(t, base, k) || numberOf(t, noH, k) != numberOf(t, base, k) {
			t.Errorf("%s: CSV %v, CSV without H %v, generated %v", k, fromCSV[k], noH[k], base[k])
		}
	}
	if fromCSV["train"] != trainCSV || numberOf(t, fromCSV, "points") != 500 || numberOf(t, fromCSV, "test_points") != 300 {
		t.Errorf("CSV sources not reported: %v", fromCSV)
	}
	// Training from CSV with a generated test set works too.
	if m := runJSON(t, "fit", "-train-csv", trainCSV, "-test-points", "200", "-width", "100"); numberOf(t, m, "test_points") != 200 {
		t.Errorf("generated test set: %v", m)
	}
}

func TestRollout(t *testing.T) {
	model := filepath.Join(t.TempDir(), "model.json")
	code, _, errs := runCLI(t, "fit", "-points", "1000", "-test-points", "500", "-width", "150", "-save", model)
	if code != 0 {
		t.Fatalf("fit -save: exit %d, %s", code, errs)
	}
	args := []string{"rollout", "-points", "1000", "-test-points", "500", "-width", "150", "-steps", "2000"}
	fitted := runJSON(t, args...)
	loaded := runJSON(t, "rollout", "-model", model, "-steps", "2000")
	if numberOf(t, fitted, "learned_steps") != 2000 || numberOf(t, fitted, "true_steps") != 2000 {
		t.Fatalf("rollout incomplete: %v", fitted)
	}
	// Implicit midpoint is symplectic: bounded energy error, no drift.
	if e := numberOf(t, fitted, "learned_energy_error"); !(e < 1e-2) {
		t.Errorf("learned energy error %v, want < 1e-2", e)
	}
	if e := numberOf(t, fitted, "true_energy_error"); !(e < 1e-2) {
		t.Errorf("true energy error %v, want < 1e-2", e)
	}
	if r := numberOf(t, fitted, "learned_drift_rate"); !(math.Abs(r) < 1e-5) {
		t.Errorf("learned drift rate %v, want ≈ 0", r)
	}
	if d := numberOf(t, fitted, "max_distance"); !(d < 0.5 && d >= numberOf(t, fitted, "end_distance")) {
		t.Errorf("distances: max %v, end %v", d, fitted["end_distance"])
	}
	// The saved model rolls out exactly like the fitted one.
	for _, k := range []string{"learned_energy_error", "learned_drift_rate", "end_distance", "max_distance"} {
		if fitted[k] != loaded[k] {
			t.Errorf("%s: fitted %v, loaded %v", k, fitted[k], loaded[k])
		}
	}
	if fitted["fit"] == nil || loaded["fit"] != nil || loaded["model"] != model {
		t.Errorf("model source not reported: fit %v, loaded %v", fitted["fit"], loaded["model"])
	}
	// RK4 is not symplectic: it works, and a non-default start is honoured.
	rk := runJSON(t, "rollout", "-model", model, "-integrator", "rk4", "-x0", "0.5,0", "-h", "0.05", "-steps", "500")
	if x0, _ := rk["x0"].([]any); len(x0) != 2 || x0[0] != 0.5 || numberOf(t, rk, "h") != 0.05 {
		t.Errorf("rollout settings not honoured: %v", rk)
	}
	code, out, _ := runCLI(t, "rollout", "-model", model, "-steps", "100")
	if code != 0 || !strings.Contains(out, "max |H−H0|") {
		t.Errorf("human rollout: exit %d\n%s", code, out)
	}
}

func TestAdam(t *testing.T) {
	m := runJSON(t, "adam", "-points", "500", "-test-points", "500", "-width", "50", "-steps", "100", "-batch", "128")
	if numberOf(t, m, "steps") != 100 || !(numberOf(t, m, "train_seconds") > 0) {
		t.Errorf("steps %v in %v s", m["steps"], m["train_seconds"])
	}
	for _, k := range []string{"rel_l2_H", "rel_l2_grad", "rel_l2_xdot", "loss"} {
		if v := numberOf(t, m, k); !(v >= 0 && v < 10) {
			t.Errorf("%s = %v", k, v)
		}
	}
	code, out, _ := runCLI(t, "adam", "-points", "200", "-test-points", "200", "-width", "20", "-steps", "10")
	if code != 0 || !strings.Contains(out, "10 steps") {
		t.Errorf("human adam: exit %d\n%s", code, out)
	}
}

func TestRace(t *testing.T) {
	m := runJSON(t, "race", "-points", "500", "-test-points", "500", "-width", "100", "-steps", "200", "-batch", "256")
	sampled, adamT := numberOf(t, m, "sampled_seconds"), numberOf(t, m, "adam_seconds")
	speedup := numberOf(t, m, "speedup")
	if !(speedup > 1) {
		t.Errorf("speed-up %v, want > 1 (sampled %v s, Adam %v s)", speedup, sampled, adamT)
	}
	reached, _ := m["reached"].(bool)
	lower, _ := m["speedup_lower_bound"].(bool)
	if reached == lower {
		t.Errorf("reached %v and lower bound %v", reached, lower)
	}
	curve, _ := m["curve"].([]any)
	if len(curve) < 2 {
		t.Fatalf("curve %v", m["curve"])
	}
	last := curve[len(curve)-1].(map[string]any)
	if numberOf(t, last, "seconds") != adamT || numberOf(t, last, "steps") != numberOf(t, m, "adam_steps") {
		t.Errorf("last curve point %v, Adam %v s, %v steps", last, adamT, m["adam_steps"])
	}
	best := math.Inf(1)
	for _, p := range curve {
		best = math.Min(best, numberOf(t, p.(map[string]any), "rel_l2_H"))
	}
	if best != numberOf(t, m, "adam_best_rel_l2_H") {
		t.Errorf("best error %v, curve minimum %v", m["adam_best_rel_l2_H"], best)
	}
	if reached {
		if numberOf(t, m, "adam_best_rel_l2_H") > numberOf(t, m, "sampled_rel_l2_H") {
			t.Error("reached, yet Adam's best error is above the sampled one")
		}
		if got := numberOf(t, m, "time_to_reach") / sampled; math.Abs(got-speedup) > 1e-9*speedup {
			t.Errorf("speed-up %v, time to reach / sampled time = %v", speedup, got)
		}
	} else {
		if numberOf(t, m, "adam_steps") != 200 || best <= numberOf(t, m, "sampled_rel_l2_H") {
			t.Errorf("not reached after %v steps with best %v", m["adam_steps"], best)
		}
		if got := adamT / sampled; math.Abs(got-speedup) > 1e-9*speedup {
			t.Errorf("speed-up %v, Adam time / sampled time = %v", speedup, got)
		}
	}
	if s, _ := m["text"].(string); !strings.Contains(s, "Adam") {
		t.Errorf("summary %q", s)
	}
}

// fit -save writes a model file with the settings and the report; rollout
// -model takes the system, its parameters and the box from it, refuses
// flags and links that disagree, and warns of a start far outside the box.
func TestModelFile(t *testing.T) {
	dir := t.TempDir()
	lv := filepath.Join(dir, "lv.json")
	code, _, errs := runCLI(t, "fit", "-system", "lotka-volterra", "-domain", "-1.5,2,-2.5,1.5", "-points", "400",
		"-test-points", "100", "-width", "60", "-save", lv)
	if code != 0 {
		t.Fatalf("fit -save: exit %d, %s", code, errs)
	}
	b, err := os.ReadFile(lv)
	if err != nil {
		t.Fatal(err)
	}
	f, err := experiment.ReadModelFile(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if f.Settings.System != "lotka-volterra" || f.Settings.Width != 60 || f.Model.M != 60 || f.Points != nil ||
		!bytes.Contains(f.Report, []byte(`"data_fingerprint":`)) || bytes.Contains(f.Report, []byte(`"saved"`)) {
		t.Errorf("the saved file: settings %+v, report %s, %d points", f.Settings, f.Report, len(f.Points))
	}

	// The system and the box are the file's, with or without flags that agree.
	link := experiment.LinkOf(f.Settings, experiment.GroupData, experiment.GroupNetwork)
	for _, args := range [][]string{
		{},
		{"-system", "lotka-volterra", "-domain", "-1.5, 2, -2.5, 1.5", "-width", "60", "-points", "400"},
		{"-param", "alpha=-2.0", "-param", "preset=zero-centred"},
		{"-link", link},
		{"-link", "https://example.org/#system=lotka-volterra&width=60&integrator=rk4", "-h", "0.01"},
	} {
		m := runJSON(t, append([]string{"rollout", "-model", lv, "-steps", "50"}, args...)...)
		dom, _ := m["domain"].(map[string]any)
		if m["system"] != "lotka-volterra" || !slices.Equal(dom["lo"].([]any), []any{-1.5, -2.5}) || m["model"] != lv ||
			numberOf(t, m, "learned_steps") != 50 || m["warning"] != nil {
			t.Errorf("%q: %v", args, m)
		}
		if slices.Contains(args, "-h") && (m["integrator"] != "rk4" || numberOf(t, m, "h") != 0.01) {
			t.Errorf("%q: the integrator of the link and -h not taken: %v", args, m)
		}
	}

	// Flags and links that disagree are refused, naming both.
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-system", "pendulum"}, "hnnplay rollout: the model was trained on lotka-volterra, -system says pendulum\n"},
		{[]string{"-system", "pendulum", "-domain", "-1,1,-1,1"}, "the model was trained on lotka-volterra, -system says pendulum\n"},
		{[]string{"-param", "alpha=-3"}, "the model was trained with the default parameters, -param says alpha=-3\n"},
		{[]string{"-param", "preset=shifted"}, "the model was trained with the default parameters, -param says preset=shifted\n"},
		{[]string{"-domain", "-2,2,-2,2"}, "the model was trained on the box -1.5,2,-2.5,1.5, -domain says -2,2,-2,2\n"},
		{[]string{"-width", "61"}, "the model was trained with width 60, -width says 61\n"},
		{[]string{"-data-seed", "2"}, "the model was trained with data seed 1, -data-seed says 2\n"},
		{[]string{"-link", "system=pendulum&width=60"}, "the model was trained on lotka-volterra, -link says pendulum\n"},
		{[]string{"-link", "system=lotka-volterra&p.alpha=1"}, "-link says alpha=1\n"},
		{[]string{"-link", "system=lotka-volterra", "-width", "30"}, "the model was trained with width 60, -width says 30\n"},
		{[]string{"-domain", "0,1"}, "hnnplay rollout: -domain: Box needs 4 numbers"},
		{[]string{"-system", "nope"}, "hnnplay rollout: -system: System must be one of"},
		{[]string{"-link", "system=lotka-volterra&points=x"}, "hnnplay rollout: -link: Points must be a whole number"},
		{[]string{"-integrator", "nope"}, "hnnplay rollout: -integrator: Integrator must be one of"},
	} {
		code, out, errs := runCLI(t, append([]string{"rollout", "-model", lv, "-steps", "50"}, c.args...)...)
		if code != 2 || out != "" || !strings.Contains(errs, c.want) || strings.Count(errs, "\n") != 1 {
			t.Errorf("%q: exit %d, stdout %q, stderr %q, want exit 2 and %q", c.args, code, out, errs, c.want)
		}
	}

	// A model file written by an older hnnplay: a bare model.
	bare := writeFile(t, "old.json", `{"d":2,"m":60,"w":[],"b":[],"c":[],"c0":0}`)
	code, out, errs := runCLI(t, "rollout", "-model", bare)
	if code != 2 || out != "" || errs != "hnnplay rollout: "+bare+": the file holds a bare model, written by an older hnnplay; fit and save it again\n" {
		t.Errorf("an old file: exit %d, stderr %q", code, errs)
	}

	// A start far outside the box warns, on one line of stderr, and the rollout runs.
	jsonOf := func(args ...string) (map[string]any, string) {
		t.Helper()
		code, out, errs := runCLI(t, append(args, "-json")...)
		var m map[string]any
		if code != 0 || json.Unmarshal([]byte(out), &m) != nil {
			t.Fatalf("%v: exit %d, %s", args, code, errs)
		}
		return m, errs
	}
	near, warned := jsonOf("rollout", "-model", lv, "-x0", "2.8,-1", "-steps", "10")
	if warned != "" || near["warning"] != nil {
		t.Errorf("a start within a quarter of the box warns: %q", warned)
	}
	far, warned := jsonOf("rollout", "-model", lv, "-x0", "3,-1", "-steps", "10")
	const want = "hnnplay rollout: warning: x0 = (3, -1) lies outside the box the model was trained on, [-1.5, 2] × [-2.5, 1.5], " +
		"by more than 25 % of its width in q: the network was not trained there\n"
	if warned != want || far["warning"] != strings.TrimSuffix(strings.TrimPrefix(want, "hnnplay rollout: warning: "), "\n") {
		t.Errorf("far start: warning %q, report %v", warned, far["warning"])
	}
	code, out, warnedText := runCLI(t, "rollout", "-model", lv, "-x0", "-5,9", "-steps", "10")
	if code != 0 || !strings.Contains(out, "max |H−H0|") || !strings.Contains(warnedText, "width in q, p: the network was not trained there") {
		t.Errorf("far start, human report: exit %d, warning %q", code, warnedText)
	}

	// adam -save writes a model file too, with Adam's report.
	am := filepath.Join(dir, "adam.json")
	if code, _, errs := runCLI(t, "adam", "-points", "200", "-test-points", "100", "-width", "20", "-steps", "20", "-save", am); code != 0 {
		t.Fatalf("adam -save: exit %d, %s", code, errs)
	}
	b, _ = os.ReadFile(am)
	if af, err := experiment.ReadModelFile(bytes.NewReader(b)); err != nil || !bytes.Contains(af.Report, []byte(`"trainer":"adam"`)) {
		t.Fatalf("adam's model file: %v", err)
	}
	if m := runJSON(t, "rollout", "-model", am, "-steps", "20"); numberOf(t, m, "steps") != 20 || m["system"] != "pendulum" {
		t.Errorf("rollout of Adam's model: %v", m)
	}
}
