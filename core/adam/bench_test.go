package adam

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

func BenchmarkStep(b *testing.B) {
	for _, c := range []struct{ m, batch, dof int }{
		{100, 2048, 1},
		{1000, 2048, 1},
		{1000, 2048, 2},
	} {
		b.Run(fmt.Sprintf("M=%d/B=%d/d=%d", c.m, c.batch, c.dof), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, 1))
			x, xdot := randomData(rng, 10000, c.dof)
			cfg := DefaultConfig()
			cfg.Width, cfg.Batch = c.m, c.batch
			tr, err := NewTrainer(x, xdot, c.dof, make([]float64, 2*c.dof), 0, cfg)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				tr.Step()
			}
		})
	}
}
