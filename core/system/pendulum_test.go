package system

import (
	"math"
	"testing"
)

func TestPendulum(t *testing.T) {
	s := NewPendulum()
	checkSystem(t, s)
	for _, c := range []struct{ q, p, h float64 }{
		{0, 0, 0},
		{math.Pi, 0, 2},
		{-math.Pi, 0, 2},
		{math.Pi / 2, 0, 1},
		{0, 1, 0.5},
		{2 * math.Pi, 2, 2},
	} {
		if h := s.H([]float64{c.q, c.p}); !near(h, c.h, 1e-15) {
			t.Errorf("H(%v, %v) = %v, want %v", c.q, c.p, h, c.h)
		}
	}
	// Small angles keep full relative accuracy: H ≈ q²/2.
	if h := s.H([]float64{1e-9, 0}); math.Abs(h/5e-19-1) > 1e-15 {
		t.Errorf("H(1e-9, 0) = %v, want 5e-19", h)
	}
	// m=2, l=3, g=4, f=5: H(π/5, 0) = 2·m g l = 48, kinetic p²/(2·2·9).
	p := &Pendulum{M: 2, L: 3, G: 4, F: 5}
	if h := p.H([]float64{math.Pi / 5, 6}); !near(h, 48+1, 1e-14) {
		t.Errorf("H = %v, want 49", h)
	}
	for _, p := range []*Pendulum{s, {M: 2, L: 0.5, G: 9.81, F: 1}, {M: 1, L: 1, G: 1, F: 20}, {M: 0.3, L: 2, G: -1, F: 3}} {
		checkGradient(t, p, 100, 1e-9)
		checkHessian(t, p, 50, 1e-9)
	}
	checkNoAlloc(t, s)
}
