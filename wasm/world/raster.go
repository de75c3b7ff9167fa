package world

import (
	"image"
	"image/color"
	"math"
)

// Mask is a coverage buffer in [0, 1] per pixel. Shapes are drawn into it with
// max(), not summed, so the joints of a polyline drawn segment by segment do
// not darken; Paint then composites the mask in one colour.
type Mask struct {
	W, H int
	A    []float32
}

// NewMask returns an empty w×h mask.
func NewMask(w, h int) *Mask { return &Mask{W: w, H: h, A: make([]float32, w*h)} }

func (m *Mask) put(x, y int, a float64) {
	if a <= 0 {
		return
	}
	if a > 1 {
		a = 1
	}
	k := y*m.W + x
	if float32(a) > m.A[k] {
		m.A[k] = float32(a)
	}
}

// Line draws an antialiased segment of the given width (pixels) with round
// caps: coverage falls off linearly over one pixel at the edge.
func (m *Mask) Line(x0, y0, x1, y1, width float64) {
	r := width / 2
	if !(r > 0) || math.IsNaN(x0+y0+x1+y1) {
		return
	}
	minX := int(math.Floor(math.Min(x0, x1) - r - 1))
	maxX := int(math.Ceil(math.Max(x0, x1) + r + 1))
	minY := int(math.Floor(math.Min(y0, y1) - r - 1))
	maxY := int(math.Ceil(math.Max(y0, y1) + r + 1))
	minX, minY = max(minX, 0), max(minY, 0)
	maxX, maxY = min(maxX, m.W-1), min(maxY, m.H-1)
	dx, dy := x1-x0, y1-y0
	l2 := dx*dx + dy*dy
	for y := minY; y <= maxY; y++ {
		py := float64(y) + 0.5
		for x := minX; x <= maxX; x++ {
			px := float64(x) + 0.5
			t := 0.0
			if l2 > 0 {
				t = ((px-x0)*dx + (py-y0)*dy) / l2
				t = math.Max(0, math.Min(1, t))
			}
			ex, ey := px-(x0+t*dx), py-(y0+t*dy)
			d := math.Sqrt(ex*ex + ey*ey)
			m.put(x, y, r+0.5-d)
		}
	}
}

// Disc draws an antialiased filled disc.
func (m *Mask) Disc(cx, cy, r float64) {
	m.Line(cx, cy, cx, cy, 2*r)
}

// Paint composites the mask in colour c (straight alpha, scaled by coverage)
// over dst with source-over blending; dst is premultiplied like image.RGBA.
func (m *Mask) Paint(dst *image.RGBA, c color.NRGBA) {
	for y := 0; y < m.H; y++ {
		for x := 0; x < m.W; x++ {
			a := m.A[y*m.W+x]
			if a == 0 {
				continue
			}
			blend(dst, x, y, c, float64(a))
		}
	}
}

// blend composites colour c at coverage a over the premultiplied pixel (x, y).
func blend(dst *image.RGBA, x, y int, c color.NRGBA, a float64) {
	i := dst.PixOffset(x, y)
	sa := a * float64(c.A) / 255
	p := dst.Pix[i : i+4 : i+4]
	p[0] = uint8(float64(c.R)*sa + float64(p[0])*(1-sa) + 0.5)
	p[1] = uint8(float64(c.G)*sa + float64(p[1])*(1-sa) + 0.5)
	p[2] = uint8(float64(c.B)*sa + float64(p[2])*(1-sa) + 0.5)
	p[3] = uint8(255*sa + float64(p[3])*(1-sa) + 0.5)
}
