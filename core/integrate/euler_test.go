package integrate_test

import (
	"math"
	"testing"

	"hnnplay/core/integrate"
	"hnnplay/core/system"
)

// On the oscillator the explicit variant is q₁ = q₀ + hp₀, p₁ = p₀ − hω²q₁.
func TestSymplecticEulerLinear(t *testing.T) {
	const w, h = 1.3, 0.37
	x0 := []float64{0.8, -0.3}
	q1 := x0[0] + h*x0[1]
	want := []float64{q1, x0[1] - h*w*w*q1}
	for _, separable := range []bool{true, false} {
		x := append([]float64(nil), x0...)
		if err := integrate.NewSymplecticEuler(oscillator{w}, separable).Step(x, h); err != nil {
			t.Fatal(err)
		}
		if d := maxDiff(x, want); d > 1e-15 {
			t.Errorf("separable=%v: step %v, want %v (diff %.1e)", separable, x, want, d)
		}
	}
}

// On a separable H the implicit solve must reproduce the explicit variant.
func TestSymplecticEulerImplicitMatchesExplicit(t *testing.T) {
	for _, c := range []struct {
		name string
		H    system.Hamiltonian
		x0   []float64
	}{
		{"pendulum", pendulum{}, []float64{1, 0.4}},
		{"henonHeiles", henonHeiles{}, []float64{0.1, -0.2, 0.3, 0.25}},
	} {
		a := run(t, integrate.NewSymplecticEuler(c.H, true), c.x0, 0.1, 100)
		b := run(t, integrate.NewSymplecticEuler(c.H, false), c.x0, 0.1, 100)
		if d := maxDiff(a, b); d > 1e-13 {
			t.Errorf("%s: explicit and implicit differ by %.1e after 100 steps", c.name, d)
		}
	}
}

// On non-separable H the step satisfies
// q₁ = q₀ + h∂_pH(q₁, p₀), p₁ = p₀ − h∂_qH(q₁, p₀) to round-off. skew's
// asymmetric ∂²H/∂p∂q block catches a transposed Newton matrix (which would
// still converge, but slowly, and is checked by the iteration count below).
func TestSymplecticEulerResidual(t *testing.T) {
	const h = 0.2
	for _, c := range []struct {
		name string
		H    system.Hamiltonian
		x0   []float64
	}{
		{"coupled", coupled{0.5}, []float64{1, 0.5}},
		{"skew", skew{0.4}, []float64{0.5, -0.3, 0.2, 0.6}},
		{"skew/fd", gradOnly{skew{0.4}}, []float64{0.5, -0.3, 0.2, 0.6}},
	} {
		n := len(c.x0)
		d := n / 2
		s := integrate.NewSymplecticEuler(c.H, false)
		s.MaxIter = 5 // quadratic convergence needs ~4 from u = 0 at this h
		x := append([]float64(nil), c.x0...)
		if err := s.Step(x, h); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		y, g := make([]float64, n), make([]float64, n)
		copy(y[:d], x[:d])
		copy(y[d:], c.x0[d:])
		c.H.Grad(g, y)
		res := 0.0
		for i := range d {
			res = math.Max(res, math.Abs(x[i]-c.x0[i]-h*g[d+i]))
			res = math.Max(res, math.Abs(x[d+i]-c.x0[d+i]+h*g[i]))
		}
		if res > 1e-15 {
			t.Errorf("%s: residual of the symplectic Euler equations %.1e", c.name, res)
		}
	}
}

func BenchmarkSymplecticEuler(b *testing.B) {
	benchStep(b, integrate.NewSymplecticEuler(pendulum{}, true))
}

func BenchmarkSymplecticEulerImplicit(b *testing.B) {
	benchStep(b, integrate.NewSymplecticEuler(pendulum{}, false))
}
