package metric

import (
	"math"
	"testing"
)

func TestEnergyError(t *testing.T) {
	for _, c := range []struct {
		hs          []float64
		abs, rel    float64
		description string
	}{
		{[]float64{2, 2.25, 1.5, 2}, 0.5, 0.25, "largest deviation either way"},
		{[]float64{-4, -3}, 1, 0.25, "relative to |H(0)|"},
		{[]float64{0, 1e-16, -2e-16}, 2e-16, 0.2, "zero initial energy: floor 1e-15"},
		{[]float64{1}, 0, 0, "one point"},
		{nil, 0, 0, "empty"},
	} {
		a, r := EnergyError(c.hs)
		if math.Abs(a-c.abs) > 1e-15 || math.Abs(r-c.rel) > 1e-15 {
			t.Errorf("%s: EnergyError(%v) = %v, %v; want %v, %v", c.description, c.hs, a, r, c.abs, c.rel)
		}
	}
	if a, r := EnergyError([]float64{1, math.NaN(), 1}); !math.IsNaN(a) || !math.IsNaN(r) {
		t.Errorf("NaN rollout: %v, %v", a, r)
	}
}

func TestDrift(t *testing.T) {
	got := Drift([]float64{1, 2, 0.5, 1, 1, 4, 1}, 3)
	// Windows {1, 2, 0.5}, {1, 1, 4}, {1}: largest |H(t) − H(0)| per window.
	want := []float64{1, 3, 0}
	if len(got) != len(want) {
		t.Fatalf("Drift = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Drift = %v, want %v", got, want)
		}
	}
	if Drift(nil, 5) != nil {
		t.Error("Drift of an empty rollout is not nil")
	}
	for _, f := range []func(){func() { Drift([]float64{1}, 0) }, func() { DriftRate([]float64{1}, -1) }} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("window < 1 did not panic")
				}
			}()
			f()
		}()
	}
}

// TestDriftRate tells a bounded oscillation from a linear drift.
func TestDriftRate(t *testing.T) {
	const n, period, a, amp = 10000, 100, 1e-6, 1e-3
	osc := make([]float64, n)
	lin := make([]float64, n)
	both := make([]float64, n)
	for i := range n {
		s := amp * math.Sin(2*math.Pi*float64(i)/period)
		osc[i] = 1 + s
		lin[i] = 1 - a*float64(i)
		both[i] = 1 + s + a*float64(i)
	}
	window := 2 * period
	if r := DriftRate(osc, window); math.Abs(r) > 1e-12 {
		t.Errorf("oscillation: DriftRate = %v, want 0", r)
	}
	if r := DriftRate(lin, window); math.Abs(r-a) > 1e-15 {
		t.Errorf("linear drift: DriftRate = %v, want %v", r, a)
	}
	if r := DriftRate(both, window); math.Abs(r-a) > 0.01*a {
		t.Errorf("oscillation + drift: DriftRate = %v, want %v", r, a)
	}
	// The per-window maxima show the same: flat for the oscillation, growing
	// for the drift, while the overall EnergyError cannot tell them apart.
	do, dl := Drift(osc, window), Drift(lin, window)
	if math.Abs(do[len(do)-1]-do[1]) > 1e-12 || dl[len(dl)-1] < 40*dl[0] {
		t.Errorf("Drift: oscillation %v…, drift %v…", do[:3], dl[:3])
	}
	if DriftRate(lin, n) != 0 || DriftRate(nil, 3) != 0 {
		t.Error("fewer than two windows should give 0")
	}
}
