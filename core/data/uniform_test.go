package data

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"hnnplay/core/system"
)

func TestUniform(t *testing.T) {
	sys := system.NewDoublePendulum()
	box := sys.Box()
	s, err := Uniform(sys, box, 500, 3943)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if s.Len() != 500 || s.Dof != 2 || len(s.H) != 500 {
		t.Fatalf("shape: K=%d d=%d len(H)=%d", s.Len(), s.Dof, len(s.H))
	}
	f := make([]float64, 4)
	lo, hi := []float64{9, 9, 9, 9}, []float64{-9, -9, -9, -9}
	for k := range s.Len() {
		x, xd := s.Row(k)
		if !box.Contains(x) {
			t.Fatalf("state %v outside the box", x)
		}
		system.VectorField(sys, f, x)
		for i := range f {
			if f[i] != xd[i] {
				t.Fatalf("Xdot[%d] = %v, want J∇H = %v", k, xd, f)
			}
			lo[i], hi[i] = math.Min(lo[i], x[i]), math.Max(hi[i], x[i])
		}
		if s.H[k] != sys.H(x) {
			t.Fatalf("H[%d] = %v, want %v", k, s.H[k], sys.H(x))
		}
	}
	// The draws fill the box.
	for i := range lo {
		w := box.Hi[i] - box.Lo[i]
		if lo[i]-box.Lo[i] > 0.02*w || box.Hi[i]-hi[i] > 0.02*w {
			t.Errorf("column %d spans [%v, %v] of [%v, %v]", i, lo[i], hi[i], box.Lo[i], box.Hi[i])
		}
	}
	// Deterministic; other seed differs.
	s2, _ := Uniform(sys, box, 500, 3943)
	s3, _ := Uniform(sys, box, 500, 3944)
	for i := range s.X {
		if s.X[i] != s2.X[i] {
			t.Fatal("Uniform is not deterministic")
		}
	}
	if s.X[0] == s3.X[0] {
		t.Error("seed has no effect")
	}
	// Column order: all q₁ values, then p₁, q₂, p₂ (X is row-major
	// q₁, q₂, p₁, p₂).
	rng := rand.New(rand.NewPCG(1, sampleStream))
	three, _ := Uniform(sys, box, 3, 1)
	for _, c := range []int{0, 2, 1, 3} {
		for r := range 3 {
			want := box.Lo[c] + (box.Hi[c]-box.Lo[c])*rng.Float64()
			if got := three.X[r*4+c]; got != want {
				t.Fatalf("X[%d][%d] = %v, want %v", r, c, got, want)
			}
		}
	}
}

func TestTrainTest(t *testing.T) {
	sys := system.NewPendulum()
	train, test, err := TrainTest(sys, sys.Box(), 300, 200, 5)
	if err != nil {
		t.Fatal(err)
	}
	if train.Len() != 300 || test.Len() != 200 {
		t.Fatalf("sizes %d, %d", train.Len(), test.Len())
	}
	// Train first: the training set equals Uniform with the same seed.
	u, _ := Uniform(sys, sys.Box(), 300, 5)
	for i := range u.X {
		if u.X[i] != train.X[i] {
			t.Fatal("training set differs from Uniform with the same seed")
		}
	}
	seen := map[float64]bool{}
	for _, v := range train.X {
		seen[v] = true
	}
	for _, v := range test.X {
		if seen[v] {
			t.Fatalf("test value %v also in the training set", v)
		}
	}
	for k := range test.Len() {
		x, xd := test.Row(k)
		f := make([]float64, 2)
		system.VectorField(sys, f, x)
		if f[0] != xd[0] || f[1] != xd[1] || test.H[k] != sys.H(x) {
			t.Fatal("test labels are not exact")
		}
	}
}

func TestUniformErrors(t *testing.T) {
	sys := system.NewPendulum()
	for _, c := range []struct {
		box  system.Box
		k    int
		want string
	}{
		{sys.Box(), 0, "k must be positive, got 0"},
		{system.Box{Lo: []float64{0}, Hi: []float64{1}}, 10, "data: pendulum: system: box has 1 lower"},
		{system.Box{Lo: []float64{0, 1}, Hi: []float64{1, 1}}, 10, "lower bound 1 must be less than upper bound 1"},
	} {
		if _, err := Uniform(sys, c.box, c.k, 1); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Uniform(%v, %d) = %v, want %q", c.box, c.k, err, c.want)
		}
	}
	if _, _, err := TrainTest(sys, sys.Box(), 10, -1, 1); err == nil || !strings.Contains(err.Error(), "kTest") {
		t.Errorf("TrainTest with kTest=-1: %v", err)
	}
	if _, _, err := TrainTest(sys, sys.Box(), 0, 1, 1); err == nil || !strings.Contains(err.Error(), "kTrain") {
		t.Errorf("TrainTest with kTrain=0: %v", err)
	}
}
