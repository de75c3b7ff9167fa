package integrate_test

import (
	"math"
	"testing"

	"hnnplay/core/integrate"
	"hnnplay/core/system"
)

// On the linear oscillator ẋ = Ax, A = [[0, 1], [−ω², 0]], the midpoint rule
// is the Cayley transform x₁ = (I − hA/2)⁻¹(I + hA/2)x₀.
func TestImplicitMidpointLinear(t *testing.T) {
	const w, h = 1.3, 0.37
	x0 := [2]float64{0.8, -0.3}
	want := solve2([4]float64{1, -h / 2, h / 2 * w * w, 1}, mul2([4]float64{1, h / 2, -h / 2 * w * w, 1}, x0))
	x := x0[:]
	if err := integrate.NewImplicitMidpoint(oscillator{w}).Step(x, h); err != nil {
		t.Fatal(err)
	}
	if d := maxDiff(x, want[:]); d > 1e-15 {
		t.Errorf("midpoint step %v, Cayley transform %v (diff %.1e)", x, want, d)
	}
}

// On non-separable H the step satisfies its defining equation
// x₁ − x₀ = hJ∇H((x₀ + x₁)/2) to round-off, with closed-form and with
// finite-difference Hessians alike.
func TestImplicitMidpointResidual(t *testing.T) {
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
		x := append([]float64(nil), c.x0...)
		if err := integrate.NewImplicitMidpoint(c.H).Step(x, h); err != nil {
			t.Fatal(err)
		}
		m, g := make([]float64, n), make([]float64, n)
		for i := range m {
			m[i] = (c.x0[i] + x[i]) / 2
		}
		c.H.Grad(g, m)
		d := n / 2
		res := 0.0
		for i := range d {
			res = math.Max(res, math.Abs(x[i]-c.x0[i]-h*g[d+i]))
			res = math.Max(res, math.Abs(x[d+i]-c.x0[d+i]+h*g[i]))
		}
		if res > 1e-15 {
			t.Errorf("%s: residual of the midpoint equation %.1e", c.name, res)
		}
	}
}

func BenchmarkImplicitMidpoint(b *testing.B) {
	benchStep(b, integrate.NewImplicitMidpoint(pendulum{}))
}

func BenchmarkImplicitMidpointFD(b *testing.B) {
	benchStep(b, integrate.NewImplicitMidpoint(gradOnly{pendulum{}}))
}
