package main

// The page in a real headless Chromium, driven through the DevTools protocol (chromedp): it loads
// without console errors, fits a model, takes clicks, drags and taps, keeps its learned
// trajectories on their energy level, draws, reports bad settings and keeps drawing during a
// large fit. The page's side of the contract is window.hnnplay.state() (see pageState).
//
// Run `make site` first; `make test` does. HNNPLAY_SITE names another directory to serve.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

const chromiumPath = "/usr/bin/chromium"

// maxTransfer bounds what a first visit downloads (bodies as sent, compressed).
const maxTransfer = 3_000_000

// pageState is the JSON that window.hnnplay.state() returns.
type pageState struct {
	Frames   int  `json:"frames"`   // frames drawn by ebiten
	Trained  bool `json:"trained"`  // a model is loaded
	Training bool `json:"training"` // a fit runs in the worker
	// Fit is the fit's report as the worker made it (experiment.Result's JSON, as `hnnplay fit
	// -json` prints it); these are the fields the tests read.
	Fit struct {
		Seconds           float64 `json:"fit_seconds"`
		Rank              int     `json:"rank"`
		RelL2H            float64 `json:"rel_l2_H"`
		RelL2Grad         float64 `json:"rel_l2_grad"`
		DataFingerprint   string  `json:"data_fingerprint"`
		HiddenFingerprint string  `json:"hidden_fingerprint"`
		Link              string  `json:"link"`
		Width             int     `json:"width"`
		Workers           int     `json:"workers"` // the workers that factored the features
	} `json:"fit"`
	Trajectories   int         `json:"trajectories"`     // live learned trajectories
	Steps          int         `json:"steps"`            // integrator steps of the oldest live trajectory
	MaxEnergyDrift float64     `json:"max_energy_drift"` // max relative |H(t)−H(0)| of the true H
	Error          string      `json:"error"`            // "" or the message shown in #status
	System         string      `json:"system"`
	Drawn          bool        `json:"drawn"`           // the level sets of the model are drawn
	Playing        bool        `json:"playing"`         // trajectories move
	Embed          bool        `json:"embed"`           // the page is in embed mode
	Visible        bool        `json:"visible"`         // the plot is on screen
	Starts         [][]float64 `json:"starts"`          // the trajectories' initial states
	LevelSetWidth  float64     `json:"level_set_width"` // the learned level sets' width, CSS pixels
	Neurons        int         `json:"neurons"`         // hyperplanes the sampling layer draws
	Pairs          int         `json:"pairs"`           // sampled pairs it draws
	Poincare       struct {
		Learned, True int
	} `json:"poincare"` // Poincaré crossings of the learned flows and of their twins
	Arms  int `json:"arms"` // pendulums drawn in each panel of the arms layer
	Orbit struct {
		EnergyDrift   float64 `json:"energy_drift"`
		MomentumDrift float64 `json:"momentum_drift"`
	} `json:"orbit"` // Kepler: the largest drifts of E and L along the true flows
	Plot struct {
		X, Y, W, H float64
	} `json:"plot"` // the phase plot's rectangle, CSS pixels
}

// stateJS evaluates to the parsed state, or null before the page has installed window.hnnplay.
const stateJS = `(window.hnnplay && window.hnnplay.state ? JSON.parse(window.hnnplay.state()) : null)`

// cspProbe reports CSP violations of the page to the console, as errors, with their directive.
const cspProbe = `document.addEventListener('securitypolicyviolation', e =>
	console.error('CSP violation: ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') +
		' at ' + e.sourceFile + ':' + e.lineNumber));`

// browserSession is the one browser tab that the subtests share, with what it has recorded.
type browserSession struct {
	ctx context.Context

	mu       sync.Mutex
	console  []chromedp.ConsoleMessage // from the page and its workers
	checked  int                       // console messages already judged
	urls     map[network.RequestID]string
	encoded  map[string]float64 // encodedDataLength per URL, from the page target
	workers  map[target.ID]bool
	served   map[string]int64  // body bytes written per path, counted by the server
	requests map[string]int    // requests per path (a revalidation is a 304 without a body)
	encoding map[string]string // Content-Encoding of the bodies per path
	// pages are extra pages served under /_test/ (hosts that frame the
	// page), set by the tests that need them.
	pages map[string]string
}

func TestBrowser(t *testing.T) {
	b, url := newBrowserSession(t)
	if !t.Run("Load", func(t *testing.T) { b.testLoad(t, url) }) {
		t.FailNow()
	}
	if !t.Run("Fit", b.testFit) {
		t.FailNow()
	}
	t.Run("Transfer", b.testTransfer)
	t.Run("Click", b.testClick)
	t.Run("Drag", b.testDrag)
	t.Run("Touch", b.testTouch)
	t.Run("TypedStart", b.testTypedStart)
	t.Run("EnergyDrift", b.testEnergyDrift)
	t.Run("Screenshot", b.testScreenshot)
	t.Run("BadSettings", b.testBadSettings)
	t.Run("FramesDuringLargeFit", b.testFramesDuringLargeFit)
}

// newBrowserSession serves the built site on 127.0.0.1 and starts headless
// Chromium (SwiftShader WebGL, the network off), listening to the console (page and
// workers), the network and CSP violations. It returns the session and the
// page's URL, not yet loaded; everything stops when the test ends.
func newBrowserSession(t *testing.T) (*browserSession, string) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("no Chromium at %s (install it with `make deps`); skipped outside CI", chromiumPath)
		}
		t.Fatalf("no Chromium at %s in CI: `make deps` installs it", chromiumPath)
	}
	dir := os.Getenv("HNNPLAY_SITE")
	if dir == "" {
		dir = "site"
	}
	for _, f := range []string{"index.html", "hnnplay.wasm", "worker.wasm", "kernels.wasm", "lessons.json", "wasm_exec.js"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Fatalf("%s/%s is missing: run make site first", dir, f)
		}
	}
	h, err := newHandler(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	b := &browserSession{
		urls:     map[network.RequestID]string{},
		encoded:  map[string]float64{},
		workers:  map[target.ID]bool{},
		served:   map[string]int64{},
		requests: map[string]int{},
		encoding: map[string]string{},
	}
	b.pages = map[string]string{}
	srv := httptest.NewServer(b.count(b.testPages(h))) // listens on 127.0.0.1
	t.Cleanup(srv.Close)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", "new"),
		chromedp.NoSandbox,
		chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.Flag("use-angle", "swiftshader"),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 800),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithLogf(t.Logf))
	t.Cleanup(cancel)
	b.ctx = ctx

	// Start the browser; subscribe to the console, the network and new workers before navigating.
	start := time.Now()
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", chromiumPath, err)
	}
	t.Logf("browser started in %.1f s", time.Since(start).Seconds())
	b.watchConsole(ctx)
	workers := make(chan target.ID, 16)
	if err := chromedp.Listen(ctx, func(ev any) { b.event(ev, workers) }); err != nil {
		t.Fatal(err)
	}
	go b.attachWorkers(ctx, workers)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: cspProbe}); err != nil {
		t.Fatal(err)
	}
	return b, srv.URL
}

// testPages serves the pages of b.pages under /_test/ (same origin as the
// site, so a test can reach into a frame's window) and the rest from h.
func (b *browserSession) testPages(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b.mu.Lock()
		page, ok := b.pages[r.URL.Path]
		b.mu.Unlock()
		if !ok {
			h.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, page)
	})
}

// count wraps the handler to record the bytes and encoding of every response body.
func (b *browserSession) count(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &countingWriter{ResponseWriter: w}
		h.ServeHTTP(cw, r)
		b.mu.Lock()
		b.served[r.URL.Path] += cw.n
		b.requests[r.URL.Path]++
		if cw.n > 0 {
			b.encoding[r.URL.Path] = w.Header().Get("Content-Encoding")
		}
		b.mu.Unlock()
	})
}

type countingWriter struct {
	http.ResponseWriter
	n int64
}

func (w *countingWriter) Write(p []byte) (int, error) {
	n, err := w.ResponseWriter.Write(p)
	w.n += int64(n)
	return n, err
}

// watchConsole records the console of the tab (API calls, uncaught exceptions, browser log).
func (b *browserSession) watchConsole(ctx context.Context) {
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.console = append(b.console, m)
			b.mu.Unlock()
		}
	}()
}

// event runs on chromedp's reading goroutine: it must only record.
func (b *browserSession) event(ev any, workers chan<- target.ID) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventResponseReceived:
		b.urls[ev.RequestID] = ev.Response.URL
	case *network.EventLoadingFinished:
		if u, ok := b.urls[ev.RequestID]; ok {
			b.encoded[u] += ev.EncodedDataLength
		}
	case *target.EventAttachedToTarget:
		if info := ev.TargetInfo; info != nil && strings.Contains(info.Type, "worker") && !b.workers[info.TargetID] {
			b.workers[info.TargetID] = true
			select {
			case workers <- info.TargetID:
			default:
			}
		}
	}
}

// attachWorkers records the console of each Web Worker the page starts (the fitting worker), so that an
// exception in a fit is seen too.
func (b *browserSession) attachWorkers(ctx context.Context, workers <-chan target.ID) {
	for {
		select {
		case <-ctx.Done():
			return
		case id := <-workers:
			// Detach, not close, when the test ends; ctx's end cancels wctx.
			wctx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(id), chromedp.WithDetachOnCancel())
			defer cancel()
			b.watchConsole(wctx)
		}
	}
}

// checkConsole fails the test for each error or exception logged since the last check, and logs
// the other messages. allow exempts errors whose text contains one of its strings.
func (b *browserSession) checkConsole(t *testing.T, allow ...string) {
	t.Helper()
	b.mu.Lock()
	fresh := b.console[b.checked:]
	b.checked = len(b.console)
	b.mu.Unlock()
next:
	for _, m := range fresh {
		where := ""
		if m.URL != "" {
			where = fmt.Sprintf(" (%s:%d)", m.URL, m.Line+1)
		}
		// Chromium asks for /favicon.ico by itself when the page names no icon; that 404 is not the page's.
		if m.Type != chromedp.ConsoleError && !m.IsException() || strings.HasSuffix(m.URL, "/favicon.ico") {
			t.Logf("console %s%s", m, where)
			continue
		}
		for _, a := range allow {
			if a != "" && strings.Contains(m.Text, a) {
				t.Logf("console (expected) %s%s", m, where)
				continue next
			}
		}
		t.Errorf("console %s%s", m, where)
	}
}

// state returns the page's state now.
func (b *browserSession) state(t *testing.T) pageState {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](stateJS))
	if err != nil {
		t.Fatalf("window.hnnplay.state(): %v", err)
	}
	var s pageState
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatalf("window.hnnplay.state() = %s: %v", raw, err)
	}
	return s
}

// waitFor polls the page's state until the JavaScript condition on s holds, and returns that
// state. It polls by timer, not animation frame, so that a busy page cannot stall the poll.
func (b *browserSession) waitFor(t *testing.T, cond string, timeout time.Duration) (pageState, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, timeout+30*time.Second)
	defer cancel()
	expr := fmt.Sprintf(`(() => { const s = %s; return s !== null && (%s) ? JSON.stringify(s) : false; })()`, stateJS, cond)
	raw, err := chromedp.Run(ctx, chromedp.Poll[string](expr,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(timeout)))
	var s pageState
	if err != nil {
		return s, fmt.Errorf("waiting %v for %s: %w", timeout, cond, err)
	}
	return s, json.Unmarshal([]byte(raw), &s)
}

// mustWait is waitFor that fails the test, showing the last state.
func (b *browserSession) mustWait(t *testing.T, cond string, timeout time.Duration) pageState {
	t.Helper()
	s, err := b.waitFor(t, cond, timeout)
	if err != nil {
		t.Fatalf("%v; state now %+v", err, b.state(t))
	}
	return s
}

func (b *browserSession) do(t *testing.T, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

func (b *browserSession) testLoad(t *testing.T, url string) {
	start := time.Now()
	b.do(t, chromedp.Navigate(url))
	loaded := time.Since(start)
	b.mustWait(t, "s.frames >= 1", 120*time.Second)
	first := time.Since(start)
	s := b.mustWait(t, "s.frames > 3", 60*time.Second)
	t.Logf("load event after %.2f s; first frame after %.2f s; %d frames after %.2f s",
		loaded.Seconds(), first.Seconds(), s.Frames, time.Since(start).Seconds())
	if s.Error != "" {
		t.Errorf("state().error = %q after load", s.Error)
	}
	b.checkConsole(t)
}

func (b *browserSession) testFit(t *testing.T) {
	// The page fits the default system (pendulum) once on load.
	s := b.mustWait(t, "s.trained && !s.training", 300*time.Second)
	t.Logf("default fit: system %s, %.3f s, rank %d, rel L2 error of H %.3g, of ∇H %.3g",
		s.System, s.Fit.Seconds, s.Fit.Rank, s.Fit.RelL2H, s.Fit.RelL2Grad)
	if s.System != "pendulum" {
		t.Errorf("default system %q, want pendulum", s.System)
	}
	if !(s.Fit.RelL2H < 1e-3) {
		t.Errorf("rel_l2_H = %g, want < 1e-3", s.Fit.RelL2H)
	}
	if !(s.Fit.RelL2Grad < 1e-2) {
		t.Errorf("rel_l2_grad = %g, want < 1e-2", s.Fit.RelL2Grad)
	}
	if s.Fit.Rank <= 0 {
		t.Errorf("rank = %d, want > 0", s.Fit.Rank)
	}
	if !(s.Fit.Seconds > 0) {
		t.Errorf("seconds = %g, want > 0", s.Fit.Seconds)
	}
	if s.Error != "" {
		t.Errorf("state().error = %q", s.Error)
	}
	b.checkConsole(t)
}

// testTransfer sums what the first visit downloaded: the server's count of body bytes is the
// figure (it includes the worker's requests, which the page target does not report); the browser's
// encodedDataLength (bodies and headers, page target only) is logged beside it.
func (b *browserSession) testTransfer(t *testing.T) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var served, encoded float64
	paths := make([]string, 0, len(b.served))
	for p, n := range b.served {
		paths = append(paths, p)
		served += float64(n)
	}
	sort.Strings(paths)
	for _, p := range paths {
		enc := b.encoding[p]
		if enc == "" {
			enc = "identity"
		}
		t.Logf("  %-20s %9d bytes (%s) in %d requests", p, b.served[p], enc, b.requests[p])
	}
	for _, n := range b.encoded {
		encoded += n
	}
	t.Logf("transfer: %.0f bytes of bodies served (%.2f MB); page target encodedDataLength %.0f bytes over %d responses",
		served, served/1e6, encoded, len(b.encoded))
	if served > maxTransfer {
		t.Errorf("first visit transfers %.0f bytes, more than %d", served, maxTransfer)
	}
	for _, p := range []string{"/hnnplay.wasm", "/worker.wasm"} {
		if _, ok := b.served[p]; !ok {
			t.Errorf("%s was never requested", p)
		} else if b.encoding[p] != "br" {
			t.Errorf("%s was served with Content-Encoding %q, want br", p, b.encoding[p])
		}
	}
}

type rect struct{ X, Y, W, H float64 }

// canvas scrolls the ebiten canvas (the one ebiten appends to <body>) into view and returns its rectangle in CSS pixels.
func (b *browserSession) canvas(t *testing.T) rect {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	r, err := chromedp.Run(ctx, chromedp.Evaluate[rect](`(() => {
		const c = document.querySelector('body > canvas');
		if (!c) return null;
		c.scrollIntoView({block: 'center', inline: 'center'});
		const r = c.getBoundingClientRect();
		return {X: r.x, Y: r.y, W: r.width, H: r.height};
	})()`))
	if err != nil {
		t.Fatalf("canvas: %v", err)
	}
	if r.W < 50 || r.H < 50 {
		t.Fatalf("canvas is %gx%g CSS pixels", r.W, r.H)
	}
	return r
}

// at returns the point of the canvas at fractions fx, fy of its width and height.
func (r rect) at(fx, fy float64) (float64, float64) { return r.X + fx*r.W, r.Y + fy*r.H }

// nextFrames waits until the page has drawn n more frames: input events must span ebiten ticks.
func (b *browserSession) nextFrames(n int) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		f, err := chromedp.Evaluate[int](stateJS+`.frames`)(ctx, tg)
		if err != nil {
			return chromedp.Void{}, err
		}
		_, err = chromedp.Poll[chromedp.Void](fmt.Sprintf(`%s.frames >= %d`, stateJS, f+n),
			chromedp.WithPollingInterval(10*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second))(ctx, tg)
		return chromedp.Void{}, err
	}
}

// addsTrajectory runs the input and checks that the number of live trajectories grows.
func (b *browserSession) addsTrajectory(t *testing.T, input ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	b.mustWait(t, "s.trained", 120*time.Second)
	before := b.state(t)
	b.do(t, input...)
	s, err := b.waitFor(t, fmt.Sprintf("s.trajectories > %d", before.Trajectories), 15*time.Second)
	if err != nil {
		t.Fatalf("trajectories stayed at %d: %v", b.state(t).Trajectories, err)
	}
	t.Logf("trajectories: %d → %d", before.Trajectories, s.Trajectories)
	b.checkConsole(t)
}

func (b *browserSession) testClick(t *testing.T) {
	x, y := b.canvas(t).at(0.5, 0.5)
	b.addsTrajectory(t,
		chromedp.MouseEvent(chromedp.MouseMoved, x, y),
		chromedp.MouseEvent(chromedp.MousePressed, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		b.nextFrames(2),
		chromedp.MouseEvent(chromedp.MouseReleased, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
	)
}

func (b *browserSession) testDrag(t *testing.T) {
	r := b.canvas(t)
	x0, y0 := r.at(0.42, 0.45)
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.MouseEvent(chromedp.MouseMoved, x0, y0),
		chromedp.MouseEvent(chromedp.MousePressed, x0, y0, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		b.nextFrames(2),
	}
	var x, y float64
	for i := 1; i <= 8; i++ {
		x, y = r.at(0.42+0.02*float64(i), 0.45+0.01*float64(i))
		steps = append(steps, chromedp.MouseEvent(chromedp.MouseMoved, x, y, chromedp.ButtonLeft), b.nextFrames(1))
	}
	steps = append(steps, chromedp.MouseEvent(chromedp.MouseReleased, x, y, chromedp.ButtonLeft, chromedp.ClickCount(1)))
	b.addsTrajectory(t, steps...)
}

func (b *browserSession) testTouch(t *testing.T) {
	b.addsTrajectory(t, chromedp.TapXY(b.canvas(t).at(0.58, 0.4)))
}

// testTypedStart: the keyboard's way to place a trajectory — a typed point and
// Enter — adds one; a malformed point is refused with a message.
func (b *browserSession) testTypedStart(t *testing.T) {
	b.do(t, setInput("start", "abc"), chromedp.Click(chromedp.CSS("#start-add")))
	if s, err := b.waitFor(t, `s.error.includes('Start point')`, 15*time.Second); err != nil {
		t.Fatalf("no message for a malformed start point: %v; state %+v", err, s)
	}
	b.addsTrajectory(t, setInput("start", "0.5, -0.25"),
		chromedp.Focus(chromedp.CSS("#start")), chromedp.KeyEvent("\r"))
	if s := b.state(t); s.Error != "" {
		t.Errorf("the message stayed after a good start point: %q", s.Error)
	}
}

func (b *browserSession) testEnergyDrift(t *testing.T) {
	const steps = 2000
	if b.state(t).Trajectories == 0 {
		x, y := b.canvas(t).at(0.5, 0.5)
		b.do(t, chromedp.MouseClickXY(x, y))
	}
	start := time.Now()
	s, err := b.waitFor(t, fmt.Sprintf("s.trajectories > 0 && s.steps >= %d", steps), 600*time.Second)
	if err != nil {
		t.Fatalf("%v; state now %+v", err, b.state(t))
	}
	t.Logf("%d trajectories, oldest %d steps (waited %.1f s): max relative energy drift %.3g",
		s.Trajectories, s.Steps, time.Since(start).Seconds(), s.MaxEnergyDrift)
	if !(s.MaxEnergyDrift < 1e-2) {
		t.Errorf("max_energy_drift = %g after %d steps, want < 1e-2", s.MaxEnergyDrift, s.Steps)
	}
	b.checkConsole(t)
}

func (b *browserSession) testScreenshot(t *testing.T) {
	r := b.canvas(t)
	b.do(t, b.nextFrames(2))
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.CreateTemp("", "hnnplay-*.png")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(shot); err != nil {
		t.Fatal(err)
	}
	f.Close()
	t.Logf("screenshot: %s", f.Name())

	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	vw, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.innerWidth`))
	if err != nil {
		t.Fatal(err)
	}
	scale := float64(img.Bounds().Dx()) / vw
	area := image.Rect(int(r.X*scale), int(r.Y*scale), int((r.X+r.W)*scale), int((r.Y+r.H)*scale)).Intersect(img.Bounds())
	colours := map[[3]uint32]int{}
	for y := area.Min.Y; y < area.Max.Y; y++ {
		for x := area.Min.X; x < area.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			colours[[3]uint32{cr >> 8, cg >> 8, cb >> 8}]++
		}
	}
	background := 0
	for _, n := range colours {
		background = max(background, n)
	}
	total := area.Dx() * area.Dy()
	drawn := float64(total-background) / float64(total)
	t.Logf("canvas %v: %d distinct colours, %.1f%% of pixels not the background colour", area, len(colours), 100*drawn)
	if len(colours) < 16 || drawn < 0.01 {
		t.Errorf("the canvas looks blank: %d distinct colours, %.2f%% of pixels drawn", len(colours), 100*drawn)
	}
	b.checkConsole(t)
}

// setInput sets a control's value as a user would and fires input and change.
func setInput(id, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const el = document.getElementById(%q);
		if (!el) throw new Error('no #' + %q);
		el.value = %q;
		el.dispatchEvent(new Event('input', {bubbles: true}));
		el.dispatchEvent(new Event('change', {bubbles: true}));
	})()`, id, id, value))
}

func (b *browserSession) value(t *testing.T, id string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.getElementById(%q).value`, id)))
	if err != nil {
		t.Fatalf("#%s: %v", id, err)
	}
	return v
}

func (b *browserSession) status(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('status').textContent`))
	if err != nil {
		t.Fatalf("#status: %v", err)
	}
	return v
}

// testBadSettings enters three bad settings in turn. Each must show its message in #status and
// state().error while the page keeps drawing with the previous model; a good fit must follow. The
// "NaN" points arrive as the browser hands them over: a number input sanitises them to "".
func (b *browserSession) testBadSettings(t *testing.T) {
	model := b.mustWait(t, "s.trained && !s.training", 300*time.Second)
	defaults := map[string]string{}
	for _, id := range []string{"width", "box", "points"} {
		defaults[id] = b.value(t, id)
	}
	t.Cleanup(func() {
		for id, v := range defaults {
			if err := chromedp.Do(b.ctx, setInput(id, v)); err != nil {
				t.Errorf("restoring #%s: %v", id, err)
			}
		}
	})
	prev := model.Error
	for _, c := range []struct{ id, value string }{
		{"width", "0"},
		{"box", "1,0,-1,1"},
		{"points", "NaN"},
	} {
		b.do(t, setInput(c.id, c.value), chromedp.Click(chromedp.CSS("#train")))
		s, err := b.waitFor(t, fmt.Sprintf("s.error !== '' && s.error !== %q", prev), 60*time.Second)
		if err != nil {
			t.Fatalf("#%s = %q (value now %q) reports no error: %v; state now %+v; #status %q",
				c.id, c.value, b.value(t, c.id), err, b.state(t), b.status(t))
		}
		prev = s.Error
		st := b.status(t)
		t.Logf("#%s = %q: state().error %q, #status %q", c.id, c.value, s.Error, st)
		if !strings.Contains(st, s.Error) {
			t.Errorf("#%s = %q: #status %q does not show the error %q", c.id, c.value, st, s.Error)
		}
		var mark struct {
			Invalid string
			Message string
		}
		b.eval(t, fmt.Sprintf(`(el => ({invalid: el.getAttribute('aria-invalid'),
			message: ((el.closest('.row') || el.parentElement).querySelector('.field-error') || {}).textContent || ''}))(document.getElementById(%q))`, c.id), &mark)
		if mark.Invalid != "true" || mark.Message == "" {
			t.Errorf("#%s = %q is not marked: aria-invalid %q, message beside it %q", c.id, c.value, mark.Invalid, mark.Message)
		}
		// The page keeps drawing and keeps the previous model.
		s = b.mustWait(t, fmt.Sprintf("s.frames >= %d", s.Frames+5), 30*time.Second)
		if !s.Trained || s.Fit != model.Fit {
			t.Errorf("#%s = %q: the previous model is gone: trained %v, fit %+v (was %+v)",
				c.id, c.value, s.Trained, s.Fit, model.Fit)
		}
		b.checkConsole(t, s.Error, "cannot be parsed")
		b.do(t, setInput(c.id, defaults[c.id]))
	}

	// A good setting afterwards fits again, and clears the error.
	b.do(t, chromedp.Click(chromedp.CSS("#train")))
	s := b.mustWait(t, "s.trained && !s.training && s.error === ''", 300*time.Second)
	t.Logf("fit after the errors: %.3f s, rank %d, rel L2 error of H %.3g", s.Fit.Seconds, s.Fit.Rank, s.Fit.RelL2H)
	if !(s.Fit.RelL2H < 1e-3) {
		t.Errorf("rel_l2_H = %g after the errors, want < 1e-3", s.Fit.RelL2H)
	}
	if st := b.status(t); strings.Contains(st, prev) {
		t.Errorf("#status still shows %q after a good fit: %q", prev, st)
	}
	b.checkConsole(t)
}

// testFramesDuringLargeFit starts a fit that takes many seconds (the page runs it in a Web Worker)
// and checks that the canvas keeps drawing meanwhile. It comes last: the fit is not waited for.
func (b *browserSession) testFramesDuringLargeFit(t *testing.T) {
	b.mustWait(t, "!s.training", 300*time.Second)
	b.do(t, setInput("width", "1500"), setInput("points", "10000"), chromedp.Click(chromedp.CSS("#train")))
	b.mustWait(t, "s.training || s.error !== ''", 30*time.Second)
	windows := 0
	for windows < 3 {
		s0 := b.state(t)
		if !s0.Training {
			break
		}
		start := time.Now()
		s, err := b.waitFor(t, fmt.Sprintf("s.frames >= %d || !s.training", s0.Frames+10), 5*time.Second)
		if err != nil {
			if errors.Is(err, chromedp.ErrPollingTimeout) {
				now := b.state(t)
				t.Fatalf("the canvas froze during the fit: frames %d → %d in 5 s; state now %+v", s0.Frames, now.Frames, now)
			}
			t.Fatal(err)
		}
		if s.Training {
			windows++
			t.Logf("during the fit: %d frames in %.2f s", s.Frames-s0.Frames, time.Since(start).Seconds())
		}
	}
	if windows == 0 {
		s := b.state(t)
		if s.Error != "" {
			t.Errorf("the page refused the width-1500, 10000-point fit: %q", s.Error)
		} else {
			t.Errorf("the width-1500, 10000-point fit ended before the frame rate could be sampled: state %+v", s)
		}
		return
	}
	// The fit shows its stage, and Cancel stops it: the model on the plot stays.
	before := b.state(t)
	var stage string
	b.eval(t, `document.getElementById('stage').textContent`, &stage)
	if stage == "" {
		t.Error("a long fit shows no stage")
	}
	b.click(t, "cancel")
	s := b.mustWait(t, "!s.training", 10*time.Second)
	if st := b.status(t); !strings.Contains(st, "cancelled") || s.Fit != before.Fit {
		t.Errorf("after Cancel (stage %q): #status %q, fit %+v (was %+v)", stage, st, s.Fit, before.Fit)
	}
	t.Logf("cancelled at the stage %q", stage)
	b.checkConsole(t)
}
