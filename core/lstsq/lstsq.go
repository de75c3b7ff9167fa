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

	"gonum.org/v1/gonum/mat"
)

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

// SVD writes into x (len n) the minimum-norm least-squares solution of
// A·x ≈ b for the column-major m×n matrix a after discarding singular values
// σ_i ≤ rcond·σ_max — what NumPy's lstsq (LAPACK dgelsd) computes. It is
// slower than COD and serves as the reference. a and b are not modified.
func SVD(m, n int, a, b []float64, rcond float64, x []float64) (Result, error) {
	check(m, n, a, b, x, rcond)
	// a column-major is aᵀ row-major.
	am := mat.NewDense(n, m, a[:m*n]).T()
	var svd mat.SVD
	if !svd.Factorize(am, mat.SVDThin) {
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
	r.MulVec(am, xv)
	r.SubVec(r, bv)
	return Result{Rank: rank, Residual: mat.Norm(r, 2)}, nil
}
