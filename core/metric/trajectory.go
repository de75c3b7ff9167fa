package metric

// TrajectoryDistance returns the Euclidean distance ‖a_t − b_t‖₂ between two
// trajectories at each time t. a and b are flat n×dim row-major arrays of
// states. It panics if dim < 1, the lengths differ or are not a multiple of
// dim.
func TrajectoryDistance(a, b []float64, dim int) []float64 {
	if dim < 1 || len(a) != len(b) || len(a)%dim != 0 {
		panic("metric: TrajectoryDistance: bad lengths")
	}
	out := make([]float64, len(a)/dim)
	for t := range out {
		var acc l2
		for i := t * dim; i < (t+1)*dim; i++ {
			acc.add(a[i] - b[i])
		}
		out[t] = acc.norm()
	}
	return out
}
