package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeSpring writes five trajectories of the spring, q = a cos(t + φ),
// p = −a sin(t + φ), 0.1 apart, to a file in dir.
func writeSpring(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("t,q,p,id\n")
	for i := range 5 {
		a := 0.5 + 0.25*float64(i)
		for k := range 60 {
			tt := 0.1 * float64(k)
			fmt.Fprintf(&b, "%.17g,%.17g,%.17g,%d\n", tt, a*math.Cos(tt+float64(i)), -a*math.Sin(tt+float64(i)), i)
		}
	}
	path := filepath.Join(dir, "spring.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestFitData(t *testing.T) {
	path := writeSpring(t, t.TempDir())
	m := runJSON(t, "fit", "-data", path, "-system", "spring", "-width", "100")
	up, _ := m["upload"].(map[string]any)
	if up == nil || up["held_back"] != 59.0 || up["held_trajectories"] != 1.0 || up["format"] != "trajectories" ||
		m["snapshot_h"] != 0.1 || m["corrected"] == nil || m["points"] != 4*59.0 {
		t.Fatalf("report %v", m)
	}
	// The link holds the file's name: it trains the same data and network.
	again := runJSON(t, "fit", "-link", m["link"].(string))
	for _, k := range []string{"data_fingerprint", "hidden_fingerprint", "rel_l2_xdot"} {
		if again[k] != m[k] {
			t.Errorf("%s: %v from the link, %v from -data", k, again[k], m[k])
		}
	}
	// -holdout holds back more trajectories.
	half := runJSON(t, "fit", "-data", path, "-system", "spring", "-width", "100", "-holdout", "0.4")
	if up := half["upload"].(map[string]any); up["held_trajectories"] != 2.0 {
		t.Fatalf("-holdout 0.4: %v", up)
	}
	code, out, errs := runCLI(t, "fit", "-data", path, "-system", "spring", "-width", "100")
	if code != 0 || !strings.Contains(out, "your data") || !strings.Contains(out, "1 of 5 trajectories held back") {
		t.Fatalf("table: exit %d\n%s%s", code, out, errs)
	}
}

func TestFitDataErrors(t *testing.T) {
	dir := t.TempDir()
	path := writeSpring(t, dir)
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("t,q,p\n0,1,0\n0.1,x,0\n"), 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-data", filepath.Join(dir, "none.csv")}, "no such file (a link holds only the name of an uploaded file"},
		{[]string{"-data", bad}, `bad.csv: line 3, column 2 (q): "x" is not a number`},
		{[]string{"-data", path, "-holdout", "1.5"}, "-holdout must be a fraction between 0 and 1"},
		{[]string{"-data", path, "-train-csv", path}, "-data gives both the training and the test set"},
		{[]string{"-data", path, "-system", "double-pendulum"}, "-system: the file has 2 coordinates per state; the Double pendulum has 4"},
	} {
		code, _, errs := runCLI(t, append([]string{"fit"}, c.args...)...)
		if code == 0 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, errs, c.want)
		}
	}
}
