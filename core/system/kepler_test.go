package system

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestKepler(t *testing.T) {
	s := NewKepler()
	checkSystem(t, s)
	if h := s.H(s.Anchor()); h != -0.5 {
		t.Errorf("H(anchor) = %v, want -1/2", h)
	}
	b := s.Box()
	if b.Contains([]float64{0, 0, 0, 0}) || !b.Contains(s.Anchor()) {
		t.Error("box must exclude the origin and contain the anchor")
	}
	// On the circular orbit the force balances the centripetal term:
	// ṗ = −k q/r³ = −(1, 0) and q̇ = p/m = (0, 1).
	f := make([]float64, 4)
	VectorField(s, f, s.Anchor())
	if f[0] != 0 || f[1] != 1 || f[2] != -1 || f[3] != 0 {
		t.Errorf("vector field at anchor = %v", f)
	}
	// Anchor is the circular orbit for other parameters too: |ṗ| = |p|²/(m r).
	k := &Kepler{M: 2, K: 3}
	a := k.Anchor()
	VectorField(k, f, a)
	if !near(-f[2], a[3]*a[3]/k.M, 1e-15) {
		t.Errorf("anchor %v is not on the circular orbit: ẋ = %v", a, f)
	}
	if h := k.H([]float64{0, 2, 1, 1}); !near(h, 0.5-1.5, 1e-15) {
		t.Errorf("H = %v, want -1", h)
	}
	if h := s.H([]float64{0, 0, 0, 0}); !math.IsInf(h, -1) {
		t.Errorf("H at the origin = %v, want -Inf", h)
	}
	for _, p := range []*Kepler{s, k} {
		checkGradient(t, p, 100, 1e-9)
		checkHessian(t, p, 50, 1e-9)
	}
	checkNoAlloc(t, s)
}

// The angular momentum is the one a central force conserves: its Poisson
// bracket with H vanishes, {L, H} = ∇_qL·∇_pH − ∇_pL·∇_qH = 0, at random
// states; and only Kepler is central.
func TestAngularMomentum(t *testing.T) {
	k := &Kepler{M: 1.5, K: 0.7}
	r := rand.New(rand.NewPCG(3, 4))
	g := make([]float64, 4)
	for n := 0; n < 100; n++ {
		x := []float64{r.Float64()*2 - 1, r.Float64()*2 - 1, r.Float64()*2 - 1, r.Float64()*2 - 1}
		k.Grad(g, x)
		// ∇_q L = (p_y, −p_x), ∇_p L = (−y, x)
		bracket := x[3]*g[2] - x[2]*g[3] - (-x[1]*g[0] + x[0]*g[1])
		if math.Abs(bracket) > 1e-12*(1+math.Abs(g[0])+math.Abs(g[1])) {
			t.Fatalf("{L, H} = %g at %v", bracket, x)
		}
	}
	if k.AngularMomentum([]float64{1, 0, 0, 2}) != 2 {
		t.Error("L of (1, 0, 0, 2)")
	}
	for _, n := range []string{"pendulum", "double-pendulum", "henon-heiles"} {
		s, _ := New(n, nil)
		if _, ok := s.(Central); ok {
			t.Errorf("%s is central", n)
		}
	}
}
