package playground

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"hnnplay/core/experiment"
	"hnnplay/core/system"
	"hnnplay/wasm/world"
)

// The commands of window.hnnplay beyond the model and the settings. Each
// acts at once and publishes the state, so State reflects it.

// SetStatus shows a message in the status line (kind ok, info, busy or
// error; an error sets State().error until another message replaces it).
func (p *Playground) SetStatus(kind, text string) {
	p.setStatus(kind, text)
	p.publish()
}

// SetTraining records whether the page's worker is training.
func (p *Playground) SetTraining(on bool) {
	p.setTraining(on)
	p.publish()
}

func (p *Playground) setTraining(on bool) {
	p.training = on
	p.mu.Lock()
	p.snap.Training = on
	p.mu.Unlock()
}

// Step advances the trajectories by one step in the next Update when the
// view is paused.
func (p *Playground) Step() {
	p.stepOnce = true
	p.publish()
}

// Reset puts every trajectory back at its initial condition.
func (p *Playground) Reset() {
	if p.world != nil {
		p.world.Reset()
		p.news("")
		if p.statusKind == "error" {
			p.setStatus("info", "Trajectories reset to their initial conditions.")
		}
	}
	p.publish()
}

// Clear removes every trajectory.
func (p *Playground) Clear() {
	if p.world != nil {
		p.world.Clear()
		p.news("")
		p.startsEvent = true
		if p.statusKind == "error" {
			p.setStatus("info", "Trajectories cleared.")
		}
	}
	p.publish()
}

// Add starts a trajectory at plane coordinates (u, v).
func (p *Playground) Add(u, v float64) {
	if p.world != nil {
		p.world.AddAt(u, v)
		p.startsEvent = true
	}
	p.publish()
}

// AddRandom starts n trajectories (clamped to 1…world.MaxTrajectories) at
// random points of the inner 80 % of the training box on the plane, or,
// for data near circular orbits (region ring), at random states there.
func (p *Playground) AddRandom(n int) {
	n = max(1, min(n, world.MaxTrajectories))
	if w := p.world; w != nil && p.res.Settings.Region == experiment.RegionRing {
		// where the data are: near the circular orbits
		c := w.Truth.(system.Central)
		for k := 0; k < n; k++ {
			r := experiment.RingInner + (experiment.RingOuter-experiment.RingInner)*(0.15+0.7*rand.Float64())
			sin, cos := math.Sincos(2 * math.Pi * rand.Float64())
			pc, d := c.CircularMomentum(r), experiment.RingSpread/2
			x := []float64{r * cos, r * sin, -pc*sin + d*(2*rand.Float64()-1), pc*cos + d*(2*rand.Float64()-1)}
			for i := range x {
				x[i] = roundTo(x[i], 1)
			}
			w.Add(x)
			p.startsEvent = true
		}
	} else if w != nil {
		b, pl := w.Box, w.Plane
		for k := 0; k < n; k++ {
			u := b.Lo[pl.I] + (0.1+0.8*rand.Float64())*(b.Hi[pl.I]-b.Lo[pl.I])
			v := b.Lo[pl.J] + (0.1+0.8*rand.Float64())*(b.Hi[pl.J]-b.Lo[pl.J])
			p.addAt(u, v)
		}
	}
	p.publish()
}

// SetVisible says whether the canvas is on screen in a visible tab; while it
// is not, nothing moves (the page observes this, e.g. an embed scrolled away).
func (p *Playground) SetVisible(on bool) {
	p.visible = on
	p.publish()
}

// Hover shows the values under a pointer at (x, y) (device pixels) in the
// readout: the state on the plot (the section's other coordinates fixed),
// the true H, the learned Ĥ and |Ĥ − H|; off the plot, or with no model, it
// hides the readout.
func (p *Playground) Hover(x, y float64) {
	w := p.world
	if w == nil || !p.regions.Plot.Contains(x, y) {
		p.host.SetReadout("")
		return
	}
	u, v := p.Frame().FromPx(x, y)
	s := make([]float64, w.Dim())
	w.Plane.Lift(s, u, v)
	names := system.Labels(w.Truth)
	h, hh := w.Truth.H(s), p.res.Model.H(s)
	p.host.SetReadout(fmt.Sprintf("%s = %s, %s = %s · H = %s · Ĥ = %s · |Ĥ − H| = %s",
		names[w.Plane.I], num(u), names[w.Plane.J], num(v), num(h), num(hh), num(math.Abs(hh-h))))
}

// HoverEnd hides the readout.
func (p *Playground) HoverEnd() { p.host.SetReadout("") }

// num writes a readout's number with four significant digits and a proper
// minus sign.
func num(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'g', 4, 64), "-", "−", 1)
}
