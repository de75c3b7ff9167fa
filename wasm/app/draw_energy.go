package main

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"hnnplay/wasm/playground"
	"hnnplay/wasm/world"
)

// drawEnergy draws the energy panel's curves. They change slowly, so while
// playing they are redrawn into an offscreen image only every fourth frame
// (and at once when trajectories come or go) and blitted in between.
func (g *Game) drawEnergy(screen *ebiten.Image, frame int) {
	e := g.pg.Regions().Energy
	if e.H <= 0 {
		return
	}
	w, h := int(e.W), int(e.H)
	img := g.energy
	if img == nil || img.Bounds().Dx() != w || img.Bounds().Dy() != h {
		if img != nil {
			img.Deallocate()
		}
		img = ebiten.NewImage(w, h)
		g.energy = img
		g.energyKey = -1
	}
	key := energyKey(g.pg.World())
	if frame%4 == 0 || key != g.energyKey || !g.pg.View().Playing {
		g.energyKey = key
		img.Clear()
		g.drawEnergyCurves(img, world.Rect{X: 0, Y: 0, W: e.W, H: e.H})
	}
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(e.X, e.Y)
	screen.DrawImage(img, op)
}

// energyKey changes when trajectories come or go or the comparison model
// comes or goes.
func energyKey(w *world.World) int {
	key := len(w.Trajs)
	if len(w.Trajs) > 0 {
		key += 1000 * w.Trajs[0].ID
	}
	if w.Compare != nil {
		key = -key - 2
	}
	return key
}

// drawEnergyCurves draws, newest sample at the right, the true flows' drift
// (dashed, faint), the comparison flows' (dotted) and the learned flows'
// (solid) on the log scale of the panel e.
func (g *Game) drawEnergyCurves(dst *ebiten.Image, e world.Rect) {
	w := g.pg.World()
	s := g.pg.LineScale()
	g.b.reset()
	yOf := func(d float64) float64 { return playground.EnergyY(e, playground.EnergyLog(d)) }
	dx := e.W / float64(world.EnergyLen-1)
	curve := func(r *world.Ring, width float64, c color.NRGBA, alpha float64, dash float64) {
		n := r.Len()
		if n < 2 {
			return
		}
		emit := func(xs, ys []float64) { g.b.polyline(xs, ys, width, c, alpha) }
		g.pl.Reset(dash)
		for i := 0; i < n; i++ {
			g.pl.Add(e.X+e.W-float64(n-1-i)*dx, yOf(r.At(i)[0]), 3*s, math.Inf(1), i == n-1, emit)
		}
		g.pl.Flush(emit)
	}
	for _, t := range w.Trajs {
		curve(t.TwinEnergy, 1.4*s, world.TrajectoryColours[t.Colour], 0.5, 5*s)
	}
	if w.Compare != nil {
		for _, t := range w.Trajs {
			r := t.CmpEnergy
			n := r.Len()
			g.dots(n, func(i int) (float64, float64) { return e.X + e.W - float64(n-1-i)*dx, yOf(r.At(i)[0]) },
				6*s, 2.4*s, world.TrajectoryColours[t.Colour], math.Inf(1))
		}
	}
	for _, t := range w.Trajs {
		curve(t.Energy, 2*s, world.TrajectoryColours[t.Colour], 0.95, 0)
	}
	g.b.draw(dst)
}
