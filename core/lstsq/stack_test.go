package lstsq

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// upperTriangle returns a column-major n×n upper triangle of normal entries
// whose columns from n/2 on are scaled by 1e-9 (so that the stack is badly
// conditioned, as the fit's are).
func upperTriangle(rnd *rand.Rand, n int) []float64 {
	a := make([]float64, n*n)
	for j := 0; j < n; j++ {
		s := 1.0
		if j >= n/2 {
			s = 1e-9
		}
		for i := 0; i <= j; i++ {
			a[j*n+i] = s * rnd.NormFloat64()
		}
	}
	return a
}

// gram returns XᵀY for column-major n-row matrices x (n×p) and y (n×r),
// row-major p×r.
func gram(n, p, r int, x, y []float64) []float64 {
	g := make([]float64, p*r)
	for i := 0; i < p; i++ {
		for j := 0; j < r; j++ {
			s := 0.0
			for l := 0; l < n; l++ {
				s += x[i*n+l] * y[j*n+l]
			}
			g[i*r+j] = s
		}
	}
	return g
}

// TestStackQR checks StackQR against what an orthogonal Q must preserve:
// [A; B]ᵀ[A; B] = RᵀR, [A; B]ᵀ[CA; CB] = Rᵀ·ca, and the norm of the
// right-hand sides, split between ca and the returned rest.
func TestStackQR(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{1, 2, 3, 5, 31, 32, 33, 70, 131} {
		for _, q := range []int{0, 1, 4} {
			t.Run(fmt.Sprintf("n=%d/q=%d", n, q), func(t *testing.T) {
				a, b := upperTriangle(rnd, n), upperTriangle(rnd, n)
				ca, cb := make([]float64, n*q), make([]float64, n*q)
				for i := range ca {
					ca[i], cb[i] = rnd.NormFloat64(), rnd.NormFloat64()
				}
				wantG := gram(n, n, n, a, a)
				for i, v := range gram(n, n, n, b, b) {
					wantG[i] += v
				}
				wantC := gram(n, n, q, a, ca)
				for i, v := range gram(n, n, q, b, cb) {
					wantC[i] += v
				}
				norm2 := 0.0
				for i := range ca {
					norm2 += ca[i]*ca[i] + cb[i]*cb[i]
				}

				rest := StackQR(n, q, a, ca, b, cb)

				for j := 0; j < n; j++ {
					for i := j + 1; i < n; i++ {
						if a[j*n+i] != 0 {
							t.Fatalf("R[%d,%d] = %g below the diagonal", i, j, a[j*n+i])
						}
					}
				}
				// Entries of the Gram matrices are compared relative to the
				// product of the column norms (Cauchy–Schwarz).
				colNorm := func(_ []float64, j int) float64 { return math.Sqrt(wantG[j*n+j]) }
				gotG := gram(n, n, n, a, a)
				for i := 0; i < n; i++ {
					for j := 0; j < n; j++ {
						if d := math.Abs(gotG[i*n+j] - wantG[i*n+j]); d > 1e-13*colNorm(a, i)*colNorm(a, j)*float64(n) {
							t.Fatalf("RᵀR[%d,%d] = %g, want %g", i, j, gotG[i*n+j], wantG[i*n+j])
						}
					}
				}
				if q > 0 {
					gotC := gram(n, n, q, a, ca)
					for i := 0; i < n; i++ {
						for j := 0; j < q; j++ {
							if d := math.Abs(gotC[i*q+j] - wantC[i*q+j]); d > 1e-13*colNorm(a, i)*math.Sqrt(norm2)*float64(n) {
								t.Fatalf("Rᵀca[%d,%d] = %g, want %g", i, j, gotC[i*q+j], wantC[i*q+j])
							}
						}
					}
				}
				got := rest
				for _, v := range ca {
					got += v * v
				}
				if math.Abs(got-norm2) > 1e-13*norm2*float64(n) {
					t.Fatalf("‖ca‖² + rest = %g, want ‖CA‖² + ‖CB‖² = %g", got, norm2)
				}
			})
		}
	}
}

// TestStackQRSolves: the least-squares solution of the stacked pair, from
// the triangle StackQR leaves, equals the one COD finds on the 2n×n stack.
func TestStackQRSolves(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 10))
	n := 45
	a, b := make([]float64, n*n), make([]float64, n*n)
	for j := 0; j < n; j++ {
		for i := 0; i <= j; i++ {
			a[j*n+i], b[j*n+i] = rnd.NormFloat64(), rnd.NormFloat64()
		}
	}
	ca, cb := make([]float64, n), make([]float64, n)
	for i := range ca {
		ca[i], cb[i] = rnd.NormFloat64(), rnd.NormFloat64()
	}
	stack := make([]float64, 2*n*n)
	for j := 0; j < n; j++ {
		copy(stack[j*2*n:], a[j*n:(j+1)*n])
		copy(stack[j*2*n+n:], b[j*n:(j+1)*n])
	}
	rhs := append(append([]float64(nil), ca...), cb...)
	want := make([]float64, n)
	wres, _ := COD(2*n, n, stack, rhs, 1e-13, want)

	rest := StackQR(n, 1, a, ca, b, cb)
	got := make([]float64, n)
	gres, _ := COD(n, n, a, ca, 1e-13, got)
	for i := range got {
		if math.Abs(got[i]-want[i]) > 1e-10*(1+math.Abs(want[i])) {
			t.Fatalf("x[%d] = %g, want %g", i, got[i], want[i])
		}
	}
	if r := math.Sqrt(gres.Residual*gres.Residual + rest); math.Abs(r-wres.Residual) > 1e-10*wres.Residual {
		t.Fatalf("residual %g, want %g", r, wres.Residual)
	}
}

func BenchmarkStackQR(b *testing.B) {
	for _, n := range []int{200, 1000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			rnd := rand.New(rand.NewPCG(1, 2))
			a0, b0 := upperTriangle(rnd, n), upperTriangle(rnd, n)
			a, bb := make([]float64, n*n), make([]float64, n*n)
			ca, cb := make([]float64, 2*n), make([]float64, 2*n)
			for b.Loop() {
				copy(a, a0)
				copy(bb, b0)
				StackQR(n, 2, a, ca, bb, cb)
			}
		})
	}
}
