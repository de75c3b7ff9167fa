package world

import (
	"math"

	"hnnplay/core/system"
)

// Grid holds the learned and true Hamiltonians and the learned vector field
// sampled on an NX×NY lattice of a plane's window, node (i, j) at
//
//	u_i = XLo + i·(XHi − XLo)/(NX − 1),  v_j = YLo + j·(YHi − YLo)/(NY − 1),
//
// stored row-major by j (v) then i (u). Evaluating Ĥ is the expensive part
// (one tanh per neuron per node), so Fill computes rows until a deadline and
// can be resumed on the next frame.
type Grid struct {
	NX, NY  int
	Plane   Plane
	Learned []float64 // Ĥ at the nodes
	True    []float64 // H at the nodes
	U, V    []float64 // plane components of the learned ẋ = J∇Ĥ
	rows    int       // rows filled so far
	x, g    []float64
}

// NewGrid returns an empty grid over plane p.
func NewGrid(p Plane, nx, ny int) *Grid {
	n := nx * ny
	dim := len(p.Base)
	return &Grid{NX: nx, NY: ny, Plane: p,
		Learned: make([]float64, n), True: make([]float64, n),
		U: make([]float64, n), V: make([]float64, n),
		x: make([]float64, dim), g: make([]float64, dim)}
}

// Node returns the plane coordinates of node (i, j).
func (g *Grid) Node(i, j int) (u, v float64) {
	p := g.Plane
	return p.XLo + float64(i)*(p.XHi-p.XLo)/float64(g.NX-1), p.YLo + float64(j)*(p.YHi-p.YLo)/float64(g.NY-1)
}

// Done reports whether every row has been computed.
func (g *Grid) Done() bool { return g.rows >= g.NY }

// Progress returns the fraction of rows computed.
func (g *Grid) Progress() float64 { return float64(g.rows) / float64(g.NY) }

// HGrader is a Hamiltonian that returns H and its gradient in one pass, as
// hnn.Model does.
type HGrader interface {
	system.Hamiltonian
	HGrad(dst, x []float64) float64
}

// Fill computes rows until every row is done or stop reports true (checked
// after each row). It returns Done().
func (g *Grid) Fill(learned HGrader, truth system.Hamiltonian, stop func() bool) bool {
	for g.rows < g.NY {
		j := g.rows
		for i := 0; i < g.NX; i++ {
			u, v := g.Node(i, j)
			g.Plane.Lift(g.x, u, v)
			k := j*g.NX + i
			g.Learned[k] = learned.HGrad(g.g, g.x)
			g.U[k], g.V[k] = g.Plane.Velocity(g.g)
			g.True[k] = truth.H(g.x)
		}
		g.rows++
		if stop != nil && stop() {
			break
		}
	}
	return g.Done()
}

// At interpolates field f (one of the grid's slices) bilinearly at (u, v);
// outside the window it clamps to the border.
func (g *Grid) At(f []float64, u, v float64) float64 {
	p := g.Plane
	fx := (u - p.XLo) / (p.XHi - p.XLo) * float64(g.NX-1)
	fy := (v - p.YLo) / (p.YHi - p.YLo) * float64(g.NY-1)
	fx = math.Max(0, math.Min(fx, float64(g.NX-1)))
	fy = math.Max(0, math.Min(fy, float64(g.NY-1)))
	i := min(int(fx), g.NX-2)
	j := min(int(fy), g.NY-2)
	tx, ty := fx-float64(i), fy-float64(j)
	k := j*g.NX + i
	a := f[k]*(1-tx) + f[k+1]*tx
	b := f[k+g.NX]*(1-tx) + f[k+g.NX+1]*tx
	return a*(1-ty) + b*ty
}

// Range returns the p-th and (1−p)-th quantiles of f's finite values, a range
// robust to the singularities some systems have (Kepler at q = 0).
func Range(f []float64, p float64) (lo, hi float64) {
	v := make([]float64, 0, len(f))
	for _, x := range f {
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return 0, 1
	}
	sortFloats(v)
	n := len(v) - 1
	lo, hi = v[int(p*float64(n))], v[int((1-p)*float64(n))]
	if !(hi > lo) {
		lo, hi = v[0], v[n]
	}
	if !(hi > lo) {
		hi = lo + 1
	}
	return lo, hi
}

// Levels returns n contour levels evenly spaced strictly inside [lo, hi].
func Levels(lo, hi float64, n int) []float64 {
	l := make([]float64, n)
	for k := range l {
		l[k] = lo + (hi-lo)*(float64(k)+0.5)/float64(n)
	}
	return l
}
