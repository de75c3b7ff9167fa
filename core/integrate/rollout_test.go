package integrate_test

import (
	"errors"
	"slices"
	"testing"

	"hnnplay/core/integrate"
)

func TestRollout(t *testing.T) {
	x0 := []float64{1, 0}
	prefix := []float64{-7}
	out, err := integrate.Rollout(integrate.NewImplicitMidpoint(pendulum{}), x0, 0.1, 10, prefix)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 1+11*2 || out[0] != -7 {
		t.Fatalf("len(out) = %d, out[0] = %v; want 23 values after the kept prefix", len(out), out[0])
	}
	if x0[0] != 1 || x0[1] != 0 {
		t.Errorf("x0 modified: %v", x0)
	}
	// State k of the rollout equals k single steps.
	s := integrate.NewImplicitMidpoint(pendulum{})
	x := slices.Clone(x0)
	for k := 0; k <= 10; k++ {
		if d := maxDiff(out[1+2*k:3+2*k], x); d != 0 {
			t.Errorf("state %d = %v, want %v", k, out[1+2*k:3+2*k], x)
		}
		if err := s.Step(x, 0.1); err != nil {
			t.Fatal(err)
		}
	}

	// With enough capacity Rollout does not allocate.
	buf := make([]float64, 0, 11*2)
	allocs := testing.AllocsPerRun(20, func() {
		buf, err = integrate.Rollout(s, x0, 0.1, 10, buf[:0])
	})
	if err != nil || allocs != 0 {
		t.Errorf("Rollout into a large enough dst: %v allocations, err %v", allocs, err)
	}
}

// A diverging rollout returns the finite states so far and a wrapped ErrDiverged.
func TestRolloutDiverged(t *testing.T) {
	out, err := integrate.Rollout(integrate.NewRK4(well{}), []float64{10, 0}, 1, 100, nil)
	if !errors.Is(err, integrate.ErrDiverged) {
		t.Fatalf("err = %v, want ErrDiverged", err)
	}
	if len(out)%2 != 0 || len(out) < 2 || len(out) >= 2*101 {
		t.Fatalf("len(out) = %d", len(out))
	}
	for i, v := range out {
		if v-v != 0 {
			t.Errorf("out[%d] = %v not finite", i, v)
		}
	}
	t.Logf("%d finite states, then: %v", len(out)/2, err)
}
