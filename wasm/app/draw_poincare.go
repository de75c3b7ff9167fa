package main

import (
	"github.com/hajimehoshi/ebiten/v2"

	"hnnplay/core/experiment"
	"hnnplay/wasm/world"
)

// poincare is the Poincaré layer of a two-degree-of-freedom system: the
// crossings of q₂ = 0 (upwards) of every trajectory, as dots on the (q₁, p₁)
// plane, the learned flow's in the trajectory's colour and the true twin's
// as fainter, smaller dots. They accumulate on an image of the plot's size,
// so a frame draws only the crossings that are new since the last one.
type poincare struct {
	img   *ebiten.Image
	key   poincareKey
	drawn map[*world.Trajectory][2]int // crossings already on img, per flow
}

type poincareKey struct {
	w *world.World
	r world.Rect // the plot
	s float64    // the line scale
}

// drawPoincare adds the new crossings to the layer's image and draws it.
func (g *Game) drawPoincare(plot *ebiten.Image) {
	w := g.pg.World()
	if !g.pg.View().Layers[experiment.LayerPoincare] || w.Dim() != 4 {
		return
	}
	r := g.pg.Regions().Plot
	s := g.pg.LineScale()
	p := &g.poincare
	key := poincareKey{w: w, r: r, s: s}
	if p.img == nil || p.key != key || p.stale(w) {
		if p.img != nil {
			p.img.Deallocate()
		}
		p.img = ebiten.NewImage(max(int(r.W), 1), max(int(r.H), 1))
		p.key, p.drawn = key, map[*world.Trajectory][2]int{}
	}
	f := world.FrameOf(w.Plane, 0, 0, r.W, r.H)
	g.b.reset()
	for _, t := range w.Trajs {
		c := world.TrajectoryColours[t.Colour]
		n := p.drawn[t]
		for _, pt := range t.TwinCrossings[n[1]:] {
			x, y := f.ToPx(pt[0], pt[1])
			g.b.disc(x, y, 1.3*s, c, 0.45)
		}
		for _, pt := range t.Crossings[n[0]:] {
			x, y := f.ToPx(pt[0], pt[1])
			g.b.disc(x, y, 1.8*s, c, 1)
		}
		p.drawn[t] = [2]int{len(t.Crossings), len(t.TwinCrossings)}
	}
	g.b.draw(p.img)
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(r.X, r.Y)
	plot.DrawImage(p.img, op)
}

// stale reports whether the image holds crossings that are gone: a
// trajectory removed, or reset (fewer crossings than drawn).
func (p *poincare) stale(w *world.World) bool {
	live := 0
	for _, t := range w.Trajs {
		n, ok := p.drawn[t]
		if ok {
			live++
			if n[0] > len(t.Crossings) || n[1] > len(t.TwinCrossings) {
				return true
			}
		}
	}
	return live != len(p.drawn)
}
