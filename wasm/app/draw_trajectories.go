package main

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"hnnplay/core/experiment"
	"hnnplay/wasm/playground"
	"hnnplay/wasm/world"
)

// drawTrajectories draws, for every trajectory, the true flow's trail
// (dashed, faint), the comparison flow's (dotted, with a comparison model)
// and the learned flow's (solid), then the markers: the start, the heads of
// the true and comparison flows, and the learned flow's head (a cross once
// it stopped).
func (g *Game) drawTrajectories(plot *ebiten.Image) {
	w := g.pg.World()
	f := g.pg.Frame()
	s := g.pg.LineScale()
	r := g.pg.Regions().Plot
	jump := 0.5 * math.Max(r.W, r.H) // a step this long wraps far away: not drawn
	// On a Poincaré section the crossings tell the story; the trails, a
	// projection of four dimensions, would hide them.
	trails := !(g.pg.View().Layers[experiment.LayerPoincare] && w.Dim() == 4)
	g.b.reset()
	for _, t := range w.Trajs {
		if !trails {
			break
		}
		g.trail(f, t.TwinTrail, 1.6*s, world.TrajectoryColours[t.Colour], 0.45, 5*s, jump)
	}
	cmp := w.Compare != nil
	if cmp {
		for _, t := range w.Trajs {
			c := world.TrajectoryColours[t.Colour]
			ring := t.CmpTrail
			g.dots(ring.Len(), func(i int) (float64, float64) { q := ring.At(i); return f.ToPx(q[0], q[1]) }, 7*s, 2.6*s, c, jump)
		}
	}
	for _, t := range w.Trajs {
		if !trails {
			break
		}
		g.trail(f, t.Trail, 2.4*s, world.TrajectoryColours[t.Colour], 0.95, 0, jump)
	}
	for _, t := range w.Trajs {
		c := world.TrajectoryColours[t.Colour]
		x0, y0 := f.ToPx(w.Plane.Project(t.X0))
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

// trail strokes the ring of plane points as a polyline, skipping points
// closer than 3 CSS pixels to the last one kept; dash > 0 draws it dashed
// (as a plain strip: a faint secondary line).
func (g *Game) trail(f world.Frame, r *world.Ring, width float64, c color.NRGBA, alpha, dash, jump float64) {
	n := r.Len()
	if n < 2 {
		return
	}
	emit := func(xs, ys []float64) { g.b.polyline(xs, ys, width, c, alpha) }
	if dash > 0 {
		emit = func(xs, ys []float64) { g.b.strip(xs, ys, width, c, alpha) }
	}
	minStep := 3 * g.pg.Scale()
	g.pl.Reset(dash)
	for i := 0; i < n; i++ {
		q := r.At(i)
		x, y := f.ToPx(q[0], q[1])
		g.pl.Add(x, y, minStep, jump, i == n-1, emit)
	}
	g.pl.Flush(emit)
}

// dots draws n points as a dotted line of square dots of side size (see
// playground.Dots).
func (g *Game) dots(n int, at func(i int) (float64, float64), spacing, size float64, c color.NRGBA, jump float64) {
	playground.Dots(n, at, spacing, jump, func(x, y float64) {
		g.b.rect(x-size/2, y-size/2, size, size, c)
	})
}
