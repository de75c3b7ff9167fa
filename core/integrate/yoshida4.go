package integrate

import (
	"math"

	"hnnplay/core/system"
)

// Triple-jump weights: γ₁ = 1/(2 − ∛2), γ₂ = −∛2/(2 − ∛2), so 2γ₁ + γ₂ = 1 and
// 2γ₁³ + γ₂³ = 0, which cancels the h³ error term of a symmetric base method.
var (
	yoshidaG1 = 1 / (2 - math.Cbrt(2))
	yoshidaG2 = -math.Cbrt(2) / (2 - math.Cbrt(2))
)

// Yoshida4 is Yoshida's fourth-order triple-jump composition
//
//	Φ_h = Ψ_{γ₁h} ∘ Ψ_{γ₂h} ∘ Ψ_{γ₁h},  γ₁ = 1/(2 − ∛2), γ₂ = 1 − 2γ₁ < 0,
//
// of a symmetric second-order base method Ψ: Störmer–Verlet for separable H,
// implicit midpoint otherwise. It inherits symplecticity and symmetry from Ψ.
// The backward middle sub-step makes its error constant larger than Gauss4's.
type Yoshida4 struct {
	base Stepper
	x0   []float64 // x_n, restored if a sub-step fails
}

// NewYoshida4 returns a triple-jump stepper for H, composing Störmer–Verlet if
// separable is true and implicit midpoint (DefaultTol, DefaultMaxIter)
// otherwise.
func NewYoshida4(H system.Hamiltonian, separable bool) *Yoshida4 {
	var base Stepper
	if separable {
		base, _ = NewStormerVerlet(H, true)
	} else {
		base = NewImplicitMidpoint(H)
	}
	return &Yoshida4{base: base, x0: make([]float64, 2*dof(H))}
}

// Step advances x by one composed step of size h. It returns the base
// method's error if a sub-step fails; x is then unchanged.
func (s *Yoshida4) Step(x []float64, h float64) error {
	checkLen(x, len(s.x0))
	copy(s.x0, x)
	for _, g := range [3]float64{yoshidaG1, yoshidaG2, yoshidaG1} {
		if err := s.base.Step(x, g*h); err != nil {
			copy(x, s.x0)
			return err
		}
	}
	return nil
}
