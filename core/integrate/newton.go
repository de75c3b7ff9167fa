package integrate

import (
	"fmt"
	"math"

	"hnnplay/core/system"
)

// Defaults of the Newton iterations of the implicit methods.
const (
	// DefaultTol is the relative size of the Newton correction at which an
	// implicit solve is accepted.
	DefaultTol = 1e-14
	// DefaultMaxIter bounds the Newton iterations of one implicit solve.
	DefaultMaxIter = 50
)

// fdStep is ∛ε for central differences: truncation O(δ²) and round-off O(ε/δ)
// balance there, both about 1e-11 relative.
var fdStep = math.Cbrt(0x1p-52)

// hessian evaluates ∇²H(x) row-major n×n, n = 2d: in closed form when H has a
// Hessian method, otherwise by central differences of Grad,
//
//	∂²H/∂x_i∂x_j ≈ (∂_iH(x + δ_j e_j) − ∂_iH(x − δ_j e_j)) / 2δ_j,  δ_j = ∛ε·max(1, |x_j|),
//
// symmetrised. Newton only uses the Hessian in its matrix, so an error of
// ~1e-11 there turns quadratic convergence into fast linear convergence and
// leaves the fixed point, hence the step, unchanged.
type hessian struct {
	ham   system.Hamiltonian
	exact hessianer
	both  gradHessianer // exact gradient and Hessian in one evaluation
	xs    []float64     // perturbed state
	gp    []float64     // ∇H(x + δe_j)
	gm    []float64     // ∇H(x − δe_j)
}

func newHessian(H system.Hamiltonian) hessian {
	e := hessian{ham: H}
	if hs, ok := H.(hessianer); ok {
		e.exact = hs
		e.both, _ = H.(gradHessianer)
		return e
	}
	n := 2 * dof(H)
	e.xs = make([]float64, n)
	e.gp = make([]float64, n)
	e.gm = make([]float64, n)
	return e
}

// gradHessianer is implemented by Hamiltonians that compute ∇H and ∇²H
// together more cheaply than apart (hnn.Model: one pass over tanh).
type gradHessianer interface {
	GradHessian(g, hess, x []float64)
}

// gradAt writes ∇H(x) into g and ∇²H(x) into dst.
func (e *hessian) gradAt(g, dst, x []float64) {
	if e.both != nil {
		e.both.GradHessian(g, dst, x)
		return
	}
	e.ham.Grad(g, x)
	e.at(dst, x)
}

// at writes ∇²H(x) into dst (len n²).
func (e *hessian) at(dst, x []float64) {
	if e.exact != nil {
		e.exact.Hessian(dst, x)
		return
	}
	n := len(x)
	copy(e.xs, x)
	for j, xj := range x {
		dj := fdStep * math.Max(1, math.Abs(xj))
		e.xs[j] = xj + dj
		hi := e.xs[j]
		e.ham.Grad(e.gp, e.xs)
		e.xs[j] = xj - dj
		lo := e.xs[j]
		e.ham.Grad(e.gm, e.xs)
		e.xs[j] = xj
		inv := 1 / (hi - lo) // the representable step, not 2δ_j
		for i := 0; i < n; i++ {
			dst[i*n+j] = (e.gp[i] - e.gm[i]) * inv
		}
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			s := (dst[i*n+j] + dst[j*n+i]) / 2
			dst[i*n+j], dst[j*n+i] = s, s
		}
	}
}

// addJM adds α·(J·M) into the n×n block of the row-major matrix a (leading
// dimension lda) whose top-left corner is at (r0, c0). M is n×n row-major,
// n = 2d, and (J·M) has rows M[d+k,:] for k < d and −M[k−d,:] for k ≥ d.
func addJM(a []float64, lda, r0, c0 int, m []float64, n int, alpha float64) {
	d := n / 2
	for k := 0; k < n; k++ {
		var src []float64
		s := alpha
		if k < d {
			src = m[(d+k)*n : (d+k+1)*n]
		} else {
			src = m[(k-d)*n : (k-d+1)*n]
			s = -alpha
		}
		dst := a[(r0+k)*lda+c0 : (r0+k)*lda+c0+n]
		for l, v := range src {
			dst[l] += s * v
		}
	}
}

// setIdentity sets the n×n row-major a to I.
func setIdentity(a []float64, n int) {
	clear(a[:n*n])
	for i := 0; i < n; i++ {
		a[i*n+i] = 1
	}
}

// lu is an in-place LU factorisation with partial pivoting, P·A = L·U, of a
// small dense n×n matrix: the Newton matrices here are 2d or 4d square with d
// a handful, where a dense library call would cost more than the arithmetic.
type lu struct {
	n   int
	a   []float64 // A before factor, L\U after; row-major
	piv []int
}

func newLU(n int) lu {
	return lu{n: n, a: make([]float64, n*n), piv: make([]int, n)}
}

// factor factorises a in place. It returns false if a pivot is zero or not
// finite, i.e. the matrix is singular to working precision or poisoned.
func (f *lu) factor() bool {
	n, a := f.n, f.a
	for k := 0; k < n; k++ {
		p, big := k, math.Abs(a[k*n+k])
		for i := k + 1; i < n; i++ {
			if v := math.Abs(a[i*n+k]); v > big {
				p, big = i, v
			}
		}
		if !(big > 0) || math.IsInf(big, 0) {
			return false
		}
		f.piv[k] = p
		if p != k {
			rk, rp := a[k*n:(k+1)*n], a[p*n:(p+1)*n]
			for j := range rk {
				rk[j], rp[j] = rp[j], rk[j]
			}
		}
		inv := 1 / a[k*n+k]
		rk := a[k*n+k+1 : (k+1)*n]
		for i := k + 1; i < n; i++ {
			l := a[i*n+k] * inv
			a[i*n+k] = l
			if l == 0 {
				continue
			}
			ri := a[i*n+k+1 : (i+1)*n]
			for j, v := range rk {
				ri[j] -= l * v
			}
		}
	}
	return true
}

// solve overwrites b with A⁻¹b using the factorisation.
func (f *lu) solve(b []float64) {
	n, a := f.n, f.a
	for k := 0; k < n; k++ {
		if p := f.piv[k]; p != k {
			b[k], b[p] = b[p], b[k]
		}
	}
	for i := 1; i < n; i++ {
		s := b[i]
		for j, v := range a[i*n : i*n+i] {
			s -= v * b[j]
		}
		b[i] = s
	}
	for i := n - 1; i >= 0; i-- {
		s := b[i]
		for j := i + 1; j < n; j++ {
			s -= a[i*n+j] * b[j]
		}
		b[i] = s / a[i*n+i]
	}
}

// newtonDone reports whether a Newton iteration whose latest correction has
// size dn (the previous one prev) has converged on a solution of size scale.
// It accepts when
//
//   - dn ≤ tol·scale: the last correction was already negligible; or
//   - θ/(1 − θ)·dn ≤ tol·scale with θ = dn/prev < 1 (from the second
//     iteration on): the error left after this correction, estimated as for
//     a contraction of rate θ (an overestimate under Newton's quadratic
//     convergence), is negligible. This saves a final confirming iteration;
//     or
//   - the corrections shrink by less than half (θ ≥ ½) while below
//     √tol·scale: that is the round-off floor of ∇H, and the iterate is
//     already as accurate as the gradient allows.
func newtonDone(dn, prev, scale, tol float64) bool {
	lim := tol * scale
	if dn <= lim {
		return true
	}
	if math.IsInf(prev, 1) {
		return false // first iteration: no rate yet
	}
	theta := dn / prev
	if theta < 1 && theta/(1-theta)*dn <= lim {
		return true
	}
	// Newton converges quadratically (with a finite-difference Hessian,
	// linearly at a rate ~1e-11), so a tiny correction that shrinks by less
	// than half is round-off in ∇H — large for a learned Ĥ with big
	// cancelling coefficients — and iterating further cannot help.
	return theta >= 0.5 && dn <= math.Sqrt(tol)*scale
}

// noConvergence builds the error of a failed implicit solve.
func noConvergence(method string, h float64, iter int, dn, tol float64, why string) error {
	return fmt.Errorf("%w: %s, h=%g: %s (Newton iteration %d, last correction %.3g, relative tolerance %.3g)",
		ErrNoConvergence, method, h, why, iter, dn, tol)
}
