package system

import (
	"math"
	"math/rand/v2"
	"testing"
)

// randomIn returns a uniform point in b.
func randomIn(rng *rand.Rand, b Box) []float64 {
	x := make([]float64, len(b.Lo))
	for i := range x {
		x[i] = b.Lo[i] + (b.Hi[i]-b.Lo[i])*rng.Float64()
	}
	return x
}

// fdGrad is the fourth-order central difference of f at x along e_i,
//
//	[−f(x+2δ) + 8f(x+δ) − 8f(x−δ) + f(x−2δ)] / (12δ).
func fdGrad(f func([]float64) float64, x []float64, i int, delta float64) float64 {
	y := append([]float64(nil), x...)
	at := func(t float64) float64 { y[i] = x[i] + t; return f(y) }
	return (-at(2*delta) + 8*at(delta) - 8*at(-delta) + at(-2*delta)) / (12 * delta)
}

// checkGradient compares Grad with finite differences of H at n random points
// of the box: |g_i − fd_i| ≤ tol·max(1, |H|, ‖g‖∞).
func checkGradient(t *testing.T, s System, n int, tol float64) {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	d2 := 2 * s.Dof()
	g := make([]float64, d2)
	for range n {
		x := randomIn(rng, s.Box())
		s.Grad(g, x)
		scale := math.Max(1, math.Abs(s.H(x)))
		for _, v := range g {
			scale = math.Max(scale, math.Abs(v))
		}
		for i := range d2 {
			fd := fdGrad(s.H, x, i, 1e-4*math.Max(1, math.Abs(x[i])))
			if math.Abs(g[i]-fd) > tol*scale {
				t.Fatalf("%s %+v at %v: ∂H/∂x%d = %.15g, finite difference %.15g", s.Name(), s, x, i, g[i], fd)
			}
		}
	}
}

// checkHessian compares Hessian with finite differences of Grad and checks
// symmetry.
func checkHessian(t *testing.T, s System, n int, tol float64) {
	t.Helper()
	hs, ok := s.(Hessianer)
	if !ok {
		t.Fatalf("%s does not implement Hessianer", s.Name())
	}
	rng := rand.New(rand.NewPCG(3, 4))
	d2 := 2 * s.Dof()
	hess := make([]float64, d2*d2)
	g := make([]float64, d2)
	for range n {
		x := randomIn(rng, s.Box())
		hs.Hessian(hess, x)
		scale := 1.0
		for _, v := range hess {
			scale = math.Max(scale, math.Abs(v))
		}
		for j := range d2 {
			gj := func(y []float64) float64 { s.Grad(g, y); return g[j] }
			for i := range d2 {
				if hess[i*d2+j] != hess[j*d2+i] {
					t.Fatalf("%s at %v: Hessian not symmetric at (%d,%d)", s.Name(), x, i, j)
				}
				fd := fdGrad(gj, x, i, 1e-4*math.Max(1, math.Abs(x[i])))
				if math.Abs(hess[i*d2+j]-fd) > tol*scale {
					t.Fatalf("%s %+v at %v: H[%d,%d] = %.15g, finite difference %.15g", s.Name(), s, x, i, j, hess[i*d2+j], fd)
				}
			}
		}
	}
}

// checkSystem runs the contract checks shared by every system.
func checkSystem(t *testing.T, s System) {
	t.Helper()
	d2 := 2 * s.Dof()
	b := s.Box()
	if err := b.Validate(d2); err != nil {
		t.Fatalf("%s: default box: %v", s.Name(), err)
	}
	a := s.Anchor()
	if len(a) != d2 {
		t.Fatalf("%s: anchor length %d, want %d", s.Name(), len(a), d2)
	}
	a[0] = 99
	if s.Anchor()[0] == 99 {
		t.Fatalf("%s: Anchor shares memory between calls", s.Name())
	}
	b.Lo[0] = 99
	if s.Box().Lo[0] == 99 {
		t.Fatalf("%s: Box shares memory between calls", s.Name())
	}
	if lookup(s.Name()) == nil {
		t.Fatalf("%s: not in the registry", s.Name())
	}
	if h := s.H(s.Anchor()); math.IsNaN(h) || math.IsInf(h, 0) {
		t.Fatalf("%s: H(anchor) = %v", s.Name(), h)
	}
	if s.Separable() {
		checkSeparable(t, s)
	}
}

// checkSeparable verifies ∂²H/∂q∂p = 0 by checking that ∇_pH does not depend
// on q and ∇_qH not on p.
func checkSeparable(t *testing.T, s System) {
	t.Helper()
	rng := rand.New(rand.NewPCG(5, 6))
	d := s.Dof()
	g1, g2 := make([]float64, 2*d), make([]float64, 2*d)
	for range 20 {
		x := randomIn(rng, s.Box())
		y := randomIn(rng, s.Box())
		copy(y[d:], x[d:]) // same p, other q
		s.Grad(g1, x)
		s.Grad(g2, y)
		for i := d; i < 2*d; i++ {
			if g1[i] != g2[i] {
				t.Fatalf("%s claims separable but ∂H/∂p depends on q", s.Name())
			}
		}
		copy(y, x)
		y2 := randomIn(rng, s.Box())
		copy(y[d:], y2[d:]) // same q, other p
		s.Grad(g2, y)
		for i := 0; i < d; i++ {
			if g1[i] != g2[i] {
				t.Fatalf("%s claims separable but ∂H/∂q depends on p", s.Name())
			}
		}
	}
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b)) }

// allocsOf reports the allocations per call of H, Grad and Hessian.
func checkNoAlloc(t *testing.T, s System) {
	t.Helper()
	d2 := 2 * s.Dof()
	x := randomIn(rand.New(rand.NewPCG(7, 8)), s.Box())
	g := make([]float64, d2)
	hess := make([]float64, d2*d2)
	n := testing.AllocsPerRun(10, func() {
		_ = s.H(x)
		s.Grad(g, x)
		if hs, ok := s.(Hessianer); ok {
			hs.Hessian(hess, x)
		}
	})
	if n != 0 {
		t.Errorf("%s: %v allocations per H+Grad+Hessian", s.Name(), n)
	}
}
