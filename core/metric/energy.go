package metric

import "math"

// EnergyError returns the largest deviation of the energy along a rollout
// from its initial value, hs[t] = H(x_t):
//
//	maxAbs = max_t |H(t) − H(0)|,   maxRel = maxAbs / max(|H(0)|, 1e-15).
//
// The floor 1e-15 (the zero threshold of RelL2) keeps maxRel finite for a
// rollout starting at zero energy, where only maxAbs is meaningful. Both are
// 0 for an empty or one-point series and NaN if a value is NaN.
func EnergyError(hs []float64) (maxAbs, maxRel float64) {
	if len(hs) == 0 {
		return 0, 0
	}
	h0 := hs[0]
	for _, h := range hs {
		d := math.Abs(h - h0)
		if d > maxAbs || math.IsNaN(d) {
			maxAbs = d
			if math.IsNaN(d) {
				break
			}
		}
	}
	return maxAbs, maxAbs / math.Max(math.Abs(h0), zeroAtol)
}

// Drift splits the rollout hs into consecutive windows of window steps (the
// last one possibly shorter) and returns for each the largest |H(t) − H(0)|.
// A bounded oscillation of the energy, as symplectic integrators show, gives
// roughly constant window maxima once the window spans a period; a drift
// gives maxima that grow with the window index (see DriftRate). It panics if
// window < 1.
func Drift(hs []float64, window int) []float64 {
	if window < 1 {
		panic("metric: Drift: window must be at least 1")
	}
	if len(hs) == 0 {
		return nil
	}
	out := make([]float64, 0, (len(hs)+window-1)/window)
	for start := 0; start < len(hs); start += window {
		m, _ := windowMax(hs, start, window)
		out = append(out, m)
	}
	return out
}

// windowMax returns the largest |hs[t] − hs[0]| for t in the window starting
// at start, and the first t where it occurs.
func windowMax(hs []float64, start, window int) (float64, int) {
	end := min(start+window, len(hs))
	m, at := -1.0, start
	for t := start; t < end; t++ {
		d := math.Abs(hs[t] - hs[0])
		if math.IsNaN(d) {
			return d, t
		}
		if d > m {
			m, at = d, t
		}
	}
	return m, at
}

// DriftRate returns the growth rate of the energy error along the rollout
// hs, in energy per step (divide by the time step for energy per unit time):
// the least-squares slope of the points (t_i, m_i), where m_i is the maximum
// of window i (see Drift) and t_i the step at which it occurs.
//
// A linear drift H(t) = H(0) + a·t gives exactly |a|; an oscillation whose
// period fits in a window gives nearly 0 whatever its amplitude, which is how
// the two are told apart. It returns 0 when there are fewer than two windows
// and panics if window < 1.
func DriftRate(hs []float64, window int) float64 {
	if window < 1 {
		panic("metric: DriftRate: window must be at least 1")
	}
	// Two passes for the means keep the slope free of cancellation.
	var n, st, sm float64
	for start := 0; start < len(hs); start += window {
		m, at := windowMax(hs, start, window)
		n++
		st += float64(at)
		sm += m
	}
	if n < 2 {
		return 0
	}
	tBar, mBar := st/n, sm/n
	var sxy, sxx float64
	for start := 0; start < len(hs); start += window {
		m, at := windowMax(hs, start, window)
		dt := float64(at) - tBar
		sxy += dt * (m - mBar)
		sxx += dt * dt
	}
	if sxx == 0 {
		return 0
	}
	return sxy / sxx
}
