package system

// Spring is the ideal mass–spring oscillator,
//
//	H(q, p) = k q²/2 + p²/(2m),   ∇H = (k q, p/m),
//
// with the paper's defaults k = m = 1 and box [−1, 1]². The anchor is the
// equilibrium x₀ = 0 with H₀ = 0. The motion is a rotation in phase space with
// angular frequency √(k/m).
type Spring struct {
	K float64 // stiffness k
	M float64 // mass m (> 0)
}

// NewSpring returns the spring with k = m = 1.
func NewSpring() *Spring { return &Spring{K: 1, M: 1} }

func (Spring) Name() string      { return "spring" }
func (Spring) Dof() int          { return 1 }
func (Spring) Separable() bool   { return true }
func (Spring) Anchor() []float64 { return []float64{0, 0} }

// Box returns [−1, 1]².
func (Spring) Box() Box { return uniformBox(1, -1, 1, -1, 1) }

// H returns k q²/2 + p²/(2m).
func (s Spring) H(x []float64) float64 {
	checkLen("spring", 2, nil, x)
	q, p := x[0], x[1]
	return s.K*q*q/2 + p*p/(2*s.M)
}

// Grad writes (k q, p/m) into dst.
func (s Spring) Grad(dst, x []float64) {
	checkLen("spring", 2, dst, x)
	q, p := x[0], x[1]
	dst[0], dst[1] = s.K*q, p/s.M
}

// Hessian writes diag(k, 1/m) into dst (2×2).
func (s Spring) Hessian(dst, x []float64) {
	checkHessLen("spring", 2, dst, x)
	dst[0], dst[1], dst[2], dst[3] = s.K, 0, 0, 1/s.M
}
