package integrate_test

import (
	"testing"

	"hnnplay/core/integrate"
)

// On a linear system RK4 is the degree-4 Taylor polynomial of e^{hA}:
// x₁ = Σ_{k≤4} (hA)^k/k! x₀.
func TestRK4Linear(t *testing.T) {
	const w, h = 1.3, 0.37
	a := [4]float64{0, h, -h * w * w, 0} // hA
	x0 := [2]float64{0.8, -0.3}
	want, term := x0, x0
	for k := 1; k <= 4; k++ {
		term = mul2(a, term)
		term[0] /= float64(k)
		term[1] /= float64(k)
		want[0] += term[0]
		want[1] += term[1]
	}
	x := x0[:]
	if err := integrate.NewRK4(oscillator{w}).Step(x, h); err != nil {
		t.Fatal(err)
	}
	if d := maxDiff(x, want[:]); d > 1e-15 {
		t.Errorf("RK4 step %v, Taylor polynomial %v (diff %.1e)", x, want, d)
	}
}

func BenchmarkRK4(b *testing.B) {
	benchStep(b, integrate.NewRK4(pendulum{}))
}
