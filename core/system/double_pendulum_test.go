package system

import (
	"math"
	"testing"
)

func TestDoublePendulum(t *testing.T) {
	s := NewDoublePendulum()
	checkSystem(t, s)
	if s.Separable() {
		t.Error("double pendulum reported separable")
	}
	if h := s.H(s.Anchor()); h != -3 {
		t.Errorf("H(0) = %v, want -3", h)
	}
	// Both rods up, at rest: potential +3.
	if h := s.H([]float64{math.Pi, math.Pi, 0, 0}); !near(h, 3, 1e-15) {
		t.Errorf("H(π,π,0,0) = %v, want 3", h)
	}
	// q₁ = q₂ = 0: s = 0, c = 1, Dn = m₁, kinetic energy
	// [m₂l₂²p₁² + (m₁+m₂)l₁²p₂² − 2m₂l₁l₂p₁p₂]/(2m₂l₁²l₂²m₁) = (1 + 2·4 − 2·2)/2 = 2.5
	// for p = (1, 2).
	if h := s.H([]float64{0, 0, 1, 2}); !near(h, 2.5-3, 1e-15) {
		t.Errorf("H(0,0,1,2) = %v, want -0.5", h)
	}
	for _, p := range []*DoublePendulum{s, {M1: 2, M2: 0.5, L1: 1.5, L2: 0.7, G: 9.81}, {M1: 0.1, M2: 3, L1: 0.4, L2: 2, G: 1}} {
		checkGradient(t, p, 200, 1e-9)
		// Hessian by central differences: ~1e-10 relative, test at 1e-7.
		checkHessian(t, p, 50, 1e-7)
	}
	checkNoAlloc(t, s)
}
