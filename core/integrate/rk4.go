package integrate

import (
	"hnnplay/core/number"
	"hnnplay/core/system"
)

// RK4 is the classical explicit fourth-order Runge–Kutta method on ẋ = f(x) = J∇H(x),
//
//	k₁ = f(x_n), k₂ = f(x_n + h/2·k₁), k₃ = f(x_n + h/2·k₂), k₄ = f(x_n + h·k₃),
//	x_{n+1} = x_n + h/6·(k₁ + 2k₂ + 2k₃ + k₄).
//
// It is not symplectic: its energy error grows steadily with time, which is
// why it is offered, as the contrast to the symplectic methods.
type RK4 struct {
	ham            system.Hamiltonian
	d              int
	k1, k2, k3, k4 []float64
	y, g           []float64
}

// NewRK4 returns a classical Runge–Kutta stepper for H.
func NewRK4(H system.Hamiltonian) *RK4 {
	n := 2 * dof(H)
	return &RK4{
		ham: H, d: n / 2,
		k1: make([]float64, n), k2: make([]float64, n), k3: make([]float64, n), k4: make([]float64, n),
		y: make([]float64, n), g: make([]float64, n),
	}
}

// f writes J∇H(y) into k.
func (s *RK4) f(k, y []float64) {
	s.ham.Grad(s.g, y)
	applyJ(k, s.g)
}

// Step advances x by one RK4 step of size h. It returns ErrDiverged if x or
// the new state is not finite; x is then unchanged.
func (s *RK4) Step(x []float64, h float64) error {
	checkLen(x, 2*s.d)
	if !number.Finite(x...) {
		return ErrDiverged
	}
	y := s.y
	s.f(s.k1, x)
	for i := range y {
		y[i] = x[i] + h/2*s.k1[i]
	}
	s.f(s.k2, y)
	for i := range y {
		y[i] = x[i] + h/2*s.k2[i]
	}
	s.f(s.k3, y)
	for i := range y {
		y[i] = x[i] + h*s.k3[i]
	}
	s.f(s.k4, y)
	for i := range y {
		y[i] = x[i] + h/6*(s.k1[i]+2*(s.k2[i]+s.k3[i])+s.k4[i])
	}
	if !number.Finite(y...) {
		return ErrDiverged
	}
	copy(x, y)
	return nil
}
