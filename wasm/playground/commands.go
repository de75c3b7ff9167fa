package playground

import (
	"math/rand/v2"

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
	}
	p.publish()
}

// AddRandom starts n trajectories (clamped to 1…world.MaxTrajectories) at
// random points of the inner 80 % of the training box on the plane.
func (p *Playground) AddRandom(n int) {
	n = max(1, min(n, world.MaxTrajectories))
	if w := p.world; w != nil {
		b, pl := w.Box, w.Plane
		for k := 0; k < n; k++ {
			u := b.Lo[pl.I] + (0.1+0.8*rand.Float64())*(b.Hi[pl.I]-b.Lo[pl.I])
			v := b.Lo[pl.J] + (0.1+0.8*rand.Float64())*(b.Hi[pl.J]-b.Lo[pl.J])
			w.AddAt(u, v)
		}
	}
	p.publish()
}
