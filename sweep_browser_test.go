package main

// "Limited data: error against h" in a real headless Chromium: the page's worker fits the pendulum on
// snapshot pairs for each step h of the sweep, and the page draws the errors of Ĥ and of the corrected
// H_corr against h. Its side of the contract is window.hnnplay.sweep() (sweepInfo).
//
// TestSweepBrowser checks the orders (about 1 and 2, the paper's O(h) and O(h²)), the chart, the
// agreement of every row with `hnnplay sweep -link … -json`, the snapshot field with the corrected
// error in the fit's summary, stop, and refused settings. TestSweepScreenshots (with HNNPLAY_SHOTS
// set) photographs the chart at the laptop's, the phone's and the projector's size.

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// sweepInfo is the JSON of window.hnnplay.sweep().
type sweepInfo struct {
	Started bool      `json:"started"`
	Running bool      `json:"running"`
	Done    bool      `json:"done"`
	Stopped bool      `json:"stopped"`
	Error   string    `json:"error"`
	Steps   []float64 `json:"steps"`
	Rows    []struct {
		H         float64 `json:"h"`
		RelL2H    float64 `json:"rel_l2_H"`
		Corrected float64 `json:"corrected_rel_l2_H"`
	} `json:"rows"`
	Order          *float64 `json:"order_H"`
	CorrectedOrder *float64 `json:"corrected_order_H"`
	Link           string   `json:"link"`
	Markers        int      `json:"markers"` // markers drawn on the chart
	Result         struct {
		Rows []struct {
			DataFingerprint   string `json:"data_fingerprint"`
			HiddenFingerprint string `json:"hidden_fingerprint"`
		} `json:"rows"`
	} `json:"result"`
}

// sweepLink: the paper's demonstration, small enough for a few seconds in the page.
const sweepLink = "#system=pendulum&box=-pi,pi,-1,1&points=1000&test_points=1000&width=100"

// sweepWait polls window.hnnplay.sweep() until the JavaScript condition on w holds.
func (b *browserSession) sweepWait(t *testing.T, cond string, timeout time.Duration) sweepInfo {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, timeout+30*time.Second)
	defer cancel()
	expr := fmt.Sprintf(`(() => { const w = JSON.parse(window.hnnplay.sweep()); return (%s) ? JSON.stringify(w) : false; })()`, cond)
	raw, err := chromedp.Run(ctx, chromedp.Poll[string](expr,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(timeout)))
	var w sweepInfo
	if err == nil {
		err = json.Unmarshal([]byte(raw), &w)
	}
	if err != nil {
		var now string
		nctx, ncancel := context.WithTimeout(b.ctx, 10*time.Second)
		defer ncancel()
		now, _ = chromedp.Run(nctx, chromedp.Evaluate[string](`window.hnnplay.sweep()`))
		t.Fatalf("waiting %v for %s: %v; sweep now %.600s; #status %q", timeout, cond, err, now, b.status(t))
	}
	return w
}

// runSweep opens link, waits for its model, runs the sweep and waits for its end.
func (b *browserSession) runSweep(t *testing.T, link string) (sweepInfo, time.Duration) {
	t.Helper()
	b.do(t, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`location.hash = %q`, link)))
	b.mustWait(t, `s.trained && !s.training && s.fit.link.includes("width=100&")`, 120*time.Second)
	start := time.Now()
	b.click(t, "sweep")
	w := b.sweepWait(t, "w.started && !w.running && w.rows.length > 0 && w.drawn_rows === w.rows.length", 180*time.Second)
	return w, time.Since(start)
}

func TestSweepBrowser(t *testing.T) {
	cli := buildCLI(t)
	b := startBrowser(t)

	w, took := b.runSweep(t, sweepLink)
	t.Logf("sweep in the page: %.1f s; orders %v %v", took.Seconds(), *w.Order, *w.CorrectedOrder)
	if w.Error != "" || !w.Done || len(w.Rows) != 5 || len(w.Steps) != 5 {
		t.Fatalf("sweep %+v", w)
	}
	if p := *w.Order; p < 0.9 || p > 1.1 {
		t.Errorf("order of Ĥ %.3f, want 1 ± 0.1", p)
	}
	if p := *w.CorrectedOrder; p < 1.85 || p > 2.2 {
		t.Errorf("order of H_corr %.3f, want 2 (1.85 to 2.2)", p)
	}
	// The chart: a marker per row and series, the orders in the legend and in the text alternative.
	var drawn struct {
		Circles, Squares, Lines int
		Label, Hat, Corr        string
	}
	b.eval(t, `(() => { const s = document.getElementById('sweep-chart'); return {
		circles: s.querySelectorAll('.hat circle').length, squares: s.querySelectorAll('.corr rect').length,
		lines: s.querySelectorAll('.fit').length, label: s.getAttribute('aria-label'),
		hat: document.getElementById('sweep-order-hat').textContent, corr: document.getElementById('sweep-order-corr').textContent }; })()`, &drawn)
	if drawn.Circles != 5 || drawn.Squares != 5 || drawn.Lines != 2 || w.Markers != 10 ||
		!strings.HasSuffix(drawn.Hat, "O(h)") || !strings.HasSuffix(drawn.Corr, "O(h²)") ||
		!strings.Contains(drawn.Label, "h = 0.8: Ĥ") {
		t.Errorf("chart %+v", drawn)
	}
	if st := b.status(t); !strings.Contains(st, "Sweep over h done") {
		t.Errorf("#status %q", st)
	}

	// The command line, given the sweep's link, fits the same data and hidden layers and gets the same errors.
	out, err := exec.Command(cli, "sweep", "-link", w.Link, "-json").Output()
	if err != nil {
		t.Fatalf("hnnplay sweep -link %q: %v", w.Link, err)
	}
	var rep struct {
		Rows []struct {
			H                 float64
			Errors, Corrected struct {
				RelL2H float64 `json:"rel_l2_H"`
			}
			DataFingerprint   string `json:"data_fingerprint"`
			HiddenFingerprint string `json:"hidden_fingerprint"`
		}
		Order          float64 `json:"order_H"`
		CorrectedOrder float64 `json:"corrected_order_H"`
	}
	if err := json.Unmarshal(out, &rep); err != nil || len(rep.Rows) != 5 {
		t.Fatalf("%v: %s", err, out)
	}
	for i, r := range rep.Rows {
		p := w.Rows[i]
		t.Logf("h %.2f: page Ĥ %.4g H_corr %.4g; command line Ĥ %.4g H_corr %.4g", r.H, p.RelL2H, p.Corrected, r.Errors.RelL2H, r.Corrected.RelL2H)
		if r.H != p.H || !(math.Abs(p.RelL2H-r.Errors.RelL2H) <= 0.01*r.Errors.RelL2H) ||
			!(math.Abs(p.Corrected-r.Corrected.RelL2H) <= 0.01*r.Corrected.RelL2H) {
			t.Errorf("h = %v: page %+v, command line %+v (more than 1 %% apart)", r.H, p, r)
		}
		if f := w.Result.Rows[i]; f.DataFingerprint != r.DataFingerprint || f.HiddenFingerprint != r.HiddenFingerprint {
			t.Errorf("h = %v: fingerprints page %+v, command line %s %s", r.H, f, r.DataFingerprint, r.HiddenFingerprint)
		}
	}

	// The snapshot field: a fit on snapshot pairs reports the corrected error too.
	b.do(t, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`location.hash = %q`, sweepLink+"&snapshots=0.1")))
	s := b.mustWait(t, `s.trained && !s.training && s.fit.snapshot_h === 0.1`, 120*time.Second)
	if v := b.value(t, "snapshots"); v != "0.1" {
		t.Errorf("#snapshots %q", v)
	}
	if sum := b.text(t, "fit-summary"); !strings.Contains(sum, "h = 0.1 apart") || !strings.Contains(sum, "H_corr") {
		t.Errorf("#fit-summary %q (fit %+v)", sum, s.Fit)
	}

	// Stop: the sweep ends at once with the steps fitted so far.
	b.click(t, "sweep")
	b.click(t, "sweep-stop")
	w = b.sweepWait(t, "!w.running", 10*time.Second)
	if !w.Stopped || w.Done || len(w.Rows) == 5 {
		t.Errorf("stopped sweep %+v", w)
	}
	if st := b.status(t); !strings.Contains(st, "Sweep over h stopped") {
		t.Errorf("#status %q", st)
	}
	// A fit after it trains as usual.
	b.click(t, "train")
	b.mustWait(t, `s.trained && !s.training`, 120*time.Second)

	// Settings a sweep refuses: said, and the field marked.
	b.do(t, setInput("sampler", "swim"))
	time.Sleep(600 * time.Millisecond) // past the form's check while typing
	b.click(t, "sweep")
	w = b.sweepWait(t, "!w.running && w.error !== ''", 30*time.Second)
	if !strings.Contains(w.Error, "use aswim") || b.attr(t, "sampler", "aria-invalid") != "true" {
		t.Errorf("refused sweep %+v, #sampler aria-invalid %q", w, b.attr(t, "sampler", "aria-invalid"))
	}
	b.checkConsole(t)
}

// TestSweepScreenshots writes the sweep's chart at a laptop's, a phone's and a projector's size
// into $HNNPLAY_SHOTS, scrolled into view, and enlarged (the Enlarge button) on a projector and a
// phone, to look at.
func TestSweepScreenshots(t *testing.T) {
	dir := os.Getenv("HNNPLAY_SHOTS")
	if dir == "" {
		t.Skip("set HNNPLAY_SHOTS to a directory to take screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	b, url := newBrowserSession(t)
	for _, c := range []struct {
		name    string
		w, h    int
		enlarge bool
	}{{"sweep-laptop-1280x800", 1280, 800, false}, {"sweep-phone-390x844", 390, 844, false},
		{"sweep-projector-1920x1080", 1920, 1080, false}, {"sweep-enlarged-1920x1080", 1920, 1080, true},
		{"sweep-enlarged-phone-390x844", 390, 844, true}} {
		t.Run(c.name, func(t *testing.T) {
			b.do(t, chromedp.EmulateViewport(int64(c.w), int64(c.h)), chromedp.Navigate(url+"/?"+c.name+sweepLink)) // a new page each time
			b.mustWait(t, "s.trained && !s.training && s.frames > 10", 120*time.Second)
			b.click(t, "sweep")
			b.sweepWait(t, "w.started && !w.running && w.rows.length > 0 && w.drawn_rows === w.rows.length", 180*time.Second)
			if c.enlarge {
				b.click(t, "sweep-enlarge")
			} else {
				b.do(t, chromedp.Evaluate[chromedp.Void](`document.getElementById('sweep-figure').scrollIntoView({block: 'center'})`))
			}
			time.Sleep(time.Second)
			ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
			defer cancel()
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, c.name+".png")
			if err := os.WriteFile(path, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %d bytes", path, len(png))
		})
	}
}
