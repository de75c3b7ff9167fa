package lstsq

import "math"

// COD writes into x (len n) the minimum-norm least-squares solution of
// A·x ≈ b for the column-major m×n matrix a, by a complete orthogonal
// decomposition (LAPACK's dgelsy):
//
//  1. if A is tall and large, A = Q₁R₁ (blocked Householder) and b ← Q₁ᵀb,
//     so that the rest works on the n×n triangle R₁ — column pivoting
//     depends only on column norms, which Q₁ preserves;
//  2. column-pivoted QR, A·P = Q·R, with b ← Qᵀb;
//  3. the rank r is the number of leading diagonal entries with
//     |R_ii| > rcond·|R_00|;
//  4. the leading r rows [R₁₁ R₁₂] = Tᵀ·Zᵀ (a QR of their transpose), and the
//     minimum-norm solution of [R₁₁ R₁₂]·y = (Qᵀb)[:r] is y = Z·T⁻ᵀ·(Qᵀb)[:r];
//  5. x = P·y.
//
// a and b are overwritten. COD is a Solver; its error is always nil.
func COD(m, n int, a, b []float64, rcond float64, x []float64) (Result, error) {
	Check(m, n, a, b, x, rcond)
	res2 := 0.0
	// The pre-QR pays when pivoting would stream a matrix that does not fit
	// in cache; on small matrices pivoting the tall matrix directly is cheaper.
	if m > n && (m > 3*n || m*n > preQRElements) {
		tau := make([]float64, n)
		QR(m, n, a, tau)
		ApplyQT(m, n, a, tau, b, 1)
		for _, v := range b[n:m] {
			res2 += v * v
		}
		r := make([]float64, n*n)
		for j := 0; j < n; j++ {
			copy(r[j*n:j*n+j+1], a[j*m:j*m+j+1])
		}
		a, b, m = r, b[:n], n
	}

	k := min(m, n)
	jpvt := make([]int, n)
	tau := make([]float64, k)
	pivotedQR(m, n, a, jpvt, tau, b)

	rank := 0
	if r00 := math.Abs(a[0]); r00 > 0 && !math.IsNaN(r00) {
		for rank < k && math.Abs(a[rank*m+rank]) > rcond*r00 {
			rank++
		}
	}
	for _, v := range b[rank:m] {
		res2 += v * v
	}

	y := make([]float64, n)
	switch {
	case rank == 0:
	case rank == n:
		copy(y, b[:n])
		// Back substitution with the upper triangle R (column j at a[j*m:]).
		for j := n - 1; j >= 0; j-- {
			y[j] /= a[j*m+j]
			yj := y[j]
			for i, rij := range a[j*m : j*m+j] {
				y[i] -= rij * yj
			}
		}
	default:
		// B = [R₁₁ R₁₂]ᵀ, n×rank column-major: column i is row i of R.
		bt := make([]float64, n*rank)
		for i := 0; i < rank; i++ {
			col := bt[i*n : (i+1)*n]
			for j := i; j < n; j++ {
				col[j] = a[j*m+i]
			}
		}
		tz := make([]float64, rank)
		QR(n, rank, bt, tz)
		// Tᵀz = c (forward substitution; T[l,i] = bt[i*n+l] for l ≤ i).
		for i := 0; i < rank; i++ {
			s := b[i]
			col := bt[i*n : i*n+i]
			for l, t := range col {
				s -= t * y[l]
			}
			y[i] = s / bt[i*n+i]
		}
		// y ← Z·[z; 0] = H₀H₁⋯H_{rank−1}·[z; 0].
		for j := rank - 1; j >= 0; j-- {
			reflect1(bt[j*n+j+1:(j+1)*n], tz[j], y[j:])
		}
	}
	for j, p := range jpvt {
		x[p] = y[j]
	}
	return Result{Rank: rank, Residual: math.Sqrt(res2)}, nil
}

// preQRElements is the size (m·n) above which COD factors a tall matrix by a
// blocked QR before pivoting: 2^18 doubles, 2 MiB. (Under wasm, a 601×301
// solve takes 32 ms pivoting directly and 51 ms with the pre-QR.)
const preQRElements = 1 << 18

// pivotedQR factors the column-major m×n matrix a as A·P = Q·R with
// Businger–Golub column pivoting (LAPACK's dlaqp2, with its safe downdating
// of the column norms), applying Qᵀ to b as it goes. On return jpvt[j] is the
// column of A that became column j of A·P.
func pivotedQR(m, n int, a []float64, jpvt []int, tau, b []float64) {
	vn1 := make([]float64, n) // partial column norms
	vn2 := make([]float64, n) // norms at their last exact computation
	for j := 0; j < n; j++ {
		jpvt[j] = j
		vn1[j] = norm(a[j*m : (j+1)*m])
		vn2[j] = vn1[j]
	}
	tol3z := math.Sqrt(0x1p-52)
	for i := 0; i < min(m, n); i++ {
		p := i
		for j := i + 1; j < n; j++ {
			if vn1[j] > vn1[p] {
				p = j
			}
		}
		if p != i {
			ci, cp := a[i*m:(i+1)*m], a[p*m:(p+1)*m]
			for r := range ci {
				ci[r], cp[r] = cp[r], ci[r]
			}
			jpvt[i], jpvt[p] = jpvt[p], jpvt[i]
			vn1[p], vn2[p] = vn1[i], vn2[i]
		}
		tau[i] = householder(a[i*m+i : (i+1)*m])
		parallelColumns(i+1, n, (n-i)*(m-i), func(c0, c1 int) {
			applyReflectors(m, a, tau, i, i+1, a, c0, c1)
		})
		reflect1(a[i*m+i+1:(i+1)*m], tau[i], b[i:m])
		for j := i + 1; j < n; j++ {
			if vn1[j] == 0 {
				continue
			}
			t := math.Abs(a[j*m+i]) / vn1[j]
			t = max(0, 1-t*t)
			if t2 := t * (vn1[j] / vn2[j]) * (vn1[j] / vn2[j]); t2 <= tol3z {
				if i+1 < m {
					vn1[j] = norm(a[j*m+i+1 : (j+1)*m])
				} else {
					vn1[j] = 0
				}
				vn2[j] = vn1[j]
			} else {
				vn1[j] *= math.Sqrt(t)
			}
		}
	}
}
