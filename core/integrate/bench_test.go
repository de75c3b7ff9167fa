package integrate_test

import (
	"testing"

	"hnnplay/core/integrate"
)

// benchStep times one Step on the pendulum from (1, 0) with h = 0.1; the
// state stays on a bounded orbit however many steps run.
func benchStep(b *testing.B, s integrate.Stepper) {
	x := []float64{1, 0}
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Step(x, 0.1); err != nil {
			b.Fatal(err)
		}
	}
}
