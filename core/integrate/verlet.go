package integrate

import (
	"fmt"
	"slices"

	"hnnplay/core/number"
	"hnnplay/core/system"
)

// StormerVerlet is the Störmer–Verlet (leapfrog) method in kick–drift–kick form,
//
//	p_{n+½} = p_n − (h/2) ∂_qH(q_n),
//	q_{n+1} = q_n + h ∂_pH(p_{n+½}),
//	p_{n+1} = p_{n+½} − (h/2) ∂_qH(q_{n+1}),
//
// explicit, symplectic, symmetric and of order 2, but only for separable
// H = T(p) + V(q): for any other H it integrates a different system.
//
// ∂_qH(q_{n+1}) is kept for the next step's first kick when that step starts
// from the same q (compared bitwise), so a trajectory costs two gradient
// evaluations per step.
type StormerVerlet struct {
	ham  system.Hamiltonian
	d    int
	y    []float64 // work state
	g    []float64 // ∇H(y)
	fq   []float64 // ∂_qH(qc)
	qc   []float64 // the q at which fq was evaluated
	have bool      // fq, qc are valid
}

// NewStormerVerlet returns a Störmer–Verlet stepper for H. It returns an
// error wrapping ErrNotSeparable if separable is false.
func NewStormerVerlet(H system.Hamiltonian, separable bool) (*StormerVerlet, error) {
	if !separable {
		return nil, fmt.Errorf("%w: Störmer–Verlet is explicit only for H = T(p) + V(q); use implicit-midpoint or gauss4", ErrNotSeparable)
	}
	d := dof(H)
	n := 2 * d
	return &StormerVerlet{
		ham: H, d: d,
		y: make([]float64, n), g: make([]float64, n),
		fq: make([]float64, d), qc: make([]float64, d),
	}, nil
}

// Step advances x by one Störmer–Verlet step of size h. It returns
// ErrDiverged if x or the new state is not finite; x is then unchanged.
func (s *StormerVerlet) Step(x []float64, h float64) error {
	d := s.d
	checkLen(x, 2*d)
	if !number.Finite(x...) {
		return ErrDiverged
	}
	y, g := s.y, s.g
	copy(y, x)
	if !s.have || !slices.Equal(s.qc, x[:d]) {
		s.ham.Grad(g, y)
		copy(s.fq, g[:d])
	}
	for i := 0; i < d; i++ {
		y[d+i] -= h / 2 * s.fq[i]
	}
	s.ham.Grad(g, y) // ∂_pH at p_{n+½}
	for i := 0; i < d; i++ {
		y[i] += h * g[d+i]
	}
	s.ham.Grad(g, y) // ∂_qH at q_{n+1}
	for i := 0; i < d; i++ {
		y[d+i] -= h / 2 * g[i]
	}
	if !number.Finite(y...) {
		return ErrDiverged
	}
	copy(x, y)
	copy(s.qc, y[:d])
	copy(s.fq, g[:d])
	s.have = true
	return nil
}
