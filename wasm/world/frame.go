package world

import (
	"hnnplay/core/system"
)

// Plane is the 2-d section of phase space that is drawn: coordinate I of the
// state runs horizontally, coordinate J vertically, and every other coordinate
// is fixed at its value in Base. For a 1-dof system I = 0 (q), J = 1 (p) and
// Base has no free entries.
type Plane struct {
	I, J int
	Base []float64 // a full state; Base[I] and Base[J] are ignored
	// Window in plane coordinates: [XLo, XHi] × [YLo, YHi].
	XLo, XHi, YLo, YHi float64
}

// Pad is the fraction of the box's extent shown beyond it on every side, so
// one sees how the learned Ĥ extrapolates.
const Pad = 0.08

// NewPlane returns the plane of (q₁, p₁) through base, showing box padded by Pad.
func NewPlane(box system.Box, base []float64) Plane {
	d := len(box.Lo) / 2
	p := Plane{I: 0, J: d, Base: append([]float64(nil), base...)}
	wx := box.Hi[p.I] - box.Lo[p.I]
	wy := box.Hi[p.J] - box.Lo[p.J]
	p.XLo, p.XHi = box.Lo[p.I]-Pad*wx, box.Hi[p.I]+Pad*wx
	p.YLo, p.YHi = box.Lo[p.J]-Pad*wy, box.Hi[p.J]+Pad*wy
	return p
}

// Lift writes into dst (len of Base) the state on the plane at (u, v).
func (p Plane) Lift(dst []float64, u, v float64) {
	copy(dst, p.Base)
	dst[p.I], dst[p.J] = u, v
}

// Project returns the plane coordinates of a state.
func (p Plane) Project(x []float64) (u, v float64) { return x[p.I], x[p.J] }

// Velocity returns the plane components of ẋ = J∇H given ∇H = g:
// for a q coordinate k < d, q̇_k = ∂H/∂p_k; for p_k, ṗ_k = −∂H/∂q_k.
func (p Plane) Velocity(g []float64) (du, dv float64) {
	return xdot(g, p.I), xdot(g, p.J)
}

func xdot(g []float64, k int) float64 {
	d := len(g) / 2
	if k < d {
		return g[d+k]
	}
	return -g[k-d]
}

// Frame maps plane coordinates to pixels: the window of Plane onto the
// rectangle with top-left (X0, Y0) and size W×H, v growing upwards.
type Frame struct {
	X0, Y0, W, H       float64
	XLo, XHi, YLo, YHi float64
}

// FrameOf returns the frame of plane p on the pixel rectangle (x0, y0, w, h).
func FrameOf(p Plane, x0, y0, w, h float64) Frame {
	return Frame{X0: x0, Y0: y0, W: w, H: h, XLo: p.XLo, XHi: p.XHi, YLo: p.YLo, YHi: p.YHi}
}

// ToPx returns the pixel position of (u, v).
func (f Frame) ToPx(u, v float64) (x, y float64) {
	x = f.X0 + (u-f.XLo)/(f.XHi-f.XLo)*f.W
	y = f.Y0 + (1-(v-f.YLo)/(f.YHi-f.YLo))*f.H
	return x, y
}

// FromPx returns the plane coordinates of pixel position (x, y).
func (f Frame) FromPx(x, y float64) (u, v float64) {
	u = f.XLo + (x-f.X0)/f.W*(f.XHi-f.XLo)
	v = f.YLo + (1-(y-f.Y0)/f.H)*(f.YHi-f.YLo)
	return u, v
}

// Contains reports whether pixel (x, y) lies inside the frame's rectangle.
func (f Frame) Contains(x, y float64) bool {
	return x >= f.X0 && x <= f.X0+f.W && y >= f.Y0 && y <= f.Y0+f.H
}

// Scale returns the pixels per unit along u and v.
func (f Frame) Scale() (sx, sy float64) {
	return f.W / (f.XHi - f.XLo), f.H / (f.YHi - f.YLo)
}
