package lstsq

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"gonum.org/v1/gonum/mat"
)

const eps = 0x1p-52

// explicitQ returns, as a k×k gonum matrix, the orthogonal factor Q stored
// by QR(k, m, f, tau) (or by pivotedQR, which stores its reflectors the same
// way). The package applies only Qᵀ, so Qᵀ·I is formed with ApplyQT: its
// column j is Qᵀe_j, row j of Q, and read row-major that array is Q itself.
func explicitQ(k, m int, f, tau []float64) *mat.Dense {
	qt := make([]float64, k*k)
	for i := 0; i < k; i++ {
		qt[i*k+i] = 1
	}
	ApplyQT(k, m, f, tau, qt, k)
	return mat.NewDense(k, k, qt)
}

// upperR returns the k×m upper trapezoid R stored on and above the diagonal
// of the column-major factor f.
func upperR(k, m int, f []float64) *mat.Dense {
	r := mat.NewDense(k, m, nil)
	for j := 0; j < m; j++ {
		for i := 0; i <= min(j, k-1); i++ {
			r.Set(i, j, f[j*k+i])
		}
	}
	return r
}

// orthogonalityError returns ‖QᵀQ − I‖_max.
func orthogonalityError(q *mat.Dense) float64 {
	var g mat.Dense
	g.Mul(q.T(), q)
	k, _ := g.Dims()
	e := 0.0
	for i := 0; i < k; i++ {
		for j := 0; j < k; j++ {
			v := g.At(i, j)
			if i == j {
				v--
			}
			e = max(e, math.Abs(v))
		}
	}
	return e
}

// relFrobenius returns ‖x − y‖_F / ‖y‖_F.
func relFrobenius(x, y mat.Matrix) float64 {
	var d mat.Dense
	d.Sub(x, y)
	return mat.Norm(&d, 2) / mat.Norm(y, 2)
}

// testMatrix returns a column-major k×m matrix of the given kind: "gauss"
// (independent normal entries), "deficient" (columns that are copies, scaled
// copies or sums of others, and a zero column: rank about m/2) or "upper"
// (already upper triangular, so that every reflector is the identity, τ = 0).
func testMatrix(rnd *rand.Rand, kind string, k, m int) []float64 {
	a := make([]float64, k*m)
	for i := range a {
		a[i] = rnd.NormFloat64()
	}
	switch kind {
	case "deficient":
		half := max(1, m/2)
		for j := half; j < m; j++ {
			col := a[j*k : (j+1)*k]
			p, q := rnd.IntN(half), rnd.IntN(half)
			for i := range col {
				switch j % 4 {
				case 0:
					col[i] = a[p*k+i]
				case 1:
					col[i] = -3 * a[p*k+i]
				case 2:
					col[i] = a[p*k+i] + a[q*k+i]
				default:
					col[i] = 0
				}
			}
		}
	case "upper":
		for j := 0; j < m; j++ {
			for i := j + 1; i < k; i++ {
				a[j*k+i] = 0
			}
		}
	}
	return a
}

// TestQRExplicitQ forms Q of QR explicitly (Qᵀ·I through ApplyQT, the
// package having no ApplyQ) and checks with gonum's products that it is
// orthogonal, ‖QᵀQ − I‖_max ≤ 4·k·ε, and that Q·R reproduces A,
// ‖QR − A‖_F/‖A‖_F ≤ 4·max(k, m)·ε: Householder QR is backward stable with
// errors of a modest multiple of the dimension times ε (Higham, Accuracy and
// Stability of Numerical Algorithms, ch. 19); measured here at most 0.6·k·ε
// (3ε at 5×3, ≤ 0.2·k·ε elsewhere) and 0.22·max(k, m)·ε.
//
// The shapes cover the paths of the kernels: one column, tall, square and
// wide; m ≤ 32 (one block of qrBlock = 32 reflectors; forming Q then uses
// the paired-reflector kernel reflect2x4, with an odd count at 20×7), 33 (a
// second block of one), 64, 70 and 97 (blocks of 32, whose trailing updates
// use reflect2x4, and a ragged last one); wide matrices whose last block
// still updates trailing columns, with an odd count of reflectors (35×50: 3)
// and an even one whose last pair has an empty tail (36×60: 4), or too few
// rows left for pairs (34×40); column counts that are not multiples of four;
// a size whose trailing update runs in parallel (400×200, when GOMAXPROCS >
// 1); and rank-deficient and already triangular inputs (τ = 0).
//
// TestQRReproducesR (lstsq_test.go) checks Qᵀ·A = R, which holds for any
// transformations that QR and ApplyQT apply alike, orthogonal or not; this
// test checks orthogonality and A = Q·R themselves.
func TestQRExplicitQ(t *testing.T) {
	rnd := rand.New(rand.NewPCG(31, 32))
	for _, c := range []struct {
		kind string
		k, m int
	}{
		{"gauss", 1, 1}, {"gauss", 40, 1}, {"gauss", 5, 3}, {"gauss", 3, 5},
		{"gauss", 50, 20}, {"gauss", 20, 7}, {"gauss", 100, 33}, {"gauss", 64, 64},
		{"gauss", 150, 70}, {"gauss", 97, 97}, {"gauss", 34, 40}, {"gauss", 35, 50},
		{"gauss", 36, 60}, {"gauss", 400, 200},
		{"deficient", 60, 40}, {"deficient", 30, 45}, {"upper", 30, 30}, {"upper", 40, 36},
	} {
		k, m := c.k, c.m
		name := fmt.Sprintf("%s/%dx%d", c.kind, k, m)
		a := testMatrix(rnd, c.kind, k, m)
		f := append([]float64(nil), a...)
		tau := make([]float64, min(k, m))
		QR(k, m, f, tau)
		q := explicitQ(k, m, f, tau)
		if e, tol := orthogonalityError(q), 4*float64(k)*eps; !(e <= tol) {
			t.Errorf("%s: ‖QᵀQ − I‖_max = %.3g > %.3g", name, e, tol)
		}
		var qr mat.Dense
		qr.Mul(q, upperR(k, m, f))
		am := mat.NewDense(m, k, a).T() // column-major A is Aᵀ row-major
		if e, tol := relFrobenius(&qr, am), 4*float64(max(k, m))*eps; !(e <= tol) {
			t.Errorf("%s: ‖QR − A‖_F/‖A‖_F = %.3g > %.3g", name, e, tol)
		}
	}
}

// TestPivotedQR checks the column-pivoted QR that COD is built on:
// A·P = Q·R with Q orthogonal, within the same backward-error bounds as
// TestQRExplicitQ; jpvt a permutation; the right-hand side it carries
// along equal to Qᵀb (‖·‖ within 4·m·ε·‖b‖); and the Businger–Golub pivoting
// invariant that makes the rank revealing, |R_ii| ≥ ‖R[i:, j]‖ for every
// j > i. The pivot is chosen from downdated column norms whose relative error
// LAPACK's safeguard (recomputing when a norm has shrunk by √ε) keeps near
// ε/√ε ≈ 1.5e-8, so the invariant is checked with a relative slack of 1e-6
// plus an absolute slack of m·ε·|R_00| for the columns that are pure
// rounding noise in rank-deficient matrices.
func TestPivotedQR(t *testing.T) {
	rnd := rand.New(rand.NewPCG(41, 42))
	for _, c := range []struct {
		kind string
		m, n int
	}{
		{"gauss", 1, 5}, {"gauss", 6, 1}, {"gauss", 30, 20}, {"gauss", 20, 30},
		{"gauss", 60, 60}, {"gauss", 400, 200},
		{"deficient", 80, 45}, {"deficient", 25, 40}, {"upper", 30, 30},
	} {
		m, n := c.m, c.n
		name := fmt.Sprintf("%s/%dx%d", c.kind, m, n)
		a := testMatrix(rnd, c.kind, m, n)
		b := make([]float64, m)
		for i := range b {
			b[i] = rnd.NormFloat64()
		}
		f := append([]float64(nil), a...)
		qtb := append([]float64(nil), b...)
		jpvt := make([]int, n)
		tau := make([]float64, min(m, n))
		pivotedQR(m, n, f, jpvt, tau, qtb)

		seen := make([]bool, n)
		for _, p := range jpvt {
			if p < 0 || p >= n || seen[p] {
				t.Fatalf("%s: jpvt %v is not a permutation", name, jpvt)
			}
			seen[p] = true
		}
		ap := mat.NewDense(m, n, nil) // A·P: column j is column jpvt[j] of A
		for j, p := range jpvt {
			for i := 0; i < m; i++ {
				ap.Set(i, j, a[p*m+i])
			}
		}
		q := explicitQ(m, n, f, tau)
		if e, tol := orthogonalityError(q), 4*float64(m)*eps; !(e <= tol) {
			t.Errorf("%s: ‖QᵀQ − I‖_max = %.3g > %.3g", name, e, tol)
		}
		r := upperR(m, n, f)
		var qr mat.Dense
		qr.Mul(q, r)
		if e, tol := relFrobenius(&qr, ap), 4*float64(max(m, n))*eps; !(e <= tol) {
			t.Errorf("%s: ‖QR − AP‖_F/‖A‖_F = %.3g > %.3g", name, e, tol)
		}
		var want mat.VecDense
		want.MulVec(q.T(), mat.NewVecDense(m, b))
		if e, tol := relFrobenius(mat.NewVecDense(m, qtb), &want), 4*float64(m)*eps; !(e <= tol) {
			t.Errorf("%s: carried right-hand side differs from Qᵀb by %.3g (relative) > %.3g", name, e, tol)
		}
		r00 := math.Abs(r.At(0, 0))
	pivots:
		for i := 0; i < min(m, n); i++ {
			rii := math.Abs(r.At(i, i))
			for j := i + 1; j < n; j++ {
				s := 0.0
				for l := i; l <= min(j, m-1); l++ {
					s += r.At(l, j) * r.At(l, j)
				}
				if s = math.Sqrt(s); rii < (1-1e-6)*s-float64(m)*eps*r00 {
					t.Errorf("%s: |R_%d,%d| = %.6g < ‖R[%d:, %d]‖ = %.6g: not the largest remaining column", name, i, i, rii, i, j, s)
					break pivots
				}
			}
		}
	}
}

// BenchmarkQRvsGonum factors the same matrices (uniform entries, the
// matrices of the former BenchmarkQR) with this package's QR and with gonum's
// mat.QR.Factorize (LAPACK dgeqrf in Go, blocked, on gonum's BLAS): the
// comparison that justifies keeping own kernels. Both timings include the
// copy of the input into the matrix that is overwritten; gonum makes its copy
// inside Factorize, which allocates it anew each time, hence its B/op.
// Sub-benchmarks are size/own and size/gonum:
//
//	go test -run '^$' -bench QRvsGonum ./core/lstsq/
//
// 10000×1000 is skipped with -short, and under wasm, where it takes 45 s
// (own 8 s, gonum 35 s).
func BenchmarkQRvsGonum(b *testing.B) {
	for _, sz := range [][2]int{{2000, 300}, {10000, 1000}} {
		k, m := sz[0], sz[1]
		b.Run(fmt.Sprintf("%dx%d", k, m), func(b *testing.B) {
			if k*m > 1e6 && (testing.Short() || runtime.GOARCH == "wasm") {
				b.Skip("large size: skipped with -short and under wasm")
			}
			rnd := rand.New(rand.NewPCG(1, 2))
			a := make([]float64, k*m) // column-major
			for i := range a {
				a[i] = rnd.Float64()
			}
			b.Run("own", func(b *testing.B) {
				b.ReportAllocs()
				w := make([]float64, k*m)
				tau := make([]float64, m)
				for b.Loop() {
					copy(w, a)
					QR(k, m, w, tau)
				}
			})
			b.Run("gonum", func(b *testing.B) {
				b.ReportAllocs()
				am := mat.NewDense(k, m, nil) // the same matrix, row-major
				for j := 0; j < m; j++ {
					for i := 0; i < k; i++ {
						am.Set(i, j, a[j*k+i])
					}
				}
				var qr mat.QR
				for b.Loop() {
					qr.Factorize(am)
				}
			})
		})
	}
}
