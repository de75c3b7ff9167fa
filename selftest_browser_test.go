package main

// The page's self-test mode (a link with selftest=N) for 60 s in headless Chromium: random clicks,
// drags, keys, settings (good, bad and hostile), buttons and pasted links, with no console error,
// no stalled frame and no inconsistent state.

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestSelfTest(t *testing.T) {
	b, url := newBrowserSession(t)
	b.do(t, chromedp.Navigate(url+"/#selftest=60"))
	ctx, cancel := context.WithTimeout(b.ctx, 240*time.Second)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Poll[string](`window.hnnplay && window.hnnplay.selftest && JSON.parse(window.hnnplay.selftest()).done && window.hnnplay.selftest()`,
		chromedp.WithPollingInterval(time.Second), chromedp.WithPollingTimeout(200*time.Second)))
	if err != nil {
		t.Fatalf("the self-test did not finish: %v; state %+v", err, b.state(t))
	}
	var rep struct {
		Seed            uint32
		Actions         int
		Kinds           map[string]int
		Errors          []string
		Stalls          []string
		Inconsistencies []string
	}
	if err := json.Unmarshal([]byte(raw), &rep); err != nil {
		t.Fatal(err)
	}
	t.Logf("seed %d: %d actions %v; status %q", rep.Seed, rep.Actions, rep.Kinds, b.status(t))
	for _, list := range [][]string{rep.Errors, rep.Stalls, rep.Inconsistencies} {
		for _, p := range list {
			t.Errorf("self-test (seed %d): %s", rep.Seed, p)
		}
	}
	if rep.Actions < 150 || len(rep.Kinds) < 9 {
		t.Errorf("only %d actions of %d kinds in 60 s", rep.Actions, len(rep.Kinds))
	}
	if st := b.status(t); !strings.Contains(st, "no problems found") && len(rep.Errors)+len(rep.Stalls)+len(rep.Inconsistencies) == 0 {
		t.Errorf("the status line does not say the outcome: %q", st)
	}
	s := b.state(t)
	if !s.Trained {
		t.Errorf("no model after the self-test: %+v", s)
	}
	b.checkConsole(t, "") // the page's own errors are counted above; the browser's too
}

// TestWorkerDies: the worker's Go program dies in the middle of a fit (as it would out of memory:
// its functions throw). The page says what happened, keeps the model on the plot, starts a new
// worker, and the next fit works.
func TestWorkerDies(t *testing.T) {
	b, url := newBrowserSession(t)
	b.do(t, chromedp.Navigate(url))
	before := b.mustWait(t, "s.trained && !s.training && s.drawn", 300*time.Second)
	targets, err := chromedp.Targets(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The page's worker, not its helpers (named "helper"; nested in it, their targets show no
	// URL here and do not answer), which fit only blocks of rows.
	killed := 0
	for _, info := range targets {
		if info.Type != "worker" || info.URL == "" || info.Title == "helper" {
			continue
		}
		wctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithTargetID(info.TargetID))
		tctx, cancelT := context.WithTimeout(wctx, 20*time.Second)
		role, err := chromedp.Run(tctx, chromedp.Evaluate[string](`self.name === 'helper' ? 'helper' :
			(self.hnnplayFit = () => { throw new Error('Go program has already exited') }, 'trainer')`))
		cancelT()
		cancel()
		if err != nil {
			t.Fatalf("the worker %s %q: %v", info.URL, info.Title, err)
		}
		if role == "trainer" {
			killed++
		}
	}
	if killed != 1 {
		t.Fatalf("%d of the page's workers found", killed)
	}
	b.do(t, setInput("width", "150"), chromedp.Click(chromedp.CSS("#train")))
	s := b.mustWait(t, "!s.training && s.error !== ''", 60*time.Second)
	if st := b.status(t); !strings.Contains(st, "stopped unexpectedly") || s.Fit != before.Fit {
		t.Errorf("after the worker died: #status %q, fit %+v (was %+v)", st, s.Fit, before.Fit)
	}
	b.do(t, chromedp.Click(chromedp.CSS("#train")))
	s = b.mustWait(t, "!s.training && s.trained && s.fit.width === 150 && s.drawn", 120*time.Second)
	if s.Error != "" {
		t.Errorf("the fit after a new worker: %q", s.Error)
	}
	b.checkConsole(t, "stopped unexpectedly")
}
