package system

import "math"

// DoublePendulum is the planar double pendulum in canonical coordinates,
// as in the paper: angles q₁, q₂ from the downward vertical and their conjugate
// momenta p₁, p₂. With θ = q₁ − q₂, s = sin θ, c = cos θ, Dn = m₁ + m₂ s²,
//
//	H = [m₂ l₂² p₁² + (m₁+m₂) l₁² p₂² − 2 m₂ l₁ l₂ p₁ p₂ c] / [2 m₂ l₁² l₂² Dn]
//	    − (m₁+m₂) g l₁ cos q₁ − m₂ g l₂ cos q₂,
//
// and with h₁ = p₁p₂ s/(l₁ l₂ Dn),
// h₂ = [m₂ l₂² p₁² + (m₁+m₂) l₁² p₂² − 2 m₂ l₁ l₂ p₁ p₂ c]/(2 l₁² l₂² Dn²):
//
//	∂H/∂q₁ = (m₁+m₂) g l₁ sin q₁ + h₁ − h₂ sin 2θ
//	∂H/∂q₂ = m₂ g l₂ sin q₂ − h₁ + h₂ sin 2θ
//	∂H/∂p₁ = (l₂ p₁ − l₁ p₂ c)/(l₁² l₂ Dn)
//	∂H/∂p₂ = ((m₁+m₂) l₁ p₂ − m₂ l₂ p₁ c)/(m₂ l₁ l₂² Dn).
//
// Defaults m₁ = m₂ = l₁ = l₂ = g = 1; box q ∈ [−π, π]², p ∈ [−1, 1]²; anchor
// x₀ = 0 with H₀ = −(m₁+m₂) g l₁ − m₂ g l₂ (= −3 at the defaults). The kinetic
// energy couples q and p, so the system is not separable.
//
// The Hessian is not written out analytically: Hessian differentiates the
// analytic gradient by central differences (see its doc).
type DoublePendulum struct {
	M1, M2 float64 // masses (> 0)
	L1, L2 float64 // rod lengths (> 0)
	G      float64 // gravitational acceleration
}

// NewDoublePendulum returns the double pendulum with all parameters 1.
func NewDoublePendulum() *DoublePendulum {
	return &DoublePendulum{M1: 1, M2: 1, L1: 1, L2: 1, G: 1}
}

func (DoublePendulum) Name() string      { return "double-pendulum" }
func (DoublePendulum) Dof() int          { return 2 }
func (DoublePendulum) Separable() bool   { return false }
func (DoublePendulum) Anchor() []float64 { return []float64{0, 0, 0, 0} }

// Box returns q ∈ [−π, π]², p ∈ [−1, 1]².
func (DoublePendulum) Box() Box { return uniformBox(2, -math.Pi, math.Pi, -1, 1) }

// numerator returns m₂ l₂² p₁² + (m₁+m₂) l₁² p₂² − 2 m₂ l₁ l₂ p₁ p₂ cos θ.
func (s DoublePendulum) numerator(p1, p2, c float64) float64 {
	return s.M2*s.L2*s.L2*p1*p1 + (s.M1+s.M2)*s.L1*s.L1*p2*p2 - 2*s.M2*s.L1*s.L2*p1*p2*c
}

// H returns the energy; see the type's doc.
func (s DoublePendulum) H(x []float64) float64 {
	checkLen("double-pendulum", 4, nil, x)
	q1, q2, p1, p2 := x[0], x[1], x[2], x[3]
	sn, c := math.Sincos(q1 - q2)
	dn := s.M1 + s.M2*sn*sn
	t := s.numerator(p1, p2, c) / (2 * s.M2 * s.L1 * s.L1 * s.L2 * s.L2 * dn)
	return t - (s.M1+s.M2)*s.G*s.L1*math.Cos(q1) - s.M2*s.G*s.L2*math.Cos(q2)
}

// Grad writes the analytic gradient of the type's doc into dst.
func (s DoublePendulum) Grad(dst, x []float64) {
	checkLen("double-pendulum", 4, dst, x)
	s.grad(dst, x)
}

func (s DoublePendulum) grad(dst, x []float64) {
	q1, q2, p1, p2 := x[0], x[1], x[2], x[3]
	sn, c := math.Sincos(q1 - q2)
	dn := s.M1 + s.M2*sn*sn
	l1, l2 := s.L1, s.L2
	h1 := p1 * p2 * sn / (l1 * l2 * dn)
	h2 := s.numerator(p1, p2, c) / (2 * l1 * l1 * l2 * l2 * dn * dn)
	s2 := 2 * sn * c // sin 2θ
	dst[0] = (s.M1+s.M2)*s.G*l1*math.Sin(q1) + h1 - h2*s2
	dst[1] = s.M2*s.G*l2*math.Sin(q2) - h1 + h2*s2
	dst[2] = (l2*p1 - l1*p2*c) / (l1 * l1 * l2 * dn)
	dst[3] = ((s.M1+s.M2)*l1*p2 - s.M2*l2*p1*c) / (s.M2 * l1 * l2 * l2 * dn)
}

// Hessian writes ∇²H(x) into dst (4×4, row-major), computed by central
// differences of the analytic gradient,
//
//	∂²H/∂x_i∂x_j ≈ [∂_jH(x + δ_i e_i) − ∂_jH(x − δ_i e_i)] / (2δ_i),
//	δ_i = ε^{1/3} · max(1, |x_i|),
//
// (ε the float64 machine epsilon, δ ≈ 6e-6), then symmetrised. The error is
// O(δ²) truncation plus O(ε/δ) rounding, about 1e-10 relative. It does not
// allocate.
func (s DoublePendulum) Hessian(dst, x []float64) {
	checkHessLen("double-pendulum", 4, dst, x)
	var xp, gp, gm [4]float64
	copy(xp[:], x)
	for i := range 4 {
		d := fdStep * math.Max(1, math.Abs(x[i]))
		xp[i] = x[i] + d
		s.grad(gp[:], xp[:])
		xp[i] = x[i] - d
		s.grad(gm[:], xp[:])
		xp[i] = x[i]
		// dividing by the actual distance cancels the rounding of x ± d.
		h := (x[i] + d) - (x[i] - d)
		for j := range 4 {
			dst[i*4+j] = (gp[j] - gm[j]) / h
		}
	}
	for i := range 4 {
		for j := i + 1; j < 4; j++ {
			m := (dst[i*4+j] + dst[j*4+i]) / 2
			dst[i*4+j], dst[j*4+i] = m, m
		}
	}
}

// fdStep is ε^{1/3}, the central-difference step for first derivatives.
var fdStep = math.Cbrt(0x1p-52)

// Joints returns the two bobs, the first at angle q₁ from the downward
// vertical and the second at q₂ from the first (see Linkage).
func (s DoublePendulum) Joints(x []float64) [][2]float64 {
	b1 := [2]float64{s.L1 * math.Sin(x[0]), -s.L1 * math.Cos(x[0])}
	return [][2]float64{b1, {b1[0] + s.L2*math.Sin(x[1]), b1[1] - s.L2*math.Cos(x[1])}}
}
