package playground

import (
	"math"
	"sync"
	"time"

	"hnnplay/core/experiment"
	"hnnplay/core/hnn"
	"hnnplay/core/system"
	"hnnplay/wasm/protocol"
	"hnnplay/wasm/world"
)

// Per-tick time budgets, measured from the start of Update: trajectories
// first, then the grid of a new model.
const (
	TrajBudget = 6 * time.Millisecond
	GridBudget = 8 * time.Millisecond
)

// Host is what the page provides around the canvas: the status line (kind
// is ok, info, busy or error), the news line (passing events of the scene;
// "" clears it), the axis labels (HTML over the canvas, in CSS pixels) and
// the news that a new model is installed. The app implements it in
// JavaScript; a nil Host shows nothing.
type Host interface {
	SetStatus(kind, text string)
	SetNews(text string)
	SetReadout(text string)
	SetLabels(labels []world.Label, plot world.Rect)
	ModelChanged()
	StartsChanged()
	// RegionDrawn hands over the training region drawn on the plot, as
	// the text of the train_box setting (see SetDrawing).
	RegionDrawn(trainBox string)
}

type nopHost struct{}

func (nopHost) SetStatus(kind, text string)         {}
func (nopHost) SetNews(text string)                 {}
func (nopHost) SetReadout(text string)              {}
func (nopHost) StartsChanged()                      {}
func (nopHost) SetLabels([]world.Label, world.Rect) {}
func (nopHost) ModelChanged()                       {}
func (nopHost) RegionDrawn(string)                  {}

// Clock returns the current time; tests inject a fake one.
type Clock func() time.Time

// Playground is the app's state and logic. It is single-threaded, like the
// frame loop and the page's callbacks that drive it; only State and Section
// read a snapshot under a lock.
type Playground struct {
	host Host
	now  Clock

	mu   sync.Mutex // guards snap
	snap Snapshot   // what State returns

	view      View
	res       *protocol.Result
	world     *world.World
	compare   *hnn.Model // the comparison model (Adam's network), nil: none
	particles *world.Particles
	training  bool

	statusKind, statusText string
	newsText               string
	// drawnMessage is the fit's summary, shown once the level sets of the
	// new model are drawn ("Drawing…" until then).
	drawnMessage string
	visible      bool // the canvas is on screen and the tab shown
	startsEvent  bool // the trajectories' starts changed: tell the host

	frames     int
	drawStart  time.Time
	stepOnce   bool
	modelEvent bool

	// canvas size in device pixels and the regions in it
	w, h    float64
	scale   float64
	regions world.Regions

	// static layers of the current grid and plot size
	job       *world.LayerJob
	jobKey    layerKey
	layers    *world.Layers // the last layers rendered
	layersKey layerKey

	ptrs map[int]*pointer // by pointer id
	// drawing: a drag draws the data region (drag, in progress), whose
	// train_box text regionEvent hands the host after the next Update
	drawing     bool
	drag        *regionDrag
	regionEvent string
	labelsKey   string

	updateMs, drawMs float64
}

type layerKey struct {
	grid     *world.Grid
	w, h     int
	present  bool
	sampling bool // the sampling layer is on
}

// New returns a playground without a model, with the default view. A nil
// host shows nothing; a nil clock is time.Now.
func New(host Host, now Clock) *Playground {
	if host == nil {
		host = nopHost{}
	}
	if now == nil {
		now = time.Now
	}
	p := &Playground{host: host, now: now, view: defaultView(), scale: 1, ptrs: map[int]*pointer{}, visible: true}
	p.publish()
	return p
}

// World returns the scene of the installed model, nil before the first.
func (p *Playground) World() *world.World { return p.world }

// View returns the view settings; its maps are the playground's, to read.
func (p *Playground) View() View { return p.view }

// Particles returns the particles of the learned field, nil while there
// are none (no model, the grid not ready, the field layer off).
func (p *Playground) Particles() *world.Particles { return p.particles }

// Training reports whether the page's worker is training.
func (p *Playground) Training() bool { return p.training }

// Size returns the canvas size in device pixels.
func (p *Playground) Size() (w, h float64) { return p.w, p.h }

// Scale returns the device scale factor (device pixels per CSS pixel).
func (p *Playground) Scale() float64 { return p.scale }

// Regions returns the plot and energy panel in device pixels.
func (p *Playground) Regions() world.Regions { return p.regions }

// Frame maps the world's plane onto the plot. It needs a world.
func (p *Playground) Frame() world.Frame {
	r := p.regions.Plot
	return world.FrameOf(p.world.Plane, r.X, r.Y, r.W, r.H)
}

// ArmsPanels returns the two panels in which the pendulums are drawn, the
// learned flow's and the true flow's, side by side in the plot's lower right
// corner (the legend is above, a lesson's card to the left); ok is false
// unless the arms layer is on and the system is a pendulum (system.Linkage).
func (p *Playground) ArmsPanels() (learned, truth world.Rect, ok bool) {
	if p.world == nil || !p.view.Layers[experiment.LayerArms] {
		return learned, truth, false
	}
	if _, ok := p.world.Truth.(system.Linkage); !ok {
		return learned, truth, false
	}
	r, s := p.regions.Plot, p.scale
	side := math.Min(r.H*0.42, r.W*0.2)
	y := r.Y + r.H - side - 8*s
	truth = world.Rect{X: r.X + r.W - side - 8*s, Y: y, W: side, H: side}
	learned = world.Rect{X: truth.X - side - 6*s, Y: y, W: side, H: side}
	return learned, truth, true
}

// OrbitPanel returns the panel in which a central-force problem's orbits
// are drawn, the right half of the plot, and the window of positions it
// shows, [−R, R]²: 1.6 × the ring's outer radius for data near circular
// orbits, else 1.8 × the farthest corner of the box's positions; ok is
// false unless the orbit layer is on and the system is central
// (system.Central).
func (p *Playground) OrbitPanel() (panel world.Rect, r float64, ok bool) {
	if p.world == nil || !p.view.Layers[experiment.LayerOrbit] {
		return panel, 0, false
	}
	if _, ok := p.world.Truth.(system.Central); !ok {
		return panel, 0, false
	}
	pl, s := p.regions.Plot, p.scale
	side := math.Min(pl.H-16*s, pl.W*0.48)
	panel = world.Rect{X: pl.X + pl.W - side - 8*s, Y: pl.Y + pl.H - side - 8*s, W: side, H: side}
	if p.res.Settings.Region == experiment.RegionRing {
		return panel, 1.6 * experiment.RingOuter, true
	}
	b := p.world.Box
	for _, x := range []float64{b.Lo[0], b.Hi[0]} {
		for _, y := range []float64{b.Lo[1], b.Hi[1]} {
			r = math.Max(r, math.Hypot(x, y))
		}
	}
	return panel, 1.8 * r, true
}

// Layout sets the canvas to the outside size ow×oh (CSS pixels) at device
// scale s (≤ 0 counts as 1) and returns its size in device pixels (see
// ebiten's examples/highdpi).
func (p *Playground) Layout(ow, oh, s float64) (w, h float64) {
	if s <= 0 {
		s = 1
	}
	w, h = math.Ceil(ow*s), math.Ceil(oh*s)
	if w != p.w || h != p.h || s != p.scale {
		p.w, p.h, p.scale = w, h, s
		p.relayout()
	}
	return w, h
}

// relayout splits the canvas for the current size and view.
func (p *Playground) relayout() {
	r := world.Layout(p.w, p.h, p.scale, p.view.Energy, p.textScale())
	if r != p.regions {
		p.regions = r
		p.particles = nil
	}
}

// PresentText is how much larger labels are in presentation mode (13 px
// ticks become 25 px).
const PresentText = 1.9

func (p *Playground) textScale() float64 {
	if p.view.Present {
		return PresentText
	}
	return 1
}

// Style returns the style of the static layers: thicker lines in
// presentation mode.
func (p *Playground) Style() world.Style { return world.StyleFor(p.scale, p.view.Present) }

// LineScale is the device scale times the line weight (world.PresentWeight
// in presentation mode): the app multiplies its widths and radii by it.
func (p *Playground) LineScale() float64 {
	if p.view.Present {
		return p.scale * world.PresentWeight
	}
	return p.scale
}

// Layers returns the static layers of the current grid, and the plot size
// they were rendered for (they are stretched until those of a new size are
// ready), or nil while those of the current grid are being computed.
func (p *Playground) Layers() (l *world.Layers, w, h int) {
	if p.world == nil || p.layers == nil || p.layersKey.grid != p.world.Grid {
		return nil, 0, 0
	}
	return p.layers, p.layersKey.w, p.layersKey.h
}

// Busy reports whether a progress bar shows: while the grid of a new model
// is being computed (progress is its fraction done) or the worker trains
// (progress < 0: indeterminate).
func (p *Playground) Busy() (busy bool, progress float64) {
	computing := p.world != nil && !p.world.Grid.Done()
	switch {
	case computing && !p.training:
		return true, p.world.Grid.Progress()
	case computing || p.training:
		return true, -1
	}
	return false, 0
}

// Ring returns the radii of the ring of positions the data were drawn in
// (region ring), ok false otherwise.
func (p *Playground) Ring() (inner, outer float64, ok bool) {
	if p.res == nil || p.res.Settings.Region != experiment.RegionRing {
		return 0, 0, false
	}
	return experiment.RingInner, experiment.RingOuter, true
}
