package main

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestTypedHamiltonian: a link with a typed H (the double well) trains on it, and the page shows
// the formula; a formula with a syntax error and one that is NaN in the box are refused with
// their messages beside the formula's input (the column, the state), while the page keeps
// drawing the previous model; a formula of two degrees of freedom trains, and a parameter typed
// gets an input; another system hides the input and its links carry no formula.
// With HNNPLAY_SHOTS set, it saves formula-error.png there: the message beside the input.
func TestTypedHamiltonian(t *testing.T) {
	b, u := newBrowserSession(t)
	const h = "p^2/2 + q^4/4 - q^2/2"
	b.do(t, chromedp.Navigate(u+"/#system=custom&formula="+strings.ReplaceAll(url.QueryEscape(h), "+", "%20")+"&box=-2,2,-1.5,1.5"))
	s, err := b.waitFor(t, "s.trained && !s.training && s.drawn", 180*time.Second)
	if err != nil {
		t.Fatalf("%v: state %+v, #status %q", err, s, b.status(t))
	}
	t.Logf("typed double well: %.3f s, rank %d, rel L2 error of H %.3g, of ∇H %.3g", s.Fit.Seconds, s.Fit.Rank, s.Fit.RelL2H, s.Fit.RelL2Grad)
	if s.System != "custom" || !(s.Fit.RelL2H < 1e-3) || !(s.Fit.RelL2Grad < 1e-2) || s.Fit.Rank <= 0 || s.Error != "" {
		t.Errorf("system %q, rel L2 error of H %g, of ∇H %g, rank %d, error %q", s.System, s.Fit.RelL2H, s.Fit.RelL2Grad, s.Fit.Rank, s.Error)
	}
	if !strings.Contains(s.Fit.Link, "formula=p%5E2/2%20%2B%20q%5E4/4%20-%20q%5E2/2") {
		t.Errorf("the fit's link %q does not carry the formula", s.Fit.Link)
	}
	if got := b.evalText(t, `document.getElementById('system-formula').textContent`); got != "H = p²/2 + q⁴/4 − q²/2" {
		t.Errorf("#system-formula %q", got)
	}
	if got := b.evalText(t, `String(document.getElementById('formula-row').hidden) + ' ' + document.getElementById('formula').value`); got != "false "+h {
		t.Errorf("the formula's input: hidden, value = %q", got)
	}
	model := s
	for i, c := range []struct{ formula, want string }{
		{"p^2/2 + 2q", "Formula: missing operator at column 10 before \"q\""},
		{"p^2/2 + log(q)", "Formula: H is NaN at q = -2, p = -1.5 (a state of the box): change H or the box"},
	} {
		b.do(t, setInput("formula", c.formula), chromedp.Click(chromedp.CSS("#train")))
		s, err := b.waitFor(t, fmt.Sprintf("s.error.includes(%q)", c.want), 60*time.Second)
		if err != nil {
			t.Fatalf("%q: %v; state %+v, #status %q", c.formula, err, b.state(t), b.status(t))
		}
		beside := b.evalText(t, `(el => el.getAttribute('aria-invalid') + ': ' +
			((el.closest('.row').querySelector('.field-error') || {}).textContent || ''))(document.getElementById('formula'))`)
		if beside != "true: "+s.Error || !strings.Contains(beside, c.want) {
			t.Errorf("%q: beside the input %q, want %q", c.formula, beside, c.want)
		}
		if dir := os.Getenv("HNNPLAY_SHOTS"); dir != "" && i == 0 { // the message beside the input, to look at
			b.do(t, chromedp.Evaluate[chromedp.Void](`document.getElementById('formula').scrollIntoView({block: 'center'})`), b.nextFrames(2))
			png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
			if err != nil || os.WriteFile(filepath.Join(dir, "formula-error.png"), png, 0o644) != nil {
				t.Errorf("screenshot: %v", err)
			}
		}
		s = b.mustWait(t, fmt.Sprintf("s.frames >= %d", s.Frames+5), 30*time.Second)
		if !s.Trained || s.Fit != model.Fit {
			t.Errorf("%q: the previous model is gone", c.formula)
		}
		b.checkConsole(t, s.Error, "cannot be parsed")
	}

	// two degrees of freedom, typed: Hénon–Heiles (the box of one degree of freedom gives way to the
	// system's own, [−π, π]² × [−2, 2]², then the user's), at the default width and points, not its
	// preset's, so a few per cent
	b.do(t, setInput("formula", "(p1^2 + p2^2)/2 + (q1^2 + q2^2)/2 + q1^2*q2 - q2^3/3"))
	if box := b.value(t, "box"); box != "" {
		t.Errorf("a formula of two degrees of freedom keeps the box %q", box)
	}
	b.do(t, setInput("box", "-1,1,-1,1,-1,1,-1,1"), chromedp.Click(chromedp.CSS("#train")))
	s = b.mustWait(t, "s.trained && !s.training && s.error === '' && s.fit.link.includes('q1')", 180*time.Second)
	t.Logf("typed Hénon–Heiles: rel L2 error of H %.3g", s.Fit.RelL2H)
	if !(s.Fit.RelL2H < 5e-2) || b.evalText(t, `document.querySelector('.field-error') ? 'marked' : ''`) != "" {
		t.Errorf("typed Hénon–Heiles: rel L2 error of H %g, or a field is still marked", s.Fit.RelL2H)
	}

	// a parameter: typed, it gets an input; without a value it is refused, with one it trains
	b.do(t, setInput("formula", "w*q^2/2 + p^2/2"))
	if ids := b.evalText(t, `Array.from(document.querySelectorAll('#params input')).map(e => e.id).join()`); ids != "param-w" {
		t.Errorf("the parameters' inputs of w*q^2/2 + p^2/2: %q", ids)
	}
	b.do(t, chromedp.Click(chromedp.CSS("#train")))
	b.mustWait(t, "s.error.includes('w at column 1 is not a variable')", 60*time.Second)
	b.do(t, setInput("param-w", "4"), chromedp.Click(chromedp.CSS("#train")))
	s = b.mustWait(t, "s.trained && !s.training && s.error === '' && s.fit.link.includes('p.w=4')", 180*time.Second)
	if !(s.Fit.RelL2H < 1e-3) {
		t.Errorf("w*q^2/2 + p^2/2, w = 4: rel L2 error of H %g", s.Fit.RelL2H)
	}
	b.checkConsole(t, "w at column 1")

	// another system: no formula input, and no formula in its link
	b.do(t, setInput("system", "pendulum"))
	s = b.mustWait(t, "s.trained && !s.training && s.system === 'pendulum'", 180*time.Second)
	if hidden := b.evalText(t, `String(document.getElementById('formula-row').hidden)`); hidden != "true" ||
		strings.Contains(s.Fit.Link, "formula") || strings.Contains(b.evalText(t, `location.hash`), "formula") {
		t.Errorf("pendulum: formula input hidden %s, fit link %q, address %q", hidden, s.Fit.Link, b.evalText(t, `location.hash`))
	}
	b.checkConsole(t)
}
