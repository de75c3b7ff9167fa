package world

import (
	"math"
	"math/rand/v2"
	"testing"

	"hnnplay/core/sample"
)

// A SWIM neuron's hyperplane crosses the plane through the midpoint of its
// pair, perpendicular to it; the layer draws one line per neuron and one
// segment per pair, in the colour of the pair's weight.
func TestSamplingLayer(t *testing.T) {
	const k, m = 200, 40
	r := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, 2*k)
	y := make([]float64, k)
	for i := 0; i < k; i++ {
		x[2*i], x[2*i+1] = 4*r.Float64()-2, 2*r.Float64()-1
		y[i] = x[2*i+1]*x[2*i+1]/2 + 1 - math.Cos(x[2*i])
	}
	l, err := sample.SWIM(x, 2, m, y, 3)
	if err != nil {
		t.Fatal(err)
	}
	s := &Sampling{D: 2, M: m, W: l.W, B: l.B}
	for n := 0; n < m; n++ {
		i, j := l.Pairs.From[n], l.Pairs.To[n]
		s.From = append(s.From, x[2*i:2*i+2])
		s.To = append(s.To, x[2*j:2*j+2])
		s.Weight = append(s.Weight, l.Pairs.Prob[n]*float64(l.Pairs.Pool))
	}
	p := Plane{I: 0, J: 1, Base: []float64{0, 0}, XLo: -2.2, XHi: 2.2, YLo: -1.2, YHi: 1.2}
	for n := 0; n < m; n++ {
		u0, v0, u1, v1, ok := s.Hyperplane(p, n)
		if !ok {
			t.Fatalf("neuron %d: its hyperplane misses the window", n)
		}
		a, b := s.From[n], s.To[n]
		mu, mv := (a[0]+b[0])/2, (a[1]+b[1])/2
		du, dv := u1-u0, v1-v0
		// the midpoint is on the segment's line; the segment is perpendicular to the pair
		cross := (mu-u0)*dv - (mv-v0)*du
		dot := du*(b[0]-a[0]) + dv*(b[1]-a[1])
		size := math.Hypot(du, dv) * math.Hypot(b[0]-a[0], b[1]-a[1])
		if math.Abs(cross) > 1e-9*math.Hypot(du, dv)*3 || math.Abs(dot) > 1e-9*size {
			t.Errorf("neuron %d: off the midpoint by %g, not perpendicular by %g", n, cross, dot)
		}
	}
	img, neurons, pairs := samplingImage(p, s, 440, 240, StyleFor(1, false))
	if neurons != m || pairs != m {
		t.Errorf("%d hyperplanes and %d pairs drawn, want %d", neurons, pairs, m)
	}
	f := FrameOf(p, 0, 0, 440, 240)
	for n := 0; n < m; n++ {
		x0, y0 := f.ToPx(p.Project(s.From[n]))
		x1, y1 := f.ToPx(p.Project(s.To[n]))
		if img.RGBAAt(int((x0+x1)/2), int((y0+y1)/2)).A < 0x80 {
			t.Errorf("nothing drawn at pair %d's midpoint", n)
		}
	}
}

func TestClipLine(t *testing.T) {
	for _, c := range []struct {
		a, b, c float64
		ok      bool
	}{
		{1, 0, 0, true},    // u = 0: vertical, through the middle
		{0, 1, -0.5, true}, // v = 0.5
		{1, 1, 0, true},    // the diagonal, through two corners
		{1, 0, -5, false},  // u = 5: outside
		{0, 0, 1, false},   // no line
		{1, -1, -2, false}, // u − v = 2 touches the corner (1, −1) only
	} {
		u0, v0, u1, v1, ok := clipLine(c.a, c.b, c.c, -1, 1, -1, 1)
		if ok != c.ok {
			t.Errorf("%v: ok %v", c, ok)
			continue
		}
		if ok {
			for _, q := range [][2]float64{{u0, v0}, {u1, v1}} {
				if math.Abs(c.a*q[0]+c.b*q[1]+c.c) > 1e-12 || math.Abs(q[0]) > 1+1e-12 || math.Abs(q[1]) > 1+1e-12 {
					t.Errorf("%v: endpoint %v", c, q)
				}
			}
			if u0 == u1 && v0 == v1 {
				t.Errorf("%v: a point, not a segment", c)
			}
		}
	}
}

func TestPairBin(t *testing.T) {
	for w, want := range map[float64]int{0: 0, 0.1: 0, 0.5: 1, 1: 2, 2.9: 2, 3.1: 3, 9.5: 4, 1e9: 4, math.NaN(): 0} {
		if got := PairBin(w); got != want {
			t.Errorf("PairBin(%g) = %d, want %d", w, got, want)
		}
	}
}
