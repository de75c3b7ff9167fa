package system

import "math"

// Pendulum is the single pendulum of the paper,
//
//	H(q, p) = p²/(2 m l²) + m g l (1 − cos(f q)),
//	∇H      = (m g l f sin(f q), p/(m l²)),
//
// with defaults m = l = g = 1 and frequency factor f = 1 (the paper's
// "frequency" runs use f ∈ {10, 15, 20}). The default box is the paper's
// "small" box q ∈ [−2π, 2π], p ∈ [−1, 1]; the anchor is x₀ = 0 with H₀ = 0.
//
// 1 − cos(f q) is evaluated as 2 sin²(f q/2), which keeps full relative
// accuracy near the equilibrium.
type Pendulum struct {
	M float64 // mass m (> 0)
	L float64 // length l (> 0)
	G float64 // gravitational acceleration g
	F float64 // frequency factor f
}

// NewPendulum returns the pendulum with m = l = g = f = 1.
func NewPendulum() *Pendulum { return &Pendulum{M: 1, L: 1, G: 1, F: 1} }

func (Pendulum) Name() string      { return "pendulum" }
func (Pendulum) Dof() int          { return 1 }
func (Pendulum) Separable() bool   { return true }
func (Pendulum) Anchor() []float64 { return []float64{0, 0} }

// Box returns q ∈ [−2π, 2π], p ∈ [−1, 1].
func (Pendulum) Box() Box { return uniformBox(1, -2*math.Pi, 2*math.Pi, -1, 1) }

// H returns p²/(2 m l²) + 2 m g l sin²(f q/2).
func (s Pendulum) H(x []float64) float64 {
	checkLen("pendulum", 2, nil, x)
	q, p := x[0], x[1]
	sn := math.Sin(s.F * q / 2)
	return p*p/(2*s.M*s.L*s.L) + 2*s.M*s.G*s.L*sn*sn
}

// Grad writes (m g l f sin(f q), p/(m l²)) into dst.
func (s Pendulum) Grad(dst, x []float64) {
	checkLen("pendulum", 2, dst, x)
	q, p := x[0], x[1]
	dst[0] = s.M * s.G * s.L * s.F * math.Sin(s.F*q)
	dst[1] = p / (s.M * s.L * s.L)
}

// Hessian writes diag(m g l f² cos(f q), 1/(m l²)) into dst (2×2).
func (s Pendulum) Hessian(dst, x []float64) {
	checkHessLen("pendulum", 2, dst, x)
	dst[0] = s.M * s.G * s.L * s.F * s.F * math.Cos(s.F*x[0])
	dst[1], dst[2] = 0, 0
	dst[3] = 1 / (s.M * s.L * s.L)
}

// Joints returns the bob at angle f·q from the downward vertical (see
// Linkage).
func (s Pendulum) Joints(x []float64) [][2]float64 {
	a := s.F * x[0]
	return [][2]float64{{s.L * math.Sin(a), -s.L * math.Cos(a)}}
}
