package main

import (
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"

	"hnnplay/wasm/playground"
)

// The data region's colours (the legend's swatch in site/style.css is the
// same): a green outline over a faint green shade.
var (
	regionColour = color.NRGBA{0x1f, 0x8a, 0x4c, 0xff}
	regionShade  = color.NRGBA{0x1f, 0x8a, 0x4c, 0x1a}
)

// drawRegion shades the training region of the model on the plot (the
// part of the box its training points come from) with a solid outline, in
// every layer, and, in drawing mode, the rectangle being dragged with a
// dashed one. Its caption is a label (see Playground.DataRegion).
func (g *Game) drawRegion(plot *ebiten.Image) {
	s := g.pg.LineScale()
	g.b.reset()
	if xlo, xhi, ylo, yhi, ok := g.pg.DataRegion(); ok {
		f := g.pg.Frame()
		x0, y0 := f.ToPx(xlo, yhi)
		x1, y1 := f.ToPx(xhi, ylo)
		g.b.rect(x0, y0, x1-x0, y1-y0, regionShade)
		for _, e := range [][4]float64{{x0, y0, x1, y0}, {x1, y0, x1, y1}, {x1, y1, x0, y1}, {x0, y1, x0, y0}} {
			g.b.line(e[0], e[1], e[2], e[3], 2*s, regionColour, 0.9)
		}
	}
	if r, ok := g.pg.RegionDrag(); ok {
		g.b.rect(r.X, r.Y, r.W, r.H, regionShade)
		for _, e := range [][4]float64{{r.X, r.Y, r.X + r.W, r.Y}, {r.X + r.W, r.Y, r.X + r.W, r.Y + r.H},
			{r.X + r.W, r.Y + r.H, r.X, r.Y + r.H}, {r.X, r.Y + r.H, r.X, r.Y}} {
			playground.Dashes(e[0], e[1], e[2], e[3], 7*s, func(x0, y0, x1, y1 float64) {
				g.b.line(x0, y0, x1, y1, 2*s, regionColour, 1)
			})
		}
	}
	g.b.draw(plot)
}
