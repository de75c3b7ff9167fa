package world

import (
	"image/color"
	"math"
)

// Palette of the page: calm on white, readable on a projector, and the
// trajectory colours are the Okabe–Ito set, distinguishable with the common
// colour-vision deficiencies.
var (
	Background    = color.NRGBA{0xfb, 0xfa, 0xf7, 0xff}
	Ink           = color.NRGBA{0x22, 0x2b, 0x36, 0xff}
	LearnedColour = color.NRGBA{0x1d, 0x3f, 0x6e, 0xff} // level sets of Ĥ: dark blue, thin
	TrueColour    = color.NRGBA{0xe8, 0xa8, 0x3a, 0xa0} // level sets of H: wide amber band beneath
	PointColour   = color.NRGBA{0x55, 0x5f, 0x6b, 0x90}
	BoxColour     = color.NRGBA{0x8a, 0x94, 0x9e, 0xff}
	FieldColour   = color.NRGBA{0x3c, 0x7d, 0xa8, 0xff}
)

// Trajectory colours (Okabe–Ito without yellow, which vanishes on white).
var TrajectoryColours = []color.NRGBA{
	{0xd5, 0x5e, 0x00, 0xff}, // vermillion
	{0x00, 0x72, 0xb2, 0xff}, // blue
	{0x00, 0x9e, 0x73, 0xff}, // bluish green
	{0xcc, 0x79, 0xa7, 0xff}, // reddish purple
	{0xe6, 0x9f, 0x00, 0xff}, // orange
	{0x56, 0xb4, 0xe9, 0xff}, // sky blue
	{0x33, 0x33, 0x33, 0xff}, // near black
}

// ErrorStops is the heat map of |Ĥ − H|: white-transparent for tiny errors
// through sand and orange to a deep red, on a logarithmic scale.
var ErrorStops = []color.NRGBA{
	{0xff, 0xff, 0xff, 0x00},
	{0xfd, 0xe7, 0xb0, 0x90},
	{0xf6, 0xa5, 0x5d, 0xc0},
	{0xd9, 0x48, 0x3b, 0xe0},
	{0x7a, 0x10, 0x3a, 0xf0},
}

// Relative error decades mapped onto ErrorStops: |Ĥ − H| / (spread of H)
// of 1e-10 or less is clear, 1e-1 or more is the darkest colour. Fixed, so
// that two fits can be compared by eye.
const (
	ErrorDecadeLo = -10.0
	ErrorDecadeHi = -1.0
)

// Ramp interpolates the colour stops at t ∈ [0, 1] (clamped).
func Ramp(stops []color.NRGBA, t float64) color.NRGBA {
	if math.IsNaN(t) {
		t = 1
	}
	t = math.Max(0, math.Min(1, t))
	f := t * float64(len(stops)-1)
	i := min(int(f), len(stops)-2)
	s := f - float64(i)
	a, b := stops[i], stops[i+1]
	mix := func(x, y uint8) uint8 { return uint8(float64(x)*(1-s) + float64(y)*s + 0.5) }
	return color.NRGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), mix(a.A, b.A)}
}

// ErrorColour returns the heat-map colour of a relative error e ≥ 0.
func ErrorColour(e float64) color.NRGBA {
	if !(e > 0) {
		if math.IsNaN(e) {
			return Ramp(ErrorStops, 1)
		}
		return Ramp(ErrorStops, 0)
	}
	t := (math.Log10(e) - ErrorDecadeLo) / (ErrorDecadeHi - ErrorDecadeLo)
	return Ramp(ErrorStops, t)
}
