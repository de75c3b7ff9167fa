package playground

import (
	"fmt"
	"math"
	"strings"
	"time"

	"hnnplay/core/experiment"
	"hnnplay/core/system"
	"hnnplay/wasm/world"
)

// Update does one tick's work: it advances the trajectories within
// TrajBudget, reports their news, fills the grid of a new model within
// GridBudget, then renders its static layers (one per tick) and moves the
// particles; it updates the axis labels and publishes the state.
func (p *Playground) Update() {
	start := p.now()
	over := func(budget time.Duration) func() bool {
		return func() bool { return p.now().Sub(start) > budget }
	}
	if w := p.world; w != nil {
		steps := 0
		switch {
		case !p.visible: // off screen or in a hidden tab: nothing moves
		case p.view.Playing:
			steps = p.view.Speed
		case p.stepOnce:
			steps = 1
		}
		p.stepOnce = false
		if steps > 0 && len(w.Trajs) > 0 {
			w.Advance(steps, over(TrajBudget))
		}
		for _, e := range w.Events() {
			if w.Failed() {
				p.setStatus("error", e)
			} else {
				p.news(e)
			}
		}
		if !w.Grid.Done() {
			w.Grid.Fill(p.res.Model, w.Truth, over(GridBudget))
		} else {
			p.updateLayers()
			p.updateParticles(steps > 0)
		}
	}
	p.updateLabels()
	p.publish()
	if p.modelEvent {
		p.modelEvent = false
		p.host.ModelChanged()
	}
	if p.startsEvent {
		p.startsEvent = false
		p.host.StartsChanged()
	}
	if text := p.regionEvent; text != "" {
		p.regionEvent = ""
		p.host.RegionDrawn(text)
	}
	p.updateMs += 0.05 * (ms(p.now().Sub(start)) - p.updateMs)
}

// DrawStart counts a frame being drawn and returns its number (1, 2, …).
func (p *Playground) DrawStart() int {
	p.drawStart = p.now()
	p.frames++
	return p.frames
}

// DrawEnd publishes the frame count and the vertices drawn in the frame.
func (p *Playground) DrawEnd(vertices int) {
	p.mu.Lock()
	p.snap.Frames = p.frames
	p.snap.Vertices = vertices
	p.mu.Unlock()
	p.drawMs += 0.05 * (ms(p.now().Sub(p.drawStart)) - p.drawMs)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// updateLayers renders, one layer per tick, the static layers of a
// completed grid at the plot's size, when the grid or the size changed.
func (p *Playground) updateLayers() {
	pw, ph := int(p.regions.Plot.W), int(p.regions.Plot.H)
	if pw <= 0 || ph <= 0 {
		return
	}
	key := layerKey{p.world.Grid, pw, ph, p.view.Present, p.view.Layers[experiment.LayerSampling]}
	if p.layersKey == key {
		return
	}
	if p.job == nil || p.jobKey != key {
		p.job = &world.LayerJob{G: p.world.Grid, Pts: p.world.Points, W: pw, H: ph, St: p.Style()}
		if key.sampling {
			p.job.Sampling = p.sampling()
		}
		p.jobKey = key
	}
	if !p.job.Step() {
		return
	}
	p.layers, p.layersKey = p.job.L, key
	p.job = nil
	if p.drawnMessage != "" {
		if p.statusKind == "busy" { // nothing else was said meanwhile
			p.setStatus("ok", p.drawnMessage)
		}
		p.drawnMessage = ""
	}
}

// updateParticles creates the particles of the field layer (about one per
// 700 CSS pixels², at most 1500) and moves them while the trajectories do.
func (p *Playground) updateParticles(moving bool) {
	if !p.view.Layers[experiment.LayerField] {
		return
	}
	r := p.regions.Plot
	if p.particles == nil {
		n := int(math.Min(1500, r.W*r.H/(p.scale*p.scale)/700))
		p.particles = world.NewParticles(n, p.world.Plane, 1)
	}
	if !moving {
		return
	}
	pl := p.world.Plane
	maxU := 6 * p.scale / r.W * (pl.XHi - pl.XLo)
	maxV := 6 * p.scale / r.H * (pl.YHi - pl.YLo)
	p.particles.Advance(p.world.Grid, p.view.Step*float64(p.view.Speed), maxU, maxV)
}

// updateLabels hands the host the axis labels when they changed.
func (p *Playground) updateLabels() {
	if p.world == nil || p.regions.Plot.W <= 0 {
		return
	}
	names := system.Labels(p.world.Truth)
	pl := p.world.Plane
	labels := world.Labels(p.regions, pl, names[pl.I], names[pl.J])
	if note := p.planeNote(); note != "" {
		r, s := p.regions.Plot, p.scale
		k := math.Max(p.regions.Text, 1)
		labels = append(labels, world.Label{Text: note, X: math.Round(r.X/s*10) / 10, Y: math.Round((r.Y+r.H+20*s*k)/s*10) / 10,
			Align: "left", Class: "plane", Width: math.Round(r.W / s * 0.7)})
	}
	if learned, truth, ok := p.ArmsPanels(); ok {
		s := p.scale
		for _, c := range []struct {
			r    world.Rect
			text string
		}{{learned, "learned Ĥ"}, {truth, "true H"}} {
			labels = append(labels, world.Label{Text: c.text, X: math.Round((c.r.X+5*s)/s*10) / 10,
				Y: math.Round((c.r.Y+3*s)/s*10) / 10, Align: "left", Class: "inset"})
		}
	}
	if panel, _, ok := p.OrbitPanel(); ok {
		s := p.scale
		css := func(v float64) float64 { return math.Round(v/s*10) / 10 }
		labels = append(labels, world.Label{Text: "orbits in the plane of x and y", X: css(panel.X + 5*s), Y: css(panel.Y + 3*s),
			Align: "left", Class: "inset"})
		if now, start := p.orbitReadout(); now != "" {
			k := math.Max(p.regions.Text, 1)
			for i, text := range []string{now, start} {
				labels = append(labels, world.Label{Text: text, X: css(panel.X + 5*s), Y: css(panel.Y + panel.H - float64(2-i)*16*s*k),
					Align: "left", Class: "inset", Width: css(panel.W - 10*s)})
			}
		}
	}
	labels = append(labels, p.regionLabels()...)
	if p.compare != nil {
		for i, l := range labels {
			if l.Class == "title" {
				labels[i].Text += ", dotted = Adam's network"
			}
		}
	}
	r := p.regions.Plot
	plot := world.Rect{X: r.X / p.scale, Y: r.Y / p.scale, W: r.W / p.scale, H: r.H / p.scale}
	key := fmt.Sprint(labels, plot)
	if key == p.labelsKey {
		return
	}
	p.labelsKey = key
	p.host.SetLabels(labels, plot)
}

// orbitReadout reads out the energy and the angular momentum of the newest
// trajectory's learned flow now and at its start, to four digits (so the
// labels change only when they do): "now E −0.2801, L 1.201" and
// "start E −0.28, L 1.2". Two empty strings without a central force.
func (p *Playground) orbitReadout() (now, start string) {
	c, ok := p.world.Truth.(system.Central)
	if !ok || len(p.world.Trajs) == 0 {
		return "", ""
	}
	t := p.world.Trajs[len(p.world.Trajs)-1]
	return fmt.Sprintf("now E %s, L %s", num(p.world.Truth.H(t.X)), num(c.AngularMomentum(t.X))),
		fmt.Sprintf("start E %s, L %s", num(t.H0), num(t.L0))
}

// planeNote says what the plot of a four-dimensional system is: a slice
// through the fixed coordinates (the level sets are the slice's, the
// trajectories are projected onto it), or the Poincaré section. "" for a
// two-dimensional phase space.
func (p *Playground) planeNote() string {
	w := p.world
	if w.Dim() != 4 {
		return ""
	}
	names := system.Labels(w.Truth)
	if p.view.Layers[experiment.LayerPoincare] {
		return fmt.Sprintf("Poincaré section: dots where %s = 0 is crossed with %s > 0", names[1], names[3])
	}
	pl := w.Plane
	var fixed []string
	for i, n := range names {
		if i != pl.I && i != pl.J {
			fixed = append(fixed, n+" = "+num(pl.Base[i]))
		}
	}
	return "a slice at " + strings.Join(fixed, ", ") + " (level sets); trajectories are projected onto it"
}

// sampling is what the sampling layer draws for the model on the plot: its
// neurons' hyperplanes and, for a SWIM sampler, the pairs they came from.
func (p *Playground) sampling() *world.Sampling {
	m := p.res.Model
	s := &world.Sampling{D: m.D, M: m.M, W: m.W, B: m.B}
	if r := p.res.Sampling; r != nil {
		s.From, s.To, s.Weight = r.From, r.To, r.Weight
	}
	return s
}
