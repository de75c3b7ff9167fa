package integrate_test

import (
	"math"
	"testing"

	"hnnplay/core/integrate"
	"hnnplay/core/system"
)

// One Yoshida4 step is three base steps of γ₁h, γ₂h, γ₁h with
// γ₁ = 1/(2 − ∛2), γ₂ = 1 − 2γ₁.
func TestYoshida4Composition(t *testing.T) {
	g1 := 1 / (2 - math.Cbrt(2))
	g2 := 1 - 2*g1
	const h = 0.3
	verlet := func(H system.Hamiltonian) integrate.Stepper {
		s, err := integrate.NewStormerVerlet(H, true)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, c := range []struct {
		name      string
		H         system.Hamiltonian
		separable bool
		base      integrate.Stepper
		x0        []float64
	}{
		{"henonHeiles/verlet", henonHeiles{}, true, verlet(henonHeiles{}), []float64{0.1, -0.2, 0.3, 0.25}},
		{"skew/midpoint", skew{0.4}, false, integrate.NewImplicitMidpoint(skew{0.4}), []float64{0.5, -0.3, 0.2, 0.6}},
	} {
		want := append([]float64(nil), c.x0...)
		for _, g := range []float64{g1, g2, g1} {
			if err := c.base.Step(want, g*h); err != nil {
				t.Fatal(err)
			}
		}
		x := append([]float64(nil), c.x0...)
		if err := integrate.NewYoshida4(c.H, c.separable).Step(x, h); err != nil {
			t.Fatal(err)
		}
		if d := maxDiff(x, want); d > 1e-15 {
			t.Errorf("%s: Yoshida4 step %v, three base steps %v (diff %.1e)", c.name, x, want, d)
		}
	}
}

func BenchmarkYoshida4(b *testing.B) {
	benchStep(b, integrate.NewYoshida4(pendulum{}, true))
}

func BenchmarkYoshida4Midpoint(b *testing.B) {
	benchStep(b, integrate.NewYoshida4(pendulum{}, false))
}
