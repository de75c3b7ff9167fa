package playground

import (
	"encoding/json"
	"fmt"
	"math"

	"hnnplay/core/experiment"
	"hnnplay/wasm/protocol"
	"hnnplay/wasm/world"
)

// Drawing the data region (experiment's train_box): in drawing mode
// (SetDrawing) a drag over the plot spans a rectangle in the plotted plane,
// which becomes the training region for the two plotted coordinates, the
// other coordinates keeping the box's range. The host hears its text
// (Host.RegionDrawn) after the next Update, and refits; the mode ends.

// MinRegionCSSPixels is the shortest side of a dragged rectangle, in CSS
// pixels: a shorter drag is taken for a click.
const MinRegionCSSPixels = 6

// regionDrag is the rectangle being dragged, in device pixels.
type regionDrag struct {
	id             int
	x0, y0, x1, y1 float64
}

// SetDrawing switches the drawing mode on or off; off drops a drag in
// progress.
func (p *Playground) SetDrawing(on bool) {
	p.drawing = on
	if !on {
		p.drag = nil
	}
	p.publish()
}

// Drawing reports whether the plot is in drawing mode.
func (p *Playground) Drawing() bool { return p.drawing }

// RegionDrag returns the rectangle being dragged, in device pixels; ok is
// false when none is.
func (p *Playground) RegionDrag() (r world.Rect, ok bool) {
	d := p.drag
	if d == nil {
		return r, false
	}
	return world.Rect{X: math.Min(d.x0, d.x1), Y: math.Min(d.y0, d.y1), W: math.Abs(d.x1 - d.x0), H: math.Abs(d.y1 - d.y0)}, true
}

// DataRegion returns the training region of the model on the plot in the
// plotted plane, [xlo, xhi] × [ylo, yhi]; ok is false when its training
// states fill the box.
func (p *Playground) DataRegion() (xlo, xhi, ylo, yhi float64, ok bool) {
	if p.res == nil || p.world == nil || !p.res.Settings.HasTrainBox() {
		return 0, 0, 0, 0, false
	}
	t, pl := p.res.Settings.TrainBox, p.world.Plane
	return t.Lo[pl.I], t.Hi[pl.I], t.Lo[pl.J], t.Hi[pl.J], true
}

// regionDown starts a rectangle where a pointer goes down on the plot.
func (p *Playground) regionDown(id int, x, y float64) {
	if p.world == nil || !p.regions.Plot.Contains(x, y) {
		return
	}
	p.drag = &regionDrag{id: id, x0: x, y0: y, x1: x, y1: y}
}

// regionMove moves the free corner of the rectangle, kept on the plot.
func (p *Playground) regionMove(id int, x, y float64) {
	d := p.drag
	if d == nil || d.id != id {
		return
	}
	r := p.regions.Plot
	d.x1, d.y1 = math.Min(math.Max(x, r.X), r.X+r.W), math.Min(math.Max(y, r.Y), r.Y+r.H)
}

// regionUp ends the rectangle: a large enough one inside the box becomes
// the training region and ends the mode; a click says how to draw.
func (p *Playground) regionUp(id int) {
	d := p.drag
	if d == nil || d.id != id {
		return
	}
	p.drag = nil
	text, err := p.regionText(d)
	if err != nil {
		p.setStatus("info", err.Error())
		return
	}
	p.drawing = false
	p.regionEvent = text
}

// regionText is the train_box text of a dragged rectangle: its plane
// coordinates rounded to a thousandth of the plot's range and clamped to
// the box, the box's range in the other coordinates.
func (p *Playground) regionText(d *regionDrag) (string, error) {
	min := MinRegionCSSPixels * p.scale
	if math.Abs(d.x1-d.x0) < min || math.Abs(d.y1-d.y0) < min {
		return "", fmt.Errorf("Drag across the plot to draw the data region: press, move and release (Escape leaves drawing).")
	}
	f, pl, b := p.Frame(), p.world.Plane, p.world.Box
	u0, v0 := f.FromPx(d.x0, d.y0)
	u1, v1 := f.FromPx(d.x1, d.y1)
	t := b.Clone()
	for _, c := range []struct {
		i      int
		a, b   float64
		lo, hi float64
	}{{pl.I, u0, u1, pl.XLo, pl.XHi}, {pl.J, v0, v1, pl.YLo, pl.YHi}} {
		lo := math.Max(roundTo(math.Min(c.a, c.b), c.hi-c.lo), b.Lo[c.i])
		hi := math.Min(roundTo(math.Max(c.a, c.b), c.hi-c.lo), b.Hi[c.i])
		if !(hi-lo >= experiment.MinTrainWidth*(b.Hi[c.i]-b.Lo[c.i])) {
			return "", fmt.Errorf("The rectangle must overlap the box (dashed), from which the data come: draw it inside.")
		}
		t.Lo[c.i], t.Hi[c.i] = lo, hi
	}
	return experiment.FormatBox(t), nil
}

// regionErrors reads the fit's errors of H inside the training region and
// outside it from the report of r (experiment.Result's JSON); ok is false
// without a region or when either part has no test states.
func regionErrors(r *protocol.Result) (inside, outside float64, ok bool) {
	var rep struct {
		Inside, Outside *struct {
			H *float64 `json:"rel_l2_H"`
		}
	}
	if json.Unmarshal(r.Fit, &rep) != nil || rep.Inside == nil || rep.Outside == nil || rep.Inside.H == nil || rep.Outside.H == nil {
		return 0, 0, false
	}
	return *rep.Inside.H, *rep.Outside.H, true
}

// regionMessage is the sentence of the status line on a model trained in a
// region, " Error of H inside the data region 1.2e-06, outside 8.4e-01.";
// "" without one.
func regionMessage(r *protocol.Result) string {
	in, out, ok := regionErrors(r)
	if !ok {
		return ""
	}
	return fmt.Sprintf(" Error of H inside the data region %.1e, outside %.1e.", in, out)
}

// regionLabels is the caption of the data region, "training data", inside
// its top left corner (CSS pixels); none without a region.
func (p *Playground) regionLabels() []world.Label {
	xlo, _, _, yhi, ok := p.DataRegion()
	if !ok {
		return nil
	}
	x, y := p.Frame().ToPx(xlo, yhi)
	s := p.scale
	css := func(v float64) float64 { return math.Round(v/s*10) / 10 }
	return []world.Label{{Text: "training data", X: css(x + 4*s), Y: css(y + 3*s), Align: "left", Class: "region"}}
}
