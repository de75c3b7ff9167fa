package main

import (
	"context"
	"strings"
	"testing"

	"hnnplay/core/experiment"
)

// hnnplay sweep prints the rows of experiment.Sweep and the orders: about 1
// for Ĥ and 2 for H_corr on the pendulum.
func TestSweepCommand(t *testing.T) {
	args := []string{"sweep", "-domain", "-pi,pi,-1,1", "-points", "1000", "-test-points", "1000", "-width", "100"}
	m := runJSON(t, args...)
	rows, ok := m["rows"].([]any)
	if !ok || len(rows) != 5 {
		t.Fatalf("rows: %v", m["rows"])
	}
	s, _ := experiment.Parse(map[string]string{"box": "-pi,pi,-1,1", "points": "1000", "test_points": "1000", "width": "100"})
	want, err := experiment.Sweep(context.Background(), s, experiment.SweepSteps, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		row := r.(map[string]any)
		e, c := row["errors"].(map[string]any), row["corrected"].(map[string]any)
		if numberOf(t, row, "h") != want.Rows[i].H || numberOf(t, e, "rel_l2_H") != want.Rows[i].Errors.H ||
			numberOf(t, c, "rel_l2_H") != want.Rows[i].Corrected.H {
			t.Errorf("row %d: %v, want %+v", i, row, want.Rows[i])
		}
	}
	if p := numberOf(t, m, "order_H"); p != want.Order || p < 0.9 || p > 1.1 {
		t.Errorf("order of Ĥ %v", p)
	}
	if p := numberOf(t, m, "corrected_order_H"); p != want.CorrectedOrder || p < 1.85 {
		t.Errorf("order of H_corr %v", p)
	}
	// The table: a line per step, then the orders.
	code, out, errs := runCLI(t, append(args, "-h-values", "0.1,0.2")...)
	if code != 0 || strings.Count(out, "e-0") != 4 || !strings.Contains(out, "Ĥ 1.0") || !strings.Contains(out, "H_corr 2.") {
		t.Errorf("exit %d, stderr %q, table:\n%s", code, errs, out)
	}
	// One step: no order.
	if _, out, _ := runCLI(t, append(args, "-h-values", "0.1")...); !strings.Contains(out, "Ĥ – (expect 1") {
		t.Errorf("one step:\n%s", out)
	}
}

// Bad steps and settings name the flag to change; the snapshot step is
// not a flag of the sweep.
func TestSweepCommandErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-h-values", "0.1,x"}, "-h-values: observation step 2"},
		{[]string{"-h-values", "0.1,0"}, "-h-values: observation step 2 of the sweep is 0"},
		{[]string{"-h-values", "3"}, "-h-values: observation step 1 of the sweep is 3"},
		{[]string{"-sampler", "swim"}, "-sampler: the swim sampler needs the true H"},
		{[]string{"-width", "0"}, "-width"},
		{[]string{"-snapshots", "0.1"}, "flag provided but not defined: -snapshots"},
		{[]string{"-points", "20000", "-width", "2000", "-max-memory", "100MB"}, "-max-memory"},
	} {
		code, _, errs := runCLI(t, append([]string{"sweep", "-points", "50", "-width", "5"}, c.args...)...)
		if code != 2 || !strings.Contains(errs, c.msg) {
			t.Errorf("%v: exit %d, stderr %q, want …%s…", c.args, code, errs, c.msg)
		}
	}
}
