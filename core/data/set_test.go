package data

import (
	"math"
	"strings"
	"testing"
)

func TestSetValidate(t *testing.T) {
	good := func() *Set {
		return &Set{Dof: 1, X: []float64{1, 2, 3, 4}, Xdot: []float64{5, 6, 7, 8}, H: []float64{0, 1}}
	}
	if err := good().Validate(); err != nil {
		t.Fatal(err)
	}
	if n := good().Len(); n != 2 {
		t.Errorf("Len = %d, want 2", n)
	}
	if x, xd := good().Row(1); x[0] != 3 || xd[1] != 8 {
		t.Errorf("Row(1) = %v, %v", x, xd)
	}
	for _, c := range []struct {
		edit func(*Set)
		want string
	}{
		{func(s *Set) { s.Dof = 0 }, "0 degrees of freedom"},
		{func(s *Set) { s.X, s.Xdot = nil, nil }, "empty"},
		{func(s *Set) { s.X = s.X[:3] }, "not a multiple of 2d = 2"},
		{func(s *Set) { s.Xdot = s.Xdot[:2] }, "Xdot has 2 values, X has 4"},
		{func(s *Set) { s.H = s.H[:1] }, "H has 1 values, want one per state (2)"},
		{func(s *Set) { s.X[3] = math.NaN() }, "X row 1 column 1 = NaN is not finite"},
		{func(s *Set) { s.Xdot[0] = math.Inf(-1) }, "Xdot row 0 column 0 = -Inf"},
		{func(s *Set) { s.H[1] = math.Inf(1) }, "H[1] = +Inf is not finite"},
	} {
		s := good()
		c.edit(s)
		if err := s.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Validate = %v, want error containing %q", err, c.want)
		}
	}
	s := good()
	s.H = nil
	if err := s.Validate(); err != nil {
		t.Errorf("nil H: %v", err)
	}
}

func TestNoise(t *testing.T) {
	const k, sigma = 20000, 0.1
	base := &Set{Dof: 1, X: make([]float64, 2*k), Xdot: make([]float64, 2*k)}
	for i := range base.X {
		base.X[i] = float64(i)
		base.Xdot[i] = -float64(i)
	}
	clone := func() *Set {
		return &Set{Dof: 1, X: append([]float64(nil), base.X...), Xdot: append([]float64(nil), base.Xdot...)}
	}
	a := clone()
	if err := a.AddNoise(sigma, 7); err != nil {
		t.Fatal(err)
	}
	// Targets perturbed with the right spread, inputs untouched.
	var sum, sum2 float64
	for i := range a.Xdot {
		if a.X[i] != base.X[i] {
			t.Fatal("AddNoise changed X")
		}
		e := a.Xdot[i] - base.Xdot[i]
		sum += e
		sum2 += e * e
	}
	n := float64(len(a.Xdot))
	mean, sd := sum/n, math.Sqrt(sum2/n)
	if math.Abs(mean) > 5*sigma/math.Sqrt(n) || math.Abs(sd/sigma-1) > 0.02 {
		t.Errorf("noise mean %v, sd %v; want 0, %v", mean, sd, sigma)
	}
	// Deterministic in the seed; another seed differs.
	b := clone()
	b.AddNoise(sigma, 7)
	c := clone()
	c.AddNoise(sigma, 8)
	if b.Xdot[5] != a.Xdot[5] || c.Xdot[5] == a.Xdot[5] {
		t.Error("noise is not a function of the seed")
	}
	// Input noise perturbs X with the same stream, leaves Xdot alone.
	in := clone()
	if err := in.AddInputNoise(sigma, 7); err != nil {
		t.Fatal(err)
	}
	for i := range in.X {
		if in.Xdot[i] != base.Xdot[i] || in.X[i]-base.X[i] != -(a.Xdot[i]-base.Xdot[i]) && math.Abs(in.X[i]-base.X[i]-(a.Xdot[i]-base.Xdot[i])) > 1e-9*math.Abs(base.X[i]) {
			t.Fatalf("AddInputNoise at %d: X %v, Xdot %v", i, in.X[i], in.Xdot[i])
		}
	}
	// σ = 0 is a no-op; bad σ is an error.
	z := clone()
	if err := z.AddNoise(0, 1); err != nil || z.Xdot[3] != base.Xdot[3] {
		t.Errorf("σ = 0: %v", err)
	}
	for _, bad := range []float64{-0.1, math.NaN(), math.Inf(1)} {
		if err := z.AddNoise(bad, 1); err == nil || !strings.Contains(err.Error(), "noise level") {
			t.Errorf("AddNoise(%v) = %v", bad, err)
		}
		if err := z.AddInputNoise(bad, 1); err == nil {
			t.Errorf("AddInputNoise(%v) = nil", bad)
		}
	}
}
