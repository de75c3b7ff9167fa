package lstsq_test

// COD against the truncated-SVD reference (package svd, which imports lstsq:
// hence this external test package).

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"hnnplay/core/lstsq"
	"hnnplay/core/lstsq/svd"
)

const eps = 0x1p-52

// rcondDefault is fit.DefaultRcond, the cut-off the application uses.
const rcondDefault = 1e-13

// gaussian returns an r×c matrix of independent standard normal entries.
func gaussian(rnd *rand.Rand, r, c int) *mat.Dense {
	return mat.NewDense(r, c, gaussianVec(rnd, r*c))
}

func gaussianVec(rnd *rand.Rand, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = rnd.NormFloat64()
	}
	return v
}

// orthonormal returns an m×k matrix (k ≤ m) with orthonormal columns: the
// first k columns of Q in a gonum QR of an m×k Gaussian matrix, a random
// (Haar up to column signs) orthonormal frame.
func orthonormal(rnd *rand.Rand, m, k int) *mat.Dense {
	var qr mat.QR
	qr.Factorize(gaussian(rnd, m, k))
	var q mat.Dense
	qr.QTo(&q)
	return mat.DenseCopyOf(q.Slice(0, m, 0, k))
}

// withSingularValues returns A = U·diag(σ)·Vᵀ (m×n, len(σ) = min(m, n), σ
// decreasing) with random orthonormal U and V: the singular values of A are
// σ up to the rounding of the product, about ε·σ₀.
func withSingularValues(rnd *rand.Rand, m, n int, sigma []float64) *mat.Dense {
	k := min(m, n)
	u := orthonormal(rnd, m, k)
	v := orthonormal(rnd, n, k)
	for j := 0; j < k; j++ {
		for i := 0; i < m; i++ {
			u.Set(i, j, u.At(i, j)*sigma[j])
		}
	}
	var a mat.Dense
	a.Mul(u, v.T())
	return &a
}

// logSpaced returns k values from hi down to lo, evenly spaced in log scale.
func logSpaced(k int, hi, lo float64) []float64 {
	s := make([]float64, k)
	for i := range s {
		f := 0.0
		if k > 1 {
			f = float64(i) / float64(k-1)
		}
		s[i] = hi * math.Pow(lo/hi, f)
	}
	return s
}

// rankAt returns the number of σ_i > rcond·σ₀, the rank the truncation rule
// of both solvers defines.
func rankAt(sigma []float64, rcond float64) int {
	k := 0
	for k < len(sigma) && sigma[k] > rcond*sigma[0] {
		k++
	}
	return k
}

// colMajor returns the column-major copy of a, the layout of package lstsq.
func colMajor(a mat.Matrix) []float64 {
	m, n := a.Dims()
	c := make([]float64, m*n)
	for j := 0; j < n; j++ {
		for i := 0; i < m; i++ {
			c[j*m+i] = a.At(i, j)
		}
	}
	return c
}

func norm2(x []float64) float64 {
	return mat.Norm(mat.NewVecDense(len(x), x), 2)
}

// residual returns ‖A·x − b‖₂, computed directly with gonum.
func residual(a mat.Matrix, x, b []float64) float64 {
	m, _ := a.Dims()
	var r mat.VecDense
	r.MulVec(a, mat.NewVecDense(len(x), append([]float64(nil), x...)))
	r.SubVec(&r, mat.NewVecDense(m, append([]float64(nil), b...)))
	return mat.Norm(&r, 2)
}

// singularValues returns the singular values of a, largest first.
func singularValues(t *testing.T, a mat.Matrix) []float64 {
	t.Helper()
	var s mat.SVD
	if !s.Factorize(a, mat.SVDNone) {
		t.Fatal("reference SVD did not converge")
	}
	return s.Values(nil)
}

// comparison is one COD-versus-SVD check: the system a·x ≈ b cut at rcond,
// whose rank is known by construction, and the singular values of a (the
// prescribed ones when a is built from them, else a gonum SVD's).
type comparison struct {
	name  string
	a     *mat.Dense
	b     []float64
	rcond float64
	rank  int
	sigma []float64
}

// check solves c with lstsq.COD and svd.Solve and compares the results.
//
// Both must find c.rank. Their solutions are not expected to agree to
// rounding: the SVD drops the exact trailing singular directions, COD the
// trailing block R₂₂ of a pivoted QR, whose norm is of the order of the first
// dropped singular value σ_k. Each is the exact minimum-norm solution for a
// rank-k matrix within δ = σ_k + n·ε·σ₀ of A (truncation plus the backward
// error of Householder factorisations), and first-order perturbation theory
// of the pseudo-inverse of rank-k matrices (Wedin) bounds their distance by
//
//	‖x_cod − x_svd‖/‖x_svd‖ ≲ (δ/σ_{k−1})·(1 + ‖r‖/(σ_{k−1}·‖x_svd‖)),
//
// σ_{k−1} the smallest kept singular value, r the residual. The residuals
// (distances from b to two k-dimensional column spaces whose angle is
// ≲ δ/σ_{k−1}) differ by ≲ (δ/σ_{k−1})·‖b‖. Finally COD's reported residual
// must be ‖A·x − b‖ of its x, computed here with gonum, within ‖R₂₂‖·‖x‖ ≈
// δ·‖x‖ (it is the residual of the truncated system) plus n·ε·‖b‖ of
// rounding. Each check allows ten times its bound, for the constants the
// bounds hide (2 in Wedin's, ‖R₂₂‖/σ_k for Businger–Golub pivoting); the
// measured values are 25 times or more below the allowance (go test -v logs
// them). A wrong factor, permutation, rank or right-hand side would show as
// a difference of order one.
func (c comparison) check(t *testing.T) {
	t.Helper()
	m, n := c.a.Dims()
	a := colMajor(c.a)
	xc := make([]float64, n)
	rc, err := lstsq.COD(m, n, append([]float64(nil), a...), append([]float64(nil), c.b...), c.rcond, xc)
	if err != nil {
		t.Fatalf("%s: COD: %v", c.name, err)
	}
	xs := make([]float64, n)
	rs, err := svd.Solve(m, n, a, c.b, c.rcond, xs)
	if err != nil {
		t.Fatalf("%s: SVD: %v", c.name, err)
	}
	if rc.Rank != c.rank || rs.Rank != c.rank {
		t.Errorf("%s: rank COD %d, SVD %d, want %d", c.name, rc.Rank, rs.Rank, c.rank)
		return
	}
	k := c.rank
	kept := c.sigma[k-1]
	dropped := 0.0
	if k < len(c.sigma) {
		dropped = c.sigma[k]
	}
	delta := dropped + float64(n)*eps*c.sigma[0]
	xn, bn := norm2(xs), norm2(c.b)

	diff := make([]float64, n)
	for i := range diff {
		diff[i] = xc[i] - xs[i]
	}
	rel := norm2(diff) / xn
	relTol := 10 * delta / kept * (1 + rs.Residual/(kept*xn))
	if !(rel <= relTol) {
		t.Errorf("%s: ‖x_cod − x_svd‖/‖x_svd‖ = %.3g > %.3g", c.name, rel, relTol)
	}
	dres := math.Abs(rc.Residual - rs.Residual)
	resTol := 10 * delta / kept * bn
	if !(dres <= resTol) {
		t.Errorf("%s: residuals COD %.17g, SVD %.17g differ by %.3g > %.3g", c.name, rc.Residual, rs.Residual, dres, resTol)
	}
	dtrue := math.Abs(rc.Residual - residual(c.a, xc, c.b))
	trueTol := 10 * (delta*norm2(xc) + float64(n)*eps*bn)
	if !(dtrue <= trueTol) {
		t.Errorf("%s: COD reports residual %.17g, ‖A·x − b‖ = %.17g", c.name, rc.Residual, residual(c.a, xc, c.b))
	}
	t.Logf("%s: rank %d, κ_kept %.2g; solutions differ by %.2g (allowed %.2g), residuals by %.2g (allowed %.2g), COD's residual from ‖Ax − b‖ by %.2g (allowed %.2g)",
		c.name, k, c.sigma[0]/kept, rel, relTol, dres, resTol, dtrue, trueTol)
}

// TestCODvsSVDDependentColumns compares COD with the SVD reference on exactly
// rank-deficient systems whose dependencies are single columns: exact
// duplicates, scaled copies (−3× and 10⁻³×), sums of two columns (dependent
// to within rounding) and zero columns, shuffled among r independent
// Gaussian columns, tall (direct pivoting and, at m > 3n, the pre-QR path),
// wide and square, with an inconsistent right-hand side, at the
// application's cut-off 1e-13. The rank must be r; the kept part is well
// conditioned (κ ≤ 30) and the dropped singular values are rounding, so
// check's bounds on the solutions come to 2e-12–6e-12 (measured 2e-15). Low rank built as a
// product of thin random factors is already covered by
// svd.TestRankDeficientMinNorm, and two identical columns by ExampleCOD.
func TestCODvsSVDDependentColumns(t *testing.T) {
	rnd := rand.New(rand.NewPCG(23, 24))
	for _, c := range []struct{ m, n, r int }{{60, 30, 18}, {200, 30, 12}, {20, 35, 15}, {80, 80, 50}} {
		base := gaussian(rnd, c.m, c.r)
		a := mat.NewDense(c.m, c.n, nil)
		perm := rnd.Perm(c.n) // where column j of the construction goes
		for j := 0; j < c.n; j++ {
			p, q := rnd.IntN(c.r), rnd.IntN(c.r)
			for i := 0; i < c.m; i++ {
				var v float64
				switch {
				case j < c.r:
					v = base.At(i, j)
				case j%5 == 0:
					v = base.At(i, p)
				case j%5 == 1:
					v = -3 * base.At(i, p)
				case j%5 == 2:
					v = base.At(i, p) + base.At(i, q)
				case j%5 == 3:
					v = 1e-3 * base.At(i, p)
				}
				a.Set(i, perm[j], v)
			}
		}
		comparison{
			name: fmt.Sprintf("%dx%d rank %d", c.m, c.n, c.r), a: a, b: gaussianVec(rnd, c.m),
			rcond: rcondDefault, rank: c.r, sigma: singularValues(t, a),
		}.check(t)
	}
}

// TestCODvsSVDIllConditioned compares COD with the SVD reference on
// A = U·diag(σ)·Vᵀ with random orthogonal U, V and prescribed singular
// values spanning 1 … 1e-16, for tall (direct pivoting, and the pre-QR path
// at 300×40), square and wide shapes, with an inconsistent right-hand side:
//
//   - "gap": two thirds of σ log-spaced over [1e-6, 1], the rest over
//     [1e-16, 1e-15]; rcond 1e-10 and 1e-13 both keep exactly the first part.
//     check's bound is 10·(1e-15 + n·ε)/1e-6·(1 + ‖r‖/(σ_{k−1}‖x‖)),
//     3e-7 to 1.4e-6 (measured 6e-10 to 3e-9, of the order of
//     δ/σ_{k−1} ≈ 1e-8).
//   - "clusters": four clusters [1e-2, 1], [1e-7, 1e-6], [1e-12, 1e-11],
//     [1e-16, 1e-15], cut at 1e-4 and 1e-9 in the middle of a gap. The
//     first dropped value is 1e-4 of the last kept one, and COD and SVD
//     differ at first order in that ratio: bound ≈ 1e-2, measured ≤ 1.2e-4.
//
// Each cut lies at least a factor 100 from the nearest singular value, which
// leaves room for |R_kk| of the pivoted QR approximating σ_k only within
// modest factors; the expected rank comes from the prescribed σ.
func TestCODvsSVDIllConditioned(t *testing.T) {
	rnd := rand.New(rand.NewPCG(21, 22))
	gap := func(nv int) []float64 {
		k := nv * 2 / 3
		return append(logSpaced(k, 1, 1e-6), logSpaced(nv-k, 1e-15, 1e-16)...)
	}
	clusters := func(nv int) []float64 {
		var s []float64
		for g, r := range [][2]float64{{1, 1e-2}, {1e-6, 1e-7}, {1e-11, 1e-12}, {1e-15, 1e-16}} {
			s = append(s, logSpaced((g+1)*nv/4-g*nv/4, r[0], r[1])...)
		}
		return s
	}
	for _, sz := range [][2]int{{120, 40}, {300, 40}, {40, 40}, {30, 45}} {
		m, n := sz[0], sz[1]
		for _, sp := range []struct {
			name   string
			sigma  []float64
			rconds []float64
		}{
			{"gap", gap(min(m, n)), []float64{1e-10, rcondDefault}},
			{"clusters", clusters(min(m, n)), []float64{1e-4, 1e-9}},
		} {
			a := withSingularValues(rnd, m, n, sp.sigma)
			b := gaussianVec(rnd, m)
			for _, rc := range sp.rconds {
				comparison{
					name: fmt.Sprintf("%dx%d %s rcond=%g", m, n, sp.name, rc), a: a, b: b,
					rcond: rc, rank: rankAt(sp.sigma, rc), sigma: sp.sigma,
				}.check(t)
			}
		}
	}
}

// shnnDesign returns the least-squares system of an S-HNN fit (docs/method.md,
// “The full system”) of the pendulum, H(q, p) = p²/2 + 1 − cos q, at the
// points x (K×2, row-major) for the hidden layer w (2×M, row-major) and
// bias: for each coordinate i and
// point x_r the row (1 − tanh²(w_j·x_r + b_j))·w_ij, j < M, and 0 for the
// constant, with target ∂H/∂x_i(x_r); then the row tanh(b_j), 1 that pins
// H(x₀) = 0 at x₀ = 0. It is (2K + 1)×(M + 1), rows grouped by coordinate as
// fit builds them.
func shnnDesign(x []float64, w, bias []float64) (*mat.Dense, []float64) {
	const d = 2
	k, m := len(x)/d, len(bias)
	a := mat.NewDense(d*k+1, m+1, nil)
	g := make([]float64, d*k+1)
	for r := 0; r < k; r++ {
		q, p := x[r*d], x[r*d+1]
		g[r], g[k+r] = math.Sin(q), p
		for j := 0; j < m; j++ {
			th := math.Tanh(bias[j] + w[j]*q + w[m+j]*p)
			for i := 0; i < d; i++ {
				a.Set(i*k+r, j, (1-th*th)*w[i*m+j])
			}
		}
	}
	for j := 0; j < m; j++ {
		a.Set(d*k, j, math.Tanh(bias[j]))
	}
	a.Set(d*k, m, 1)
	return a, g
}

// TestCODvsSVDDesignMatrix compares COD with the SVD reference on systems
// shaped like the S-HNN design matrix (shnnDesign: 150 points of the box
// [−π, π]×[−2, 2], 301 rows):
//
//   - "duplicated neurons": 30 distinct neurons with standard normal weights,
//     plus 6 exact duplicates and 4 negated copies (−w, −b: tanh is odd, so
//     the column is exactly negated), shuffled — the exact dependencies a
//     sampler produces when it draws the same pair twice; 41 columns of rank
//     31 at the application's rcond. κ of the kept part ≈ 6e3: bound 1.5e-9,
//     measured 7e-14.
//   - "small weights": 40 neurons with weights and biases of size 0.002.
//     On the data tanh is then a polynomial to rounding, and the singular
//     values fall into clusters by degree of the potential: 3 (the constant
//     column and the 2 linear potentials) ≈ 1e-1…1, then 7 (quadratic and
//     cubic) ≈ 1e-6, then 11 (quartic and quintic) ≈ 1e-11…1e-12, then
//     rounding below 2e-16, with gaps of 7e3 and more between clusters.
//     rcond 1e-3, 5e-9 and the application's 1e-13 must find the ranks 3, 10
//     and 21 this structure predicts. The bounds of check are 2e-3 and 1e-3
//     at the first two cuts (measured 8e-5 and 2e-5); at 1e-13 the kept part
//     has κ ≈ 1e12 and rounding alone allows 0.2 (measured 4e-5), so that
//     cut checks mainly the rank.
func TestCODvsSVDDesignMatrix(t *testing.T) {
	rnd := rand.New(rand.NewPCG(25, 26))
	const k, d = 150, 2
	x := make([]float64, k*d)
	for r := 0; r < k; r++ {
		x[r*d] = math.Pi * (2*rnd.Float64() - 1)
		x[r*d+1] = 2 * (2*rnd.Float64() - 1)
	}
	neurons := func(m int, scale float64) (w, bias []float64) {
		w, bias = make([]float64, d*m), make([]float64, m)
		for i := range w {
			w[i] = scale * rnd.NormFloat64()
		}
		for j := range bias {
			bias[j] = scale * (4*rnd.Float64() - 2)
		}
		return w, bias
	}

	const distinct, m = 30, 40
	w0, b0 := neurons(distinct, 1)
	w, bias := make([]float64, d*m), make([]float64, m)
	perm := rnd.Perm(m)
	for j := 0; j < m; j++ {
		src, sign := j, 1.0
		if j >= distinct {
			src = rnd.IntN(distinct)
			if j >= distinct+6 {
				sign = -1
			}
		}
		for i := 0; i < d; i++ {
			w[i*m+perm[j]] = sign * w0[i*distinct+src]
		}
		bias[perm[j]] = sign * b0[src]
	}
	a, g := shnnDesign(x, w, bias)
	comparison{
		name: "duplicated neurons", a: a, b: g,
		rcond: rcondDefault, rank: distinct + 1, sigma: singularValues(t, a),
	}.check(t)

	w, bias = neurons(m, 0.002)
	a, g = shnnDesign(x, w, bias)
	sigma := singularValues(t, a)
	for _, c := range []struct {
		rcond float64
		rank  int
	}{{1e-3, 3}, {5e-9, 10}, {rcondDefault, 21}} {
		comparison{
			name: fmt.Sprintf("small weights rcond=%g", c.rcond), a: a, b: g,
			rcond: c.rcond, rank: c.rank, sigma: sigma,
		}.check(t)
	}
}
