package fit

import (
	"fmt"
	"testing"

	"hnnplay/core/data"
	"hnnplay/core/system"
)

// BenchmarkFit times Fit (sampling, assembly and solve; data generation
// excluded, as the paper's train time) at the sizes of the speed goals.
// The largest sizes run once per -benchtime=1x invocation in `make bench`.
func BenchmarkFit(b *testing.B) {
	cases := []struct {
		sys  system.System
		k, m int
	}{
		{system.NewPendulum(), 1000, 200},
		{system.NewPendulum(), 2000, 300},
		{system.NewPendulum(), 2000, 500},
		{system.NewPendulum(), 10000, 100},
		{system.NewPendulum(), 10000, 500},
		{system.NewPendulum(), 10000, 1000},
		{system.NewDoublePendulum(), 20000, 1000},
	}
	for _, c := range cases {
		train, err := data.Uniform(c.sys, c.sys.Box(), c.k, 3943)
		if err != nil {
			b.Fatal(err)
		}
		x0 := c.sys.Anchor()
		p := ProblemFor(train, x0, c.sys.H(x0))
		for _, s := range []Sampler{ELM, USWIM, SWIM, ASWIM} {
			b.Run(fmt.Sprintf("%s/K=%d/M=%d/%s", c.sys.Name(), c.k, c.m, s), func(b *testing.B) {
				for b.Loop() {
					if _, err := Fit(p, Config{Width: c.m, Sampler: s, Seed: 992472}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
