package metric

import "math"

// l2 accumulates the Euclidean norm scale·√ssq of a stream of values without
// overflow or underflow.
type l2 struct {
	scale, ssq float64
	inf, nan   bool
}

func (a *l2) add(v float64) {
	if v == 0 {
		return
	}
	av := math.Abs(v)
	switch {
	case math.IsNaN(v):
		a.nan = true
	case math.IsInf(v, 0):
		a.inf = true
	case a.scale < av:
		r := a.scale / av
		a.ssq = 1 + a.ssq*r*r
		a.scale = av
	default:
		r := av / a.scale
		a.ssq += r * r
	}
}

func (a *l2) norm() float64 {
	switch {
	case a.nan:
		return math.NaN()
	case a.inf:
		return math.Inf(1)
	}
	return a.scale * math.Sqrt(a.ssq)
}

// zeroAtol is the threshold below which a reference vector counts as zero
// (numpy.allclose(v, 0, atol=1e-15) in the paper's code).
const zeroAtol = 1e-15

// relErr accumulates ‖truth − pred‖₂ and ‖truth‖₂ for RelL2.
type relErr struct {
	num, den l2
	maxTruth float64
}

func (e *relErr) add(truth, pred float64) {
	e.num.add(truth - pred)
	e.den.add(truth)
	e.maxTruth = max(e.maxTruth, math.Abs(truth)) // NaN handled via den.nan
}

func (e *relErr) value() float64 {
	switch {
	case e.num.nan || e.den.nan || e.den.inf:
		return math.NaN() // an infinite truth has no meaningful relative error
	case e.maxTruth <= zeroAtol:
		return e.num.norm()
	case e.num.inf:
		return math.Inf(1)
	}
	// (sₙ/s_d)·√(qₙ/q_d) cannot overflow where ‖·‖ itself would.
	return e.num.scale / e.den.scale * math.Sqrt(e.num.ssq/e.den.ssq)
}

// RelL2 returns the relative L2 error of pred over the whole vector
// (docs/method.md, “Error metrics”),
//
//	‖truth − pred‖₂ / ‖truth‖₂,
//
// or the absolute error ‖truth − pred‖₂ when truth is numerically zero (every
// |truth_i| ≤ 1e-15), as the paper's code does. It returns 0 for empty
// vectors, NaN if any value is NaN or a truth value is infinite, and +Inf for
// an infinite prediction. It panics if the lengths differ.
func RelL2(truth, pred []float64) float64 {
	if len(truth) != len(pred) {
		panic("metric: RelL2: length mismatch")
	}
	var e relErr
	for i, t := range truth {
		e.add(t, pred[i])
	}
	return e.value()
}
