package main

// The guided tour in headless Chromium: a link's lesson=N opens lesson N and trains its model; the
// steps of "One fit, step by step" change the layers and fill in the fit's figures; a lesson's Try
// retrains by contrast; closing the lesson takes it out of the link and the state; embedded, the
// Hénon–Heiles lesson builds up a Poincaré section for both flows.

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

func TestLessons(t *testing.T) {
	b, url := newBrowserSession(t)
	text := func() (card struct {
		Hidden bool
		Title  string
		Text   string
		Try    string
	}) {
		b.eval(t, `({hidden: document.getElementById('lesson').hidden, title: document.getElementById('lesson-title').textContent,
			text: document.getElementById('lesson-text').textContent,
			try: (b => b.hidden ? '' : b.textContent)(document.getElementById('lesson-try'))})`, &card)
		return card
	}

	// lesson 3: one fit, step by step
	b.do(t, chromedp.Navigate(url+"/#lesson=3"))
	s := b.mustWait(t, "s.trained && !s.training && s.drawn && s.lesson === 3", 300*time.Second)
	c := text()
	if c.Hidden || c.Title != "One fit, step by step" || !strings.Contains(c.Text, "1500 states") {
		t.Errorf("lesson 3 opened as %+v", c)
	}
	for step, cond := range []string{
		"s.neurons === 200 && s.pairs === 200",              // pairs
		"s.neurons === 200",                                 // neurons
		"s.neurons === 200",                                 // the solve
		"s.neurons === 0 && s.drawn && s.fit.width === 200", // the result
	} {
		b.click(t, "lesson-next")
		b.mustWait(t, cond, 30*time.Second)
		if step == 2 {
			if c := text(); !strings.Contains(c.Text, "3001 equations in 201 unknowns (rank 201)") {
				t.Errorf("the solve's step: %q", c.Text)
			}
		}
	}
	if c := text(); !strings.Contains(c.Text, "relative error of H on points the network never saw is 1.4·10⁻⁶") {
		t.Errorf("the last step: %q", c.Text)
	}

	// lesson 2: ELM, then A-SWIM by the Try button
	b.do(t, chromedp.Evaluate[chromedp.Void](`(m => { m.value = '2'; m.dispatchEvent(new Event('change')); })(document.getElementById('lesson-menu'))`))
	s = b.mustWait(t, "s.lesson === 2 && !s.training && s.drawn && s.fit.link.includes('sampler=elm') && s.neurons > 0", 60*time.Second)
	if s.Pairs != 0 || text().Try != "Sample with A-SWIM" {
		t.Errorf("lesson 2: %d pairs, card %+v", s.Pairs, text())
	}
	b.click(t, "lesson-try")
	b.mustWait(t, "!s.training && s.drawn && s.fit.link.includes('sampler=aswim') && s.pairs === s.fit.width", 60*time.Second)
	// the page's own link, reloaded, shows what was shown (A-SWIM after the Try) with the lesson open
	b.do(t, chromedp.Reload())
	s = b.mustWait(t, "s.trained && !s.training && s.drawn && s.lesson === 2", 300*time.Second)
	if !strings.Contains(s.Fit.Link, "sampler=aswim") || s.Pairs != s.Fit.Width || text().Hidden {
		t.Errorf("lesson 2 reloaded from its link: %s, %d pairs, card %+v", s.Fit.Link, s.Pairs, text())
	}

	// lesson 4: RK4's energy error grows; the link holds the lesson
	b.do(t, chromedp.Evaluate[chromedp.Void](`(m => { m.value = '4'; m.dispatchEvent(new Event('change')); })(document.getElementById('lesson-menu'))`))
	s = b.mustWait(t, "s.lesson === 4 && s.integrator === 'rk4' && s.trajectories === 3", 60*time.Second)
	var hash string
	b.eval(t, `location.hash`, &hash)
	if !strings.Contains(hash, "lesson=4") {
		t.Errorf("the link of lesson 4: %s", hash)
	}
	b.click(t, "lesson-close")
	s = b.mustWait(t, "s.lesson === 0", 10*time.Second)
	b.eval(t, `location.hash`, &hash)
	if strings.Contains(hash, "lesson=") || !text().Hidden {
		t.Errorf("after closing: link %s, card %+v", hash, text())
	}

	// embedded, a lesson shows its card over the plot
	b.do(t, chromedp.Navigate(url+"/#lesson=6&embed=true"))
	s = b.mustWait(t, "s.trained && !s.training && s.drawn && s.lesson === 6 && s.embed", 300*time.Second)
	if c := text(); c.Hidden || !strings.Contains(c.Title, "Hénon–Heiles") || s.System != "henon-heiles" {
		t.Errorf("lesson 6 embedded: %+v, system %s, error %q, status %q", c, s.System, s.Error, b.status(t))
	}
	t.Logf("lesson 6: %s, fit %.3f s, error %.2g", s.System, s.Fit.Seconds, s.Fit.RelL2H)
	// the Poincaré section builds up for both flows
	s = b.mustWait(t, "s.poincare.learned >= 20 && s.poincare.true >= 20 && s.trajectories === 4", 120*time.Second)
	t.Logf("Poincaré crossings: %d learned, %d true", s.Poincare.Learned, s.Poincare.True)
	b.checkConsole(t)
}

// TestKeplerOrbit: Kepler, trained on states near circular orbits, follows the circular orbit of
// period 2π for ten turns (1300 steps of 0.05; natively, world's TestKeplerOrbit follows an ellipse); the
// orbit layer draws it and reads out E and L, the learned flow's still near the start's; along it
// the true flow with Gauss–Legendre keeps both to 1e-8.
func TestKeplerOrbit(t *testing.T) {
	b, url := newBrowserSession(t)
	b.do(t, chromedp.Navigate(url+"/#system=kepler&integrator=gauss4&speed=10&layers=learned,true,orbit&traj=1,0,0,1"))
	s, err := b.waitFor(t, "s.trained && !s.training && s.drawn && s.trajectories === 1 && s.steps >= 1300", 120*time.Second)
	if err != nil {
		t.Fatalf("%v: state %+v, #status %q", err, s, b.status(t))
	}
	b.do(t, b.nextFrames(30))
	s = b.state(t)
	if s.Orbit.EnergyDrift > 1e-8 || s.Orbit.MomentumDrift > 1e-8 || s.Orbit.EnergyDrift == 0 && s.Orbit.MomentumDrift == 0 {
		t.Errorf("after %d steps: energy drift %.2g, angular momentum drift %.2g", s.Steps, s.Orbit.EnergyDrift, s.Orbit.MomentumDrift)
	}
	var captions []string
	b.eval(t, `Array.from(document.querySelectorAll('#axes .inset')).map(e => e.textContent)`, &captions)
	// The learned flow keeps its own Ĥ, not H, and L only as well as Ĥ is rotation-invariant:
	// after ten turns or more, E within 2 % of the start's and L within 10 %.
	var e, l float64
	if len(captions) != 3 || captions[2] != "start E −0.5, L 1" {
		t.Errorf("the orbit panel's captions: %q", captions)
	} else if _, err := fmt.Sscanf(strings.ReplaceAll(captions[1], "−", "-"), "now E %g, L %g", &e, &l); err != nil ||
		math.Abs(e+0.5) > 0.01 || math.Abs(l-1) > 0.1 {
		t.Errorf("the orbit panel's readout %q (%v): E and L drifted from −0.5 and 1", captions[1], err)
	}
	t.Logf("%d steps: drifts %.2g (E), %.2g (L); %q", s.Steps, s.Orbit.EnergyDrift, s.Orbit.MomentumDrift, captions)
	b.checkConsole(t)
}

// A tour that cannot be loaded (lessons.json blocked: offline, say) is said so in the status line,
// and a link's lesson still trains its model.
func TestLessonsUnavailable(t *testing.T) {
	b, url := newBrowserSession(t)
	b.do(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.SetBlockedURLs, network.SetBlockedURLsParams{
			URLPatterns: []*network.BlockPattern{{URLPattern: "*://*:*/lessons.json", Block: true}}})
		return err
	}))
	b.do(t, chromedp.Navigate(url+"/#lesson=2"))
	b.mustWait(t, "s.trained && !s.training && s.drawn && !s.lesson", 60*time.Second)
	if status := b.text(t, "status"); !strings.Contains(status, "Cannot load the guided tour (") ||
		!strings.Contains(status, "reload the page to try again") {
		t.Errorf("status %q does not say the tour could not be loaded", status)
	}
	// The Lessons button says so again, and trains nothing.
	seconds := b.state(t).Fit.Seconds
	b.do(t, chromedp.Evaluate[chromedp.Void](`document.getElementById('status').textContent = ''`))
	b.click(t, "lessons")
	b.mustWait(t, `document.getElementById('status').textContent.includes('Cannot load the guided tour (')`, 30*time.Second)
	if s := b.state(t); s.Training || s.Fit.Seconds != seconds || s.Error == "" {
		t.Errorf("after the Lessons button: training %v, fit %.3f s (was %.3f), error %q", s.Training, s.Fit.Seconds, seconds, s.Error)
	}
}
