package main

// The page as a teaching instrument, in headless Chromium: an embed's plot takes most of a blog
// column and stops when scrolled away, any page (a file: slide deck too) may frame it, the PNG
// export carries the plot with its axis text, a model file loads back to the same network and
// picture, a link with trajectories round-trips and applies in an open tab, and the keyboard
// shortcuts work. The state hook's plot (CSS pixels), embed and visible fields are the contract.

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

func TestPage(t *testing.T) {
	b, url := newBrowserSession(t)
	b.do(t, chromedp.Navigate(url))
	b.mustWait(t, "s.trained && !s.training && s.drawn", 300*time.Second)
	b.checkConsole(t)
	t.Run("ExportPNG", b.testExportPNG)
	t.Run("ModelFile", b.testModelFile)
	t.Run("LinkRoundTrip", func(t *testing.T) { b.testLinkRoundTrip(t, url) })
	t.Run("Shortcuts", b.testShortcuts)
	t.Run("Hints", b.testHints)
	t.Run("Readout", b.testReadout)
	t.Run("TrajectoriesCSV", b.testTrajectoriesCSV)
	t.Run("Sampling", b.testSampling)
	t.Run("Embed", func(t *testing.T) { b.testEmbed(t, url) })
	t.Run("FramedFromFile", func(t *testing.T) { b.testFramedFromFile(t, url) })
	t.Run("Present", func(t *testing.T) { b.testPresent(t, url) })
}

// eval evaluates a JavaScript expression (awaiting a promise) and decodes its JSON.stringify.
func (b *browserSession) eval(t *testing.T, expr string, v any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`(async () => JSON.stringify(await (%s)))()`, expr), chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	if err := json.Unmarshal([]byte(raw), v); err != nil {
		t.Fatalf("%s: %v in %.200s", expr, err, raw)
	}
}

// testExportPNG: the exported picture is the plot with its labels and legend drawn in: not blank,
// and with ink where the axis names and tick labels are.
func (b *browserSession) testExportPNG(t *testing.T) {
	var r struct {
		URL           string `json:"url"`
		Width, Height int
		Labels        []struct {
			Text       string
			X, Y, W, H int
		} `json:"labels"`
	}
	b.eval(t, `window.hnnplay.exportPNG()`, &r)
	data, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(r.URL, "data:image/png;base64,"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != r.Width || img.Bounds().Dy() != r.Height || r.Width < 500 {
		t.Fatalf("PNG %v, reported %d×%d", img.Bounds(), r.Width, r.Height)
	}
	colours := map[[3]uint32]bool{}
	for y := 0; y < r.Height; y += 3 {
		for x := 0; x < r.Width; x += 3 {
			c0, c1, c2, _ := img.At(x, y).RGBA()
			colours[[3]uint32{c0 >> 8, c1 >> 8, c2 >> 8}] = true
		}
	}
	if len(colours) < 500 {
		t.Errorf("the PNG has %d colours: blank?", len(colours))
	}
	axes := 0
	for _, l := range r.Labels {
		if l.Text != "q" && l.Text != "p" && !strings.ContainsAny(l.Text, "0123456789") {
			continue
		}
		if ink(img, image.Rect(l.X, l.Y, l.X+l.W, l.Y+l.H)) < 3 {
			t.Errorf("no ink under the label %q at %d,%d (%d×%d)", l.Text, l.X, l.Y, l.W, l.H)
		}
		axes++
	}
	if axes < 6 {
		t.Errorf("%d axis labels drawn, want the axis names and ticks: %+v", axes, r.Labels)
	}
	if dir := os.Getenv("HNNPLAY_SHOTS"); dir != "" {
		os.WriteFile(filepath.Join(dir, "export.png"), data, 0o644)
	}
}

// ink counts the dark pixels (text) in r.
func ink(img image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c0, c1, c2, _ := img.At(x, y).RGBA()
			if (c0+c1+c2)/3>>8 < 150 {
				n++
			}
		}
	}
	return n
}

// testModelFile: a model saved and loaded is the same network (the same model file, the same
// fingerprints) and draws the same picture (a still frame, up to the GPU's rounding).
func (b *browserSession) testModelFile(t *testing.T) {
	b.do(t, chromedp.Evaluate[chromedp.Void](`(window.hnnplay.clear(), window.hnnplay.setSettings('{"playing":"false","layers":"learned,true,points"}'))`))
	b.mustWait(t, "s.drawn && !s.playing && s.trajectories === 0", 60*time.Second)
	var before, after struct {
		Text string `json:"text"`
	}
	b.eval(t, `window.hnnplay.modelFile()`, &before)
	// shot captures a frame into window[name] and returns its size.
	shot := func(name string) string {
		var f struct{ Width, Height int }
		b.eval(t, fmt.Sprintf(`window.hnnplay.capture().then(f => (window.%s = f, {width: f.width, height: f.height}))`, name), &f)
		return fmt.Sprintf("%d×%d", f.Width, f.Height)
	}
	pic := shot("__before")
	fp := b.state(t).Fit
	var loadErr string
	b.eval(t, fmt.Sprintf(`window.hnnplay.loadModel(%q)`, before.Text), &loadErr)
	if loadErr != "" {
		t.Fatal(loadErr)
	}
	s := b.mustWait(t, "s.drawn", 60*time.Second)
	b.eval(t, `window.hnnplay.modelFile()`, &after)
	if after.Text != before.Text {
		t.Error("the loaded model's file differs from the saved one")
	}
	if s.Fit.DataFingerprint != fp.DataFingerprint || s.Fit.HiddenFingerprint != fp.HiddenFingerprint {
		t.Errorf("fingerprints after loading %+v, before %+v", s.Fit, fp)
	}
	// The same picture up to the GPU's rounding: the new layer images sit elsewhere in
	// ebiten's texture atlas, which moves a few antialiased pixels by one level; another
	// model moves whole lines.
	if got := shot("__after"); got != pic {
		t.Errorf("the picture changed size: %s, was %s", got, pic)
	} else {
		var d struct{ Rounding, Changed int }
		b.eval(t, `(() => { const a = window.__before.data, c = window.__after.data; let rounding = 0, changed = 0;
			for (let i = 0; i < a.length; i++) { const e = Math.abs(a[i] - c[i]); if (e > 2) changed++; else if (e > 0) rounding++; }
			return {rounding, changed}; })()`, &d)
		if d.Changed != 0 || d.Rounding > 1000 {
			t.Errorf("the picture changed: %d bytes by more than 2, %d by 1 or 2", d.Changed, d.Rounding)
		}
	}
	// A bad file is refused with a reason, and the model stays.
	var bad string
	b.eval(t, `window.hnnplay.loadModel('{"d": 2}')`, &bad)
	if !strings.Contains(bad, "older hnnplay") && !strings.Contains(bad, "format") {
		t.Errorf("a bad model file: %q", bad)
	}
	b.do(t, chromedp.Evaluate[chromedp.Void](`window.hnnplay.setSettings('{"playing":"true","layers":"learned,true,field"}')`))
	b.checkConsole(t, bad)
}

// testLinkRoundTrip: the address holds the trajectories and the view; the same link opened in a
// new tab shows them, and a link pasted into the open tab applies.
func (b *browserSession) testLinkRoundTrip(t *testing.T, url string) {
	b.do(t, chromedp.Evaluate[chromedp.Void](`(window.hnnplay.clear(), window.hnnplay.add(1, 0.5), window.hnnplay.add(-2, 1.25))`))
	var hash string
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(hash, "traj=1,0.5;-2,1.25") && time.Now().Before(deadline) {
		b.eval(t, `location.hash`, &hash)
	}
	if !strings.Contains(hash, "traj=1,0.5;-2,1.25") || !strings.Contains(hash, "layers=") {
		t.Fatalf("the link does not hold the trajectories and the view: %s", hash)
	}
	// pasted: another width and other trajectories
	pasted := strings.Replace(strings.Replace(hash, "traj=1,0.5;-2,1.25", "traj=0.5,0.25", 1), "width=200", "width=120", 1)
	b.do(t, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`location.hash = %q`, pasted)))
	s := b.mustWait(t, `s.drawn && !s.training && s.fit.width === 120 && s.starts.length === 1`, 60*time.Second)
	if s.Starts[0][0] != 0.5 || s.Starts[0][1] != 0.25 {
		t.Errorf("starts after the pasted link: %v", s.Starts)
	}
	// opened afresh, by a class: the comparison's controls hidden
	b.do(t, chromedp.Navigate(url+"/"+hash+"&hide=race"))
	s = b.mustWait(t, `s.drawn && !s.training && s.starts.length === 2`, 120*time.Second)
	if s.Fit.Width != 200 || s.Starts[1][0] != -2 || s.Starts[1][1] != 1.25 {
		t.Errorf("the link opened afresh: width %d, starts %v", s.Fit.Width, s.Starts)
	}
	var hidden struct {
		Race, Train bool
		Hash        string
	}
	b.eval(t, `({race: document.getElementById('race').offsetParent === null, train: document.getElementById('train').offsetParent === null, hash: location.hash})`, &hidden)
	if !hidden.Race || hidden.Train || !strings.Contains(hidden.Hash, "hide=race") {
		t.Errorf("hide=race: the comparison hidden %v, Train hidden %v, link %s", hidden.Race, hidden.Train, hidden.Hash)
	}
	b.do(t, chromedp.Navigate(url+"/"+hash))
	b.mustWait(t, `s.drawn && !s.training && s.starts.length === 2`, 120*time.Second)
	b.checkConsole(t)
}

// testShortcuts: Space pauses and plays, C clears, R adds five, T trains, ? lists them; none act
// while typing in a field.
func (b *browserSession) testShortcuts(t *testing.T) {
	key := func(k string) {
		b.do(t, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(document.activeElement && document.activeElement.blur(),
			document.body.dispatchEvent(new KeyboardEvent('keydown', {key: %q, bubbles: true})))`, k)))
	}
	s0 := b.state(t)
	key(" ")
	b.mustWait(t, fmt.Sprintf("s.playing === %v", !s0.Playing), 10*time.Second)
	key(" ")
	b.mustWait(t, fmt.Sprintf("s.playing === %v", s0.Playing), 10*time.Second)
	key("c")
	b.mustWait(t, "s.trajectories === 0", 10*time.Second)
	key("r")
	b.mustWait(t, "s.trajectories === 5", 10*time.Second)
	key("t")
	b.mustWait(t, "s.training", 10*time.Second)
	b.mustWait(t, "!s.training && s.drawn", 120*time.Second)
	key("?")
	var open bool
	b.eval(t, `document.getElementById('keys-dialog').open`, &open)
	if !open {
		t.Error("? does not list the shortcuts")
	}
	b.do(t, chromedp.Evaluate[chromedp.Void](`document.getElementById('keys-dialog').close()`))
	// no keyboard trap: Tab leaves the plot's canvas, which takes every other key
	b.do(t, chromedp.Evaluate[chromedp.Void](`(c => (c.tabIndex = c.tabIndex < 0 ? 0 : c.tabIndex, c.focus()))(document.querySelector('body > canvas'))`),
		chromedp.KeyEvent(kb.Tab))
	var focus string
	b.eval(t, `(a => a ? a.tagName + '#' + a.id : '')(document.activeElement)`, &focus)
	if strings.HasPrefix(focus, "CANVAS") || focus == "" {
		t.Errorf("Tab does not leave the plot: the focus is on %q", focus)
	}
	// typing in a field is typing
	b.do(t, chromedp.Evaluate[chromedp.Void](`(() => { const el = document.getElementById('width'); el.focus();
		el.dispatchEvent(new KeyboardEvent('keydown', {key: 'c', bubbles: true})); })()`))
	if s := b.state(t); s.Trajectories != 5 {
		t.Errorf("a key typed in a field cleared the trajectories: %d", s.Trajectories)
	}
	b.checkConsole(t)
}

// frameState reads the state of the page framed in the host page (same origin).
const frameState = `(() => { const f = document.querySelector('iframe'); const h = f && f.contentWindow.hnnplay;
	return h && h.state ? JSON.parse(h.state()) : null; })()`

// testEmbed: in a 720×450 frame of a blog post the plot takes at least 70 % of the frame; below
// the fold nothing moves, scrolled into view it does.
func (b *browserSession) testEmbed(t *testing.T, url string) {
	b.mu.Lock()
	b.pages["/_test/blog.html"] = `<!doctype html><html><head><link rel="icon" href="data:,"></head><body style="margin:0">
		<p style="height:1600px">A long post: the frame is below the fold.</p>
		<iframe src="/#embed=true" width="720" height="450" style="border:0"></iframe>
		<p style="height:1600px">More text.</p></body></html>`
	b.mu.Unlock()
	b.do(t, chromedp.EmulateViewport(1000, 700), chromedp.Navigate(url+"/_test/blog.html"))
	ctx, cancel := context.WithTimeout(b.ctx, 240*time.Second)
	defer cancel()
	poll := func(cond string) map[string]any {
		t.Helper()
		raw, err := chromedp.Run(ctx, chromedp.Poll[string](fmt.Sprintf(`(() => { const s = %s; return s && (%s) ? JSON.stringify(s) : false; })()`, frameState, cond),
			chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(200*time.Second)))
		if err != nil {
			t.Fatalf("the framed page: waiting for %s: %v", cond, err)
		}
		var s map[string]any
		json.Unmarshal([]byte(raw), &s)
		return s
	}
	s := poll("s.trained && !s.training && s.drawn")
	plot := s["plot"].(map[string]any)
	frac := plot["w"].(float64) * plot["h"].(float64) / (720 * 450)
	t.Logf("embedded at 720×450: plot %v×%v CSS px, %.0f %% of the frame; visible %v", plot["w"], plot["h"], 100*frac, s["visible"])
	if s["embed"] != true || frac < 0.7 {
		t.Errorf("embed %v, plot fraction %.2f, want ≥ 0.7", s["embed"], frac)
	}
	// off screen: add trajectories, nothing moves
	b.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('iframe').contentWindow.hnnplay.addRandom(3)`))
	s = poll("s.visible === false && s.trajectories === 3")
	steps := s["steps"].(float64)
	time.Sleep(1500 * time.Millisecond)
	if s2 := poll("true"); s2["steps"].(float64) != steps {
		t.Errorf("steps went from %v to %v off screen", steps, s2["steps"])
	}
	b.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('iframe').scrollIntoView()`))
	poll(fmt.Sprintf("s.visible === true && s.steps > %v", steps))
	// the smallest and the largest frame of a blog column
	for _, size := range [][2]int{{600, 400}, {960, 640}} {
		b.do(t, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(f => (f.width = %d, f.height = %d))(document.querySelector('iframe'))`, size[0], size[1])))
		s := poll(fmt.Sprintf("s.plot.w * s.plot.h >= 0.7 * %d && s.plot.w <= %d", size[0]*size[1], size[0]))
		plot := s["plot"].(map[string]any)
		t.Logf("embedded at %d×%d: plot %v×%v CSS px", size[0], size[1], plot["w"], plot["h"])
	}
	b.do(t, chromedp.EmulateViewport(1280, 800))
	b.checkConsole(t)
}

// testFramedFromFile: a page opened from a file (a slide deck) frames the page, which tells it
// when it is ready.
func (b *browserSession) testFramedFromFile(t *testing.T, url string) {
	host := filepath.Join(t.TempDir(), "deck.html")
	html := fmt.Sprintf(`<!doctype html><html><body><script>window.got = [];
		addEventListener('message', e => got.push(e.data && e.data.type));</script>
		<iframe src="%s/#embed=true" width="800" height="500"></iframe></body></html>`, url)
	if err := os.WriteFile(host, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	b.do(t, chromedp.Navigate("file://"+host))
	ctx, cancel := context.WithTimeout(b.ctx, 240*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`window.got && window.got.includes('hnnplay:ready')`,
		chromedp.WithPollingInterval(200*time.Millisecond), chromedp.WithPollingTimeout(200*time.Second))); err != nil {
		t.Fatalf("the framed page never said it was ready to the file: page: %v", err)
	}
	b.checkConsole(t)
}

// testPresent: on a 1920×1080 projector in presentation mode, every tick and axis label is at
// least 24 px and the thinnest lines (the learned level sets) at least 3 px.
func (b *browserSession) testPresent(t *testing.T, url string) {
	b.do(t, chromedp.EmulateViewport(1920, 1080), chromedp.Navigate(url+"/#present=true"))
	defer b.do(t, chromedp.EmulateViewport(1280, 800))
	s := b.mustWait(t, "s.trained && !s.training && s.drawn", 240*time.Second)
	if s.LevelSetWidth < 3 {
		t.Errorf("level sets %.2f px wide in presentation mode, want ≥ 3", s.LevelSetWidth)
	}
	if s.Plot.W < 1500 || s.Plot.H < 700 {
		t.Errorf("the plot is %.0f×%.0f CSS px on a 1920×1080 projector", s.Plot.W, s.Plot.H)
	}
	var labels []struct {
		Text string
		Size float64
	}
	b.eval(t, `Array.from(document.querySelectorAll('#axes .label')).map(e => ({text: e.textContent, size: parseFloat(getComputedStyle(e).fontSize)}))`, &labels)
	if len(labels) < 8 {
		t.Fatalf("%d labels on the plot", len(labels))
	}
	for _, l := range labels {
		if l.Size < 24 {
			t.Errorf("label %q is %.0f px, want ≥ 24", l.Text, l.Size)
		}
	}
	b.checkConsole(t)
}

// testHints: typing a number of points shows, beside the width, the largest width it allows.
func (b *browserSession) testHints(t *testing.T) {
	points := b.value(t, "points")
	defer b.do(t, setInput("points", points))
	b.do(t, setInput("points", "20000"))
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	hint, err := chromedp.Run(ctx, chromedp.Poll[string](`(() => { const h = document.getElementById('width').closest('.row').querySelector('.field-hint');
		return h && h.textContent.includes('20000 points') ? h.textContent : false; })()`, chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil {
		t.Fatalf("no hint beside the width at 20000 points: %v", err)
	}
	t.Logf("beside the width: %q", hint)
	b.checkConsole(t)
}

// testReadout: a hovering mouse reads q, p, H, Ĥ and |Ĥ − H| under it; H is the pendulum's
// (p²/2 + 1 − cos q) at the q and p shown, and the readout goes when the mouse leaves the plot.
func (b *browserSession) testReadout(t *testing.T) {
	s := b.state(t)
	x, y := s.Plot.X+0.3*s.Plot.W, s.Plot.Y+0.4*s.Plot.H
	b.do(t, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x-5, y), chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, y))
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	text, err := chromedp.Run(ctx, chromedp.Poll[string](`(r => !r.hidden && r.textContent)(document.getElementById('readout'))`,
		chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil {
		t.Fatalf("no readout under the mouse: %v", err)
	}
	var q, p, h, hl, d float64
	if _, err := fmt.Sscanf(strings.ReplaceAll(text, "−", "-"), "q = %g, p = %g · H = %g · Ĥ = %g · |Ĥ - H| = %g", &q, &p, &h, &hl, &d); err != nil {
		t.Fatalf("readout %q: %v", text, err)
	}
	want := p*p/2 + 1 - math.Cos(q)
	if math.Abs(h-want) > 2e-3*math.Max(1, math.Abs(want)) || math.Abs(math.Abs(hl-h)-d) > 2e-3*math.Max(1, math.Abs(h)) || d > 1e-2 {
		t.Errorf("readout %q: H(q, p) = %.4g", text, want)
	}
	t.Logf("readout %q", text)
	b.do(t, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 2, 2))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById('readout').hidden || document.getElementById('readout').textContent === ''`,
		chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		t.Errorf("the readout stays after the mouse left the plot: %v", err)
	}
}

// testTrajectoriesCSV: the exported trajectories carry, per kept step, the state of the learned
// flow and of its true twin with H and Ĥ there. H is the pendulum's at the state written; the true
// twin (implicit midpoint on the true H) keeps its energy; Ĥ is close to H.
func (b *browserSession) testTrajectoriesCSV(t *testing.T) {
	b.do(t, chromedp.Evaluate[chromedp.Void](`(window.hnnplay.clear(), window.hnnplay.setSettings('{"playing":"true"}'), window.hnnplay.add(1, 0.5))`))
	b.mustWait(t, "s.trajectories === 1 && s.steps >= 200", 60*time.Second)
	var text string
	b.eval(t, `window.hnnplay.trajectoriesCSV()`, &text)
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil || len(rows) < 50 {
		t.Fatalf("%d rows (%v) in %.300s", len(rows), err, text)
	}
	if got := strings.Join(rows[0], ","); got != "trajectory,t,q,p,H,H_learned,twin_q,twin_p,twin_H,twin_H_learned" {
		t.Fatalf("header %q", got)
	}
	H := func(q, p float64) float64 { return p*p/2 + 1 - math.Cos(q) }
	var twin0, prevT float64
	for i, r := range rows[1:] {
		v := make([]float64, len(r))
		for j, c := range r {
			if v[j], err = strconv.ParseFloat(c, 64); err != nil {
				t.Fatalf("row %d: %v", i+1, err)
			}
		}
		if i == 0 {
			twin0 = v[8]
		} else if v[1] <= prevT {
			t.Fatalf("row %d: time %g after %g", i+1, v[1], prevT)
		}
		prevT = v[1]
		if math.Abs(v[4]-H(v[2], v[3])) > 1e-12 || math.Abs(v[8]-H(v[6], v[7])) > 1e-12 {
			t.Fatalf("row %d: H %g at (%g, %g), the pendulum's %g", i+1, v[4], v[2], v[3], H(v[2], v[3]))
		}
		if math.Abs(v[8]-twin0) > 1e-3*twin0 || math.Abs(v[5]-v[4]) > 1e-3 {
			t.Fatalf("row %d: the twin's H %g (started at %g), Ĥ %g against H %g", i+1, v[8], twin0, v[5], v[4])
		}
	}
	t.Logf("%d rows up to t = %g", len(rows)-1, prevT)
}

// testSampling: the layer "Where it sampled" draws, from the worker's reply, a hyperplane and a
// pair for each of A-SWIM's neurons, with their legend entries; ELM has no pairs.
func (b *browserSession) testSampling(t *testing.T) {
	layer := func(on bool) {
		b.do(t, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(c => { c.checked = %v; c.dispatchEvent(new Event('change', {bubbles: true})); })(
			document.querySelector('#layers input[value="sampling"]'))`, on)))
	}
	layer(true)
	defer layer(false)
	s := b.mustWait(t, "s.drawn && s.neurons > 0", 30*time.Second)
	if s.Neurons != s.Fit.Width || s.Pairs != s.Fit.Width {
		t.Errorf("A-SWIM width %d: %d hyperplanes and %d pairs drawn", s.Fit.Width, s.Neurons, s.Pairs)
	}
	var shown []string
	b.eval(t, `Array.from(document.querySelectorAll('#legend li')).filter(li => li.offsetParent !== null).map(li => li.textContent)`, &shown)
	if !strings.Contains(strings.Join(shown, "|"), "pair it was built from") {
		t.Errorf("the legend shows %q", shown)
	}
	note := func() (text string) {
		b.eval(t, `(n => n.hidden ? '' : n.textContent)(document.getElementById('sampling-note'))`, &text)
		return text
	}
	if n := note(); !strings.HasPrefix(n, "A-SWIM drew these pairs") {
		t.Errorf("the note beside the layer: %q", n)
	}
	b.do(t, setInput("sampler", "elm"), chromedp.Click(chromedp.CSS("#train")))
	defer func() {
		b.do(t, setInput("sampler", "aswim"), chromedp.Click(chromedp.CSS("#train")))
		b.mustWait(t, "!s.training && s.drawn && s.fit.link.includes('sampler=aswim')", 60*time.Second)
	}()
	s = b.mustWait(t, "!s.training && s.drawn && s.fit.link.includes('sampler=elm') && s.neurons > 0", 60*time.Second)
	if s.Pairs != 0 || !strings.HasPrefix(note(), "ELM has no pairs") {
		t.Errorf("ELM: %d pairs drawn, note %q", s.Pairs, note())
	}
	t.Logf("ELM: %d of %d hyperplanes cross the plot", s.Neurons, s.Fit.Width)
	b.checkConsole(t)
}
