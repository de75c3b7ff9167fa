package fit

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"

	"hnnplay/core/hnn"
	"hnnplay/core/lstsq"
	"hnnplay/core/number"
	"hnnplay/core/sample"
)

// A Factor is the least-squares problem of a block of training rows reduced
// to M equations per target: with D_b = Q·R the QR factorization of the
// block's features (rows of D) and g_b its targets, the block's part of
// every fit residual is ‖R·diag(W[i,:])·c − (Qᵀg_b)[:M]‖² plus the constant
// Outside. Factors of row blocks combine by Merge (a tall-skinny QR), so
// blocks can be factored apart — by goroutines, or by the page's Web
// Workers — and the fit continues from their merge as from one.
type Factor struct {
	// N = min(rows, M) is the number of rows of R and C: M but for a block
	// of fewer rows than neurons.
	N, M, Dim int
	R         []float64 // N×M upper trapezoid, column-major
	C         []float64 // N×Dim, column-major: column i is the top of Qᵀ times the targets of input i
	// Outside is ‖(I − QQᵀ)g_b‖², summed over the targets: the part of them
	// no output layer can fit.
	Outside float64
}

// Rows is a half-open range [Lo, Hi) of training rows.
type Rows struct{ Lo, Hi int }

// Job is a pass's work that Config.Factor may hand elsewhere: factor each
// block of rows of p's features under layer l.
type Job struct {
	Problem Problem
	Layer   sample.Layer
	Blocks  []Rows
}

// minBlockRows is the least number of rows a block has: below it the merge
// of the blocks' M×M triangles would cost more than it saves.
const minBlockRows = 256

// Split returns the row blocks of a K-row problem of width m for n workers:
// n contiguous blocks of nearly equal size, fewer if a block would have
// fewer than max(m, 256) rows, at least one.
func Split(k, m, n int) []Rows {
	n = max(1, min(n, k/max(m, minBlockRows)))
	blocks := make([]Rows, n)
	for i := range blocks {
		blocks[i] = Rows{Lo: i * k / n, Hi: (i + 1) * k / n}
	}
	return blocks
}

// FactorRows factors the block rows of p's features under layer l. It is
// the work of one worker; its result depends only on its arguments.
func FactorRows(p Problem, l sample.Layer, rows Rows) (Factor, error) {
	var w workspace
	return w.factorRows(p, l, rows)
}

// A workspace holds one block's features, targets and reflector scales
// between passes: A-SWIM's second pass factors blocks of the same shape as
// its first, in the same memory.
type workspace struct{ d, g, tau []float64 }

// grow returns buf resliced to n numbers, reallocated only if too short.
func grow(buf []float64, n int) []float64 {
	if cap(buf) < n {
		return make([]float64, n)
	}
	return buf[:n]
}

// factorRows is FactorRows in w's buffers.
func (w *workspace) factorRows(p Problem, l sample.Layer, rows Rows) (Factor, error) {
	dim, m := l.D, l.M
	if dim != 2*p.Dof || len(l.W) != dim*m || len(l.B) != m || rows.Lo < 0 || rows.Hi > len(p.X)/dim || rows.Lo >= rows.Hi {
		return Factor{}, fmt.Errorf("fit: rows [%d, %d) of %d states do not fit a %d×%d layer", rows.Lo, rows.Hi, len(p.X)/max(dim, 1), dim, m)
	}
	k := rows.Hi - rows.Lo
	x := p.X[rows.Lo*dim : rows.Hi*dim]
	xdot := p.Xdot[rows.Lo*dim : rows.Hi*dim]
	// D = 1 − tanh²(XW + 1bᵀ), k×m, column-major: column j holds neuron j's
	// derivative factor at every point.
	w.d = grow(w.d, k*m)
	d := w.d
	for j := 0; j < m; j++ {
		col := d[j*k : (j+1)*k]
		for r := range col {
			z := l.B[j]
			for i, xi := range x[r*dim : (r+1)*dim] {
				z += xi * l.W[i*m+j]
			}
			col[r] = z
		}
		hnn.TanhSlice(col)
		for r, th := range col {
			col[r] = 1 - th*th
		}
	}
	// Targets g = ∇H = J⁻¹ẋ = (−ṗ, q̇), k×2d.
	dof := p.Dof
	w.g = grow(w.g, k*dim)
	g := w.g
	for r := 0; r < k; r++ {
		xd := xdot[r*dim : (r+1)*dim]
		for j := 0; j < dof; j++ {
			g[j*k+r] = -xd[dof+j]
			g[(dof+j)*k+r] = xd[j]
		}
	}
	// D = QR; g ← Qᵀg.
	r0 := min(k, m)
	w.tau = grow(w.tau, r0)
	tau := w.tau
	lstsq.QR(k, m, d, tau)
	lstsq.ApplyQT(k, m, d, tau, g, dim)
	f := Factor{N: r0, M: m, Dim: dim, R: make([]float64, r0*m), C: make([]float64, r0*dim)}
	for j := 0; j < m; j++ {
		copy(f.R[j*r0:j*r0+min(j+1, r0)], d[j*k:])
	}
	for i := 0; i < dim; i++ {
		copy(f.C[i*r0:(i+1)*r0], g[i*k:])
		for _, v := range g[i*k+r0 : (i+1)*k] {
			f.Outside += v * v
		}
	}
	return f, nil
}

// Merge combines the factors of consecutive row blocks, in order, into the
// factor of their union (up to round-off, the factor of the whole block:
// the same R up to the signs of its rows). It overwrites fs.
func Merge(fs []Factor) (Factor, error) {
	if len(fs) == 0 {
		return Factor{}, errors.New("fit: no factors to merge")
	}
	f := fs[0]
	for _, g := range fs[1:] {
		if f.N != f.M || g.N != g.M || g.M != f.M || g.Dim != f.Dim || len(g.R) != f.M*f.M || len(g.C) != f.M*f.Dim {
			return Factor{}, fmt.Errorf("fit: cannot merge factors of %d×%d and %d×%d (blocks need as many rows as neurons)", f.N, f.M, g.N, g.M)
		}
		f.Outside += g.Outside + lstsq.StackQR(f.M, f.Dim, f.R, f.C, g.R, g.C)
	}
	return f, nil
}

// workspaces are the buffers of a fit's blocks, one per block, kept from
// pass to pass.
type workspaces []workspace

// factorHere factors the job's blocks on this machine, one goroutine each,
// in ws's buffers (grown to as many as blocks).
func (ws *workspaces) factorHere(job Job) ([]Factor, error) {
	if len(*ws) < len(job.Blocks) {
		*ws = append(*ws, make(workspaces, len(job.Blocks)-len(*ws))...)
	}
	w := *ws
	fs := make([]Factor, len(job.Blocks))
	errs := make([]error, len(job.Blocks))
	if len(job.Blocks) == 1 {
		fs[0], errs[0] = w[0].factorRows(job.Problem, job.Layer, job.Blocks[0])
		return fs, errs[0]
	}
	var wg sync.WaitGroup
	for i, b := range job.Blocks {
		wg.Go(func() { fs[i], errs[i] = w[i].factorRows(job.Problem, job.Layer, b) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return fs, nil
}

// workers is the number of blocks a fit here splits its rows into.
func workers() int { return runtime.GOMAXPROCS(0) }

// solveFactored solves for the output layer from the merged factor f of all
// training rows, and stores the model and diagnostics in res.
//
// The reduced system has 2d stacked triangles R·diag(W[i,:]) with targets
// C[:, i], and the anchor row [φ(x₀)ᵀ 1] = H₀ with the extra unknown c₀.
// StackQR folds the triangles into one (dropping the parts of the targets
// no solution can fit into the residual), a Householder pass folds in the
// anchor row, and COD solves the (M+1)×(M+1) triangle that is left: the
// same solution as COD on the whole (2d·M + 1)×(M + 1) system, at a
// fraction of the cost.
func solveFactored(p Problem, l sample.Layer, f Factor, c Config, res *Result) error {
	dim, m := l.D, l.M
	if f.N < m {
		return solveWide(p, l, f, c, res)
	}
	rest := f.Outside
	// Triangle 0 and its targets take in the others; t and b are reused.
	s0, u0 := make([]float64, m*m), make([]float64, m)
	t, b := make([]float64, m*m), make([]float64, m)
	for i := 0; i < dim; i++ {
		ti, bi := t, b
		if i == 0 {
			ti, bi = s0, u0
		}
		for j := 0; j < m; j++ {
			w := l.W[i*m+j]
			col := ti[j*m : j*m+j+1]
			for a, v := range f.R[j*m : j*m+j+1] {
				col[a] = v * w
			}
		}
		copy(bi, f.C[i*m:(i+1)*m])
		if i > 0 {
			rest += lstsq.StackQR(m, 1, s0, u0, t, b)
		}
	}
	// The (M+1)×(M+1) triangle, with the unknown c₀ in column m, and the
	// anchor row folded in.
	n := m + 1
	s, u := make([]float64, n*n), make([]float64, n)
	for j := 0; j < m; j++ {
		copy(s[j*n:j*n+j+1], s0[j*m:])
	}
	copy(u, u0)
	row := anchorRow(p, l)
	rest += lstsq.FoldRow(n, s, u, row, p.H0)
	return solveReduced(n, s, u, rest, l, c, res)
}

// solveWide solves the reduced system of a factor with fewer rows N than
// neurons M (fewer training points than neurons) as it is: the
// (2d·N + 1)×(M + 1) system of the 2d trapezoids R·diag(W[i,:]) and the
// anchor row, smaller than M triangles would be.
func solveWide(p Problem, l sample.Layer, f Factor, c Config, res *Result) error {
	dim, m, r0 := l.D, l.M, f.N
	rows, cols := dim*r0+1, m+1
	s := make([]float64, rows*cols)
	u := make([]float64, rows)
	row := anchorRow(p, l)
	for j := 0; j < m; j++ {
		col := s[j*rows : (j+1)*rows]
		rj := f.R[j*r0 : j*r0+min(j+1, r0)]
		for i := 0; i < dim; i++ {
			w := l.W[i*m+j]
			blk := col[i*r0:]
			for a, v := range rj {
				blk[a] = v * w
			}
		}
		col[rows-1] = row[j]
	}
	s[rows*cols-1] = 1
	copy(u, f.C)
	u[rows-1] = p.H0
	return solveReduced(rows, s, u, f.Outside, l, c, res)
}

// anchorRow is the row of the anchor condition: the features at x₀, and 1
// for the output bias c₀.
func anchorRow(p Problem, l sample.Layer) []float64 {
	m := l.M
	row := make([]float64, m+1)
	for j := 0; j < m; j++ {
		z := l.B[j]
		for i, xi := range p.X0 {
			z += xi * l.W[i*m+j]
		}
		row[j] = hnn.Tanh(z)
	}
	row[m] = 1
	return row
}

// solveReduced solves the rows×(M+1) reduced system s·ω = u (column-major;
// rest is the squared residual already dropped from it) and stores the
// model in res.
func solveReduced(rows int, s, u []float64, rest float64, l sample.Layer, c Config, res *Result) error {
	m := l.M
	omega := make([]float64, m+1)
	c.report("solve")
	solve := c.Solver
	if solve == nil {
		solve = lstsq.COD
	}
	lr, err := solve(rows, m+1, s, u, c.Rcond, omega)
	if err != nil {
		return err
	}
	if !number.Finite(omega...) {
		return errors.New("fit: the least-squares solution is not finite")
	}
	res.Model = &hnn.Model{D: l.D, M: m, W: l.W, B: l.B, C: omega[:m:m], C0: omega[m]}
	res.Rank = lr.Rank
	res.Residual = math.Sqrt(lr.Residual*lr.Residual + rest)
	return nil
}
