package integrate

import (
	"errors"
	"math"

	"hnnplay/core/system"
)

// Stepper advances a state in place by one step of size h.
//
// x has length 2d for the Hamiltonian the Stepper was built for; other
// lengths panic. h may be negative (integration backwards in time). On error
// x is left unchanged.
type Stepper interface {
	Step(x []float64, h float64) error
}

var (
	// ErrDiverged is returned by a step whose result would not be finite.
	ErrDiverged = errors.New("integrate: trajectory diverged")
	// ErrNoConvergence is returned, wrapped with details, when the Newton
	// iteration of an implicit method fails.
	ErrNoConvergence = errors.New("integrate: implicit solve did not converge")
	// ErrNotSeparable is returned by constructors of methods that are only
	// valid for separable H = T(p) + V(q) when told H is not separable.
	ErrNotSeparable = errors.New("integrate: method needs a separable Hamiltonian")
)

// hessianer is the optional closed-form Hessian, row-major 2d×2d. It is
// structural, so system.Hessianer and hnn.Model satisfy it.
type hessianer interface {
	Hessian(dst, x []float64)
}

// dof returns H.Dof(), panicking if it is not positive.
func dof(H system.Hamiltonian) int {
	d := H.Dof()
	if d <= 0 {
		panic("integrate: Hamiltonian has no degrees of freedom")
	}
	return d
}

func checkLen(x []float64, n int) {
	if len(x) != n {
		panic("integrate: state length mismatch")
	}
}

// normInf returns max |x_i|; callers check finiteness separately.
func normInf(x []float64) float64 {
	m := 0.0
	for _, v := range x {
		if a := math.Abs(v); a > m {
			m = a
		}
	}
	return m
}

// applyJ writes J·g = (g_p, −g_q) into dst; dst and g must not overlap.
func applyJ(dst, g []float64) {
	d := len(g) / 2
	for i := 0; i < d; i++ {
		dst[i] = g[d+i]
		dst[d+i] = -g[i]
	}
}
