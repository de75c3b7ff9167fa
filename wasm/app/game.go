package main

import (
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"math"
	"sync"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"hnnplay/core/hnn"
	"hnnplay/core/system"
	"hnnplay/wasm/protocol"
	"hnnplay/wasm/world"
)

// Per-frame time budgets: trajectories first, then the grid of a new model.
const (
	trajBudget  = 6 * time.Millisecond
	frameBudget = 8 * time.Millisecond
)

// host is what the page provides: the status line and the axis labels
// (HTML over the canvas). bridge_js.go implements it; natively it is a no-op.
type host interface {
	setStatus(kind, text string)
	setLabels(labels []world.Label)
	modelChanged()
}

// Game is the ebiten side: input, the frame loop and GPU drawing. The scene
// itself is a world.World.
type Game struct {
	host host

	mu   sync.Mutex // guards snap
	snap state      // what state() returns

	view      protocol.View
	res       *protocol.Result
	world     *world.World
	compare   *hnn.Model // the comparison model (Adam's network), nil: none
	particles *world.Particles
	training  bool
	trainedAt time.Time

	statusKind, statusText string

	frames     int
	stepOnce   bool
	modelEvent bool

	// canvas size in device pixels and the regions in it
	w, h    float64
	scale   float64
	regions world.Regions

	// static layers of the current grid and plot size
	job       *world.LayerJob
	jobKey    layerKey
	layers    map[string]*ebiten.Image
	layersKey layerKey
	levels    *world.Layers

	ptrs          map[int]*pointer // by pointer id; the mouse is -1 natively
	externalInput bool             // pointer events come from the bridge
	touchIDs      []ebiten.TouchID
	labelsKey     string

	b batch

	static    *ebiten.Image
	staticKey staticKey

	updateMs, drawMs float64
	pl               polyBuilder
	energyImg        *ebiten.Image
	energyKey        int
}

type layerKey struct {
	grid *world.Grid
	w, h int
}

type pointer struct {
	active bool
	x, y   float64
	frame  int
}

// state is the JSON of window.hnnplay.state(), the contract with the page's
// browser tests.
type state struct {
	Frames       int      `json:"frames"`
	Trained      bool     `json:"trained"`
	Training     bool     `json:"training"`
	Fit          fitState `json:"fit"`
	Trajectories int      `json:"trajectories"`
	Steps        int      `json:"steps"`
	// MaxEnergyDrift is the largest |H(x(t)) − H(x₀)| / max(|H(x₀)|, 1 % of
	// the spread of H over the training box), true H, over the running
	// trajectories of the learned flow (see world.Trajectory.Drift).
	MaxEnergyDrift float64 `json:"max_energy_drift"`
	Error          string  `json:"error"`
	System         string  `json:"system"`
	// Beyond the contract, for the page and the curious:
	Integrator string             `json:"integrator"`
	Playing    bool               `json:"playing"`
	Section    map[string]float64 `json:"section"`
	SectionOf  []string           `json:"section_names"` // in coordinate order
	Lag        float64            `json:"lag"`           // fraction of the requested steps done last frame
	// Mean Go time per Update and per Draw (ms, exponential average): what
	// the frame costs before the GPU (or SwiftShader) renders it.
	UpdateMs float64 `json:"update_ms"`
	DrawMs   float64 `json:"draw_ms"`
	Vertices int     `json:"vertices"` // drawn in the last frame
	// Compare describes the comparison flow (the network trained by Adam in
	// a "Compare with gradient descent" run), drawn dotted beside each
	// trajectory. trajectories and max_energy_drift above stay those of the
	// sampled network's flow.
	Compare compareState `json:"compare"`
}

type compareState struct {
	Model        bool `json:"model"` // a comparison model is installed
	Width        int  `json:"width"`
	Trajectories int  `json:"trajectories"` // running comparison flows
	Steps        int  `json:"steps"`        // steps of the oldest running one
	// Behind is how many steps the furthest-behind comparison flow still
	// has to catch up after a new model (0 when all are in step).
	Behind         int     `json:"behind"`
	MaxEnergyDrift float64 `json:"max_energy_drift"` // as max_energy_drift, over the running comparison flows
}

type fitState struct {
	Seconds   float64 `json:"seconds"`
	Rank      int     `json:"rank"`
	RelL2H    float64 `json:"rel_l2_H"`
	RelL2Grad float64 `json:"rel_l2_grad"`
}

func newGame(h host) *Game {
	g := &Game{host: h, view: protocol.DefaultView(), scale: 1, ptrs: map[int]*pointer{}}
	g.publish()
	return g
}

// State returns the state JSON.
func (g *Game) State() string {
	g.mu.Lock()
	s := g.snap
	g.mu.Unlock()
	if s.SectionOf == nil {
		s.SectionOf = []string{}
	}
	b, err := json.Marshal(s)
	if err != nil { // a NaN somewhere: report rather than fail
		return fmt.Sprintf(`{"frames":%d,"error":%q}`, s.Frames, err.Error())
	}
	return string(b)
}

func (g *Game) publish() {
	s := state{Frames: g.frames, Training: g.training, Playing: g.view.Playing, Integrator: g.view.Integrator, Lag: 1,
		UpdateMs: math.Round(g.updateMs*1000) / 1000, DrawMs: math.Round(g.drawMs*1000) / 1000}
	if g.statusKind == "error" {
		s.Error = g.statusText
	}
	if g.res != nil {
		s.Trained = true
		s.System = g.res.System
		s.Fit = fitState{g.res.Seconds, g.res.Rank, g.res.RelL2H, g.res.RelL2Grad}
	}
	if g.world != nil {
		s.Trajectories, s.Steps, s.MaxEnergyDrift = g.world.Stats()
		if math.IsNaN(s.MaxEnergyDrift) || math.IsInf(s.MaxEnergyDrift, 0) {
			s.MaxEnergyDrift = math.MaxFloat64
		}
		s.Section = g.world.Section()
		s.SectionOf = g.world.SectionNames()
		s.Lag = g.world.Lag
		if g.compare != nil && g.world.Compare != nil {
			c := &s.Compare
			c.Model, c.Width = true, g.compare.M
			c.Trajectories, c.Steps, c.Behind, c.MaxEnergyDrift = g.world.CompareStats()
			if math.IsNaN(c.MaxEnergyDrift) || math.IsInf(c.MaxEnergyDrift, 0) {
				c.MaxEnergyDrift = math.MaxFloat64
			}
		}
	}
	g.mu.Lock()
	g.snap = s
	g.mu.Unlock()
}

// setStatus shows a message in #status; kind is ok, info, busy or error.
// An error stays in state().error until another message replaces it.
func (g *Game) setStatus(kind, text string) {
	text = sentence(text)
	g.statusKind, g.statusText = kind, text
	g.host.setStatus(kind, text)
	g.mu.Lock()
	g.snap.Error = ""
	if kind == "error" {
		g.snap.Error = text
	}
	g.mu.Unlock()
}

// sentence capitalises the first letter.
func sentence(s string) string {
	for i, r := range s {
		if r >= 'a' && r <= 'z' {
			return s[:i] + string(r-'a'+'A') + s[i+1:]
		}
		break
	}
	return s
}

// setTraining records whether the worker is training, visible in state()
// at once.
func (g *Game) setTraining(on bool) {
	g.training = on
	g.mu.Lock()
	g.snap.Training = on
	g.mu.Unlock()
}

// SetModel installs a trainer reply (already parsed and checked). The
// trajectories of the previous model restart from their initial conditions
// if the system is the same.
func (g *Game) SetModel(r *protocol.Result) {
	w, err := world.New(r.Sys, r.Model, r.Box, r.Points, g.view.Integrator, g.view.Step)
	if err != nil {
		g.setStatus("error", "cannot use the new model: "+err.Error())
		return
	}
	if g.world != nil && g.world.Truth.Name() == r.Sys.Name() {
		w.Adopt(g.world) // same system: keep the starts and the section
	} else if g.world == nil && len(g.view.Section) > 0 {
		w.SetSection(g.view.Section) // a section from the page's link
	}
	g.view.Section = w.Section()
	w.Events() // the integrator fallback note was already shown for the old model
	g.world, g.res = w, r
	g.compare = nil // the page installs the comparison model again if it still applies
	g.particles = nil
	g.job, g.levels = nil, nil
	g.trainedAt = time.Now()
	msg := fmt.Sprintf("Trained in %.2f s (width %d, %d points, %s): relative test error of H %.1e, of ∇H %.1e.",
		r.Seconds, r.Width, r.TrainPoints, samplerLabel(r.Sampler), r.RelL2H, r.RelL2Grad)
	if len(w.Trajs) == 0 {
		msg += " Click or drag on the plot to start trajectories."
	} else {
		msg += fmt.Sprintf(" %d trajectories restarted with the new model.", len(w.Trajs))
	}
	g.setStatus("ok", msg)
	g.modelEvent = true // dispatched after the snapshot is published
}

// SetCompare installs the comparison model (Adam's network) whose flow every
// trajectory follows too, or removes it (nil). It must fit the current model's
// system.
func (g *Game) SetCompare(m *hnn.Model) error {
	if m == nil {
		g.compare = nil
		if g.world != nil {
			return g.world.SetCompare(nil)
		}
		return nil
	}
	if g.world == nil {
		return fmt.Errorf("there is no model on the canvas to compare with yet")
	}
	if m.D != g.world.Dim() {
		return fmt.Errorf("the comparison model has input dimension %d, the system %d", m.D, g.world.Dim())
	}
	if err := g.world.SetCompare(m); err != nil {
		return err
	}
	g.compare = m
	return nil
}

func samplerLabel(s string) string {
	switch s {
	case "elm":
		return "ELM"
	case "uswim":
		return "U-SWIM"
	case "swim":
		return "SWIM"
	case "aswim":
		return "A-SWIM"
	}
	return s
}

// ApplyView applies validated view settings.
func (g *Game) ApplyView(v protocol.View) {
	old := g.view
	g.view = v
	if g.world == nil {
		return
	}
	if v.Integrator != old.Integrator {
		if err := g.world.SetIntegrator(v.Integrator); err != nil {
			g.setStatus("error", err.Error())
		}
	}
	g.world.StepSize = v.Step
	if g.world.SetSection(v.Section) {
		g.particles = nil
		g.job, g.levels = nil, nil
	}
}

// Update advances one tick: input, integration
// within the time budget, the grid of a new model, the particles.
func (g *Game) Update() error {
	start := time.Now()
	defer func() { g.updateMs += 0.05 * (float64(time.Since(start).Microseconds())/1000 - g.updateMs) }()
	w := g.world
	if w != nil {
		g.handleInput()
		steps := 0
		if g.view.Playing {
			steps = g.view.Speed
		} else if g.stepOnce {
			steps = 1
		}
		g.stepOnce = false
		if steps > 0 && len(w.Trajs) > 0 {
			w.Advance(steps, func() bool { return time.Since(start) > trajBudget })
		}
		for _, e := range w.Events() {
			if w.Failed() {
				g.setStatus("error", e)
			} else if g.statusKind != "error" {
				// news (a trajectory left the plot) does not hide a problem
				g.setStatus("info", e)
			}
		}
		if !w.Grid.Done() {
			w.Grid.Fill(g.res.Model, w.Truth, func() bool { return time.Since(start) > frameBudget })
		} else {
			g.updateLayers()
			g.updateParticles(steps > 0)
		}
	}
	g.updateLabels()
	g.publish()
	if g.modelEvent {
		g.modelEvent = false
		g.host.modelChanged()
	}
	return nil
}

func (g *Game) updateLayers() {
	pw, ph := int(g.regions.Plot.W), int(g.regions.Plot.H)
	if pw <= 0 || ph <= 0 {
		return
	}
	key := layerKey{g.world.Grid, pw, ph}
	if g.layersKey == key {
		return
	}
	if g.job == nil || g.jobKey != key {
		g.job = &world.LayerJob{G: g.world.Grid, Pts: g.world.Points, W: pw, H: ph, St: world.DefaultStyle(g.scale)}
		g.jobKey = key
	}
	if !g.job.Step() {
		return
	}
	l := g.job.L
	for _, img := range g.layers {
		img.Deallocate()
	}
	g.layers = map[string]*ebiten.Image{
		protocol.LayerError:   upload(l.Error),
		protocol.LayerTrue:    upload(l.True),
		protocol.LayerLearned: upload(l.Learned),
		protocol.LayerPoints:  upload(l.Points),
	}
	g.levels = l
	g.layersKey = key
	g.job = nil
}

// upload copies a premultiplied RGBA picture into a new ebiten image
// (WritePixels takes premultiplied RGBA, as image.RGBA holds).
func upload(src *image.RGBA) *ebiten.Image {
	b := src.Bounds()
	img := ebiten.NewImage(b.Dx(), b.Dy())
	img.WritePixels(src.Pix)
	return img
}

func (g *Game) updateParticles(moving bool) {
	if !g.view.Layers[protocol.LayerField] {
		return
	}
	p := g.regions.Plot
	if g.particles == nil {
		n := int(math.Min(1500, p.W*p.H/(g.scale*g.scale)/700))
		g.particles = world.NewParticles(n, g.world.Plane, 1)
	}
	if !moving {
		return
	}
	pl := g.world.Plane
	maxU := 6 * g.scale / p.W * (pl.XHi - pl.XLo)
	maxV := 6 * g.scale / p.H * (pl.YHi - pl.YLo)
	g.particles.Advance(g.world.Grid, g.view.Step*float64(g.view.Speed), maxU, maxV)
}

func (g *Game) updateLabels() {
	if g.world == nil || g.regions.Plot.W <= 0 {
		return
	}
	names := system.CoordNames(g.world.Truth.Dof())
	pl := g.world.Plane
	labels := world.Labels(g.regions, pl, axisName(names[pl.I]), axisName(names[pl.J]))
	if g.compare != nil {
		for i, l := range labels {
			if l.Class == "title" {
				labels[i].Text += ", dotted = Adam's network"
			}
		}
	}
	key := fmt.Sprint(labels)
	if key == g.labelsKey {
		return
	}
	g.labelsKey = key
	g.host.setLabels(labels)
}

func axisName(n string) string {
	r := []rune(n)
	if len(r) == 2 {
		return string(r[0]) + string('₀'+r[1]-'0')
	}
	return n
}

// handleInput polls ebiten's mouse and touches in the native build
// (input_other.go). In the browser the bridge feeds DOM pointer events
// instead (externalInput): a click whose press and release fall between two
// ticks would be lost to polling, and DOM events carry canvas-relative
// coordinates.
func (g *Game) handleInput() {
	if !g.externalInput {
		pollInput(g)
	}
}

// pointerDown starts a trajectory where a pointer (mouse, finger, pen)
// goes down on the plot; (x, y) in device pixels.
func (g *Game) pointerDown(id int, x, y float64) {
	if g.world == nil || !g.regions.Plot.Contains(x, y) {
		return
	}
	g.ptrs[id] = &pointer{active: true, x: x, y: y, frame: g.frames}
	g.addAtPixel(x, y)
}

// pointerMove continues a drag: a stream of initial conditions along the
// path, at most one per 4 frames and 18 CSS pixels apart.
func (g *Game) pointerMove(id int, x, y float64) {
	p := g.ptrs[id]
	if p == nil || g.world == nil || !g.regions.Plot.Contains(x, y) {
		return
	}
	if math.Hypot(x-p.x, y-p.y) < 18*g.scale || g.frames-p.frame < 4 {
		return
	}
	p.x, p.y, p.frame = x, y, g.frames
	g.addAtPixel(x, y)
}

func (g *Game) pointerUp(id int) { delete(g.ptrs, id) }

func (g *Game) addAtPixel(x, y float64) {
	f := g.frame()
	u, v := f.FromPx(x, y)
	g.world.AddAt(u, v)
}

// AddAt starts a trajectory at plane coordinates (u, v).
func (g *Game) AddAt(u, v float64) {
	if g.world != nil {
		g.world.AddAt(u, v)
	}
}

func (g *Game) frame() world.Frame {
	p := g.regions.Plot
	return world.FrameOf(g.world.Plane, p.X, p.Y, p.W, p.H)
}

// Layout returns the canvas size in device pixels (see examples/highdpi).
func (g *Game) LayoutF(ow, oh float64) (float64, float64) {
	s := ebiten.Monitor().DeviceScaleFactor()
	if s <= 0 {
		s = 1
	}
	w, h := math.Ceil(ow*s), math.Ceil(oh*s)
	if w != g.w || h != g.h || s != g.scale {
		g.w, g.h, g.scale = w, h, s
		g.regions = world.Layout(w, h, s)
		g.particles = nil
	}
	return w, h
}

// Layout is required by ebiten.Game; LayoutF is used instead.
func (g *Game) Layout(ow, oh int) (int, int) {
	w, h := g.LayoutF(float64(ow), float64(oh))
	return int(w), int(h)
}

var (
	plotBackground = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	frameColour    = color.NRGBA{0xc4, 0xcb, 0xd3, 0xff}
	gridColour     = color.NRGBA{0xea, 0xed, 0xf0, 0xff}
)

// Draw renders the frame: static layers are blitted, the dynamic parts
// (particles, trajectories, energy curves) go through one batch each.
func (g *Game) Draw(screen *ebiten.Image) {
	start := time.Now()
	defer func() { g.drawMs += 0.05 * (float64(time.Since(start).Microseconds())/1000 - g.drawMs) }()
	g.frames++
	g.updateStatic()
	screen.DrawImage(g.static, nil)
	p := g.regions.Plot
	plot := screen.SubImage(image.Rect(int(p.X), int(p.Y), int(p.X+p.W), int(p.Y+p.H))).(*ebiten.Image)
	if g.world != nil {
		g.drawParticles(plot)
		g.drawTrajectories(plot)
		g.drawEnergy(screen)
	}
	if g.training || (g.world != nil && !g.world.Grid.Done()) {
		g.drawBusy(screen)
	}
	g.mu.Lock()
	g.snap.Frames = g.frames
	g.snap.Vertices = vertexCount
	g.mu.Unlock()
	vertexCount = 0
}

// staticKey identifies what the static image shows.
type staticKey struct {
	w, h   float64
	world  *world.World
	levels *world.Layers
	flags  [5]bool
}

// updateStatic redraws, when anything in it changed, the image of everything
// that does not move: backgrounds, frames, ticks, the training box and the
// enabled static layers. Each frame then costs one blit for all of it, which
// matters under software rendering where every full-size pass is expensive.
func (g *Game) updateStatic() {
	key := staticKey{w: g.w, h: g.h, world: g.world, levels: g.levels}
	for i, n := range protocol.LayerNames {
		key.flags[i] = g.view.Layers[n]
	}
	if g.static != nil && key == g.staticKey {
		return
	}
	b := g.static
	if b == nil || b.Bounds().Dx() != int(g.w) || b.Bounds().Dy() != int(g.h) {
		if b != nil {
			b.Deallocate()
		}
		b = ebiten.NewImage(max(int(g.w), 1), max(int(g.h), 1))
		g.static = b
	}
	g.staticKey = key
	b.Fill(world.Background)
	p := g.regions.Plot
	g.b.reset()
	g.b.rect(p.X, p.Y, p.W, p.H, plotBackground)
	if e := g.regions.Energy; e.H > 0 {
		g.b.rect(e.X, e.Y, e.W, e.H, plotBackground)
	}
	g.b.draw(b)
	plot := b.SubImage(image.Rect(int(p.X), int(p.Y), int(p.X+p.W), int(p.Y+p.H))).(*ebiten.Image)
	if g.world != nil {
		g.drawLayers(plot)
		g.drawBox(plot)
	}
	g.drawFrame(b)
}

func (g *Game) drawLayers(plot *ebiten.Image) {
	p := g.regions.Plot
	if g.layers == nil || g.layersKey.grid != g.world.Grid {
		return // still computing; a progress bar shows
	}
	if g.view.Layers[protocol.LayerError] {
		img := g.layers[protocol.LayerError]
		nx, ny := img.Bounds().Dx(), img.Bounds().Dy()
		op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
		op.GeoM.Translate(-0.5, -0.5)
		op.GeoM.Scale(p.W/float64(nx-1), p.H/float64(ny-1))
		op.GeoM.Translate(p.X, p.Y)
		plot.DrawImage(img, op)
	}
	sameSize := g.layersKey.w == int(p.W) && g.layersKey.h == int(p.H)
	for _, name := range []string{protocol.LayerTrue, protocol.LayerLearned, protocol.LayerPoints} {
		if !g.view.Layers[name] {
			continue
		}
		img := g.layers[name]
		op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
		if !sameSize { // resized: stretch the old picture until the new one is ready
			op.GeoM.Scale(p.W/float64(img.Bounds().Dx()), p.H/float64(img.Bounds().Dy()))
		}
		op.GeoM.Translate(p.X, p.Y)
		plot.DrawImage(img, op)
	}
}

func (g *Game) drawParticles(plot *ebiten.Image) {
	if g.particles == nil || !g.view.Layers[protocol.LayerField] {
		return
	}
	f := g.frame()
	g.b.reset()
	w := 1.6 * g.scale
	for i := range g.particles.P {
		q := &g.particles.P[i]
		x1, y1 := f.ToPx(q.U, q.V)
		x0, y0 := f.ToPx(q.PU, q.PV)
		// a streak three frames long, pointing back along the motion
		x0, y0 = x1-3*(x1-x0), y1-3*(y1-y0)
		if math.Hypot(x1-x0, y1-y0) < 0.5 {
			g.b.disc(x1, y1, w/2, world.FieldColour, 0.5*q.Alpha())
			continue
		}
		g.b.line(x0, y0, x1, y1, w, world.FieldColour, 0.55*q.Alpha())
	}
	g.b.draw(plot)
}

// drawBox outlines the training box (the window is the box plus a margin).
func (g *Game) drawBox(plot *ebiten.Image) {
	f := g.frame()
	pl := g.world.Plane
	bx := g.world.Box
	x0, y0 := f.ToPx(bx.Lo[pl.I], bx.Hi[pl.J])
	x1, y1 := f.ToPx(bx.Hi[pl.I], bx.Lo[pl.J])
	g.b.reset()
	s := g.scale
	dash := func(ax, ay, bx, by float64) {
		l := math.Hypot(bx-ax, by-ay)
		n := int(l / (8 * s))
		for k := 0; k < n; k += 2 {
			t0, t1 := float64(k)/float64(n), float64(k+1)/float64(n)
			g.b.line(ax+(bx-ax)*t0, ay+(by-ay)*t0, ax+(bx-ax)*t1, ay+(by-ay)*t1, 1*s, world.BoxColour, 0.8)
		}
	}
	dash(x0, y0, x1, y0)
	dash(x0, y1, x1, y1)
	dash(x0, y0, x0, y1)
	dash(x1, y0, x1, y1)
	g.b.draw(plot)
}

func (g *Game) drawTrajectories(plot *ebiten.Image) {
	f := g.frame()
	s := g.scale
	g.b.reset()
	for _, t := range g.world.Trajs {
		c := world.TrajectoryColours[t.Colour]
		g.trail(f, t.TwinTrail, 1.6*s, c, 0.45, 5*s)
	}
	cmp := g.world.Compare != nil
	if cmp {
		for _, t := range g.world.Trajs {
			c := world.TrajectoryColours[t.Colour]
			r := t.CmpTrail
			g.dots(r.Len(), func(i int) (float64, float64) { q := r.At(i); return f.ToPx(q[0], q[1]) }, 7*s, 2.6*s, c,
				0.5*math.Max(g.regions.Plot.W, g.regions.Plot.H))
		}
	}
	for _, t := range g.world.Trajs {
		c := world.TrajectoryColours[t.Colour]
		g.trail(f, t.Trail, 2.4*s, c, 0.95, 0)
	}
	for _, t := range g.world.Trajs {
		c := world.TrajectoryColours[t.Colour]
		x0, y0 := f.ToPx(g.world.Plane.Project(t.X0))
		g.b.disc(x0, y0, 3.2*s, c, 0.35)
		if tw := t.TwinTrail.Last(); tw != nil && !t.TwinStopped {
			x, y := f.ToPx(tw[0], tw[1])
			g.b.disc(x, y, 3*s, c, 0.5)
		}
		if cw := t.CmpTrail.Last(); cmp && cw != nil {
			// Adam's flow: a ring (hollow), filled grey once it stopped
			x, y := f.ToPx(cw[0], cw[1])
			g.b.disc(x, y, 5*s, c, 1)
			inner := world.Background
			if t.CmpStopped {
				inner = world.BoxColour
			}
			g.b.disc(x, y, 3*s, inner, 1)
		}
		if last := t.Trail.Last(); last != nil {
			x, y := f.ToPx(last[0], last[1])
			if t.Stopped {
				r := 5 * s
				g.b.line(x-r, y-r, x+r, y+r, 2.4*s, c, 1)
				g.b.line(x-r, y+r, x+r, y-r, 2.4*s, c, 1)
			} else {
				g.b.disc(x, y, 5*s, world.Background, 1)
				g.b.disc(x, y, 3.8*s, c, 1)
			}
		}
	}
	g.b.draw(plot)
}

// dots draws n points as a dotted line: square dots of side size every
// spacing pixels of arc length; a step longer than jump (a trajectory
// wrapping far away) restarts the spacing.
func (g *Game) dots(n int, at func(i int) (float64, float64), spacing, size float64, c color.NRGBA, jump float64) {
	if n < 1 {
		return
	}
	px, py := at(0)
	left := 0.0 // arc length until the next dot
	for i := 1; i < n; i++ {
		x, y := at(i)
		d := math.Hypot(x-px, y-py)
		if d > jump || math.IsNaN(d) {
			px, py, left = x, y, 0
			continue
		}
		for left <= d {
			t := left / math.Max(d, 1e-12)
			g.b.rect(px+(x-px)*t-size/2, py+(y-py)*t-size/2, size, size, c)
			left += spacing
		}
		left -= d
		px, py = x, y
	}
}

// trail draws the ring of plane points as a polyline, skipping points closer
// than 3 CSS pixels to the last one kept; dash > 0 draws it dashed.
func (g *Game) trail(f world.Frame, r *world.Ring, width float64, c color.NRGBA, alpha, dash float64) {
	n := r.Len()
	if n < 2 {
		return
	}
	pl := &g.pl
	pl.reset(dash)
	jump := 0.5 * math.Max(g.regions.Plot.W, g.regions.Plot.H)
	draw := func(xs, ys []float64) { g.b.polyline(xs, ys, width, c, alpha) }
	if dash > 0 {
		draw = func(xs, ys []float64) { g.b.strip(xs, ys, width, c, alpha) }
	}
	for i := 0; i < n; i++ {
		q := r.At(i)
		x, y := f.ToPx(q[0], q[1])
		pl.add(x, y, 3*g.scale, jump, i == n-1, draw)
	}
	pl.flush(draw)
}

// polyBuilder decimates a stream of points and cuts it into runs: at jumps
// (a trajectory wrapping far away) and, for dashed lines, every dash length.
type polyBuilder struct {
	xs, ys []float64
	dash   float64
	run    float64 // arc length in the current dash
	on     bool
}

func (p *polyBuilder) reset(dash float64) {
	p.xs, p.ys = p.xs[:0], p.ys[:0]
	p.dash, p.run, p.on = dash, 0, true
}

func (p *polyBuilder) flush(draw func(xs, ys []float64)) {
	if p.on && len(p.xs) >= 2 {
		draw(p.xs, p.ys)
	}
	p.xs, p.ys = p.xs[:0], p.ys[:0]
}

func (p *polyBuilder) add(x, y, minStep, jump float64, last bool, draw func(xs, ys []float64)) {
	if k := len(p.xs); k > 0 {
		d := math.Hypot(x-p.xs[k-1], y-p.ys[k-1])
		if d > jump {
			p.flush(draw)
		} else if d < minStep && !last {
			return
		} else if p.dash > 0 {
			p.run += d
			if p.run >= p.dash {
				p.xs, p.ys = append(p.xs, x), append(p.ys, y)
				p.flush(draw)
				p.run = 0
				p.on = !p.on
			}
		}
	}
	p.xs, p.ys = append(p.xs, x), append(p.ys, y)
}

func (g *Game) drawFrame(screen *ebiten.Image) {
	s := g.scale
	g.b.reset()
	p := g.regions.Plot
	border := func(r world.Rect) {
		g.b.rect(r.X, r.Y, r.W, 1*s, frameColour)
		g.b.rect(r.X, r.Y+r.H-1*s, r.W, 1*s, frameColour)
		g.b.rect(r.X, r.Y, 1*s, r.H, frameColour)
		g.b.rect(r.X+r.W-1*s, r.Y, 1*s, r.H, frameColour)
	}
	border(p)
	if g.world != nil {
		f := g.frame()
		pl := g.world.Plane
		for _, t := range world.Ticks(pl.XLo, pl.XHi, int(math.Max(2, math.Min(9, p.W/s/90)))) {
			x, _ := f.ToPx(t, pl.YLo)
			g.b.rect(math.Round(x), p.Y+p.H, 1*s, 5*s, frameColour)
		}
		for _, t := range world.Ticks(pl.YLo, pl.YHi, int(math.Max(2, math.Min(8, p.H/s/60)))) {
			_, y := f.ToPx(pl.XLo, t)
			g.b.rect(p.X-5*s, math.Round(y), 5*s, 1*s, frameColour)
		}
	}
	if e := g.regions.Energy; e.H > 0 {
		for d := world.EnergyDecadeHi; d >= world.EnergyDecadeLo; d -= 4 {
			y := e.Y + (world.EnergyDecadeHi-d)/(world.EnergyDecadeHi-world.EnergyDecadeLo)*e.H
			g.b.rect(e.X, math.Round(y), e.W, 1*s, gridColour)
			g.b.rect(e.X-5*s, math.Round(y), 5*s, 1*s, frameColour)
		}
		border(e)
	}
	g.b.draw(screen)
}

// drawEnergy draws the energy panel's curves. They change slowly, so they
// are redrawn into an offscreen image only every fourth frame (and at once
// when trajectories come or go) and blitted in between.
func (g *Game) drawEnergy(screen *ebiten.Image) {
	e := g.regions.Energy
	if e.H <= 0 {
		return
	}
	w, h := int(e.W), int(e.H)
	img := g.energyImg
	if img == nil || img.Bounds().Dx() != w || img.Bounds().Dy() != h {
		if img != nil {
			img.Deallocate()
		}
		img = ebiten.NewImage(w, h)
		g.energyImg = img
		g.energyKey = -1
	}
	key := len(g.world.Trajs)
	if len(g.world.Trajs) > 0 {
		key += 1000 * g.world.Trajs[0].ID
	}
	if g.world.Compare != nil {
		key = -key - 2
	}
	if g.frames%4 == 0 || key != g.energyKey || !g.view.Playing {
		g.energyKey = key
		img.Clear()
		g.drawEnergyCurves(img, world.Rect{X: 0, Y: 0, W: e.W, H: e.H})
	}
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(e.X, e.Y)
	screen.DrawImage(img, op)
}

func (g *Game) drawEnergyCurves(sub *ebiten.Image, e world.Rect) {
	s := g.scale
	g.b.reset()
	yOf := func(d float64) float64 {
		l := EnergyLog(d)
		return e.Y + (world.EnergyDecadeHi-l)/(world.EnergyDecadeHi-world.EnergyDecadeLo)*e.H
	}
	dx := e.W / float64(world.EnergyLen-1)
	curve := func(r *world.Ring, width float64, c color.NRGBA, alpha float64, dash float64) {
		n := r.Len()
		if n < 2 {
			return
		}
		pl := &g.pl
		pl.reset(dash)
		draw := func(xs, ys []float64) { g.b.polyline(xs, ys, width, c, alpha) }
		for i := 0; i < n; i++ {
			pl.add(e.X+e.W-float64(n-1-i)*dx, yOf(r.At(i)[0]), 3*s, math.Inf(1), i == n-1, draw)
		}
		pl.flush(draw)
	}
	for _, t := range g.world.Trajs {
		curve(t.TwinEnergy, 1.4*s, world.TrajectoryColours[t.Colour], 0.5, 5*s)
	}
	if g.world.Compare != nil {
		for _, t := range g.world.Trajs {
			r := t.CmpEnergy
			n := r.Len()
			g.dots(n, func(i int) (float64, float64) { return e.X + e.W - float64(n-1-i)*dx, yOf(r.At(i)[0]) },
				6*s, 2.4*s, world.TrajectoryColours[t.Colour], math.Inf(1))
		}
	}
	for _, t := range g.world.Trajs {
		curve(t.Energy, 2*s, world.TrajectoryColours[t.Colour], 0.95, 0)
	}
	g.b.draw(sub)
}

// EnergyLog maps a relative drift to the panel's log scale, clamped.
func EnergyLog(d float64) float64 {
	if !(d > 0) {
		return world.EnergyDecadeLo
	}
	return math.Max(world.EnergyDecadeLo, math.Min(world.EnergyDecadeHi, math.Log10(d)))
}

// drawBusy shows an indeterminate progress bar along the top of the plot
// while the worker trains or the grid of a new model is being computed.
func (g *Game) drawBusy(screen *ebiten.Image) {
	p := g.regions.Plot
	s := g.scale
	g.b.reset()
	h := 3 * s
	if g.world != nil && !g.world.Grid.Done() && !g.training {
		g.b.rect(p.X, p.Y, p.W*g.world.Grid.Progress(), h, world.FieldColour)
	} else {
		w := p.W / 4
		x := p.X + math.Mod(float64(g.frames)*6*s, p.W+w) - w
		x0, x1 := math.Max(x, p.X), math.Min(x+w, p.X+p.W)
		if x1 > x0 {
			g.b.rect(x0, p.Y, x1-x0, h, world.FieldColour)
		}
	}
	g.b.draw(screen)
}
