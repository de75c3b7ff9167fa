package main

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"hnnplay/core/system"
	"hnnplay/wasm/world"
)

// drawArms draws the pendulums themselves (the arms layer): in one panel
// every trajectory's rods under the learned flow, in the other the same
// start under the true flow, pivot in the middle, in the trajectory's
// colour. The captions are labels (see Playground.ArmsPanels).
func (g *Game) drawArms(plot *ebiten.Image) {
	learned, truth, ok := g.pg.ArmsPanels()
	if !ok {
		return
	}
	w := g.pg.World()
	link := w.Truth.(system.Linkage)
	s := g.pg.LineScale()
	g.b.reset()
	for _, pan := range []world.Rect{learned, truth} {
		g.b.rect(pan.X-s, pan.Y-s, pan.W+2*s, pan.H+2*s, world.BoxColour)
		g.b.rect(pan.X, pan.Y, pan.W, pan.H, world.Background)
	}
	for _, t := range w.Trajs {
		c := world.TrajectoryColours[t.Colour]
		for k, pan := range []world.Rect{learned, truth} {
			x := t.X
			if k == 1 {
				x = t.Twin
			}
			joints := link.Joints(x)
			reach := 0.0
			prev := [2]float64{}
			for _, j := range joints {
				reach += math.Hypot(j[0]-prev[0], j[1]-prev[1])
				prev = j
			}
			scale := 0.42 * pan.W / math.Max(reach, 1e-9)
			cx, cy := pan.X+pan.W/2, pan.Y+pan.H/2
			px, py := cx, cy
			for _, j := range joints {
				qx, qy := cx+scale*j[0], cy-scale*j[1]
				g.b.line(px, py, qx, qy, 2.4*s, c, 0.9)
				px, py = qx, qy
			}
			for _, j := range joints {
				g.b.disc(cx+scale*j[0], cy-scale*j[1], 4.5*s, c, 1)
			}
			g.b.disc(cx, cy, 3*s, world.Ink, 1)
		}
	}
	g.b.draw(plot)
}
