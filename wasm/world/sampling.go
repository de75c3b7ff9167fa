package world

import (
	"image"
	"image/color"
	"math"
)

// Sampling is what the sampling layer draws: the hidden layer (W, D×M
// row-major, and B, as in hnn.Model) and, for the SWIM samplers, the pair of
// training states behind each neuron with its weight, how many times likelier
// than a uniform draw it was (nil for ELM).
type Sampling struct {
	D, M     int
	W, B     []float64
	From, To [][]float64
	Weight   []float64
}

// MaxHyperplanes is the most neuron hyperplanes the sampling layer draws
// (the first ones; a wider layer would be a grey wash).
const MaxHyperplanes = 4000

// Colours of the sampling layer: the neurons' hyperplanes, faint; the pairs
// on a ramp from pale (drawn less often than a uniform draw would) to deep
// (ten times likelier and more).
var (
	HyperplaneColour = color.NRGBA{0x6a, 0x3d, 0x9a, 0x38}
	PairStops        = []color.NRGBA{
		{0xc9, 0xd6, 0xe3, 0xd0},
		{0x7f, 0xa7, 0xc9, 0xe0},
		{0x2f, 0x6f, 0xa8, 0xf0},
		{0xc2, 0x4e, 0x1c, 0xf8},
		{0x8c, 0x1c, 0x13, 0xff},
	}
)

// PairBin returns the colour bin of a pair's weight: 0 below ⅓ of a uniform
// draw's probability, then one bin per factor of 3 up to 9 and more.
func PairBin(weight float64) int {
	if !(weight > 0) {
		return 0
	}
	b := int(math.Floor(math.Log(weight)/math.Log(3))) + 2
	return min(max(b, 0), len(PairStops)-1)
}

// Hyperplane returns where neuron m's hyperplane w·x + b = 0 crosses plane
// p's window, as a segment in plane coordinates; ok is false if it misses
// the window or is parallel to the plane.
func (s *Sampling) Hyperplane(p Plane, m int) (u0, v0, u1, v1 float64, ok bool) {
	// On the plane x = Base + u e_I + v e_J: a u + b v + c = 0.
	a, b, c := s.W[p.I*s.M+m], s.W[p.J*s.M+m], s.B[m]
	for i := 0; i < s.D; i++ {
		if i != p.I && i != p.J {
			c += s.W[i*s.M+m] * p.Base[i]
		}
	}
	return clipLine(a, b, c, p.XLo, p.XHi, p.YLo, p.YHi)
}

// clipLine intersects the line a u + b v + c = 0 with the rectangle
// [ulo, uhi] × [vlo, vhi].
func clipLine(a, b, c, ulo, uhi, vlo, vhi float64) (u0, v0, u1, v1 float64, ok bool) {
	var pts [][2]float64
	add := func(u, v float64) {
		const eps = 1e-12
		if u < ulo-eps*(uhi-ulo) || u > uhi+eps*(uhi-ulo) || v < vlo-eps*(vhi-vlo) || v > vhi+eps*(vhi-vlo) {
			return
		}
		for _, q := range pts {
			if math.Abs(q[0]-u) <= eps*(uhi-ulo) && math.Abs(q[1]-v) <= eps*(vhi-vlo) {
				return
			}
		}
		pts = append(pts, [2]float64{u, v})
	}
	if b != 0 {
		add(ulo, -(a*ulo+c)/b)
		add(uhi, -(a*uhi+c)/b)
	}
	if a != 0 {
		add(-(b*vlo+c)/a, vlo)
		add(-(b*vhi+c)/a, vhi)
	}
	if len(pts) < 2 || !(math.Abs(a)+math.Abs(b) > 0) {
		return 0, 0, 0, 0, false
	}
	return pts[0][0], pts[0][1], pts[1][0], pts[1][1], true
}

// samplingImage draws the neurons' hyperplanes and the sampled pairs (each a
// faint segment between its −½ and +½ points with a dot at its midpoint,
// where the neuron switches, projected onto the plane) for a w×h pixel
// plot. It returns the image and how many hyperplanes cross the window and
// how many pairs it drew.
func samplingImage(p Plane, s *Sampling, w, h int, st Style) (img *image.RGBA, neurons, pairs int) {
	img = image.NewRGBA(image.Rect(0, 0, w, h))
	f := FrameOf(p, 0, 0, float64(w), float64(h))
	planes := NewMask(w, h)
	for m := 0; m < min(s.M, MaxHyperplanes); m++ {
		u0, v0, u1, v1, ok := s.Hyperplane(p, m)
		if !ok {
			continue
		}
		x0, y0 := f.ToPx(u0, v0)
		x1, y1 := f.ToPx(u1, v1)
		planes.Line(x0, y0, x1, y1, st.LearnedWidth*0.8)
		neurons++
	}
	planes.Paint(img, HyperplaneColour)
	segs := make([]*Mask, len(PairStops))
	dots := make([]*Mask, len(PairStops))
	for i, from := range s.From {
		if len(from) != len(p.Base) || len(s.To[i]) != len(p.Base) {
			continue
		}
		b := PairBin(s.Weight[i])
		if segs[b] == nil {
			segs[b], dots[b] = NewMask(w, h), NewMask(w, h)
		}
		x0, y0 := f.ToPx(p.Project(from))
		x1, y1 := f.ToPx(p.Project(s.To[i]))
		segs[b].Line(x0, y0, x1, y1, st.LearnedWidth*0.7)
		dots[b].Disc((x0+x1)/2, (y0+y1)/2, st.PointRadius*1.5)
		pairs++
	}
	for b, m := range segs { // pale first: the likeliest pairs on top
		if m != nil {
			c := PairStops[b]
			c.A /= 3
			m.Paint(img, c)
		}
	}
	for b, m := range dots {
		if m != nil {
			m.Paint(img, PairStops[b])
		}
	}
	return img, neurons, pairs
}
