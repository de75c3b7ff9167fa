package integrate

import (
	"math"

	"hnnplay/core/number"
	"hnnplay/core/system"
)

// Butcher tableau of the 2-stage Gauss–Legendre method, s₃ = √3/6:
//
//	c = (½ − s₃, ½ + s₃),  A = [[¼, ¼ − s₃], [¼ + s₃, ¼]],  b = (½, ½).
const (
	gaussS3  = 0.28867513459481288225 // √3/6
	gaussA11 = 0.25
	gaussA12 = 0.25 - gaussS3
	gaussA21 = 0.25 + gaussS3
	gaussA22 = 0.25
	gaussD   = 1.7320508075688772935 // bᵀA⁻¹ = (−√3, √3)
)

// Gauss4 is the 2-stage Gauss–Legendre implicit Runge–Kutta method: order 4,
// symplectic and symmetric for every H, separable or not.
//
// With f(x) = J∇H(x), each step solves for the stage increments
//
//	Z_i = h Σ_j a_ij f(x_n + Z_j),  i = 1, 2,
//
// by full Newton from Z = 0 with the 4d×4d matrix whose (i, j) block is
// δ_ij I − h a_ij J∇²H(x_n + Z_j), and sets
//
//	x_{n+1} = x_n + Σ_i b_i h f(x_n + Z_i) = x_n + √3 (Z₂ − Z₁),
//
// using bᵀA⁻¹ = (−√3, √3) to save two gradient evaluations.
type Gauss4 struct {
	// Tol and MaxIter control the Newton iteration, as for ImplicitMidpoint
	// (with Z = (Z₁, Z₂) in the scale).
	Tol     float64
	MaxIter int

	ham      system.Hamiltonian
	d        int
	hess     hessian
	lu       lu
	z        []float64 // (Z₁, Z₂), len 4d
	r        []float64 // residual, then correction, len 4d
	y1, y2   []float64 // x_n + Z_i
	g1, g2   []float64 // ∇H(y_i)
	hm1, hm2 []float64 // ∇²H(y_i)
}

// NewGauss4 returns a 2-stage Gauss–Legendre stepper for H with DefaultTol and
// DefaultMaxIter.
func NewGauss4(H system.Hamiltonian) *Gauss4 {
	d := dof(H)
	n := 2 * d
	return &Gauss4{
		Tol: DefaultTol, MaxIter: DefaultMaxIter,
		ham: H, d: d, hess: newHessian(H), lu: newLU(2 * n),
		z: make([]float64, 2*n), r: make([]float64, 2*n),
		y1: make([]float64, n), y2: make([]float64, n),
		g1: make([]float64, n), g2: make([]float64, n),
		hm1: make([]float64, n*n), hm2: make([]float64, n*n),
	}
}

// Step advances x by one Gauss–Legendre step of size h. It returns an error
// wrapping ErrNoConvergence if Newton fails and ErrDiverged if x or the new
// state is not finite; x is then unchanged.
func (s *Gauss4) Step(x []float64, h float64) error {
	d, n := s.d, 2*s.d
	checkLen(x, n)
	if !number.Finite(x...) {
		return ErrDiverged
	}
	z, r := s.z, s.r
	z1, z2 := z[:n], z[n:]
	y1, y2, g1, g2 := s.y1, s.y2, s.g1, s.g2
	clear(z)
	xn := normInf(x)
	dn, prev := math.Inf(1), math.Inf(1)
	for it := 1; ; it++ {
		if it > s.MaxIter {
			return noConvergence("Gauss4", h, it-1, dn, s.Tol, "iteration limit reached")
		}
		for i := range x {
			y1[i] = x[i] + z1[i]
			y2[i] = x[i] + z2[i]
		}
		s.hess.gradAt(g1, s.hm1, y1)
		s.hess.gradAt(g2, s.hm2, y2)
		if !number.Finite(g1...) || !number.Finite(g2...) {
			return noConvergence("Gauss4", h, it, dn, s.Tol, "non-finite gradient")
		}
		// r = −(Z_i − h Σ_j a_ij J g_j), with (J g)_k = g_{d+k}, (J g)_{d+k} = −g_k.
		for k := 0; k < d; k++ {
			fq1, fq2 := g1[d+k], g2[d+k]
			fp1, fp2 := -g1[k], -g2[k]
			r[k] = h*(gaussA11*fq1+gaussA12*fq2) - z1[k]
			r[d+k] = h*(gaussA11*fp1+gaussA12*fp2) - z1[d+k]
			r[n+k] = h*(gaussA21*fq1+gaussA22*fq2) - z2[k]
			r[n+d+k] = h*(gaussA21*fp1+gaussA22*fp2) - z2[d+k]
		}
		a := s.lu.a
		setIdentity(a, 2*n)
		addJM(a, 2*n, 0, 0, s.hm1, n, -h*gaussA11)
		addJM(a, 2*n, 0, n, s.hm2, n, -h*gaussA12)
		addJM(a, 2*n, n, 0, s.hm1, n, -h*gaussA21)
		addJM(a, 2*n, n, n, s.hm2, n, -h*gaussA22)
		if !s.lu.factor() {
			return noConvergence("Gauss4", h, it, dn, s.Tol, "singular or non-finite Newton matrix")
		}
		s.lu.solve(r)
		for i, v := range r {
			z[i] += v
		}
		prev, dn = dn, normInf(r)
		if !number.Finite(z...) {
			return noConvergence("Gauss4", h, it, dn, s.Tol, "non-finite iterate")
		}
		if newtonDone(dn, prev, xn+normInf(z), s.Tol) {
			break
		}
	}
	for i := range y1 {
		y1[i] = x[i] + gaussD*(z2[i]-z1[i])
	}
	if !number.Finite(y1...) {
		return ErrDiverged
	}
	copy(x, y1)
	return nil
}
