package data

import (
	"math"

	"hnnplay/core/system"
)

// CorrectedHamiltonian is the first-order backward-error correction of a
// Hamiltonian Ĥ = Base learned from snapshot data with observation step
// h = Step (docs/method.md, “The correction”):
//
//	H_corr(x) = Ĥ(x) + (h/2) ∇_qĤ(x)·∇_pĤ(x).
//
// If Ĥ reproduces the data of Snapshots, Ĥ = H − (h/2)∇_qH·∇_pH + O(h²) and
// H_corr = H + O(h²). With a negative Step the same formula maps H to that
// modified Hamiltonian of symplectic Euler, to first order.
//
// Grad is analytic when Base implements system.Hessianer,
//
//	∇H_corr = ∇Ĥ + (h/2) ∇²Ĥ · (∇_pĤ, ∇_qĤ),
//
// and otherwise a central difference of H with step ε^{1/3}·max(1, |x_i|)
// (about 1e-10 relative accuracy, 2·2d evaluations of H).
//
// A CorrectedHamiltonian keeps scratch space, so it is not safe for
// concurrent use; H and Grad do not allocate after the first call.
type CorrectedHamiltonian struct {
	Base system.Hamiltonian
	Step float64

	g, s, hess, y []float64
}

// Dof returns Base.Dof().
func (c *CorrectedHamiltonian) Dof() int { return c.Base.Dof() }

func (c *CorrectedHamiltonian) scratch() {
	d2 := 2 * c.Base.Dof()
	if len(c.g) != d2 {
		c.g = make([]float64, d2)
		c.s = make([]float64, d2)
		c.y = make([]float64, d2)
		c.hess = nil
	}
}

// H returns Ĥ(x) + (h/2) ∇_qĤ(x)·∇_pĤ(x).
func (c *CorrectedHamiltonian) H(x []float64) float64 {
	c.scratch()
	c.Base.Grad(c.g, x)
	d := len(c.g) / 2
	dot := 0.0
	for i := range d {
		dot += c.g[i] * c.g[d+i]
	}
	return c.Base.H(x) + c.Step/2*dot
}

// Grad writes ∇H_corr(x) into dst; see the type's doc.
func (c *CorrectedHamiltonian) Grad(dst, x []float64) {
	c.scratch()
	d2 := len(c.g)
	if len(dst) != d2 || len(x) != d2 {
		panic("data: CorrectedHamiltonian.Grad: state length mismatch")
	}
	if hs, ok := c.Base.(system.Hessianer); ok {
		if len(c.hess) != d2*d2 {
			c.hess = make([]float64, d2*d2)
		}
		c.Base.Grad(c.g, x)
		hs.Hessian(c.hess, x)
		d := d2 / 2
		copy(c.s[:d], c.g[d:])
		copy(c.s[d:], c.g[:d])
		for i := range d2 {
			row := c.hess[i*d2 : (i+1)*d2]
			sum := 0.0
			for j, v := range row {
				sum += v * c.s[j]
			}
			dst[i] = c.g[i] + c.Step/2*sum
		}
		return
	}
	y := c.y
	copy(y, x)
	for i := range d2 {
		step := fdStep * math.Max(1, math.Abs(x[i]))
		y[i] = x[i] + step
		hp := c.H(y)
		y[i] = x[i] - step
		hm := c.H(y)
		y[i] = x[i]
		dst[i] = (hp - hm) / ((x[i] + step) - (x[i] - step))
	}
}

// fdStep is ε^{1/3}, the central-difference step for first derivatives.
var fdStep = math.Cbrt(0x1p-52)
