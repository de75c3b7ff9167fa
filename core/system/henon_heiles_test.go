package system

import "testing"

func TestHenonHeiles(t *testing.T) {
	s := NewHenonHeiles()
	checkSystem(t, s)
	if h := s.H(s.Anchor()); h != 0 {
		t.Errorf("H(0) = %v, want 0", h)
	}
	// The saddle at q = (0, 1) has energy 1/6 and zero gradient.
	x := []float64{0, 1, 0, 0}
	if h := s.H(x); !near(h, 1.0/6, 1e-15) {
		t.Errorf("H at saddle = %v, want 1/6", h)
	}
	g := make([]float64, 4)
	s.Grad(g, x)
	for i, v := range g {
		if v != 0 {
			t.Errorf("∂H/∂x%d at saddle = %v, want 0", i, v)
		}
	}
	if err := s.PaperBox().Validate(4); err != nil {
		t.Error(err)
	}
	// H(1,2,3,4) = 25/2 + 5/2 + α(2 − 8/3).
	if h := (HenonHeiles{Alpha: 0.5}).H([]float64{1, 2, 3, 4}); !near(h, 15-1.0/3, 1e-15) {
		t.Errorf("H = %v", h)
	}
	for _, a := range []float64{1, 0, 0.3, -2} {
		p := &HenonHeiles{Alpha: a}
		checkGradient(t, p, 100, 1e-9)
		checkHessian(t, p, 50, 1e-9)
	}
	checkNoAlloc(t, s)
}
