package svd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"hnnplay/core/lstsq"
)

// lowRank returns an m×n row-major matrix of exact rank r.
func lowRank(rnd *rand.Rand, m, n, r int) []float64 {
	a := make([]float64, m*n)
	u := make([]float64, m*r)
	v := make([]float64, r*n)
	for i := range u {
		u[i] = rnd.NormFloat64()
	}
	for i := range v {
		v[i] = rnd.NormFloat64()
	}
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			s := 0.0
			for l := 0; l < r; l++ {
				s += u[i*r+l] * v[l*n+j]
			}
			a[i*n+j] = s
		}
	}
	return a
}

// colMajor returns the column-major copy of the row-major m×n matrix a.
func colMajor(a []float64, m, n int) []float64 {
	c := make([]float64, m*n)
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			c[j*m+i] = a[i*n+j]
		}
	}
	return c
}

func relDiff(a, b []float64) float64 {
	num, den := 0.0, 0.0
	for i := range a {
		num += (a[i] - b[i]) * (a[i] - b[i])
		den += b[i] * b[i]
	}
	return math.Sqrt(num / den)
}

func TestFullRankExact(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, sz := range [][2]int{{7, 7}, {50, 20}, {300, 40}} {
		m, n := sz[0], sz[1]
		a := lowRank(rnd, m, n, n)
		want := make([]float64, n)
		for i := range want {
			want[i] = rnd.NormFloat64()
		}
		b := make([]float64, m)
		for i := 0; i < m; i++ {
			for j := 0; j < n; j++ {
				b[i] += a[i*n+j] * want[j]
			}
		}
		x := make([]float64, n)
		a = colMajor(a, m, n)
		res, _ := lstsq.COD(m, n, append([]float64(nil), a...), append([]float64(nil), b...), 1e-13, x)
		if res.Rank != n {
			t.Errorf("%dx%d: rank %d, want %d", m, n, res.Rank, n)
		}
		if d := relDiff(x, want); d > 1e-10 {
			t.Errorf("%dx%d: COD solution off by %g", m, n, d)
		}
		xs := make([]float64, n)
		if _, err := Solve(m, n, a, b, 1e-13, xs); err != nil {
			t.Fatal(err)
		}
		if d := relDiff(xs, want); d > 1e-10 {
			t.Errorf("%dx%d: SVD solution off by %g", m, n, d)
		}
	}
}

// On an exactly rank-deficient system with an inconsistent right-hand side,
// both solvers must return the same minimum-norm least-squares solution:
// orthogonal to the null space, with a residual orthogonal to the range.
func TestRankDeficientMinNorm(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	for _, c := range []struct{ m, n, r int }{{40, 30, 10}, {200, 60, 25}, {30, 50, 12}} {
		ar := lowRank(rnd, c.m, c.n, c.r)
		a := colMajor(ar, c.m, c.n)
		b := make([]float64, c.m)
		for i := range b {
			b[i] = rnd.NormFloat64()
		}
		xc := make([]float64, c.n)
		rc, _ := lstsq.COD(c.m, c.n, append([]float64(nil), a...), append([]float64(nil), b...), 1e-10, xc)
		xs := make([]float64, c.n)
		rs, err := Solve(c.m, c.n, a, b, 1e-10, xs)
		if err != nil {
			t.Fatal(err)
		}
		if rc.Rank != c.r || rs.Rank != c.r {
			t.Errorf("%v: ranks COD %d SVD %d, want %d", c, rc.Rank, rs.Rank, c.r)
		}
		if d := relDiff(xc, xs); d > 1e-8 {
			t.Errorf("%v: COD and SVD solutions differ by %g", c, d)
		}
		if math.Abs(rc.Residual-rs.Residual) > 1e-9*rs.Residual {
			t.Errorf("%v: residuals %g vs %g", c, rc.Residual, rs.Residual)
		}
		// Normal equations hold: Aᵀ(Ax − b) = 0.
		r := make([]float64, c.m)
		for i := 0; i < c.m; i++ {
			r[i] = -b[i]
			for j := 0; j < c.n; j++ {
				r[i] += ar[i*c.n+j] * xc[j]
			}
		}
		for j := 0; j < c.n; j++ {
			g := 0.0
			for i := 0; i < c.m; i++ {
				g += ar[i*c.n+j] * r[i]
			}
			if math.Abs(g) > 1e-9 {
				t.Fatalf("%v: Aᵀr[%d] = %g", c, j, g)
			}
		}
	}
}

// BenchmarkSolvers compares the fast solver with the reference on reduced
// systems of the sizes a fit produces (2d·M + 1)×(M + 1).
func BenchmarkSolvers(b *testing.B) {
	for _, sz := range [][2]int{{601, 301}, {2001, 1001}} {
		m, n := sz[0], sz[1]
		rnd := rand.New(rand.NewPCG(5, 6))
		a := lowRank(rnd, m, n, n*3/4)
		rhs := make([]float64, m)
		for i := range rhs {
			rhs[i] = rnd.NormFloat64()
		}
		x := make([]float64, n)
		aw, bw := make([]float64, len(a)), make([]float64, m)
		for _, s := range []struct {
			name  string
			solve lstsq.Solver
		}{{"cod", lstsq.COD}, {"svd", Solve}} {
			b.Run(fmt.Sprintf("%s/%dx%d", s.name, m, n), func(b *testing.B) {
				for b.Loop() {
					copy(aw, a)
					copy(bw, rhs)
					if _, err := s.solve(m, n, aw, bw, 1e-13, x); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
