package integrate_test

import (
	"errors"
	"testing"

	"hnnplay/core/integrate"
)

func TestStormerVerletRefusesNonSeparable(t *testing.T) {
	if s, err := integrate.NewStormerVerlet(coupled{0.5}, false); !errors.Is(err, integrate.ErrNotSeparable) || s != nil {
		t.Errorf("NewStormerVerlet(non-separable) = %v, %v; want nil, ErrNotSeparable", s, err)
	}
	if _, err := integrate.New("stormer-verlet", coupled{0.5}, false); !errors.Is(err, integrate.ErrNotSeparable) {
		t.Errorf(`New("stormer-verlet", non-separable): err = %v, want ErrNotSeparable`, err)
	}
}

// On the oscillator: p½ = p₀ − (h/2)ω²q₀, q₁ = q₀ + hp½, p₁ = p½ − (h/2)ω²q₁.
func TestStormerVerletLinear(t *testing.T) {
	const w, h = 1.3, 0.37
	x0 := []float64{0.8, -0.3}
	ph := x0[1] - h/2*w*w*x0[0]
	q1 := x0[0] + h*ph
	want := []float64{q1, ph - h/2*w*w*q1}
	s, err := integrate.NewStormerVerlet(oscillator{w}, true)
	if err != nil {
		t.Fatal(err)
	}
	x := append([]float64(nil), x0...)
	if err := s.Step(x, h); err != nil {
		t.Fatal(err)
	}
	if d := maxDiff(x, want); d > 1e-15 {
		t.Errorf("step %v, want %v (diff %.1e)", x, want, d)
	}
}

// The cached ∂_qH(q_{n+1}) must only be reused for the same q: interleaving
// two trajectories in one stepper gives the same states as separate steppers.
func TestStormerVerletCache(t *testing.T) {
	shared, _ := integrate.NewStormerVerlet(henonHeiles{}, true)
	sa, _ := integrate.NewStormerVerlet(henonHeiles{}, true)
	sb, _ := integrate.NewStormerVerlet(henonHeiles{}, true)
	a := []float64{0.1, -0.2, 0.3, 0.25}
	b := []float64{-0.3, 0.1, 0.0, 0.2}
	a2, b2 := append([]float64(nil), a...), append([]float64(nil), b...)
	for k := range 50 {
		for _, err := range []error{shared.Step(a, 0.1), shared.Step(b, 0.1), sa.Step(a2, 0.1), sb.Step(b2, 0.1)} {
			if err != nil {
				t.Fatalf("step %d: %v", k, err)
			}
		}
	}
	if maxDiff(a, a2) != 0 || maxDiff(b, b2) != 0 {
		t.Errorf("interleaved trajectories differ from separate ones: %v vs %v, %v vs %v", a, a2, b, b2)
	}
}

func BenchmarkStormerVerlet(b *testing.B) {
	s, err := integrate.NewStormerVerlet(pendulum{}, true)
	if err != nil {
		b.Fatal(err)
	}
	benchStep(b, s)
}
