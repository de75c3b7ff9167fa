package metric

import (
	"math"
	"testing"
)

// Errors C·h^p give the order p; the points that cannot be on a log–log
// line are skipped; too few points give NaN.
func TestOrder(t *testing.T) {
	hs := []float64{0.05, 0.1, 0.2, 0.4, 0.8}
	for _, p := range []float64{1, 2, 0.5, -1} {
		errs := make([]float64, len(hs))
		for i, h := range hs {
			errs[i] = 3 * math.Pow(h, p)
		}
		if got := Order(hs, errs); math.Abs(got-p) > 1e-12 {
			t.Errorf("C·h^%g: order %v", p, got)
		}
	}
	// A known least-squares fit: log-errors −1, 1, 0 at log-steps 0, 1, 2
	// have slope ((−1)(−1) + 0·1 + 1·0) / 2 = 0.5.
	e := math.E
	if got := Order([]float64{1, e, e * e}, []float64{1 / e, e, 1}); math.Abs(got-0.5) > 1e-12 {
		t.Errorf("three points: order %v, want 0.5", got)
	}
	// Zero, negative, infinite and NaN entries are skipped.
	if got := Order([]float64{0, 0.1, 0.2, -1, 0.4, 0.8}, []float64{1, 0.01, 0.04, 1, math.Inf(1), math.NaN()}); math.Abs(got-2) > 1e-12 {
		t.Errorf("with bad entries: order %v, want 2", got)
	}
	for _, c := range [][2][]float64{{nil, nil}, {{0.1}, {1}}, {{0.1, 0.1}, {1, 2}}, {{0.1, 0.2}, {0, 0}}} {
		if got := Order(c[0], c[1]); !math.IsNaN(got) {
			t.Errorf("Order(%v, %v) = %v, want NaN", c[0], c[1], got)
		}
	}
}
