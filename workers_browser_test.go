package main

// The fit on several Web Workers: the page's worker hands blocks of the training rows to helper
// workers (one per core, at most 8 in all) when the fit is large enough to repay them (the default
// fit is not), reports how many fitted, and gives the model one worker gives (the command line
// with one thread: one block), up to round-off.

import (
	"encoding/json"
	"fmt"
	"math"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestWorkersFit(t *testing.T) {
	cli := buildCLI(t)
	b, url := newBrowserSession(t)
	b.testLoad(t, url)
	b.mustWait(t, "s.trained && !s.training", 120*time.Second)
	var cores int
	b.eval(t, `navigator.hardwareConcurrency`, &cores)
	want := max(1, min(8, cores))

	// The default fit, once the page is up (the best of three: the machine is shared).
	best := math.Inf(1)
	for i := range 3 {
		b.do(t, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`location.hash = '#seed=%d'`, 10+i)))
		s := b.mustWait(t, fmt.Sprintf(`s.trained && !s.training && s.fit.link.includes("&seed=%d")`, 10+i), 60*time.Second)
		workers := s.Fit.Workers
		if workers != 1 {
			t.Errorf("the default fit ran on %d workers, want 1 (too small for helpers)", workers)
		}
		best = min(best, s.Fit.Seconds)
		t.Logf("default fit, seed %d: %.3f s on %d workers", 10+i, s.Fit.Seconds, workers)
	}
	b.checkSummary(t, 1)
	t.Logf("default fit once the page is up: best %.3f s", best)

	// Two fits against the command line with one thread (one block, the model one worker gives).
	for _, c := range []struct {
		link, done string
		tolH       float64
	}{
		// Moderate accuracy: the errors agree to 1 %.
		{"system=pendulum&points=4000&width=300&sampler=aswim&seed=3&data_seed=4", "s.fit.points === 4000 && s.fit.width === 300", 0.01},
		// The paper's single pendulum (K = 10⁴, M = 1000): its error of H, 4e-10, is near
		// round-off, where the rank cut-off keeps 612 of 1001 directions. There, kernels alone
		// move it by a few per cent: natively with and without FMA, one to four blocks, it
		// reads 4.12–4.49e-10 (BENCHMARKS.md). ∇H agrees to 1 %.
		{"system=pendulum&box=-2pi,2pi,-1,1&points=10000&width=1000&sampler=aswim&seed=3&data_seed=4", "s.fit.points === 10000 && s.fit.width === 1000", 0.1},
	} {
		b.do(t, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`location.hash = %q`, "#"+c.link)))
		s := b.mustWait(t, "s.trained && !s.training && "+c.done, 300*time.Second)
		workers := s.Fit.Workers
		t.Logf("%s in the page: %.2f s on %d workers, H %.4g, ∇H %.4g, rank %d",
			c.link, s.Fit.Seconds, workers, s.Fit.RelL2H, s.Fit.RelL2Grad, s.Fit.Rank)
		out, err := exec.Command(cli, "fit", "-link", s.Fit.Link, "-threads", "1", "-json").Output()
		if err != nil {
			t.Fatalf("hnnplay fit -link %q -threads 1: %v", s.Fit.Link, err)
		}
		var rep struct {
			Seconds float64 `json:"fit_seconds"`
			RelL2H  float64 `json:"rel_l2_H"`
			Grad    float64 `json:"rel_l2_grad"`
			Workers int     `json:"workers"`
			Hidden  string  `json:"hidden_fingerprint"`
		}
		if err := json.Unmarshal(out, &rep); err != nil {
			t.Fatal(err)
		}
		t.Logf("the command line, one thread: %.2f s in %d block, H %.4g, ∇H %.4g", rep.Seconds, rep.Workers, rep.RelL2H, rep.Grad)
		if rep.Workers != 1 || workers != want {
			t.Errorf("workers: page %d (want %d), command line with one thread %d (want 1)", workers, want, rep.Workers)
		}
		b.checkSummary(t, want)
		if rep.Hidden != s.Fit.HiddenFingerprint {
			t.Errorf("hidden layers differ: page %s, command line %s", s.Fit.HiddenFingerprint, rep.Hidden)
		}
		for _, e := range []struct {
			name        string
			page, local float64
			tol         float64
		}{{"H", s.Fit.RelL2H, rep.RelL2H, c.tolH}, {"∇H", s.Fit.RelL2Grad, rep.Grad, 0.01}} {
			if !(math.Abs(e.page-e.local) <= e.tol*e.local) {
				t.Errorf("error of %s: page (%d workers) %.6g, one worker %.6g: more than %g %% apart", e.name, workers, e.page, e.local, 100*e.tol)
			}
		}
	}
	b.checkConsole(t)
}

// checkSummary checks that the fit's summary says on how many workers it ran.
func (b *browserSession) checkSummary(t *testing.T, workers int) {
	t.Helper()
	summary := b.text(t, "fit-summary")
	if want := fmt.Sprintf("on %d worker", workers); !strings.Contains(summary, want) {
		t.Errorf("#fit-summary %q does not say %q", summary, want)
	}
}
