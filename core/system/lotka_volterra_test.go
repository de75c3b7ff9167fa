package system

import (
	"math"
	"testing"
)

func TestLotkaVolterra(t *testing.T) {
	for _, s := range []*LotkaVolterra{NewLotkaVolterra(), NewLotkaVolterraShifted()} {
		checkSystem(t, s)
		if h, want := s.H(s.Anchor()), s.Delta+s.Beta; !near(h, want, 1e-15) {
			t.Errorf("H(0) = %v, want δ+β = %v", h, want)
		}
		// Zero gradient at the equilibrium (ln(α/β), ln(γ/δ)).
		g := make([]float64, 2)
		s.Grad(g, []float64{math.Log(s.Alpha / s.Beta), math.Log(s.Gamma / s.Delta)})
		if math.Abs(g[0]) > 1e-14 || math.Abs(g[1]) > 1e-14 {
			t.Errorf("gradient at equilibrium = %v", g)
		}
		checkGradient(t, s, 100, 1e-9)
		checkHessian(t, s, 50, 1e-9)
		checkNoAlloc(t, s)
	}
	if h := NewLotkaVolterra().H(NewLotkaVolterra().Anchor()); h != -2 {
		t.Errorf("zero-centred H₀ = %v, want -2", h)
	}
	if h := NewLotkaVolterraShifted().H([]float64{0, 0}); !near(h, 0.095, 1e-15) {
		t.Errorf("shifted H₀ = %v, want 0.095", h)
	}
	if b := NewLotkaVolterraShifted().Box(); b.Lo[0] != 0 || b.Hi[1] != 8 {
		t.Errorf("shifted box = %v", b)
	}
	// Empty Domain falls back to [−2, 2]².
	if b := (LotkaVolterra{Alpha: 1, Beta: 1, Gamma: 1, Delta: 1}).Box(); b.Lo[0] != -2 || b.Hi[1] != 2 {
		t.Errorf("fallback box = %v", b)
	}
}
