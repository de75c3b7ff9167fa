//go:build paper

package fit

import (
	"testing"

	"hnnplay/core/system"
)

// TestPaperPendulum reproduces the paper's headline single-pendulum
// experiment: q ∈ [−2π, 2π], p ∈ [−1, 1], K = 10000, M = 1000, all four
// samplers over five seeds, against the M = 1000 results of the paper's
// width sweep (mean [min, max] over 10 runs of the relative L2 error of H;
// the paper and its code, github.com/AlphaGergedan/Sampling-HNNs).
// Run with `make test-paper` (go test -tags paper).
func TestPaperPendulum(t *testing.T) {
	checkBands(t, system.NewPendulum(), 10000, 1000, 5, []band{
		{ELM, 1.49e-11, 7.1e-12, 3.5e-11},
		{USWIM, 8.74e-10, 5.3e-10, 1.4e-9},
		{ASWIM, 3.62e-10, 2.5e-10, 5.2e-10},
		{SWIM, 3.62e-10, 2.5e-10, 5.2e-10},
	})
}

// TestPaperPendulumLargeBox: p ∈ [−6, 6], where U-SWIM beats A-SWIM and ELM
// is hurt by the wide box (M = 1000 row).
func TestPaperPendulumLargeBox(t *testing.T) {
	sys := system.NewPendulum()
	box := sys.Box()
	box.Lo[1], box.Hi[1] = -6, 6
	checkBands(t, boxed{sys, box}, 10000, 1000, 3, []band{
		{ELM, 9.82e-8, 4.4e-8, 1.6e-7},
		{USWIM, 6.88e-10, 3.8e-10, 1.3e-9},
		{ASWIM, 1.55e-9, 9.7e-10, 2.8e-9},
	})
}

// boxed overrides a system's default training box.
type boxed struct {
	system.System
	box system.Box
}

func (b boxed) Box() system.Box { return b.box }
