package main

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"hnnplay/core/experiment"
	"hnnplay/wasm/world"
)

// drawParticles draws the particles of the learned field as streaks three
// frames long, pointing back along the motion, fading in and out.
func (g *Game) drawParticles(plot *ebiten.Image) {
	ps := g.pg.Particles()
	if ps == nil || !g.pg.View().Layers[experiment.LayerField] {
		return
	}
	f := g.pg.Frame()
	g.b.reset()
	w := 1.6 * g.pg.LineScale()
	alpha := 0.55
	if g.pg.View().Present {
		alpha = 0.85 // a projector washes pale streaks out
	}
	for i := range ps.P {
		q := &ps.P[i]
		x1, y1 := f.ToPx(q.U, q.V)
		x0, y0 := f.ToPx(q.PU, q.PV)
		x0, y0 = x1-3*(x1-x0), y1-3*(y1-y0)
		if math.Hypot(x1-x0, y1-y0) < 0.5 {
			g.b.disc(x1, y1, w/2, world.FieldColour, alpha*q.Alpha())
			continue
		}
		g.b.line(x0, y0, x1, y1, w, world.FieldColour, alpha*q.Alpha())
	}
	g.b.draw(plot)
}
