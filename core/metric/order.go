package metric

import "math"

// Order returns the observed order of convergence of errors errs measured
// at step sizes hs: the least-squares slope of log(errs[i]) against
// log(hs[i]), so that errors e ≈ C·h^p give p. It is NaN when fewer than two
// points have a positive finite step and error (the others are skipped), or
// when those steps are all equal.
func Order(hs, errs []float64) float64 {
	var xs, ys []float64
	for i := range min(len(hs), len(errs)) {
		h, e := hs[i], errs[i]
		if h > 0 && e > 0 && !math.IsInf(h, 0) && !math.IsInf(e, 0) {
			xs, ys = append(xs, math.Log(h)), append(ys, math.Log(e))
		}
	}
	if len(xs) < 2 {
		return math.NaN()
	}
	var xBar, yBar float64
	for i := range xs {
		xBar += xs[i]
		yBar += ys[i]
	}
	n := float64(len(xs))
	xBar, yBar = xBar/n, yBar/n
	var sxy, sxx float64
	for i := range xs {
		sxy += (xs[i] - xBar) * (ys[i] - yBar)
		sxx += (xs[i] - xBar) * (xs[i] - xBar)
	}
	if sxx == 0 {
		return math.NaN()
	}
	return sxy / sxx
}
