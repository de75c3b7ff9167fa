package world

import (
	"math"
	"strings"
	"testing"

	"hnnplay/core/hnn"
	"hnnplay/core/number"
	"hnnplay/core/system"
)

// exact is a true system used as its own "learned" model.
type exact struct{ system.System }

func (e exact) HGrad(dst, x []float64) float64 { e.Grad(dst, x); return e.H(x) }

func pendulum(t *testing.T) system.System {
	s, err := system.New("pendulum", nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestFrameRoundTrip(t *testing.T) {
	p := NewPlane(system.Box{Lo: []float64{-2, -1}, Hi: []float64{2, 1}}, []float64{0, 0})
	f := FrameOf(p, 10, 20, 400, 300)
	x, y := f.ToPx(p.XLo, p.YHi)
	if x != 10 || y != 20 {
		t.Fatalf("top-left at %v,%v", x, y)
	}
	u, v := f.FromPx(f.ToPx(1.25, -0.5))
	if math.Abs(u-1.25) > 1e-12 || math.Abs(v+0.5) > 1e-12 {
		t.Fatalf("round trip %v %v", u, v)
	}
}

func TestPlaneVelocity(t *testing.T) {
	// 2-dof: plane (q1, p1); ∇H = (1, 2, 3, 4) → q̇1 = ∂H/∂p1 = 3, ṗ1 = −∂H/∂q1 = −1.
	p := Plane{I: 0, J: 2, Base: make([]float64, 4)}
	du, dv := p.Velocity([]float64{1, 2, 3, 4})
	if du != 3 || dv != -1 {
		t.Fatalf("velocity %v %v", du, dv)
	}
}

func TestRing(t *testing.T) {
	r := NewRing(3, 2)
	for i := 0; i < 5; i++ {
		r.Push(float64(i), float64(10*i))
	}
	if r.Len() != 3 || r.At(0)[0] != 2 || r.Last()[1] != 40 {
		t.Fatalf("ring len %d first %v last %v", r.Len(), r.At(0), r.Last())
	}
	if n := testing.AllocsPerRun(100, func() { r.Push(1, 2) }); n != 0 {
		t.Fatalf("Push allocates %v", n)
	}
}

func TestContourCircle(t *testing.T) {
	n := 41
	f := make([]float64, n*n)
	for j := 0; j < n; j++ {
		for i := 0; i < n; i++ {
			x, y := float64(i-20), float64(j-20)
			f[j*n+i] = x*x + y*y
		}
	}
	segs := Contour(nil, f, n, n, 100) // radius 10
	if len(segs) < 40 {
		t.Fatalf("%d segments", len(segs))
	}
	for _, s := range segs {
		for _, p := range [][2]float64{{s.X0, s.Y0}, {s.X1, s.Y1}} {
			r := math.Hypot(p[0]-20, p[1]-20)
			if math.Abs(r-10) > 0.05 {
				t.Fatalf("point %v at radius %v", p, r)
			}
		}
	}
	if len(Contour(nil, f, n, n, -1)) != 0 {
		t.Fatal("level below the minimum has segments")
	}
}

func TestGridFillResumes(t *testing.T) {
	sys := pendulum(t)
	p := NewPlane(sys.Box(), []float64{0, 0})
	g := NewGrid(p, 17, 13)
	calls := 0
	for !g.Fill(exact{sys}, sys, func() bool { calls++; return true }) {
	}
	if calls != 13 {
		t.Fatalf("%d rows in %d calls", g.NY, calls)
	}
	for k := range g.True {
		if g.True[k] != g.Learned[k] {
			t.Fatal("exact model differs from truth")
		}
	}
	// the field at node (i, j): q̇ = p, ṗ = −sin q
	u, v := g.Node(3, 5)
	k := 5*g.NX + 3
	if math.Abs(g.U[k]-v) > 1e-12 || math.Abs(g.V[k]+math.Sin(u)) > 1e-12 {
		t.Fatalf("field %v %v at %v %v", g.U[k], g.V[k], u, v)
	}
	if got := g.At(g.True, u, v); math.Abs(got-g.True[k]) > 1e-12 {
		t.Fatalf("At at a node = %v, want %v", got, g.True[k])
	}
}

func newWorld(t *testing.T, integrator string) *World {
	sys := pendulum(t)
	w, err := New(sys, exact{sys}, sys.Box(), nil, integrator, 0.05)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestWorldTrajectoriesConserveEnergy(t *testing.T) {
	w := newWorld(t, "implicit-midpoint")
	for i := 0; i < 20; i++ {
		w.AddAt(-2+0.2*float64(i), 0.5)
	}
	for f := 0; f < 200; f++ {
		w.Advance(2, nil)
	}
	n, steps, drift := w.Stats()
	if n != 20 || steps != 400 {
		t.Fatalf("count %d steps %d", n, steps)
	}
	if drift > 1e-2 || drift == 0 {
		t.Fatalf("midpoint energy drift %v", drift)
	}
	if w.Trajs[0].Trail.Len() != TrailLen || w.Trajs[0].Energy.Len() != 200 {
		t.Fatalf("trail %d energy %d", w.Trajs[0].Trail.Len(), w.Trajs[0].Energy.Len())
	}
	w.Reset()
	if _, steps, _ := w.Stats(); steps != 0 || w.Trajs[0].Trail.Len() != 1 {
		t.Fatalf("after reset: steps %d", steps)
	}
	w.Clear()
	if n, _, _ := w.Stats(); n != 0 {
		t.Fatal("clear left trajectories")
	}
}

func TestWorldBudget(t *testing.T) {
	w := newWorld(t, "gauss4")
	w.AddAt(1, 0)
	sweeps := 0
	got := w.Advance(50, func() bool { sweeps++; return sweeps >= 3 })
	if got != 3 || w.Lag != 3.0/50 {
		t.Fatalf("did %d sweeps, lag %v", got, w.Lag)
	}
}

func TestWorldMaxTrajectories(t *testing.T) {
	w := newWorld(t, "implicit-midpoint")
	for i := 0; i < MaxTrajectories+5; i++ {
		w.AddAt(0.1, 0.1)
	}
	if len(w.Trajs) != MaxTrajectories || w.Trajs[0].ID != 6 {
		t.Fatalf("%d trajectories, oldest %d", len(w.Trajs), w.Trajs[0].ID)
	}
}

// cliff has a gradient that becomes NaN for |q| > 1: any integrator fails there.
type cliff struct{ system.System }

func (c cliff) Grad(dst, x []float64) {
	c.System.Grad(dst, x)
	if math.Abs(x[0]) > 1 {
		dst[0] = math.NaN()
	}
}
func (c cliff) H(x []float64) float64 {
	if math.Abs(x[0]) > 1 {
		return math.NaN()
	}
	return c.System.H(x)
}
func (c cliff) HGrad(dst, x []float64) float64 { c.Grad(dst, x); return c.H(x) }

func TestWorldDivergenceStopsAndReports(t *testing.T) {
	for _, method := range []string{"rk4", "implicit-midpoint", "gauss4"} {
		sys := pendulum(t)
		w, err := New(sys, cliff{sys}, sys.Box(), nil, method, 0.05)
		if err != nil {
			t.Fatal(err)
		}
		w.Events()
		w.AddAt(0, 1.2) // swings past q = 1
		for f := 0; f < 200; f++ {
			w.Advance(4, nil)
		}
		tr := w.Trajs[0]
		if !tr.Stopped || !tr.Failed || !w.Failed() {
			t.Fatalf("%s: trajectory not stopped", method)
		}
		ev := strings.Join(w.Events(), "\n")
		if !strings.Contains(ev, "trajectory 1") || !strings.Contains(ev, "try a smaller step size") {
			t.Fatalf("%s: events %q", method, ev)
		}
		if !number.Finite(tr.X...) {
			t.Fatalf("%s: state not finite after failure: %v", method, tr.X)
		}
		if n, steps, drift := w.Stats(); n != 1 || steps != 0 || drift != 0 {
			t.Fatalf("%s: stats of a stopped trajectory %d %d %v", method, n, steps, drift)
		}
	}
}

func TestStormerVerletFallsBackForTheModel(t *testing.T) {
	w := newWorld(t, "stormer-verlet")
	l, tr := w.Methods()
	if l != "implicit-midpoint" || tr != "stormer-verlet" {
		t.Fatalf("methods %s %s", l, tr)
	}
	if ev := w.Events(); len(ev) != 1 || !strings.Contains(ev[0], "separable") {
		t.Fatalf("events %q", ev)
	}
}

func TestSectionFor4D(t *testing.T) {
	sys, err := system.New("henon-heiles", nil)
	if err != nil {
		t.Fatal(err)
	}
	w, err := New(sys, exact{sys}, sys.Box(), nil, "implicit-midpoint", 0.05)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(w.SectionNames(), ","); got != "q2,p2" {
		t.Fatalf("section names %s", got)
	}
	if !w.SetSection(map[string]float64{"q2": 0.25, "p2": -0.1, "q1": 9}) {
		t.Fatal("section did not change")
	}
	tr := w.AddAt(0.3, 0.2)
	if tr.X0[0] != 0.3 || tr.X0[1] != 0.25 || tr.X0[2] != 0.2 || tr.X0[3] != -0.1 {
		t.Fatalf("lifted state %v", tr.X0)
	}
	w.Advance(10, nil)
	if tr.Steps != 10 {
		t.Fatal("4-d trajectory did not step")
	}
	// A retrained world adopts starts and section.
	w2, _ := New(sys, exact{sys}, sys.Box(), nil, "gauss4", 0.05)
	w2.Adopt(w)
	if len(w2.Trajs) != 1 || w2.Section()["q2"] != 0.25 {
		t.Fatalf("adopt: %d trajectories, section %v", len(w2.Trajs), w2.Section())
	}
}

func TestRenderLayers(t *testing.T) {
	sys := pendulum(t)
	m := hnn.New(2, 3) // a poor model: Ĥ = 0
	w, err := New(sys, m, sys.Box(), [][]float64{{0, 0}, {1, 0.5}}, "implicit-midpoint", 0.05)
	if err != nil {
		t.Fatal(err)
	}
	w.Grid = NewGrid(w.Plane, 33, 33)
	w.Grid.Fill(m, sys, nil)
	l := RenderLayers(w.Grid, w.Points, nil, 200, 100, StyleFor(1, false))
	count := func(img []uint8) (n int) {
		for i := 3; i < len(img); i += 4 {
			if img[i] > 0 {
				n++
			}
		}
		return n
	}
	if count(l.True.Pix) < 500 {
		t.Fatalf("true contours cover %d pixels", count(l.True.Pix))
	}
	if count(l.Learned.Pix) != 0 {
		t.Fatal("a constant Ĥ has level sets")
	}
	if count(l.Points.Pix) < 10 {
		t.Fatal("points not drawn")
	}
	if l.Error.Bounds().Dx() != 33 || count(l.Error.Pix) < 33*33/2 {
		t.Fatal("error heat map empty")
	}
	// An exact model: no error anywhere, level sets identical.
	g := NewGrid(w.Plane, 33, 33)
	g.Fill(exact{sys}, sys, nil)
	l = RenderLayers(g, nil, nil, 200, 100, StyleFor(1, false))
	if count(l.Error.Pix) != 0 {
		t.Fatal("exact model shows error")
	}
}

func TestTicks(t *testing.T) {
	got := Ticks(-6.9, 6.9, 6)
	want := []float64{-6, -4, -2, 0, 2, 4, 6}
	if len(got) != len(want) {
		t.Fatalf("ticks %v", got)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("ticks %v", got)
		}
	}
}

func TestMaskLine(t *testing.T) {
	m := NewMask(10, 10)
	m.Line(0, 5, 10, 5, 2) // covers rows 4 and 5 fully
	if m.A[4*10+5] != 1 || m.A[5*10+5] != 1 || m.A[2*10+5] != 0 {
		t.Fatalf("coverage %v %v %v", m.A[4*10+5], m.A[5*10+5], m.A[2*10+5])
	}
}

func TestErrorColour(t *testing.T) {
	if ErrorColour(0).A != 0 || ErrorColour(1e-12).A != 0 {
		t.Fatal("tiny error not transparent")
	}
	if c := ErrorColour(1); c != ErrorStops[len(ErrorStops)-1] {
		t.Fatalf("large error %v", c)
	}
}

func TestParticlesStayInWindow(t *testing.T) {
	sys := pendulum(t)
	p := NewPlane(sys.Box(), []float64{0, 0})
	g := NewGrid(p, 33, 33)
	g.Fill(exact{sys}, sys, nil)
	ps := NewParticles(200, p, 1)
	for f := 0; f < 300; f++ {
		ps.Advance(g, 0.1, 0.2, 0.05)
	}
	for _, q := range ps.P {
		if math.IsNaN(q.U) || q.U < p.XLo-0.2 || q.U > p.XHi+0.2 {
			t.Fatalf("particle at %v", q.U)
		}
	}
}

func TestLayoutAndLabels(t *testing.T) {
	for _, c := range [][3]float64{{640, 640, 1}, {1280, 1440, 2}, {320, 300, 1}, {100, 60, 1}} {
		r := Layout(c[0], c[1], c[2], true, 1)
		if r.Plot.W <= 0 || r.Plot.H <= 0 || r.Plot.Y+r.Plot.H > c[1] || r.Energy.Y+r.Energy.H > c[1]+1e-9 {
			t.Fatalf("%v: %+v", c, r)
		}
		if r.Energy.H > 0 && r.Energy.Y < r.Plot.Y+r.Plot.H {
			t.Fatalf("%v: energy panel overlaps the plot: %+v", c, r)
		}
	}
	sys := pendulum(t)
	ls := Labels(Layout(800, 600, 1, true, 1), NewPlane(sys.Box(), []float64{0, 0}), "q", "p")
	var ticks int
	for _, l := range ls {
		if l.Class == "tick" {
			ticks++
		}
	}
	if ticks < 8 {
		t.Fatalf("%d ticks: %+v", ticks, ls)
	}
	if DecadeText(-12) != "10⁻¹²" || DecadeText(0) != "1" || TickText(-2) != "−2" {
		t.Fatal(DecadeText(-12), TickText(-2))
	}
}

// A Hénon–Heiles trajectory crosses the Poincaré section q₂ = 0 upwards again
// and again; each crossing lies where the energy allows (p₁²/2 + q₁²/2 ≤ E,
// since p₂² ≥ 0 there), for both flows, the same (to round-off) when the
// learned Ĥ is H.
func TestPoincareCrossings(t *testing.T) {
	hh, err := system.New("henon-heiles", nil)
	if err != nil {
		t.Fatal(err)
	}
	box := system.Box{Lo: []float64{-1, -1, -0.6, -0.6}, Hi: []float64{1, 1, 0.6, 0.6}}
	w, err := New(hh, exact{hh}, box, nil, "gauss4", 0.05)
	if err != nil {
		t.Fatal(err)
	}
	x0 := []float64{0, -0.1, 0.35, 0.1}
	e := hh.H(x0)
	tr := w.Add(x0)
	w.Advance(4000, nil) // t = 200: some thirty turns
	if len(tr.Crossings) < 20 || len(tr.TwinCrossings) != len(tr.Crossings) {
		t.Fatalf("%d and %d crossings", len(tr.Crossings), len(tr.TwinCrossings))
	}
	for i, c := range tr.Crossings {
		if d := tr.TwinCrossings[i]; math.Abs(c[0]-d[0]) > 1e-9 || math.Abs(c[1]-d[1]) > 1e-9 {
			t.Fatalf("crossing %d: %v and %v with Ĥ = H", i, c, d)
		}
		if k := c[1]*c[1]/2 + c[0]*c[0]/2; k > e*(1+1e-3) {
			t.Fatalf("crossing %d at %v: p₁²/2 + q₁²/2 = %g above the energy %g", i, c, k, e)
		}
	}
	w.Reset()
	if tr.Crossings != nil {
		t.Error("a reset keeps the crossings")
	}
	pd := pendulum(t)
	wp, _ := New(pd, exact{pd}, system.Box{Lo: []float64{-3, -2}, Hi: []float64{3, 2}}, nil, "implicit-midpoint", 0.05)
	tp := wp.Add([]float64{1, 0})
	wp.Advance(500, nil)
	if len(tp.Crossings) != 0 {
		t.Error("a one-degree-of-freedom system has crossings")
	}
}

// A Kepler orbit under the true flow with Gauss–Legendre keeps its energy
// and its angular momentum to 1e-8 over ten turns of an ellipse; the orbit
// trail holds positions at the distances of the ellipse.
func TestKeplerOrbit(t *testing.T) {
	k, err := system.New("kepler", nil)
	if err != nil {
		t.Fatal(err)
	}
	w, err := New(k, exact{k}, k.Box(), nil, "gauss4", 0.05)
	if err != nil {
		t.Fatal(err)
	}
	x0 := []float64{1, 0, 0, 1.2} // E = −0.28: a = 1/(2·0.28), e = 0.44, period 2π a^{3/2} ≈ 15
	tr := w.Add(x0)
	a := 1 / (2 * 0.28)
	period := 2 * math.Pi * math.Pow(a, 1.5)
	w.Advance(int(10*period/0.05)+1, nil)
	e, l, ok := w.OrbitDrift()
	if !ok || tr.TwinStopped || e > 1e-8 || l > 1e-8 {
		t.Fatalf("after ten turns: energy drift %.2g, angular momentum drift %.2g (ok %v, stopped %v)", e, l, ok, tr.TwinStopped)
	}
	t.Logf("ten turns: energy drift %.2g, angular momentum drift %.2g", e, l)
	// perihelion 1 (the start), aphelion a(1+e) = 2a − 1
	rmin, rmax := math.Inf(1), 0.0
	for i := 0; i < tr.TwinOrbit.Len(); i++ {
		p := tr.TwinOrbit.At(i)
		r := math.Hypot(p[0], p[1])
		rmin, rmax = math.Min(rmin, r), math.Max(rmax, r)
	}
	if math.Abs(rmin-1) > 1e-3 || math.Abs(rmax-(2*a-1)) > 1e-3 {
		t.Errorf("the orbit spans r ∈ [%.4f, %.4f], want [1, %.4f]", rmin, rmax, 2*a-1)
	}
	if _, _, ok := (&World{Truth: pendulum(t)}).OrbitDrift(); ok {
		t.Error("the pendulum has an orbit drift")
	}
}
