package system

// HenonHeiles is the Hénon–Heiles system of the paper,
//
//	H = (p₁² + p₂²)/2 + (q₁² + q₂²)/2 + α (q₁² q₂ − q₂³/3),
//	∇H = (q₁ + 2α q₁ q₂,  q₂ + α (q₁² − q₂²),  p₁,  p₂),
//
// with default α = 1 (the classical chaotic case). The anchor is x₀ = 0 with
// H₀ = 0.
//
// Default box. For α > 0 the potential has three saddles at energy
// E_esc = 1/(6α²); below it the motion stays in the triangle bounded by the
// saddles, which for α = 1 lies in |q_i| ≤ 1 and has |p| ≤ √(2E) < 0.58. The
// default box q, p ∈ [−1, 1]⁴ therefore covers the whole bounded region of the
// classical system with a margin, so that trajectories started from it can be
// compared over long times. (It also contains states above E_esc whose orbits
// escape; only the bounded region matters for long rollouts.) The paper trains
// on the much wider [−5, 5]⁴ (PaperBox), where H reaches ~100 and most states
// escape; that box is offered as the documented alternative. The box does not
// rescale with α.
type HenonHeiles struct {
	Alpha float64 // coupling α
}

// NewHenonHeiles returns the system with α = 1.
func NewHenonHeiles() *HenonHeiles { return &HenonHeiles{Alpha: 1} }

func (HenonHeiles) Name() string      { return "henon-heiles" }
func (HenonHeiles) Dof() int          { return 2 }
func (HenonHeiles) Separable() bool   { return true }
func (HenonHeiles) Anchor() []float64 { return []float64{0, 0, 0, 0} }

// Box returns [−1, 1]⁴; see the type's doc.
func (HenonHeiles) Box() Box { return uniformBox(2, -1, 1, -1, 1) }

// PaperBox returns the paper's training box [−5, 5]⁴.
func (HenonHeiles) PaperBox() Box { return uniformBox(2, -5, 5, -5, 5) }

// H returns the energy; see the type's doc.
func (s HenonHeiles) H(x []float64) float64 {
	checkLen("henon-heiles", 4, nil, x)
	q1, q2, p1, p2 := x[0], x[1], x[2], x[3]
	return (p1*p1+p2*p2)/2 + (q1*q1+q2*q2)/2 + s.Alpha*(q1*q1*q2-q2*q2*q2/3)
}

// Grad writes (q₁ + 2α q₁q₂, q₂ + α(q₁² − q₂²), p₁, p₂) into dst.
func (s HenonHeiles) Grad(dst, x []float64) {
	checkLen("henon-heiles", 4, dst, x)
	q1, q2, p1, p2 := x[0], x[1], x[2], x[3]
	dst[0] = q1 + 2*s.Alpha*q1*q2
	dst[1] = q2 + s.Alpha*(q1*q1-q2*q2)
	dst[2], dst[3] = p1, p2
}

// Hessian writes ∇²H into dst (4×4): the q-block is
// [[1 + 2α q₂, 2α q₁], [2α q₁, 1 − 2α q₂]], the p-block the identity.
func (s HenonHeiles) Hessian(dst, x []float64) {
	checkHessLen("henon-heiles", 4, dst, x)
	clear(dst)
	q1, q2 := x[0], x[1]
	dst[0] = 1 + 2*s.Alpha*q2
	dst[1] = 2 * s.Alpha * q1
	dst[4] = dst[1]
	dst[5] = 1 - 2*s.Alpha*q2
	dst[10], dst[15] = 1, 1
}
