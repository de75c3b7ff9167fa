// Package svd is the reference least-squares solver: the truncated singular
// value decomposition that the paper's NumPy code uses (LAPACK dgelsd through
// numpy.linalg.lstsq). It is slower than lstsq.COD and serves to check it.
package svd

import (
	"fmt"

	"gonum.org/v1/gonum/mat"

	"hnnplay/core/lstsq"
)

// Solve writes into x (len n) the minimum-norm least-squares solution of
// A·x ≈ b for the column-major m×n matrix a after discarding singular values
// σ_i ≤ rcond·σ_max — what NumPy's lstsq (LAPACK dgelsd) computes. It is
// slower than COD and serves as the reference. a and b are not modified.
func Solve(m, n int, a, b []float64, rcond float64, x []float64) (lstsq.Result, error) {
	lstsq.Check(m, n, a, b, x, rcond)
	// a column-major is aᵀ row-major.
	am := mat.NewDense(n, m, a[:m*n]).T()
	var svd mat.SVD
	if !svd.Factorize(am, mat.SVDThin) {
		return lstsq.Result{}, fmt.Errorf("lstsq: SVD did not converge")
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
	return lstsq.Result{Rank: rank, Residual: mat.Norm(r, 2)}, nil
}
