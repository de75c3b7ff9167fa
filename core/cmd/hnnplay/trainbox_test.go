package main

import (
	"strings"
	"testing"
)

// -train-box trains in a part of the box: the report gives the errors
// inside it and outside it, which differ by orders of magnitude; with
// -train-csv it is refused, naming both flags.
func TestTrainBox(t *testing.T) {
	args := []string{"fit", "-system", "pendulum", "-train-box=-2,2,-1,1", "-points", "400", "-test-points", "600", "-width", "100"}
	m := runJSON(t, args...)
	in, _ := m["inside"].(map[string]any)
	out, _ := m["outside"].(map[string]any)
	if in == nil || out == nil {
		t.Fatalf("no inside or outside in %v", m)
	}
	eIn, eOut := numberOf(t, in, "rel_l2_H"), numberOf(t, out, "rel_l2_H")
	if numberOf(t, in, "points")+numberOf(t, out, "points") != 600 || !(eOut > 100*eIn) {
		t.Errorf("inside %v, outside %v", in, out)
	}
	if !strings.Contains(m["link"].(string), "&train_box=-2,2,-1,1&") {
		t.Errorf("link %q lacks the training region", m["link"])
	}
	code, stdout, stderr := runCLI(t, args...)
	if code != 0 || !strings.Contains(stdout, "train region") || !strings.Contains(stdout, "inside rel L2 H") ||
		!strings.Contains(stdout, "outside rel L2 H") {
		t.Errorf("exit %d, human report:\n%s%s", code, stdout, stderr)
	}
	// without it: no parts
	code, stdout, _ = runCLI(t, "fit", "-system", "pendulum", "-points", "400", "-width", "50")
	if code != 0 || strings.Contains(stdout, "inside") || strings.Contains(stdout, "train region") {
		t.Errorf("a fit without a region reports one:\n%s", stdout)
	}
	csv := writeFile(t, "train.csv", "q,p,dq,dp\n0,1,1,0\n0.5,0,0,-0.48\n")
	code, _, stderr = runCLI(t, "fit", "-system", "pendulum", "-train-box=-2,2,-1,1", "-train-csv", csv)
	if code == 0 || !strings.Contains(stderr, "-train-box") || !strings.Contains(stderr, "-train-csv") {
		t.Errorf("-train-box with -train-csv: exit %d, %s", code, stderr)
	}
	code, _, stderr = runCLI(t, "fit", "-system", "pendulum", "-train-box=-2,9,-1,1")
	if code == 0 || !strings.Contains(stderr, "-train-box: Training region: q from -2 to 9 reaches outside the box") {
		t.Errorf("a region beyond the box: exit %d, %s", code, stderr)
	}
}
