package playground

import (
	"math"

	"hnnplay/wasm/world"
)

// Geometry of the drawing that does not need a GPU: which points of a trail
// are stroked, where the dots of a dotted line and the dashes of a dashed
// one go, where a drift lies on the energy panel. The app turns what these
// emit into triangles.

// Polyline decimates a stream of points and cuts it into runs: at jumps (a
// trajectory wrapping far away) and, for dashed lines, every dash length of
// arc, every other run being a gap. emit receives each run to stroke; its
// slices are reused after it returns.
type Polyline struct {
	xs, ys []float64
	dash   float64
	run    float64 // arc length in the current dash
	on     bool
}

// Reset starts a new line, dashed with dash-long runs if dash > 0.
func (p *Polyline) Reset(dash float64) {
	p.xs, p.ys = p.xs[:0], p.ys[:0]
	p.dash, p.run, p.on = dash, 0, true
}

// Flush emits the run being built, if it is a dash (not a gap) of at least
// two points, and starts the next.
func (p *Polyline) Flush(emit func(xs, ys []float64)) {
	if p.on && len(p.xs) >= 2 {
		emit(p.xs, p.ys)
	}
	p.xs, p.ys = p.xs[:0], p.ys[:0]
}

// Add appends point (x, y). A point closer than minStep to the last one kept
// is skipped unless it is the last of the line; a step longer than jump
// ends the run.
func (p *Polyline) Add(x, y, minStep, jump float64, last bool, emit func(xs, ys []float64)) {
	if k := len(p.xs); k > 0 {
		d := math.Hypot(x-p.xs[k-1], y-p.ys[k-1])
		if d > jump {
			p.Flush(emit)
		} else if d < minStep && !last {
			return
		} else if p.dash > 0 {
			p.run += d
			if p.run >= p.dash {
				p.xs, p.ys = append(p.xs, x), append(p.ys, y)
				p.Flush(emit)
				p.run = 0
				p.on = !p.on
			}
		}
	}
	p.xs, p.ys = append(p.xs, x), append(p.ys, y)
}

// Dots places the dots of a dotted line through n points (at(i) is point i):
// one every spacing of arc length, starting at the first point, emitting
// each dot's centre. A step longer than jump (a trajectory wrapping far
// away) or not a number restarts the spacing at its end.
func Dots(n int, at func(i int) (x, y float64), spacing, jump float64, dot func(x, y float64)) {
	if n < 1 {
		return
	}
	px, py := at(0)
	left := 0.0 // arc length until the next dot
	for i := 1; i < n; i++ {
		x, y := at(i)
		d := math.Hypot(x-px, y-py)
		if d > jump || math.IsNaN(d) {
			px, py, left = x, y, 0
			continue
		}
		for left <= d {
			t := left / math.Max(d, 1e-12)
			dot(px+(x-px)*t, py+(y-py)*t)
			left += spacing
		}
		left -= d
		px, py = x, y
	}
}

// Dashes cuts the segment from (ax, ay) to (bx, by) into whole pieces about
// length long and emits every other one, the first included.
func Dashes(ax, ay, bx, by, length float64, seg func(x0, y0, x1, y1 float64)) {
	l := math.Hypot(bx-ax, by-ay)
	n := int(l / length)
	for k := 0; k < n; k += 2 {
		t0, t1 := float64(k)/float64(n), float64(k+1)/float64(n)
		seg(ax+(bx-ax)*t0, ay+(by-ay)*t0, ax+(bx-ax)*t1, ay+(by-ay)*t1)
	}
}

// EnergyLog maps a relative drift to the energy panel's log scale, clamped
// to [world.EnergyDecadeLo, world.EnergyDecadeHi].
func EnergyLog(d float64) float64 {
	if !(d > 0) {
		return world.EnergyDecadeLo
	}
	return math.Max(world.EnergyDecadeLo, math.Min(world.EnergyDecadeHi, math.Log10(d)))
}

// EnergyY returns the height in panel e of decade l (log10 of a drift):
// EnergyDecadeHi at the top, EnergyDecadeLo at the bottom.
func EnergyY(e world.Rect, l float64) float64 {
	return e.Y + (world.EnergyDecadeHi-l)/(world.EnergyDecadeHi-world.EnergyDecadeLo)*e.H
}
