package sample

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

func points(k, d int, seed uint64) []float64 {
	r := rand.New(rand.NewPCG(seed, 7))
	x := make([]float64, k*d)
	for i := range x {
		x[i] = 4*r.Float64() - 2
	}
	return x
}

func neuron(l Layer, m int, x []float64) float64 {
	z := l.B[m]
	for i, xi := range x {
		z += l.W[i*l.M+m] * xi
	}
	return math.Tanh(z)
}

// Every SWIM neuron must take the values −½ and +½ at the two points of some
// pair of distinct training points, and 0 at their midpoint.
func TestSWIMNeuronsInterpolatePairs(t *testing.T) {
	const k, d, m = 40, 3, 25
	x := points(k, d, 1)
	l, err := SWIM(x, d, m, nil, 11)
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; n < m; n++ {
		found := false
		for i := 0; i < k && !found; i++ {
			for j := 0; j < k && !found; j++ {
				if i == j {
					continue
				}
				xi, xj := x[i*d:(i+1)*d], x[j*d:(j+1)*d]
				if math.Abs(neuron(l, n, xi)+0.5) < 1e-12 && math.Abs(neuron(l, n, xj)-0.5) < 1e-12 {
					mid := make([]float64, d)
					for c := range mid {
						mid[c] = (xi[c] + xj[c]) / 2
					}
					if v := neuron(l, n, mid); math.Abs(v) > 1e-12 {
						t.Errorf("neuron %d: %g at the midpoint", n, v)
					}
					found = true
				}
			}
		}
		if !found {
			t.Errorf("neuron %d interpolates no pair of training points", n)
		}
	}
}

// Data-driven sampling must never pick a pair across which y does not change.
func TestSWIMAvoidsFlatPairs(t *testing.T) {
	const k, d, m = 200, 2, 30
	x := points(k, d, 2)
	y := make([]float64, k)
	for i := 0; i < k; i += 10 { // y ≠ 0 on a tenth of the points
		y[i] = 1
	}
	l, err := SWIM(x, d, m, y, 5)
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; n < m; n++ {
		v := make([]float64, k)
		var lo, hi int = -1, -1
		for i := 0; i < k; i++ {
			v[i] = neuron(l, n, x[i*d:(i+1)*d])
			if math.Abs(v[i]+0.5) < 1e-12 {
				lo = i
			}
			if math.Abs(v[i]-0.5) < 1e-12 {
				hi = i
			}
		}
		if lo < 0 || hi < 0 || y[lo] == y[hi] {
			t.Errorf("neuron %d built from pair (%d, %d) with equal y", n, lo, hi)
		}
	}
}

// The reference code loops forever when fewer than M candidate pairs have
// positive probability (docs/method.md, “Selecting M distinct candidates”);
// here it must terminate with M distinct neurons.
func TestSWIMTerminatesWithFewPositivePairs(t *testing.T) {
	const k, d, m = 50, 2, 50
	x := points(k, d, 3)
	y := make([]float64, k)
	y[7] = 1 // only pairs touching point 7 have positive probability
	l, err := SWIM(x, d, m, y, 9)
	if err != nil {
		t.Fatal(err)
	}
	if l.M != m || len(l.B) != m || len(l.W) != m*d {
		t.Fatalf("got width %d", l.M)
	}
}

func TestChooseDistinct(t *testing.T) {
	r := newRand(1)
	for _, c := range []struct{ n, m int }{{10, 10}, {100, 99}, {1000, 10}, {5, 1}} {
		p := make([]float64, c.n)
		for i := range p {
			p[i] = float64(i % 3) // a third have probability zero
		}
		got := choose(r, c.n, c.m, p)
		seen := map[int]bool{}
		for _, i := range got {
			if seen[i] || i < 0 || i >= c.n {
				t.Fatalf("%v: bad or repeated index %d in %v", c, i, got)
			}
			seen[i] = true
		}
		if len(got) != c.m {
			t.Fatalf("%v: %d indices", c, len(got))
		}
		positive := 0
		for _, i := range got {
			if p[i] > 0 {
				positive++
			}
		}
		if want := min(c.m, c.n-(c.n+2)/3); positive != want {
			t.Errorf("%v: %d positive-probability picks, want %d", c, positive, want)
		}
	}
}

// Selection frequencies follow the probabilities: with m = 1 the index is a
// single draw from p.
func TestChooseFollowsProbabilities(t *testing.T) {
	r := newRand(2)
	p := []float64{1, 2, 3, 4}
	count := make([]float64, 4)
	const trials = 40000
	for range trials {
		count[choose(r, 4, 1, p)[0]]++
	}
	for i, c := range count {
		want := p[i] / 10
		if got := c / trials; math.Abs(got-want) > 0.01 {
			t.Errorf("index %d chosen with frequency %.4f, want %.2f", i, got, want)
		}
	}
}

func TestDeterministic(t *testing.T) {
	x := points(100, 2, 4)
	a, _ := SWIM(x, 2, 40, nil, 3)
	b, _ := SWIM(x, 2, 40, nil, 3)
	c, _ := SWIM(x, 2, 40, nil, 4)
	if !reflect.DeepEqual(a, b) {
		t.Error("same seed, different layers")
	}
	if reflect.DeepEqual(a, c) {
		t.Error("different seeds, same layer")
	}
}

func TestELMMoments(t *testing.T) {
	l, err := ELM(2, 20000, -3, 5, 1)
	if err != nil {
		t.Fatal(err)
	}
	mean, sq := 0.0, 0.0
	for _, w := range l.W {
		mean += w
		sq += w * w
	}
	n := float64(len(l.W))
	mean /= n
	if v := sq/n - mean*mean; math.Abs(mean) > 0.02 || math.Abs(v-1) > 0.03 {
		t.Errorf("weights: mean %g variance %g, want N(0,1)", mean, v)
	}
	bm := 0.0
	for _, b := range l.B {
		if b < -3 || b > 5 {
			t.Fatalf("bias %g outside [-3, 5]", b)
		}
		bm += b
	}
	if bm /= float64(len(l.B)); math.Abs(bm-1) > 0.05 {
		t.Errorf("bias mean %g, want 1", bm)
	}
}

func TestErrors(t *testing.T) {
	if _, err := ELM(2, 0, 0, 1, 1); err == nil {
		t.Error("ELM width 0 accepted")
	}
	if _, err := ELM(2, 3, 1, 1, 1); err == nil {
		t.Error("ELM empty bias range accepted")
	}
	if _, err := SWIM([]float64{1, 2}, 2, 3, nil, 1); err == nil {
		t.Error("SWIM with one point accepted")
	}
	if _, err := SWIM(points(5, 2, 1), 2, 3, []float64{1}, 1); err == nil {
		t.Error("SWIM with wrong number of values accepted")
	}
	if _, err := SWIM(points(5, 2, 1), 2, 3, []float64{1, 2, math.NaN(), 4, 5}, 1); err == nil {
		t.Error("SWIM with NaN values accepted")
	}
}

func ExampleSWIM() {
	// Two points in the plane: the neuron built from them is −½ at one
	// point, +½ at the other and 0 half-way.
	x := []float64{0, 0, 2, 0}
	l, _ := SWIM(x, 2, 1, nil, 1)
	a, b := neuron(l, 0, x[:2]), neuron(l, 0, x[2:])
	fmt.Printf("%.3f %.3f %.3f\n", min(a, b), max(a, b), neuron(l, 0, []float64{1, 0}))
	// Output: -0.500 0.500 0.000
}

// A SWIM layer says which pair each neuron came from: the neuron is −½ and
// +½ there, and the pair's recorded probability is its share of the pool,
// proportional to |Δy|/‖Δx‖ (uniform for U-SWIM).
func TestSWIMRecordsPairs(t *testing.T) {
	const k, d, m = 60, 2, 30
	x := points(k, d, 4)
	y := make([]float64, k)
	for i := range y {
		y[i] = x[i*d]*x[i*d] + math.Sin(x[i*d+1])
	}
	for _, yy := range [][]float64{nil, y} {
		l, err := SWIM(x, d, m, yy, 5)
		if err != nil {
			t.Fatal(err)
		}
		pr := l.Pairs
		if pr == nil || len(pr.From) != m || len(pr.To) != m || len(pr.Prob) != m || pr.Pool < m {
			t.Fatalf("pairs %+v", pr)
		}
		rate := func(n int) float64 {
			a, b := x[pr.From[n]*d:][:d], x[pr.To[n]*d:][:d]
			return math.Abs(y[pr.To[n]]-y[pr.From[n]]) / math.Hypot(b[0]-a[0], b[1]-a[1])
		}
		for n := 0; n < m; n++ {
			if v := neuron(l, n, x[pr.From[n]*d:][:d]); math.Abs(v+0.5) > 1e-12 {
				t.Errorf("neuron %d is %g at its first point", n, v)
			}
			if v := neuron(l, n, x[pr.To[n]*d:][:d]); math.Abs(v-0.5) > 1e-12 {
				t.Errorf("neuron %d is %g at its second point", n, v)
			}
			if yy == nil && pr.Prob[n] != 1/float64(pr.Pool) {
				t.Errorf("U-SWIM neuron %d: probability %g, pool %d", n, pr.Prob[n], pr.Pool)
			}
			if yy != nil && math.Abs(pr.Prob[n]/pr.Prob[0]-rate(n)/rate(0)) > 1e-9*rate(n)/rate(0) {
				t.Errorf("neuron %d: probability ratio %g, |Δy|/‖Δx‖ ratio %g", n, pr.Prob[n]/pr.Prob[0], rate(n)/rate(0))
			}
		}
	}
	if e, _ := ELM(2, 5, -1, 1, 1); e.Pairs != nil {
		t.Error("an ELM layer records pairs")
	}
}

// winners keeps the best keyed indices in order, as a sort of all of them
// by decreasing key (ties by index) would: with ties, with fewer offers than
// wanted, and wanting none.
func TestWinnersAreTheSortedBest(t *testing.T) {
	r := newRand(5)
	for _, c := range []struct{ n, want int }{{0, 3}, {1, 1}, {5, 10}, {100, 7}, {100, 100}, {1000, 999}, {50, 0}} {
		var all []keyed
		w := winners{want: c.want}
		for i := range c.n {
			k := keyed{key: float64(r.IntN(20)), i: i} // many ties
			all = append(all, k)
			w.offer(k)
		}
		slices.SortFunc(all, func(a, b keyed) int {
			if a.before(b) {
				return -1
			}
			return 1
		})
		var want []int
		for _, k := range all[:min(c.want, c.n)] {
			want = append(want, k.i)
		}
		if got := w.drain(nil); !slices.Equal(got, want) {
			t.Errorf("%d offers, %d wanted: got %v, want %v", c.n, c.want, got, want)
		}
	}
}
