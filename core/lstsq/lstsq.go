// Package lstsq solves the rank-deficient linear least-squares problems that
// fit the last layer of a sampled network:
//
//	minimize ‖A·x − b‖₂ over x, and among the minimizers the one of least ‖x‖₂,
//
// after discarding the directions in which A is numerically singular relative
// to a cut-off rcond. The design matrices of SPEC §3 have condition numbers of
// 1e18 and more, so a plain QR refuses them and normal equations lose three to
// four digits (SPEC §7.1): both solvers here are rank revealing.
//
// COD (complete orthogonal decomposition, LAPACK's dgelsy) is the fast
// default; SVD (truncated singular value decomposition, as NumPy's lstsq) is
// the reference.
package lstsq

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack/gonum"
	"gonum.org/v1/gonum/mat"
)

var impl gonum.Implementation

// Result describes a solve.
type Result struct {
	Rank     int     // numerical rank kept
	Residual float64 // ‖A·x − b‖₂
}

func check(m, n int, a, b, x []float64, rcond float64) {
	if m <= 0 || n <= 0 || len(a) < m*n || len(b) < m || len(x) < n {
		panic(fmt.Sprintf("lstsq: bad shapes m=%d n=%d len(a)=%d len(b)=%d len(x)=%d", m, n, len(a), len(b), len(x)))
	}
	if !(rcond >= 0) {
		panic("lstsq: negative or NaN rcond")
	}
}

// COD writes into x (len n) the minimum-norm least-squares solution of
// A·x ≈ b for the m×n row-major matrix a, using a column-pivoted QR
// factorization A·P = Q·R followed by an LQ factorization of the leading
// rank rows of R (a complete orthogonal decomposition). The rank is the
// number of leading diagonal entries of R with |R_ii| > rcond·|R_00|.
//
// a and b are overwritten.
func COD(m, n int, a, b []float64, rcond float64, x []float64) Result {
	check(m, n, a, b, x, rcond)
	k := min(m, n)
	jpvt := make([]int, n)
	for i := range jpvt {
		jpvt[i] = -1
	}
	tau := make([]float64, k)
	work := make([]float64, 1)
	impl.Dgeqp3(m, n, a, n, jpvt, tau, work, -1)
	lw := int(work[0])
	impl.Dormqr(blas.Left, blas.Trans, m, 1, k, a, n, tau, b, 1, work, -1)
	lw = max(lw, int(work[0]), n*64)
	work = make([]float64, lw)

	impl.Dgeqp3(m, n, a, n, jpvt, tau, work, lw)
	// c = Qᵀb; its rows beyond the rank are the residual.
	impl.Dormqr(blas.Left, blas.Trans, m, 1, k, a, n, tau, b, 1, work, lw)

	rank := 0
	if r00 := math.Abs(a[0]); r00 > 0 && !math.IsNaN(r00) {
		for rank < k && math.Abs(a[rank*n+rank]) > rcond*r00 {
			rank++
		}
	}
	res := 0.0
	for i := rank; i < m; i++ {
		res += b[i] * b[i]
	}
	y := make([]float64, n)
	if rank > 0 {
		copy(y, b[:rank])
		if rank == n {
			blas64.Trsv(blas.NoTrans, blas64.Triangular{Uplo: blas.Upper, Diag: blas.NonUnit, N: n, Stride: n, Data: a}, blas64.Vector{N: n, Inc: 1, Data: y})
		} else {
			// [R11 R12] = L·Z with Z having orthonormal rows; the minimum-norm
			// solution of [R11 R12]·y = c is y = Zᵀ·L⁻¹·c.
			t := make([]float64, rank*n)
			for i := 0; i < rank; i++ {
				copy(t[i*n+i:(i+1)*n], a[i*n+i:(i+1)*n])
			}
			tauz := make([]float64, rank)
			impl.Dgelqf(rank, n, t, n, tauz, work, -1)
			if int(work[0]) > len(work) {
				work = make([]float64, int(work[0]))
			}
			impl.Dgelqf(rank, n, t, n, tauz, work, len(work))
			blas64.Trsv(blas.NoTrans, blas64.Triangular{Uplo: blas.Lower, Diag: blas.NonUnit, N: rank, Stride: n, Data: t}, blas64.Vector{N: rank, Inc: 1, Data: y})
			impl.Dormlq(blas.Left, blas.Trans, n, 1, rank, t, n, tauz, y, 1, work, -1)
			if int(work[0]) > len(work) {
				work = make([]float64, int(work[0]))
			}
			impl.Dormlq(blas.Left, blas.Trans, n, 1, rank, t, n, tauz, y, 1, work, len(work))
		}
	}
	for j, p := range jpvt {
		x[p] = y[j]
	}
	return Result{Rank: rank, Residual: math.Sqrt(res)}
}

// SVD writes into x (len n) the minimum-norm least-squares solution of
// A·x ≈ b after discarding singular values σ_i ≤ rcond·σ_max — what NumPy's
// lstsq (LAPACK dgelsd) computes. It is slower than COD and serves as the
// reference. a is not modified.
func SVD(m, n int, a, b []float64, rcond float64, x []float64) (Result, error) {
	check(m, n, a, b, x, rcond)
	var svd mat.SVD
	if !svd.Factorize(mat.NewDense(m, n, a[:m*n]), mat.SVDThin) {
		return Result{}, fmt.Errorf("lstsq: SVD did not converge")
	}
	s := svd.Values(nil)
	var u, v mat.Dense
	svd.UTo(&u)
	svd.VTo(&v)
	rank := 0
	for _, sv := range s {
		if sv > rcond*s[0] {
			rank++
		}
	}
	bv := mat.NewVecDense(m, b[:m:m])
	c := make([]float64, rank)
	for i := range c {
		c[i] = mat.Dot(u.ColView(i), bv) / s[i]
	}
	xv := mat.NewVecDense(n, x[:n:n])
	xv.Zero()
	for i := range c {
		xv.AddScaledVec(xv, c[i], v.ColView(i))
	}
	r := mat.NewVecDense(m, nil)
	r.MulVec(mat.NewDense(m, n, a[:m*n]), xv)
	r.SubVec(r, bv)
	return Result{Rank: rank, Residual: mat.Norm(r, 2)}, nil
}

