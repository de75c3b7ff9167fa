package integrate_test

import (
	"testing"

	"hnnplay/core/integrate"
)

// On the linear oscillator ẋ = Ax, A = [[0, 1], [−ω², 0]], 2-stage
// Gauss–Legendre is the (2,2) Padé approximant of e^{hA}:
// x₁ = (I − hA/2 + h²A²/12)⁻¹(I + hA/2 + h²A²/12)x₀, and A² = −ω²I.
func TestGauss4Linear(t *testing.T) {
	const w, h = 1.3, 0.37
	x0 := [2]float64{0.8, -0.3}
	c := 1 - h*h*w*w/12
	want := solve2([4]float64{c, -h / 2, h / 2 * w * w, c}, mul2([4]float64{c, h / 2, -h / 2 * w * w, c}, x0))
	x := x0[:]
	if err := integrate.NewGauss4(oscillator{w}).Step(x, h); err != nil {
		t.Fatal(err)
	}
	if d := maxDiff(x, want[:]); d > 1e-15 {
		t.Errorf("Gauss4 step %v, Padé (2,2) %v (diff %.1e)", x, want, d)
	}
}

// The finite-difference Hessian fallback changes the Newton matrix, not the
// fixed point: both give the same trajectory to round-off.
func TestGauss4FiniteDifferenceHessian(t *testing.T) {
	x0 := []float64{0.5, -0.3, 0.2, 0.6}
	a := run(t, integrate.NewGauss4(skew{0.4}), x0, 0.1, 200)
	b := run(t, integrate.NewGauss4(gradOnly{skew{0.4}}), x0, 0.1, 200)
	if d := maxDiff(a, b); d > 1e-13 {
		t.Errorf("closed-form and finite-difference Hessians differ by %.1e after 200 steps", d)
	}
}

func BenchmarkGauss4(b *testing.B) {
	benchStep(b, integrate.NewGauss4(pendulum{}))
}

func BenchmarkGauss4FD(b *testing.B) {
	benchStep(b, integrate.NewGauss4(gradOnly{pendulum{}}))
}
