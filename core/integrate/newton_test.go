package integrate

import (
	"math"
	"math/rand/v2"
	"testing"

	"hnnplay/core/hnn"
)

// TestLU solves random systems and checks the residual ‖Ax − b‖∞.
func TestLU(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 3, 4, 8, 12} {
		for range 20 {
			f := newLU(n)
			a := make([]float64, n*n)
			for i := range a {
				a[i] = rnd.NormFloat64()
			}
			copy(f.a, a)
			b := make([]float64, n)
			for i := range b {
				b[i] = rnd.NormFloat64()
			}
			x := append([]float64(nil), b...)
			if !f.factor() {
				t.Fatalf("n=%d: random matrix reported singular", n)
			}
			f.solve(x)
			for i := range n {
				s := -b[i]
				for j := range n {
					s += a[i*n+j] * x[j]
				}
				if math.Abs(s) > 1e-10 {
					t.Errorf("n=%d: residual %.1e in row %d", n, s, i)
				}
			}
		}
	}
	f := newLU(2)
	copy(f.a, []float64{1, 2, 2, 4})
	if f.factor() {
		t.Error("singular matrix factorised")
	}
	copy(f.a, []float64{1, math.NaN(), 2, 4})
	if f.factor() {
		t.Error("NaN matrix factorised")
	}
}

// cubic is H = q₁³/3 + q₁q₂p₁ + p₂²·q₂/2 + p₁p₂ (2-dof, no Hessian method): its
// Hessian has all blocks non-zero and unsymmetric pq-blocks.
type cubic struct{}

func (cubic) Dof() int { return 2 }
func (cubic) H(x []float64) float64 {
	q1, q2, p1, p2 := x[0], x[1], x[2], x[3]
	return q1*q1*q1/3 + q1*q2*p1 + p2*p2*q2/2 + p1*p2
}
func (cubic) Grad(dst, x []float64) {
	q1, q2, p1, p2 := x[0], x[1], x[2], x[3]
	dst[0] = q1*q1 + q2*p1
	dst[1] = q1*p1 + p2*p2/2
	dst[2] = q1*q2 + p2
	dst[3] = p2*q2 + p1
}

// TestFiniteDifferenceHessian checks the fallback against the exact Hessian.
func TestFiniteDifferenceHessian(t *testing.T) {
	x := []float64{0.7, -1.3, 2.1, 0.4}
	q1, q2, p1, p2 := x[0], x[1], x[2], x[3]
	want := []float64{
		2 * q1, p1, q2, 0,
		p1, 0, q1, p2,
		q2, q1, 0, 1,
		0, p2, 1, q2,
	}
	e := newHessian(cubic{})
	got := make([]float64, 16)
	e.at(got, x)
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-9 {
			t.Errorf("H[%d][%d] = %.12g, want %g", i/4, i%4, got[i], want[i])
		}
	}
	if a := testing.AllocsPerRun(10, func() { e.at(got, x) }); a != 0 {
		t.Errorf("finite-difference Hessian: %v allocations", a)
	}
}

// The learned network's Hessian method is found structurally.
func TestModelHessianFound(t *testing.T) {
	if newHessian(hnn.New(2, 3)).exact == nil {
		t.Error("hnn.Model's Hessian not used")
	}
	if newHessian(cubic{}).exact != nil {
		t.Error("cubic has no Hessian method, but one was found")
	}
}
