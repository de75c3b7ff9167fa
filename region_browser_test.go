package main

// Drawing the data region: "Draw the data region" and a mouse drag over the plot set the
// training region (train_box) in the form and the link; the page refits, and the fit reports
// the error of H inside the region far below the error outside it; Escape leaves the mode
// and "Whole box" clears the region.

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"hnnplay/core/experiment"
)

// regionState is what this test reads of state(), beyond pageState.
type regionState struct {
	Drawing bool   `json:"drawing"`
	Region  string `json:"region"`
	Plot    rect   `json:"plot"`
	Fit     struct {
		Inside, Outside *struct {
			Points int     `json:"points"`
			H      float64 `json:"rel_l2_H"`
		}
		Link string `json:"link"`
	} `json:"fit"`
}

func (b *browserSession) regionState(t *testing.T) regionState {
	t.Helper()
	var s regionState
	b.eval(t, stateJS, &s)
	return s
}

// evalText is the value of a JavaScript expression as text.
func (b *browserSession) evalText(t *testing.T, expr string) string {
	t.Helper()
	var v string
	b.eval(t, "String("+expr+")", &v)
	return v
}

func TestDrawDataRegion(t *testing.T) {
	b := startBrowser(t)
	b.do(t, chromedp.Click(chromedp.CSS("#draw-region")))
	b.mustWait(t, `s.drawing`, 10*time.Second)

	// drag from 30 % across and 70 % down the plot to 55 % across and 40 % down
	c := b.canvas(t)
	st := b.regionState(t)
	at := func(fx, fy float64) (float64, float64) {
		return c.X + st.Plot.X + fx*st.Plot.W, c.Y + st.Plot.Y + fy*st.Plot.H
	}
	x0, y0 := at(0.3, 0.7)
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.MouseEvent(chromedp.MouseMoved, x0, y0),
		chromedp.MouseEvent(chromedp.MousePressed, x0, y0, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		b.nextFrames(2),
	}
	var x, y float64
	for i := 1; i <= 5; i++ {
		x, y = at(0.3+0.05*float64(i), 0.7-0.06*float64(i))
		steps = append(steps, chromedp.MouseEvent(chromedp.MouseMoved, x, y, chromedp.ButtonLeft), b.nextFrames(1))
	}
	steps = append(steps, chromedp.MouseEvent(chromedp.MouseReleased, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)))
	b.do(t, steps...)
	b.mustWait(t, `s.region !== '' && s.trained && !s.training && s.fit.inside && s.fit.outside`, 120*time.Second)
	st = b.regionState(t)
	t.Logf("region %s: error of H inside %.3g (%d test points), outside %.3g (%d)",
		st.Region, st.Fit.Inside.H, st.Fit.Inside.Points, st.Fit.Outside.H, st.Fit.Outside.Points)
	if st.Drawing {
		t.Error("the drawing mode stays on after the region is drawn")
	}
	if !(st.Fit.Outside.H > 10*st.Fit.Inside.H) {
		t.Errorf("error of H outside the region %.3g, inside %.3g: want outside > 10 × inside", st.Fit.Outside.H, st.Fit.Inside.H)
	}
	// the corners' plane coordinates, from the pendulum's box padded by world's 8 %
	got, err := experiment.ParseBox(st.Region, 2)
	if err != nil {
		t.Fatalf("state().region %q: %v", st.Region, err)
	}
	qlo, qhi := -2*math.Pi-0.08*4*math.Pi, 2*math.Pi+0.08*4*math.Pi
	plo, phi := -2.5-0.08*5, 2.5+0.08*5
	want := []float64{qlo + 0.3*(qhi-qlo), qlo + 0.55*(qhi-qlo), phi - 0.7*(phi-plo), phi - 0.4*(phi-plo)}
	for i, v := range []float64{got.Lo[0], got.Hi[0], got.Lo[1], got.Hi[1]} {
		if math.Abs(v-want[i]) > 0.01*(qhi-qlo) {
			t.Errorf("region %s: bound %d is %v, want about %.3f", st.Region, i, v, want[i])
		}
	}
	if v := b.value(t, "train-box"); v != st.Region {
		t.Errorf("the form's training region %q, the model's %q", v, st.Region)
	}
	// a link keeps the region's commas, digits, dots, minus signs and "pi" as they are
	if hash := b.evalText(t, `location.hash`); !strings.Contains(hash, "&train_box="+st.Region+"&") ||
		!strings.Contains(st.Fit.Link, "&train_box="+st.Region+"&") {
		t.Errorf("the link %q or the fit's %q lacks train_box=%s", hash, st.Fit.Link, st.Region)
	}
	if _, err := b.waitFor(t, `getComputedStyle(document.querySelector('#legend li[data-region]')).display !== 'none'`, 10*time.Second); err != nil {
		t.Errorf("the legend hides the data region's entry: %v", err)
	}
	if s := b.text(t, "fit-summary"); !strings.Contains(s, "inside the data region") {
		t.Errorf("#fit-summary %q does not give the errors inside and outside", s)
	}

	// Escape leaves the drawing mode; so does the button pressed again
	b.do(t, chromedp.Click(chromedp.CSS("#draw-region")))
	b.mustWait(t, `s.drawing`, 10*time.Second)
	b.do(t, chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`), chromedp.KeyEvent(kb.Escape))
	b.mustWait(t, `!s.drawing`, 10*time.Second)
	b.do(t, chromedp.Click(chromedp.CSS("#draw-region")))
	b.mustWait(t, `s.drawing`, 10*time.Second)
	b.do(t, chromedp.Click(chromedp.CSS("#draw-region")))
	b.mustWait(t, `!s.drawing`, 10*time.Second)

	// the whole box again: no region, no parts, no train_box in the link
	b.do(t, chromedp.Click(chromedp.CSS("#whole-box")))
	b.mustWait(t, `s.region === '' && s.trained && !s.training && !s.fit.inside`, 120*time.Second)
	if hash := b.evalText(t, `location.hash`); strings.Contains(hash, "train_box") {
		t.Errorf("the link %q keeps train_box", hash)
	}
	if _, err := b.waitFor(t, `getComputedStyle(document.querySelector('#legend li[data-region]')).display === 'none'`, 10*time.Second); err != nil {
		t.Errorf("the legend shows the data region's entry without a region: %v", err)
	}
	b.checkConsole(t)
}

// TestDrawRegionShots writes screenshots of drawing a data region, on a laptop and a phone: in
// the middle of the drag, and after the fit in the region. Run with HNNPLAY_SHOTS=dir; without
// it the test is skipped.
func TestDrawRegionShots(t *testing.T) {
	dir := os.Getenv("HNNPLAY_SHOTS")
	if dir == "" {
		t.Skip("set HNNPLAY_SHOTS to a directory to take screenshots")
	}
	b, url := newBrowserSession(t)
	shot := func(t *testing.T, name string) {
		ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
		defer cancel()
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name string
		w, h int
	}{{"laptop-1280x800", 1280, 800}, {"phone-390x844", 390, 844}} {
		t.Run(c.name, func(t *testing.T) {
			// from a blank page, so that the link loads the page anew rather than changing its hash
			b.do(t, chromedp.Navigate("about:blank"), chromedp.EmulateViewport(int64(c.w), int64(c.h)),
				chromedp.Navigate(url+"/#layers=learned,true,error&traj=0,0.7;0,1.8"))
			b.mustWait(t, "s.trained && !s.training && s.frames > 10", 120*time.Second)
			b.do(t, chromedp.Click(chromedp.CSS("#draw-region")))
			b.mustWait(t, `s.drawing`, 10*time.Second)
			c0 := b.canvas(t)
			st := b.regionState(t)
			at := func(fx, fy float64) (float64, float64) {
				return c0.X + st.Plot.X + fx*st.Plot.W, c0.Y + st.Plot.Y + fy*st.Plot.H
			}
			x0, y0 := at(0.33, 0.68)
			x1, y1 := at(0.62, 0.33)
			b.do(t, chromedp.MouseEvent(chromedp.MouseMoved, x0, y0),
				chromedp.MouseEvent(chromedp.MousePressed, x0, y0, chromedp.ButtonLeft, chromedp.ClickCount(1)), b.nextFrames(2),
				chromedp.MouseEvent(chromedp.MouseMoved, (x0+x1)/2, (y0+y1)/2, chromedp.ButtonLeft), b.nextFrames(2),
				chromedp.MouseEvent(chromedp.MouseMoved, x1, y1, chromedp.ButtonLeft), b.nextFrames(3))
			shot(t, "region-drawing-"+c.name)
			b.do(t, chromedp.MouseEvent(chromedp.MouseReleased, x1, y1, chromedp.ButtonLeft, chromedp.ClickCount(1)))
			b.mustWait(t, `s.region !== '' && s.trained && !s.training && s.drawn`, 120*time.Second)
			time.Sleep(3 * time.Second)
			shot(t, "region-after-"+c.name)
		})
	}
}
