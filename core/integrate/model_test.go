package integrate_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"hnnplay/core/hnn"
	"hnnplay/core/integrate"
)

// randomModel returns a tanh network Ĥ on R^{d2} of width m with fixed-seed
// weights: a generic non-separable Hamiltonian like a learned one.
func randomModel(d2, m int, seed uint64) *hnn.Model {
	rnd := rand.New(rand.NewPCG(seed, 1))
	n := hnn.New(d2, m)
	for i := range n.W {
		n.W[i] = rnd.NormFloat64()
	}
	for i := range n.B {
		n.B[i] = rnd.NormFloat64()
		n.C[i] = rnd.NormFloat64() / math.Sqrt(float64(m))
	}
	return n
}

// On a network Ĥ the implicit methods use its closed-form Hessian; the
// finite-difference fallback must give the same trajectory, the energy error
// must stay small, and Step must not allocate.
func TestModel(t *testing.T) {
	for _, d2 := range []int{2, 4} {
		model := randomModel(d2, 64, uint64(d2))
		x0 := make([]float64, d2)
		for i := range x0 {
			x0[i] = 0.3 * float64(i+1)
		}
		for _, name := range []string{"symplectic-euler", "implicit-midpoint", "gauss4", "yoshida4"} {
			a := run(t, mustNew(t, name, model, false), x0, 0.05, 200)
			b := run(t, mustNew(t, name, gradOnly{model}, false), x0, 0.05, 200)
			if d := maxDiff(a, b); d > 1e-12 {
				t.Errorf("d=%d %s: closed-form and finite-difference Hessians differ by %.1e", d2/2, name, d)
			}
			if dH := math.Abs(model.H(a) - model.H(x0)); dH > 1e-2 {
				t.Errorf("d=%d %s: energy error %.1e after 200 steps", d2/2, name, dH)
			}
			s := mustNew(t, name, model, false)
			x := append([]float64(nil), x0...)
			if allocs := testing.AllocsPerRun(20, func() { _ = s.Step(x, 0.05) }); allocs != 0 {
				t.Errorf("d=%d %s: %v allocations per Step", d2/2, name, allocs)
			}
		}
	}
}

func BenchmarkModelStep(b *testing.B) {
	model := randomModel(2, 256, 7)
	for _, name := range integrate.Names() {
		if integrate.NeedsSeparable(name) {
			continue
		}
		b.Run(name, func(b *testing.B) {
			s := mustNew(b, name, model, false)
			x := []float64{0.3, 0.6}
			b.ReportAllocs()
			for b.Loop() {
				if err := s.Step(x, 0.05); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
