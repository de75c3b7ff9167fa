package system

import "math"

// Kepler is the planar Kepler (central force) problem for one body,
//
//	H(q, p) = |p|²/(2m) − k/|q|,   ∇H = (k q/|q|³, p/m),
//
// q = (x, y), p = (p_x, p_y), with defaults m = k = 1. The force is attractive
// for k > 0.
//
// H is singular at q = 0, so the default box excludes the origin:
// x ∈ [0.5, 1.5], y ∈ [−0.5, 0.5], p_x, p_y ∈ [−1.5, 1.5]. The nearest point
// to the origin is at r = 0.5, where |∇_qH| = 4k, so the field stays moderate.
// The box is a patch around the circular orbit of radius 1 through (1, 0),
// whose momentum (0, √(km)) lies inside it, and it contains bound (H < 0) as
// well as unbound states moving in either direction. A learned model is only
// trustworthy in this patch: a rollout leaves it after about a quarter turn.
//
// The anchor is that circular-orbit state x₀ = (1, 0, 0, √(km)), with
// H₀ = −k/2.
type Kepler struct {
	M float64 // mass m (> 0)
	K float64 // force constant k (> 0)
}

// NewKepler returns the Kepler problem with m = k = 1.
func NewKepler() *Kepler { return &Kepler{M: 1, K: 1} }

func (Kepler) Name() string    { return "kepler" }
func (Kepler) Dof() int        { return 2 }
func (Kepler) Separable() bool { return true }

// Anchor returns the circular-orbit state (1, 0, 0, √(km)).
func (s Kepler) Anchor() []float64 { return []float64{1, 0, 0, math.Sqrt(s.K * s.M)} }

// Labels names the coordinates: the position (x, y) and momentum (pₓ, p_y).
func (Kepler) Labels() []string { return []string{"x", "y", "pₓ", "p_y"} }

// Box returns x ∈ [0.5, 1.5], y ∈ [−0.5, 0.5], p ∈ [−1.5, 1.5]².
func (Kepler) Box() Box {
	return Box{Lo: []float64{0.5, -0.5, -1.5, -1.5}, Hi: []float64{1.5, 0.5, 1.5, 1.5}}
}

// H returns |p|²/(2m) − k/|q|; −Inf·sign(k) at q = 0.
func (s Kepler) H(x []float64) float64 {
	checkLen("kepler", 4, nil, x)
	px, py := x[2], x[3]
	return (px*px+py*py)/(2*s.M) - s.K/math.Hypot(x[0], x[1])
}

// Grad writes (k q/|q|³, p/m) into dst.
func (s Kepler) Grad(dst, x []float64) {
	checkLen("kepler", 4, dst, x)
	qx, qy := x[0], x[1]
	r := math.Hypot(qx, qy)
	f := s.K / (r * r * r)
	dst[0], dst[1] = f*qx, f*qy
	dst[2], dst[3] = x[2]/s.M, x[3]/s.M
}

// Hessian writes ∇²H into dst (4×4): the q-block is k(I/r³ − 3 q qᵀ/r⁵), the
// p-block I/m.
func (s Kepler) Hessian(dst, x []float64) {
	checkHessLen("kepler", 4, dst, x)
	clear(dst)
	qx, qy := x[0], x[1]
	r := math.Hypot(qx, qy)
	a := s.K / (r * r * r)
	b := 3 * a / (r * r)
	dst[0] = a - b*qx*qx
	dst[1] = -b * qx * qy
	dst[4] = dst[1]
	dst[5] = a - b*qy*qy
	dst[10], dst[15] = 1/s.M, 1/s.M
}

// AngularMomentum returns L = x p_y − y p_x, conserved by the flow (see
// Central).
func (Kepler) AngularMomentum(x []float64) float64 { return x[0]*x[3] - x[1]*x[2] }

// CircularMomentum returns √(km/r), the momentum of the circular orbit of
// radius r (see Central).
func (s Kepler) CircularMomentum(r float64) float64 { return math.Sqrt(s.K * s.M / r) }
