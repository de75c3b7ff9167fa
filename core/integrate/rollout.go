package integrate

import (
	"fmt"
	"slices"
)

// Rollout integrates n steps of size h from x0 with s and appends the n+1
// states x0, x1, …, x_n to dst, flat: with m = len(x0), state k is
// out[len(dst)+k·m : len(dst)+(k+1)·m]. x0 is not modified. dst is grown once,
// and the steps run in place in it, so with enough capacity Rollout does not
// allocate.
//
// If a step fails, Rollout returns the states computed so far, all finite,
// and the step's error wrapped with its index, so errors.Is(err, ErrDiverged)
// and errors.Is(err, ErrNoConvergence) still apply. It panics if n < 0.
func Rollout(s Stepper, x0 []float64, h float64, n int, dst []float64) ([]float64, error) {
	if n < 0 {
		panic("integrate: negative step count")
	}
	m := len(x0)
	dst = slices.Grow(dst, (n+1)*m)
	dst = append(dst, x0...)
	for k := 1; k <= n; k++ {
		start := len(dst)
		dst = append(dst, dst[start-m:start]...)
		if err := s.Step(dst[start:], h); err != nil {
			return dst[:start], fmt.Errorf("integrate: rollout step %d of %d: %w", k, n, err)
		}
	}
	return dst, nil
}
