package integrate

import (
	"math"

	"hnnplay/core/number"
	"hnnplay/core/system"
)

// ImplicitMidpoint is the implicit midpoint rule,
//
//	x_{n+1} = x_n + h J∇H((x_n + x_{n+1})/2),
//
// the one-stage Gauss–Legendre method: symplectic, symmetric (so
// time-reversible) and of order 2 for every H, separable or not.
//
// Each step solves for the half increment Z = (x_{n+1} − x_n)/2,
//
//	Z = (h/2) J∇H(x_n + Z),
//
// by Newton's method from Z = 0 with the matrix I − (h/2) J∇²H(x_n + Z)
// (2d×2d), and sets x_{n+1} = x_n + 2Z. Working with the increment rather than
// with x_{n+1} keeps the round-off relative to the step, not to the state.
type ImplicitMidpoint struct {
	// Tol is the relative Newton tolerance: a solve is accepted once the
	// correction δ, or the error left after it as estimated from the rate
	// of convergence, is at most Tol·(‖x_n‖∞ + ‖Z‖∞) in max-norm.
	Tol float64
	// MaxIter bounds the Newton iterations per step.
	MaxIter int

	ham  system.Hamiltonian
	d    int
	hess hessian
	lu   lu
	z    []float64 // Z
	y    []float64 // x_n + Z
	g    []float64 // ∇H(y)
	r    []float64 // residual, then correction
	hm   []float64 // ∇²H(y)
}

// NewImplicitMidpoint returns an implicit midpoint stepper for H with
// DefaultTol and DefaultMaxIter.
func NewImplicitMidpoint(H system.Hamiltonian) *ImplicitMidpoint {
	d := dof(H)
	n := 2 * d
	return &ImplicitMidpoint{
		Tol: DefaultTol, MaxIter: DefaultMaxIter,
		ham: H, d: d, hess: newHessian(H), lu: newLU(n),
		z: make([]float64, n), y: make([]float64, n), g: make([]float64, n),
		r: make([]float64, n), hm: make([]float64, n*n),
	}
}

// Step advances x by one midpoint step of size h. It returns an error
// wrapping ErrNoConvergence if Newton fails and ErrDiverged if x or the new
// state is not finite; x is then unchanged.
func (m *ImplicitMidpoint) Step(x []float64, h float64) error {
	n := 2 * m.d
	checkLen(x, n)
	if !number.Finite(x...) {
		return ErrDiverged
	}
	z, y, g, r := m.z, m.y, m.g, m.r
	clear(z)
	xn := normInf(x)
	dn, prev := math.Inf(1), math.Inf(1)
	for it := 1; ; it++ {
		if it > m.MaxIter {
			return noConvergence("implicit midpoint", h, it-1, dn, m.Tol, "iteration limit reached")
		}
		for i := range y {
			y[i] = x[i] + z[i]
		}
		m.hess.gradAt(g, m.hm, y)
		if !number.Finite(g...) {
			return noConvergence("implicit midpoint", h, it, dn, m.Tol, "non-finite gradient")
		}
		// r = −(Z − (h/2)J∇H(y)), the right-hand side of the Newton system.
		for i := 0; i < m.d; i++ {
			r[i] = h/2*g[m.d+i] - z[i]
			r[m.d+i] = -h/2*g[i] - z[m.d+i]
		}
		setIdentity(m.lu.a, n)
		addJM(m.lu.a, n, 0, 0, m.hm, n, -h/2)
		if !m.lu.factor() {
			return noConvergence("implicit midpoint", h, it, dn, m.Tol, "singular or non-finite Newton matrix")
		}
		m.lu.solve(r)
		for i, v := range r {
			z[i] += v
		}
		prev, dn = dn, normInf(r)
		if !number.Finite(z...) {
			return noConvergence("implicit midpoint", h, it, dn, m.Tol, "non-finite iterate")
		}
		if newtonDone(dn, prev, xn+normInf(z), m.Tol) {
			break
		}
	}
	for i := range y {
		y[i] = x[i] + 2*z[i]
	}
	if !number.Finite(y...) {
		return ErrDiverged
	}
	copy(x, y)
	return nil
}
