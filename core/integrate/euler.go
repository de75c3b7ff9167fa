package integrate

import (
	"math"

	"hnnplay/core/number"
	"hnnplay/core/system"
)

// SymplecticEuler is the first-order symplectic Euler method in the variant
//
//	q_{n+1} = q_n + h ∂_pH(q_{n+1}, p_n),
//	p_{n+1} = p_n − h ∂_qH(q_{n+1}, p_n),
//
// the scheme that generates the data of the limited-data mode.
//
// For separable H = T(p) + V(q) the first line reads q_{n+1} = q_n + h T′(p_n)
// and the method is explicit: two gradient evaluations per step. Otherwise the
// first line is implicit in q; the increment u = q_{n+1} − q_n is found by
// Newton's method from u = 0 with the d×d matrix I − h ∂²H/∂p∂q, after which
// the second line is explicit.
type SymplecticEuler struct {
	// Tol and MaxIter control the Newton iteration of the non-separable
	// case, as for ImplicitMidpoint; the separable case ignores them.
	Tol     float64
	MaxIter int

	ham       system.Hamiltonian
	d         int
	separable bool
	hess      hessian
	lu        lu
	u         []float64 // q_{n+1} − q_n
	r         []float64 // residual, then correction (len d)
	y         []float64 // (q_n + u, p_n)
	g         []float64 // ∇H(y)
	hm        []float64 // ∇²H(y)
}

// NewSymplecticEuler returns a symplectic Euler stepper for H. With separable
// true the caller asserts H = T(p) + V(q) and the method is explicit; with
// false it is implicit in q and valid for any H.
func NewSymplecticEuler(H system.Hamiltonian, separable bool) *SymplecticEuler {
	d := dof(H)
	n := 2 * d
	s := &SymplecticEuler{
		Tol: DefaultTol, MaxIter: DefaultMaxIter,
		ham: H, d: d, separable: separable,
		y: make([]float64, n), g: make([]float64, n),
	}
	if !separable {
		s.hess = newHessian(H)
		s.lu = newLU(d)
		s.u = make([]float64, d)
		s.r = make([]float64, d)
		s.hm = make([]float64, n*n)
	}
	return s
}

// Step advances x by one symplectic Euler step of size h. It returns an error
// wrapping ErrNoConvergence if the implicit solve fails and ErrDiverged if x
// or the new state is not finite; x is then unchanged.
func (s *SymplecticEuler) Step(x []float64, h float64) error {
	d := s.d
	checkLen(x, 2*d)
	if !number.Finite(x...) {
		return ErrDiverged
	}
	y, g := s.y, s.g
	copy(y, x)
	if s.separable {
		s.ham.Grad(g, y)
		for i := 0; i < d; i++ {
			y[i] += h * g[d+i]
		}
	} else if err := s.solveQ(x, h); err != nil {
		return err
	}
	// y = (q_{n+1}, p_n)
	s.ham.Grad(g, y)
	for i := 0; i < d; i++ {
		y[d+i] -= h * g[i]
	}
	if !number.Finite(y...) {
		return ErrDiverged
	}
	copy(x, y)
	return nil
}

// solveQ solves u = h ∂_pH(q_n + u, p_n) by Newton and leaves
// y = (q_n + u, p_n).
func (s *SymplecticEuler) solveQ(x []float64, h float64) error {
	d, n := s.d, 2*s.d
	u, r, y, g := s.u, s.r, s.y, s.g
	clear(u)
	xn := normInf(x)
	dn, prev := math.Inf(1), math.Inf(1)
	for it := 1; ; it++ {
		if it > s.MaxIter {
			return noConvergence("symplectic Euler", h, it-1, dn, s.Tol, "iteration limit reached")
		}
		for i := 0; i < d; i++ {
			y[i] = x[i] + u[i]
		}
		s.hess.gradAt(g, s.hm, y)
		if !number.Finite(g...) {
			return noConvergence("symplectic Euler", h, it, dn, s.Tol, "non-finite gradient")
		}
		a := s.lu.a
		for i := 0; i < d; i++ {
			r[i] = h*g[d+i] - u[i]
			// ∂/∂q_j of ∂H/∂p_i is row d+i, column j of ∇²H.
			row := s.hm[(d+i)*n : (d+i)*n+d]
			for j, v := range row {
				a[i*d+j] = -h * v
			}
			a[i*d+i]++
		}
		if !s.lu.factor() {
			return noConvergence("symplectic Euler", h, it, dn, s.Tol, "singular or non-finite Newton matrix")
		}
		s.lu.solve(r)
		for i, v := range r {
			u[i] += v
		}
		prev, dn = dn, normInf(r)
		if !number.Finite(u...) {
			return noConvergence("symplectic Euler", h, it, dn, s.Tol, "non-finite iterate")
		}
		if newtonDone(dn, prev, xn+normInf(u), s.Tol) {
			break
		}
	}
	for i := 0; i < d; i++ {
		y[i] = x[i] + u[i]
	}
	return nil
}
