package main

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"hnnplay/wasm/world"
)

// drawOrbit draws a central-force problem's orbits (the orbit layer) in a
// panel: the centre, where the data are (the ring of data near circular
// orbits, or the positions of the training box; dashed), and every
// trajectory's path in the plane of x and y, the learned flow's solid, the
// true flow's dashed. The captions and the readout are labels (see
// Playground.OrbitPanel).
func (g *Game) drawOrbit(plot *ebiten.Image) {
	panel, r, ok := g.pg.OrbitPanel()
	if !ok {
		return
	}
	w := g.pg.World()
	s := g.pg.LineScale()
	f := world.Frame{X0: panel.X, Y0: panel.Y, W: panel.W, H: panel.H, XLo: -r, XHi: r, YLo: -r, YHi: r}
	g.b.reset()
	g.b.rect(panel.X-s, panel.Y-s, panel.W+2*s, panel.H+2*s, world.BoxColour)
	g.b.rect(panel.X, panel.Y, panel.W, panel.H, world.Background)
	// where the data are: the ring, or the box's positions (dashed)
	emit := func(xs, ys []float64) { g.b.strip(xs, ys, s, world.BoxColour, 0.9) }
	if inner, outer, ok := g.pg.Ring(); ok {
		for _, rad := range []float64{inner, outer} {
			g.pl.Reset(4 * s)
			const n = 96
			for i := 0; i <= n; i++ {
				sin, cos := math.Sincos(2 * math.Pi * float64(i) / n)
				x, y := f.ToPx(rad*cos, rad*sin)
				g.pl.Add(x, y, 0, panel.W, i == n, emit)
			}
			g.pl.Flush(emit)
		}
	} else {
		b := w.Box
		x0, y0 := f.ToPx(b.Lo[0], b.Lo[1])
		x1, y1 := f.ToPx(b.Hi[0], b.Hi[1])
		for _, e := range [][4]float64{{x0, y0, x1, y0}, {x1, y0, x1, y1}, {x1, y1, x0, y1}, {x0, y1, x0, y0}} {
			g.pl.Reset(4 * s)
			g.pl.Add(e[0], e[1], 0, panel.W, false, emit)
			g.pl.Add(e[2], e[3], 0, panel.W, true, emit)
			g.pl.Flush(emit)
		}
	}
	cx, cy := f.ToPx(0, 0)
	g.b.disc(cx, cy, 5*s, world.Ink, 1)
	jump := panel.W / 2
	for _, t := range w.Trajs {
		if t.Orbit == nil {
			continue
		}
		c := world.TrajectoryColours[t.Colour]
		g.trail(f, t.TwinOrbit, 1.4*s, c, 0.5, 4*s, jump)
		g.trail(f, t.Orbit, 2*s, c, 0.95, 0, jump)
		if last := t.Orbit.Last(); last != nil {
			x, y := f.ToPx(last[0], last[1])
			g.b.disc(x, y, 3.5*s, c, 1)
		}
	}
	g.b.draw(plot)
}
