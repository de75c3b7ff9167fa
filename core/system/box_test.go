package system

import (
	"math"
	"strings"
	"testing"
)

func TestBoxValidate(t *testing.T) {
	ok := Box{Lo: []float64{-1, 0}, Hi: []float64{1, 8}}
	if err := ok.Validate(2); err != nil {
		t.Errorf("valid box: %v", err)
	}
	for _, c := range []struct {
		b    Box
		dim  int
		want string
	}{
		{ok, 4, "want 4"},
		{Box{Lo: []float64{0}, Hi: []float64{1, 2}}, 2, "1 lower and 2 upper"},
		{Box{Lo: []float64{0, math.NaN()}, Hi: []float64{1, 2}}, 2, "coordinate 1: bounds [NaN, 2] must be finite"},
		{Box{Lo: []float64{0, 0}, Hi: []float64{math.Inf(1), 2}}, 2, "coordinate 0: bounds [0, +Inf] must be finite"},
		{Box{Lo: []float64{0, 3}, Hi: []float64{1, 2}}, 2, "coordinate 1: lower bound 3 must be less than upper bound 2"},
		{Box{Lo: []float64{1, 0}, Hi: []float64{1, 2}}, 2, "coordinate 0: lower bound 1 must be less"},
		{Box{}, 2, "0 lower and 0 upper"},
	} {
		err := c.b.Validate(c.dim)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Validate(%v, %d) = %v, want error containing %q", c.b, c.dim, err, c.want)
		}
	}
}

func TestBoxContains(t *testing.T) {
	b := Box{Lo: []float64{-1, 0}, Hi: []float64{1, 8}}
	for _, c := range []struct {
		x    []float64
		want bool
	}{
		{[]float64{0, 4}, true},
		{[]float64{-1, 8}, true}, // closed
		{[]float64{1.0000001, 4}, false},
		{[]float64{0, -1e-300}, false},
		{[]float64{math.NaN(), 4}, false},
		{[]float64{0}, false},
		{[]float64{0, 4, 1}, false},
	} {
		if got := b.Contains(c.x); got != c.want {
			t.Errorf("Contains(%v) = %v, want %v", c.x, got, c.want)
		}
	}
	c := b.Clone()
	c.Lo[0] = 5
	if b.Lo[0] != -1 {
		t.Error("Clone shares memory")
	}
}

func TestApplyJ(t *testing.T) {
	g := []float64{1, 2, 3, 4} // ∇_q = (1,2), ∇_p = (3,4)
	dst := make([]float64, 4)
	ApplyJ(dst, g)
	want := []float64{3, 4, -1, -2}
	for i := range want {
		if dst[i] != want[i] {
			t.Fatalf("ApplyJ = %v, want %v", dst, want)
		}
	}
	ApplyJ(g, g) // in place
	for i := range want {
		if g[i] != want[i] {
			t.Fatalf("in-place ApplyJ = %v, want %v", g, want)
		}
	}
	// Pendulum at (π/2, 1): q̇ = p = 1, ṗ = −sin q = −1.
	VectorField(NewPendulum(), dst[:2], []float64{math.Pi / 2, 1})
	if dst[0] != 1 || dst[1] != -1 {
		t.Errorf("VectorField = %v", dst[:2])
	}
}
