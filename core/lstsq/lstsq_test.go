package lstsq

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

func TestZeroMatrix(t *testing.T) {
	x := []float64{7, 7}
	res, _ := COD(3, 2, make([]float64, 6), []float64{1, 2, 2}, 1e-13, x)
	if res.Rank != 0 || x[0] != 0 || x[1] != 0 || math.Abs(res.Residual-3) > 1e-15 {
		t.Errorf("zero matrix: rank %d x %v residual %g", res.Rank, x, res.Residual)
	}
}

func ExampleCOD() {
	// Two identical columns: rank 1. The minimum-norm solution splits the
	// weight evenly between them.
	a := []float64{ // column-major: the columns (1, 2, 3) and (1, 2, 3)
		1, 2, 3,
		1, 2, 3,
	}
	b := []float64{2, 4, 6}
	x := make([]float64, 2)
	res, _ := COD(3, 2, a, b, 1e-13, x)
	fmt.Printf("rank %d, x = [%.6f %.6f]\n", res.Rank, x[0], x[1])
	// Output: rank 1, x = [1.000000 1.000000]
}

// QR must reproduce A = Q·R with Q orthogonal, checked by applying Qᵀ to A
// itself (which must give R) and comparing against an independent norm.
func TestQRReproducesR(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	for _, sz := range [][2]int{{5, 3}, {3, 5}, {100, 37}, {300, 130}, {70, 70}} {
		k, m := sz[0], sz[1]
		a := make([]float64, k*m)
		for i := range a {
			a[i] = rnd.NormFloat64()
		}
		f := append([]float64(nil), a...)
		tau := make([]float64, min(k, m))
		QR(k, m, f, tau)
		qa := append([]float64(nil), a...)
		ApplyQT(k, m, f, tau, qa, m)
		for j := 0; j < m; j++ {
			for i := 0; i < k; i++ {
				want := 0.0
				if i <= j {
					want = f[j*k+i]
				}
				if d := math.Abs(qa[j*k+i] - want); d > 1e-12 {
					t.Fatalf("%dx%d: (QᵀA)[%d,%d] = %g, R = %g", k, m, i, j, qa[j*k+i], want)
				}
			}
			// |R_jj| of the first column is its norm.
		}
		n0 := 0.0
		for _, v := range a[:k] {
			n0 += v * v
		}
		if math.Abs(math.Abs(f[0])-math.Sqrt(n0)) > 1e-12*math.Sqrt(n0) {
			t.Errorf("%dx%d: |R_00| = %g, ‖a_0‖ = %g", k, m, f[0], math.Sqrt(n0))
		}
	}
}
