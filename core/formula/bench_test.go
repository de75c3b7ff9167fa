package formula_test

import (
	"testing"

	"hnnplay/core/formula"
	"hnnplay/core/system"
)

// BenchmarkEval is one evaluation of H, ∇H and ∇²H: a typed formula (one
// pass of forward-mode differentiation) against the built-in system's
// hand-written H, Grad and Hessian.
func BenchmarkEval(b *testing.B) {
	for _, c := range []struct {
		name, text string
		builtIn    system.System
		x          []float64
	}{
		{"pendulum", "p^2/2 + 1 - cos(q)", system.NewPendulum(), []float64{0.3, -0.2}},
		{"henon-heiles", "(p1^2 + p2^2)/2 + (q1^2 + q2^2)/2 + q1^2*q2 - q2^3/3", system.NewHenonHeiles(), []float64{0.1, 0.2, 0.3, 0.4}},
	} {
		n := len(c.x)
		g, h := make([]float64, n), make([]float64, n*n)
		b.Run(c.name+"/typed", func(b *testing.B) {
			e, err := formula.Parse(c.text)
			if err != nil {
				b.Fatal(err)
			}
			pr, err := e.Compile(nil)
			if err != nil {
				b.Fatal(err)
			}
			ev := pr.NewEvaluator()
			for b.Loop() {
				ev.Eval(c.x, g, h)
			}
		})
		b.Run(c.name+"/typed-system", func(b *testing.B) { // through system.Typed: its pool of evaluators
			t, err := system.NewTyped(c.text, nil)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				t.H(c.x)
				t.GradHessian(g, h, c.x)
			}
		})
		b.Run(c.name+"/built-in", func(b *testing.B) {
			for b.Loop() {
				c.builtIn.H(c.x)
				c.builtIn.Grad(g, c.x)
				c.builtIn.(system.Hessianer).Hessian(h, c.x)
			}
		})
	}
}
