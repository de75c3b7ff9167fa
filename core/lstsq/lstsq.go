// Package lstsq solves the rank-deficient linear least-squares problems that
// fit the last layer of a sampled network:
//
//	minimize ‖A·x − b‖₂ over x, and among the minimizers the one of least ‖x‖₂,
//
// after discarding the directions in which A is numerically singular relative
// to a cut-off rcond. The design matrices of the fit have condition numbers of
// 1e18 and more, so a plain QR refuses them and normal equations lose three to
// four digits: both solvers here are rank revealing (docs/method.md, “Rank
// deficiency and truncation”).
//
// COD (complete orthogonal decomposition, as LAPACK's dgelsy) is the solver;
// package svd holds the reference (truncated singular value decomposition, as
// NumPy's lstsq), kept apart so that programs that do not need it do not link
// gonum.
package lstsq

import "fmt"

// Result describes a solve.
type Result struct {
	Rank     int     // numerical rank kept
	Residual float64 // ‖A·x − b‖₂
}

// A Solver writes into x (len n) the minimum-norm least-squares solution of
// A·x ≈ b for the column-major m×n matrix a, truncated at the relative
// cut-off rcond. It may overwrite a and b.
type Solver func(m, n int, a, b []float64, rcond float64, x []float64) (Result, error)

// Check panics unless the shapes fit a Solver's arguments and rcond ≥ 0.
func Check(m, n int, a, b, x []float64, rcond float64) {
	if m <= 0 || n <= 0 || len(a) < m*n || len(b) < m || len(x) < n {
		panic(fmt.Sprintf("lstsq: bad shapes m=%d n=%d len(a)=%d len(b)=%d len(x)=%d", m, n, len(a), len(b), len(x)))
	}
	if !(rcond >= 0) {
		panic("lstsq: negative or NaN rcond")
	}
}
