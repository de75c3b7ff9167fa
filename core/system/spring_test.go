package system

import "testing"

func TestSpring(t *testing.T) {
	s := NewSpring()
	checkSystem(t, s)
	if h := s.H([]float64{1, 1}); h != 1 {
		t.Errorf("H(1,1) = %v, want 1", h)
	}
	if h := s.H(s.Anchor()); h != 0 {
		t.Errorf("H(anchor) = %v, want 0", h)
	}
	for _, p := range []*Spring{s, {K: 3, M: 0.5}, {K: -2, M: 7}} {
		checkGradient(t, p, 100, 1e-9)
		checkHessian(t, p, 50, 1e-9)
	}
	checkNoAlloc(t, s)
	if got := (Spring{K: 4, M: 2}).H([]float64{0.5, 2}); got != 0.5+1 {
		t.Errorf("H = %v, want 1.5", got)
	}
}
