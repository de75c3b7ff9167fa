package main

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"hnnplay/core/experiment"
	"hnnplay/wasm/playground"
	"hnnplay/wasm/world"
)

var (
	plotBackground = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	frameColour    = color.NRGBA{0xc4, 0xcb, 0xd3, 0xff}
	gridColour     = color.NRGBA{0xea, 0xed, 0xf0, 0xff}
)

// staticKey identifies what the static image shows.
type staticKey struct {
	w, h   float64
	world  *world.World
	levels *world.Layers
	flags  [len(staticLayers)]bool
}

// staticLayers are the layers drawn into the static image, bottom first.
var staticLayers = [...]string{experiment.LayerError, experiment.LayerTrue, experiment.LayerLearned, experiment.LayerPoints, experiment.LayerSampling}

// drawStatic blits the image of everything that does not move: backgrounds,
// frames, ticks, the training box and the enabled static layers. It is
// redrawn only when anything in it changed, so each frame costs one blit for
// all of it, which matters under software rendering where every full-size
// pass is expensive.
func (g *Game) drawStatic(screen *ebiten.Image) {
	w, h := g.pg.Size()
	levels, _, _ := g.pg.Layers()
	key := staticKey{w: w, h: h, world: g.pg.World(), levels: levels}
	for i, n := range staticLayers {
		key.flags[i] = g.pg.View().Layers[n]
	}
	if g.static == nil || key != g.staticKey {
		g.redrawStatic(key)
	}
	screen.DrawImage(g.static, nil)
}

func (g *Game) redrawStatic(key staticKey) {
	b := g.static
	if b == nil || b.Bounds().Dx() != int(key.w) || b.Bounds().Dy() != int(key.h) {
		if b != nil {
			b.Deallocate()
		}
		b = ebiten.NewImage(max(int(key.w), 1), max(int(key.h), 1))
		g.static = b
	}
	g.staticKey = key
	b.Fill(world.Background)
	reg := g.pg.Regions()
	g.b.reset()
	g.b.rect(reg.Plot.X, reg.Plot.Y, reg.Plot.W, reg.Plot.H, plotBackground)
	if e := reg.Energy; e.H > 0 {
		g.b.rect(e.X, e.Y, e.W, e.H, plotBackground)
	}
	g.b.draw(b)
	if g.pg.World() != nil {
		plot := sub(b, reg.Plot)
		g.drawLayers(plot)
		g.drawBox(plot)
	}
	g.drawFrame(b)
}

// drawLayers draws the enabled static layers of the current grid, uploading
// them first when they are new.
func (g *Game) drawLayers(plot *ebiten.Image) {
	l, lw, lh := g.pg.Layers()
	if l == nil {
		return // still computing; a progress bar shows
	}
	if l != g.uploaded {
		g.upload(l)
	}
	p := g.pg.Regions().Plot
	on := g.pg.View().Layers
	if on[experiment.LayerError] {
		img := g.layers[experiment.LayerError]
		nx, ny := img.Bounds().Dx(), img.Bounds().Dy()
		op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
		op.GeoM.Translate(-0.5, -0.5)
		op.GeoM.Scale(p.W/float64(nx-1), p.H/float64(ny-1))
		op.GeoM.Translate(p.X, p.Y)
		plot.DrawImage(img, op)
	}
	sameSize := lw == int(p.W) && lh == int(p.H)
	for _, name := range staticLayers[1:] {
		img := g.layers[name]
		if !on[name] || img == nil {
			continue
		}
		op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
		if !sameSize { // resized: stretch the old picture until the new one is ready
			op.GeoM.Scale(p.W/float64(img.Bounds().Dx()), p.H/float64(img.Bounds().Dy()))
		}
		op.GeoM.Translate(p.X, p.Y)
		plot.DrawImage(img, op)
	}
}

// upload replaces the GPU copies of the static layers by those of l.
func (g *Game) upload(l *world.Layers) {
	for _, img := range g.layers {
		img.Deallocate()
	}
	g.layers = map[string]*ebiten.Image{
		experiment.LayerError:   newImage(l.Error),
		experiment.LayerTrue:    newImage(l.True),
		experiment.LayerLearned: newImage(l.Learned),
		experiment.LayerPoints:  newImage(l.Points),
	}
	if l.Sampling != nil {
		g.layers[experiment.LayerSampling] = newImage(l.Sampling)
	}
	g.uploaded = l
}

// newImage copies a premultiplied RGBA picture into a new ebiten image
// (WritePixels takes premultiplied RGBA, as image.RGBA holds).
func newImage(src *image.RGBA) *ebiten.Image {
	b := src.Bounds()
	img := ebiten.NewImage(b.Dx(), b.Dy())
	img.WritePixels(src.Pix)
	return img
}

// drawBox outlines the training box (the window is the box plus a margin).
func (g *Game) drawBox(plot *ebiten.Image) {
	f := g.pg.Frame()
	w := g.pg.World()
	pl, bx := w.Plane, w.Box
	x0, y0 := f.ToPx(bx.Lo[pl.I], bx.Hi[pl.J])
	x1, y1 := f.ToPx(bx.Hi[pl.I], bx.Lo[pl.J])
	s := g.pg.LineScale()
	g.b.reset()
	dash := func(ax, ay, bx, by float64) {
		playground.Dashes(ax, ay, bx, by, 8*s, func(x0, y0, x1, y1 float64) {
			g.b.line(x0, y0, x1, y1, 1.4*s, world.BoxColour, 0.8)
		})
	}
	dash(x0, y0, x1, y0)
	dash(x0, y1, x1, y1)
	dash(x0, y0, x0, y1)
	dash(x1, y0, x1, y1)
	g.b.draw(plot)
}

// drawFrame draws the borders of the plot and the energy panel, the plot's
// ticks and the panel's decade lines (their labels are HTML).
func (g *Game) drawFrame(dst *ebiten.Image) {
	s := g.pg.Scale()
	reg := g.pg.Regions()
	p := reg.Plot
	g.b.reset()
	border := func(r world.Rect) {
		g.b.rect(r.X, r.Y, r.W, 1*s, frameColour)
		g.b.rect(r.X, r.Y+r.H-1*s, r.W, 1*s, frameColour)
		g.b.rect(r.X, r.Y, 1*s, r.H, frameColour)
		g.b.rect(r.X+r.W-1*s, r.Y, 1*s, r.H, frameColour)
	}
	border(p)
	if w := g.pg.World(); w != nil {
		f := g.pg.Frame()
		pl := w.Plane
		k := math.Max(reg.Text, 1) // as many ticks as world.Labels labels
		for _, t := range world.Ticks(pl.XLo, pl.XHi, int(math.Max(2, math.Min(9, p.W/s/90/k)))) {
			x, _ := f.ToPx(t, pl.YLo)
			g.b.rect(math.Round(x), p.Y+p.H, 1*s, 5*s, frameColour)
		}
		for _, t := range world.Ticks(pl.YLo, pl.YHi, int(math.Max(2, math.Min(8, p.H/s/60/k)))) {
			_, y := f.ToPx(pl.XLo, t)
			g.b.rect(p.X-5*s, math.Round(y), 5*s, 1*s, frameColour)
		}
	}
	if e := reg.Energy; e.H > 0 {
		for d := world.EnergyDecadeHi; d >= world.EnergyDecadeLo; d -= 4 {
			y := playground.EnergyY(e, d)
			g.b.rect(e.X, math.Round(y), e.W, 1*s, gridColour)
			g.b.rect(e.X-5*s, math.Round(y), 5*s, 1*s, frameColour)
		}
		border(e)
	}
	g.b.draw(dst)
}
