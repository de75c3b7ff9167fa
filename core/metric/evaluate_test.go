package metric

import (
	"math"
	"testing"

	"hnnplay/core/data"
	"hnnplay/core/system"
)

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-14*math.Max(1, math.Abs(b)) }

func TestEvaluate(t *testing.T) {
	// Spring test states (1, 0) and (0, 1): H = (0.5, 0.5), ∇H = (1,0), (0,1),
	// ẋ = (0,−1), (1,0).
	truth := system.NewSpring()
	test := &data.Set{Dof: 1, X: []float64{1, 0, 0, 1}, Xdot: []float64{0, -1, 1, 0}, H: []float64{0.5, 0.5}}

	if e := Evaluate(truth, test, truth); e != (Errors{}) {
		t.Errorf("truth against itself: %+v", e)
	}
	// Model k = 2: H = (1, 0.5), ∇H = (2,0), (0,1).
	// e_H = ‖(0.5, 0)‖/‖(0.5, 0.5)‖ = 1/√2; e_∇ = ‖(1,0,0,0)‖/√2 = 1/√2.
	model := &system.Spring{K: 2, M: 1}
	e := Evaluate(model, test, truth)
	if !near(e.H, 1/math.Sqrt2) || !near(e.Grad, 1/math.Sqrt2) || !near(e.Xdot, 1/math.Sqrt2) {
		t.Errorf("k = 2: %+v, want all 1/√2", e)
	}
	// Noisy targets change only the Xdot error: ẋ = (0,−1), (1,1):
	// model ẋ = (0,−2), (1,0), error ‖(0,1,0,1)‖/‖(0,1,1,1)‖ = √(2/3).
	noisy := *test
	noisy.Xdot = []float64{0, -1, 1, 1}
	e = Evaluate(model, &noisy, truth)
	if !near(e.H, 1/math.Sqrt2) || !near(e.Grad, 1/math.Sqrt2) || !near(e.Xdot, math.Sqrt(2.0/3)) {
		t.Errorf("noisy targets: %+v", e)
	}
	// Without a truth, H comes from the set and Grad is unknown.
	e = Evaluate(model, test, nil)
	if !near(e.H, 1/math.Sqrt2) || !math.IsNaN(e.Grad) || !near(e.Xdot, 1/math.Sqrt2) {
		t.Errorf("nil truth: %+v", e)
	}
	noH := *test
	noH.H = nil
	if e := Evaluate(model, &noH, nil); !math.IsNaN(e.H) {
		t.Errorf("nil truth and nil H: %+v", e)
	}
	// An offset in the integration constant changes only H.
	e = Evaluate(offset{truth, 1}, test, truth)
	if !near(e.H, 2) || e.Grad != 0 || e.Xdot != 0 {
		t.Errorf("offset: %+v, want H error 2", e)
	}
}

type offset struct {
	system.Hamiltonian
	c float64
}

func (o offset) H(x []float64) float64 { return o.Hamiltonian.H(x) + o.c }

func TestEvaluateLarge(t *testing.T) {
	truth := system.NewDoublePendulum()
	train, err := data.Uniform(truth, truth.Box(), 2000, 1)
	if err != nil {
		t.Fatal(err)
	}
	model := &system.DoublePendulum{M1: 1, M2: 1, L1: 1, L2: 1, G: 1.01}
	e := Evaluate(model, train, truth)
	// Against the straightforward computation.
	n := train.Len()
	hs, hm := make([]float64, n), make([]float64, n)
	gs, gm := make([]float64, 4*n), make([]float64, 4*n)
	for k := range n {
		x, _ := train.Row(k)
		hs[k], hm[k] = truth.H(x), model.H(x)
		truth.Grad(gs[4*k:4*k+4], x)
		model.Grad(gm[4*k:4*k+4], x)
	}
	if !near(e.H, RelL2(hs, hm)) || !near(e.Grad, RelL2(gs, gm)) || math.Abs(e.Xdot-e.Grad) > 1e-14 {
		t.Errorf("%+v vs H %v, grad %v", e, RelL2(hs, hm), RelL2(gs, gm))
	}
	if a := testing.AllocsPerRun(5, func() { Evaluate(model, train, truth) }); a > 1 {
		t.Errorf("%v allocations per Evaluate", a)
	}
}
