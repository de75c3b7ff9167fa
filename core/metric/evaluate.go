package metric

import (
	"math"

	"hnnplay/core/data"
	"hnnplay/core/system"
)

// Errors are relative L2 errors (see RelL2) of a learned Hamiltonian over a
// test set, each one norm over all points and components.
type Errors struct {
	H    float64 // energy values Ĥ(x_k) against H(x_k) — the paper's reported metric
	Grad float64 // gradients ∇Ĥ(x_k) against ∇H(x_k), all 2d components flattened
	Xdot float64 // vector field J∇Ĥ(x_k) against the set's targets ẋ_k
}

// Evaluate returns the errors of model on the states of test:
//
//	H    = ‖H − Ĥ‖₂/‖H‖₂,  with H from truth, or from test.H if truth is nil;
//	Grad = ‖∇H − ∇Ĥ‖₂/‖∇H‖₂, with ∇H from truth (NaN if truth is nil);
//	Xdot = ‖ẋ − J∇Ĥ‖₂/‖ẋ‖₂, with ẋ the targets test.Xdot.
//
// Since J is orthogonal, Xdot equals Grad when the targets are exact (as from
// data.Uniform); it differs on noisy or finite-difference targets, where it
// measures the fit to the data rather than to the truth. H is NaN when truth
// is nil and test.H is nil. Ĥ includes the model's integration constant, so
// the anchor matters for H but not for the other two.
//
// Evaluate allocates only three slices of length 2d. It panics if the degrees
// of freedom of model, test and truth differ.
func Evaluate(model system.Hamiltonian, test *data.Set, truth system.Hamiltonian) Errors {
	d := test.Dof
	if model.Dof() != d || (truth != nil && truth.Dof() != d) {
		panic("metric: Evaluate: degrees of freedom differ")
	}
	d2 := 2 * d
	g := make([]float64, 3*d2)
	gm, gt := g[:d2], g[d2:2*d2]
	var eh, eg, ex relErr
	for k := range test.Len() {
		x, xdot := test.Row(k)
		hm := model.H(x)
		switch {
		case truth != nil:
			eh.add(truth.H(x), hm)
		case test.H != nil:
			eh.add(test.H[k], hm)
		}
		model.Grad(gm, x)
		if truth != nil {
			truth.Grad(gt, x)
			for i := range d2 {
				eg.add(gt[i], gm[i])
			}
		}
		system.ApplyJ(gm, gm)
		for i := range d2 {
			ex.add(xdot[i], gm[i])
		}
	}
	e := Errors{H: eh.value(), Grad: eg.value(), Xdot: ex.value()}
	if truth == nil {
		e.Grad = math.NaN()
		if test.H == nil {
			e.H = math.NaN()
		}
	}
	return e
}
