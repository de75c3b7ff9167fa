package world

import (
	"image"
	"image/color"
	"math"
)

// ContourCount is the number of level sets drawn for each of Ĥ and H. The
// same levels are used for both, so where the network is right its level
// sets lie exactly on the true ones.
const ContourCount = 12

// Layers are the static pictures of one model on one plane, rendered once on
// the CPU and then only blitted. Error is at grid resolution (the GPU scales
// it with linear filtering); the others are at the pixel size they were
// rendered for.
type Layers struct {
	Error   *image.RGBA // NX×NY, row 0 at the top (v = YHi)
	True    *image.RGBA // level sets of H
	Learned *image.RGBA // level sets of Ĥ
	Points  *image.RGBA // training points
	// Sampling shows where the hidden layer was sampled (nil without a
	// Sampling): Neurons hyperplanes cross the window, Pairs pairs drawn.
	Sampling       *image.RGBA
	Neurons, Pairs int
	Levels         []float64
	Spread         float64 // the H range the error is relative to
}

// Style sets line widths in pixels (already multiplied by the device scale)
// and the colour of the true level sets.
type Style struct {
	LearnedWidth, TrueWidth, PointRadius float64
	True                                 color.NRGBA
}

// PresentWeight is how much thicker lines are in presentation mode: at least
// 3 px at device scale 1 (a 1.4 px level set becomes 3.1 px), readable
// from the back of a room.
const PresentWeight = 2.2

// StyleFor returns the style for device scale factor s, with thicker lines
// and a stronger amber for the true level sets in presentation mode.
func StyleFor(s float64, present bool) Style {
	st := Style{LearnedWidth: 1.4 * s, TrueWidth: 4 * s, PointRadius: 1.6 * s, True: TrueColour}
	if present {
		st.LearnedWidth *= PresentWeight
		st.TrueWidth *= PresentWeight
		st.PointRadius *= PresentWeight
		st.True.A = 0xd8
	}
	return st
}

// RenderLayers draws the layers of a completed grid for a w×h pixel plot at
// once (a LayerJob run to its end); points are full states (projected onto
// the grid's plane).
func RenderLayers(g *Grid, points [][]float64, sampling *Sampling, w, h int, st Style) *Layers {
	j := &LayerJob{G: g, Pts: points, Sampling: sampling, W: w, H: h, St: st}
	for !j.Step() {
	}
	return j.L
}

func errorImage(g *Grid, spread float64) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, g.NX, g.NY))
	for j := 0; j < g.NY; j++ {
		for i := 0; i < g.NX; i++ {
			k := j*g.NX + i
			e := math.Abs(g.Learned[k]-g.True[k]) / spread
			c := ErrorColour(e)
			// premultiply
			a := float64(c.A) / 255
			o := img.PixOffset(i, g.NY-1-j)
			img.Pix[o+0] = uint8(float64(c.R)*a + 0.5)
			img.Pix[o+1] = uint8(float64(c.G)*a + 0.5)
			img.Pix[o+2] = uint8(float64(c.B)*a + 0.5)
			img.Pix[o+3] = c.A
		}
	}
	return img
}

func contourImage(g *Grid, f []float64, levels []float64, w, h int, width float64, c color.NRGBA) *image.RGBA {
	m := NewMask(w, h)
	sx := float64(w) / float64(g.NX-1)
	sy := float64(h) / float64(g.NY-1)
	var segs []Segment
	for _, lv := range levels {
		segs = Contour(segs[:0], f, g.NX, g.NY, lv)
		for _, s := range segs {
			m.Line(s.X0*sx, float64(h)-s.Y0*sy, s.X1*sx, float64(h)-s.Y1*sy, width)
		}
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	m.Paint(img, c)
	return img
}

func pointsImage(p Plane, points [][]float64, w, h int, r float64, c color.NRGBA) *image.RGBA {
	m := NewMask(w, h)
	f := FrameOf(p, 0, 0, float64(w), float64(h))
	for _, x := range points {
		if len(x) != len(p.Base) {
			continue
		}
		u, v := p.Project(x)
		px, py := f.ToPx(u, v)
		m.Disc(px, py, r)
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	m.Paint(img, c)
	return img
}

// LayerJob renders the layers of a grid one per Step (four, five with a
// sampling layer), so that no single frame pays for all of them.
type LayerJob struct {
	G        *Grid
	Pts      [][]float64
	Sampling *Sampling // nil: no sampling layer
	W, H     int
	St       Style
	L        *Layers
	stage    int
}

// Step renders the next layer and reports whether all are done.
func (j *LayerJob) Step() bool {
	g := j.G
	switch j.stage {
	case 0:
		lo, hi := Range(g.True, 0.02)
		j.L = &Layers{Levels: Levels(lo, hi, ContourCount), Spread: hi - lo}
		j.L.Error = errorImage(g, j.L.Spread)
	case 1:
		j.L.True = contourImage(g, g.True, j.L.Levels, j.W, j.H, j.St.TrueWidth, j.St.True)
	case 2:
		j.L.Learned = contourImage(g, g.Learned, j.L.Levels, j.W, j.H, j.St.LearnedWidth, LearnedColour)
	case 3:
		j.L.Points = pointsImage(g.Plane, j.Pts, j.W, j.H, j.St.PointRadius, PointColour)
	case 4:
		if j.Sampling != nil {
			j.L.Sampling, j.L.Neurons, j.L.Pairs = samplingImage(g.Plane, j.Sampling, j.W, j.H, j.St)
		}
	}
	j.stage++
	return j.stage >= 5 || j.stage == 4 && j.Sampling == nil
}

// Ticks returns "nice" tick values (1, 2 or 5 × 10^k apart) inside [lo, hi],
// about n of them.
func Ticks(lo, hi float64, n int) []float64 {
	if !(hi > lo) || n < 1 {
		return nil
	}
	raw := (hi - lo) / float64(n)
	e := math.Pow(10, math.Floor(math.Log10(raw)))
	step, best := e, math.Inf(1)
	for _, m := range []float64{1, 2, 5, 10} {
		c := (hi - lo) / (m * e)
		if d := math.Abs(c - float64(n)); d < best {
			step, best = m*e, d
		}
	}
	var t []float64
	for v := math.Ceil(lo/step) * step; v <= hi+step*1e-9; v += step {
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		t = append(t, v)
	}
	return t
}
