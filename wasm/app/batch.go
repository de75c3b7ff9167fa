package main

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// batch collects coloured triangles and draws them in one DrawTriangles32
// call. Lines are quads with a one-pixel feathered edge on each side, which
// gives antialiased-looking strokes without ebiten's antialiased path
// rendering (very slow under software WebGL: a first frame with ~1500 antialiased primitives took
// about 6 s in headless Chromium, against 0.6 s without).
type batch struct {
	v        []ebiten.Vertex
	i        []uint32
	vertices int // drawn since takeVertices, for state()
}

var whiteSub = func() *ebiten.Image {
	img := ebiten.NewImage(3, 3)
	img.Fill(color.White)
	return img.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)
}

var white *ebiten.Image

func (b *batch) reset() { b.v, b.i = b.v[:0], b.i[:0] }

// takeVertices returns the number of vertices drawn since the last call.
func (b *batch) takeVertices() int {
	n := b.vertices
	b.vertices = 0
	return n
}

func (b *batch) vertex(x, y float64, c color.NRGBA, alpha float64) uint32 {
	n := uint32(len(b.v))
	b.v = append(b.v, ebiten.Vertex{
		DstX: float32(x), DstY: float32(y), SrcX: 1.5, SrcY: 1.5,
		ColorR: float32(c.R) / 255, ColorG: float32(c.G) / 255, ColorB: float32(c.B) / 255,
		ColorA: float32(alpha) * float32(c.A) / 255,
	})
	return n
}

func (b *batch) quad(a, c, d, e uint32) { b.i = append(b.i, a, c, d, c, e, d) }

// line draws a segment of the given width with feathered edges; alpha scales
// the colour's alpha.
func (b *batch) line(x0, y0, x1, y1, width float64, c color.NRGBA, alpha float64) {
	dx, dy := x1-x0, y1-y0
	l := math.Hypot(dx, dy)
	if l < 1e-9 || math.IsNaN(l) {
		return
	}
	r := width / 2
	// extend by half a width so consecutive segments overlap at the joints
	ex, ey := dx/l*r*0.5, dy/l*r*0.5
	x0, y0, x1, y1 = x0-ex, y0-ey, x1+ex, y1+ey
	nx, ny := -dy/l, dx/l
	f := r + 1
	o0 := b.vertex(x0+nx*f, y0+ny*f, c, 0)
	o1 := b.vertex(x1+nx*f, y1+ny*f, c, 0)
	i0 := b.vertex(x0+nx*r, y0+ny*r, c, alpha)
	i1 := b.vertex(x1+nx*r, y1+ny*r, c, alpha)
	j0 := b.vertex(x0-nx*r, y0-ny*r, c, alpha)
	j1 := b.vertex(x1-nx*r, y1-ny*r, c, alpha)
	k0 := b.vertex(x0-nx*f, y0-ny*f, c, 0)
	k1 := b.vertex(x1-nx*f, y1-ny*f, c, 0)
	b.quad(o0, o1, i0, i1)
	b.quad(i0, i1, j0, j1)
	b.quad(j0, j1, k0, k1)
}

// disc draws a filled disc with a feathered rim.
func (b *batch) disc(cx, cy, r float64, c color.NRGBA, alpha float64) {
	const n = 16
	centre := b.vertex(cx, cy, c, alpha)
	first := uint32(len(b.v))
	for k := 0; k < n; k++ {
		a := 2 * math.Pi * float64(k) / n
		s, co := math.Sincos(a)
		b.vertex(cx+co*r, cy+s*r, c, alpha)
		b.vertex(cx+co*(r+1), cy+s*(r+1), c, 0)
	}
	for k := uint32(0); k < n; k++ {
		in0, out0 := first+2*k, first+2*k+1
		in1, out1 := first+2*((k+1)%n), first+2*((k+1)%n)+1
		b.i = append(b.i, centre, in0, in1)
		b.quad(in0, in1, out0, out1)
	}
}

// rect fills an axis-aligned rectangle (no feathering: crisp on pixel edges).
func (b *batch) rect(x, y, w, h float64, c color.NRGBA) {
	a := b.vertex(x, y, c, 1)
	d := b.vertex(x+w, y, c, 1)
	e := b.vertex(x, y+h, c, 1)
	f := b.vertex(x+w, y+h, c, 1)
	b.quad(a, d, e, f)
}

func (b *batch) draw(dst *ebiten.Image) {
	if len(b.i) == 0 {
		return
	}
	if white == nil {
		white = whiteSub()
	}
	b.vertices += len(b.v)
	dst.DrawTriangles32(b.v, b.i, white, nil)
}

// polyline strokes the points (xs[i], ys[i]) as one strip with feathered
// edges: four vertices per point (outer edge, two core edges, outer edge),
// normals from the neighbouring points, so joints are seamless and a
// translucent line does not darken where segments meet.
func (b *batch) polyline(xs, ys []float64, width float64, c color.NRGBA, alpha float64) {
	n := len(xs)
	if n < 2 {
		return
	}
	r := width / 2
	f := r + 1
	base := uint32(len(b.v))
	for i := 0; i < n; i++ {
		i0, i1 := max(i-1, 0), min(i+1, n-1)
		dx, dy := xs[i1]-xs[i0], ys[i1]-ys[i0]
		l := math.Hypot(dx, dy)
		if l < 1e-9 {
			dx, dy, l = 1, 0, 1
		}
		nx, ny := -dy/l, dx/l
		x, y := xs[i], ys[i]
		b.vertex(x+nx*f, y+ny*f, c, 0)
		b.vertex(x+nx*r, y+ny*r, c, alpha)
		b.vertex(x-nx*r, y-ny*r, c, alpha)
		b.vertex(x-nx*f, y-ny*f, c, 0)
	}
	for i := uint32(0); i+1 < uint32(n); i++ {
		a := base + 4*i
		d := a + 4
		b.quad(a, d, a+1, d+1)
		b.quad(a+1, d+1, a+2, d+2)
		b.quad(a+2, d+2, a+3, d+3)
	}
}

// strip strokes the points as a plain strip without feathering: two vertices
// per point, for faint secondary lines where aliasing does not show.
func (b *batch) strip(xs, ys []float64, width float64, c color.NRGBA, alpha float64) {
	n := len(xs)
	if n < 2 {
		return
	}
	r := width / 2
	base := uint32(len(b.v))
	for i := 0; i < n; i++ {
		i0, i1 := max(i-1, 0), min(i+1, n-1)
		dx, dy := xs[i1]-xs[i0], ys[i1]-ys[i0]
		l := math.Hypot(dx, dy)
		if l < 1e-9 {
			dx, dy, l = 1, 0, 1
		}
		nx, ny := -dy/l*r, dx/l*r
		b.vertex(xs[i]+nx, ys[i]+ny, c, alpha)
		b.vertex(xs[i]-nx, ys[i]-ny, c, alpha)
	}
	for i := uint32(0); i+1 < uint32(n); i++ {
		a := base + 2*i
		b.quad(a, a+2, a+1, a+3)
	}
}
