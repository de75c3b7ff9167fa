package data

import (
	"math"
	"testing"

	"hnnplay/core/system"
)

// Ring's states lie in the ring with momenta near the circular orbit's,
// labelled with Kepler's exact field; the same seed gives the same states;
// a system without circular orbits is refused.
func TestRing(t *testing.T) {
	k, _ := system.New("kepler", nil)
	train, test, err := Ring(k, 0.7, 1.3, 0.25, 500, 200, 3)
	if err != nil {
		t.Fatal(err)
	}
	if train.Len() != 500 || test.Len() != 200 {
		t.Fatalf("%d and %d states", train.Len(), test.Len())
	}
	g := make([]float64, 4)
	for _, s := range []*Set{train, test} {
		for i := 0; i < s.Len(); i++ {
			x := s.X[4*i : 4*i+4]
			r := math.Hypot(x[0], x[1])
			pc := 1 / math.Sqrt(r)
			dx, dy := x[2]+pc*x[1]/r, x[3]-pc*x[0]/r // deviation from the circular momentum (−sin θ, cos θ)·pc
			if r < 0.7-1e-12 || r > 1.3+1e-12 || math.Abs(dx) > 0.25 || math.Abs(dy) > 0.25 {
				t.Fatalf("state %d %v: r %g, deviation (%g, %g)", i, x, r, dx, dy)
			}
			k.Grad(g, x)
			if s.Xdot[4*i] != g[2] || s.Xdot[4*i+2] != -g[0] || s.H[i] != k.H(x) {
				t.Fatalf("state %d: labels", i)
			}
		}
	}
	again, _, _ := Ring(k, 0.7, 1.3, 0.25, 500, 200, 3)
	if again.X[123] != train.X[123] {
		t.Error("the same seed, other states")
	}
	p, _ := system.New("pendulum", nil)
	if _, _, err := Ring(p, 0.7, 1.3, 0.25, 10, 10, 1); err == nil {
		t.Error("a ring for the pendulum")
	}
	if _, _, err := Ring(k, 1.3, 0.7, 0.25, 10, 10, 1); err == nil {
		t.Error("a ring with r0 > r1")
	}
}
