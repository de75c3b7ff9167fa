package main

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"hnnplay/wasm/world"
)

// drawBusy shows a progress bar along the top of the plot: the fraction of
// the grid computed (progress in [0, 1]), or, while the worker trains
// (progress < 0), a block sliding across.
func (g *Game) drawBusy(screen *ebiten.Image, progress float64, frame int) {
	p := g.pg.Regions().Plot
	s := g.pg.Scale()
	g.b.reset()
	h := 3 * s
	if progress >= 0 {
		g.b.rect(p.X, p.Y, p.W*progress, h, world.FieldColour)
	} else {
		w := p.W / 4
		x := p.X + math.Mod(float64(frame)*6*s, p.W+w) - w
		x0, x1 := math.Max(x, p.X), math.Min(x+w, p.X+p.W)
		if x1 > x0 {
			g.b.rect(x0, p.Y, x1-x0, h, world.FieldColour)
		}
	}
	g.b.draw(screen)
}
