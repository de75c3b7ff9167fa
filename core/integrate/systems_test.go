package integrate_test

import (
	"math"
	"testing"

	"hnnplay/core/system"
)

// Test Hamiltonians, independent of package system. Each has a closed-form
// gradient and Hessian, checked below against finite differences.

// oscillator is H = (p² + ω²q²)/2, with exact flow
// q(t) = q₀cos ωt + (p₀/ω) sin ωt, p(t) = −ωq₀ sin ωt + p₀cos ωt.
type oscillator struct{ w float64 }

func (oscillator) Dof() int { return 1 }
func (o oscillator) H(x []float64) float64 {
	return (x[1]*x[1] + o.w*o.w*x[0]*x[0]) / 2
}
func (o oscillator) Grad(dst, x []float64) { dst[0], dst[1] = o.w*o.w*x[0], x[1] }
func (o oscillator) Hessian(dst, x []float64) {
	dst[0], dst[1], dst[2], dst[3] = o.w*o.w, 0, 0, 1
}
func (o oscillator) exact(dst, x0 []float64, t float64) {
	s, c := math.Sincos(o.w * t)
	dst[0] = x0[0]*c + x0[1]/o.w*s
	dst[1] = -o.w*x0[0]*s + x0[1]*c
}

// pendulum is H = p²/2 + 1 − cos q.
type pendulum struct{}

func (pendulum) Dof() int                 { return 1 }
func (pendulum) H(x []float64) float64    { return x[1]*x[1]/2 + 1 - math.Cos(x[0]) }
func (pendulum) Grad(dst, x []float64)    { dst[0], dst[1] = math.Sin(x[0]), x[1] }
func (pendulum) Hessian(dst, x []float64) { dst[0], dst[1], dst[2], dst[3] = math.Cos(x[0]), 0, 0, 1 }

// quartic is the non-separable H = (q² + p²)²/4. r² = q² + p² is conserved
// and the flow is a clockwise rotation at angular speed r²: exact.
type quartic struct{}

func (quartic) Dof() int { return 1 }
func (quartic) H(x []float64) float64 {
	r2 := x[0]*x[0] + x[1]*x[1]
	return r2 * r2 / 4
}
func (quartic) Grad(dst, x []float64) {
	r2 := x[0]*x[0] + x[1]*x[1]
	dst[0], dst[1] = r2*x[0], r2*x[1]
}
func (quartic) Hessian(dst, x []float64) {
	q, p := x[0], x[1]
	r2 := q*q + p*p
	dst[0], dst[1], dst[2], dst[3] = r2+2*q*q, 2*q*p, 2*q*p, r2+2*p*p
}
func (quartic) exact(dst, x0 []float64, t float64) {
	s, c := math.Sincos((x0[0]*x0[0] + x0[1]*x0[1]) * t)
	dst[0] = x0[0]*c + x0[1]*s
	dst[1] = -x0[0]*s + x0[1]*c
}

// coupled is the non-separable H = (q² + p²)/2 + ε q²p².
type coupled struct{ eps float64 }

func (coupled) Dof() int { return 1 }
func (c coupled) H(x []float64) float64 {
	q, p := x[0], x[1]
	return (q*q+p*p)/2 + c.eps*q*q*p*p
}
func (c coupled) Grad(dst, x []float64) {
	q, p := x[0], x[1]
	dst[0], dst[1] = q+2*c.eps*q*p*p, p+2*c.eps*q*q*p
}
func (c coupled) Hessian(dst, x []float64) {
	q, p := x[0], x[1]
	dst[0], dst[1] = 1+2*c.eps*p*p, 4*c.eps*q*p
	dst[2], dst[3] = 4*c.eps*q*p, 1+2*c.eps*q*q
}

// henonHeiles is the separable 2-dof
// H = (p₁² + p₂²)/2 + (q₁² + q₂²)/2 + q₁²q₂ − q₂³/3.
type henonHeiles struct{}

func (henonHeiles) Dof() int { return 2 }
func (henonHeiles) H(x []float64) float64 {
	q1, q2, p1, p2 := x[0], x[1], x[2], x[3]
	return (p1*p1+p2*p2)/2 + (q1*q1+q2*q2)/2 + q1*q1*q2 - q2*q2*q2/3
}
func (henonHeiles) Grad(dst, x []float64) {
	q1, q2, p1, p2 := x[0], x[1], x[2], x[3]
	dst[0], dst[1], dst[2], dst[3] = q1+2*q1*q2, q2+q1*q1-q2*q2, p1, p2
}
func (henonHeiles) Hessian(dst, x []float64) {
	q1, q2 := x[0], x[1]
	clear(dst[:16])
	dst[0], dst[1] = 1+2*q2, 2*q1
	dst[4], dst[5] = 2*q1, 1-2*q2
	dst[10], dst[15] = 1, 1
}

// skew is the non-separable 2-dof
// H = (p₁² + p₂²)/2 + (q₁² + q₂²)/2 + ε sin(q₁) p₂,
// whose block ∂²H/∂p∂q = [[0, 0], [ε cos q₁, 0]] is not symmetric, so a
// transposed block in a Newton matrix shows. Its level sets are compact
// (p₂²/2 + ε sin(q₁)p₂ ≥ −ε²/2).
type skew struct{ eps float64 }

func (skew) Dof() int { return 2 }
func (s skew) H(x []float64) float64 {
	q1, q2, p1, p2 := x[0], x[1], x[2], x[3]
	return (p1*p1+p2*p2)/2 + (q1*q1+q2*q2)/2 + s.eps*math.Sin(q1)*p2
}
func (s skew) Grad(dst, x []float64) {
	q1, q2, p1, p2 := x[0], x[1], x[2], x[3]
	sn, cs := math.Sincos(q1)
	dst[0], dst[1], dst[2], dst[3] = q1+s.eps*cs*p2, q2, p1, p2+s.eps*sn
}
func (s skew) Hessian(dst, x []float64) {
	q1, p2 := x[0], x[3]
	sn, cs := math.Sincos(q1)
	clear(dst[:16])
	dst[0*4+0] = 1 - s.eps*sn*p2
	dst[0*4+3], dst[3*4+0] = s.eps*cs, s.eps*cs
	dst[1*4+1], dst[2*4+2], dst[3*4+3] = 1, 1, 1
}

// well is the separable H = p²/2 + q⁴/4: stiff for large |q|, where explicit
// methods blow up and implicit solves fail at large h.
type well struct{}

func (well) Dof() int                 { return 1 }
func (well) H(x []float64) float64    { return x[1]*x[1]/2 + x[0]*x[0]*x[0]*x[0]/4 }
func (well) Grad(dst, x []float64)    { dst[0], dst[1] = x[0]*x[0]*x[0], x[1] }
func (well) Hessian(dst, x []float64) { dst[0], dst[1], dst[2], dst[3] = 3*x[0]*x[0], 0, 0, 1 }

// gradOnly hides any Hessian method, forcing the finite-difference fallback.
type gradOnly struct{ system.Hamiltonian }

type hessianer interface{ Hessian(dst, x []float64) }

// TestSystemsDerivatives checks each test Hamiltonian's Grad against central
// differences of H and its Hessian against central differences of Grad.
func TestSystemsDerivatives(t *testing.T) {
	for _, tc := range []struct {
		name string
		H    system.Hamiltonian
		x    []float64
	}{
		{"oscillator", oscillator{1.3}, []float64{0.7, -0.4}},
		{"pendulum", pendulum{}, []float64{1.1, 0.3}},
		{"quartic", quartic{}, []float64{0.8, -0.6}},
		{"coupled", coupled{0.5}, []float64{0.9, 0.7}},
		{"henonHeiles", henonHeiles{}, []float64{0.1, -0.2, 0.3, 0.25}},
		{"skew", skew{0.4}, []float64{0.5, -0.3, 0.2, 0.6}},
		{"well", well{}, []float64{1.5, -0.5}},
	} {
		n := len(tc.x)
		const step = 1e-5
		g := make([]float64, n)
		tc.H.Grad(g, tc.x)
		hs := make([]float64, n*n)
		tc.H.(hessianer).Hessian(hs, tc.x)
		xs := append([]float64(nil), tc.x...)
		gp, gm := make([]float64, n), make([]float64, n)
		for j := range n {
			xs[j] = tc.x[j] + step
			hp := tc.H.H(xs)
			tc.H.Grad(gp, xs)
			xs[j] = tc.x[j] - step
			hm := tc.H.H(xs)
			tc.H.Grad(gm, xs)
			xs[j] = tc.x[j]
			if fd := (hp - hm) / (2 * step); math.Abs(fd-g[j]) > 1e-8 {
				t.Errorf("%s: ∂H/∂x%d = %g, finite difference %g", tc.name, j, g[j], fd)
			}
			for i := range n {
				if fd := (gp[i] - gm[i]) / (2 * step); math.Abs(fd-hs[i*n+j]) > 1e-8 {
					t.Errorf("%s: ∂²H/∂x%d∂x%d = %g, finite difference %g", tc.name, i, j, hs[i*n+j], fd)
				}
			}
		}
	}
}
