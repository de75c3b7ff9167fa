package playground

import "math"

// Drag spacing: while a pointer drags over the plot, a new trajectory starts
// at most every DragFrames frames and DragCSSPixels CSS pixels apart.
const (
	DragFrames    = 4
	DragCSSPixels = 18
)

type pointer struct {
	x, y  float64 // where the last trajectory of the drag started
	frame int     // and when
}

// PointerDown starts a trajectory where a pointer (mouse, finger, pen) goes
// down on the plot; (x, y) in device pixels. Elsewhere it is ignored.
func (p *Playground) PointerDown(id int, x, y float64) {
	if p.drawing { // a drag draws the data region instead
		p.regionDown(id, x, y)
		p.publish()
		return
	}
	if p.world == nil || !p.regions.Plot.Contains(x, y) {
		return
	}
	p.ptrs[id] = &pointer{x: x, y: y, frame: p.frames}
	p.addAtPixel(x, y)
}

// PointerMove continues a drag of a pointer that went down on the plot: a
// stream of initial conditions along its path (see DragFrames).
func (p *Playground) PointerMove(id int, x, y float64) {
	if p.drag != nil {
		p.regionMove(id, x, y)
		return
	}
	q := p.ptrs[id]
	if q == nil || p.world == nil || !p.regions.Plot.Contains(x, y) {
		return
	}
	if math.Hypot(x-q.x, y-q.y) < DragCSSPixels*p.scale || p.frames-q.frame < DragFrames {
		return
	}
	q.x, q.y, q.frame = x, y, p.frames
	p.addAtPixel(x, y)
}

// PointerUp ends a drag.
func (p *Playground) PointerUp(id int) {
	if p.drag != nil {
		p.regionUp(id)
		p.publish()
	}
	delete(p.ptrs, id)
}

func (p *Playground) addAtPixel(x, y float64) {
	u, v := p.Frame().FromPx(x, y)
	p.addAt(u, v)
}

// addAt starts a trajectory at plane point (u, v), rounded to a thousandth
// of the plot's range, below a pixel: the start reads briefly in a link.
func (p *Playground) addAt(u, v float64) {
	pl := p.world.Plane
	p.world.AddAt(roundTo(u, pl.XHi-pl.XLo), roundTo(v, pl.YHi-pl.YLo))
	p.startsEvent = true
}

// roundTo rounds v to a power of ten about a thousandth of span.
func roundTo(v, span float64) float64 {
	if !(span > 0) {
		return v
	}
	step := math.Pow(10, math.Floor(math.Log10(span))-3)
	return math.Round(v/step) * step
}
