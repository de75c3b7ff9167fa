package playground_test

import (
	"math"
	"strings"
	"testing"

	"hnnplay/core/experiment"
	"hnnplay/wasm/playground"
	"hnnplay/wasm/protocol"
	"hnnplay/wasm/world"
)

// In drawing mode a drag spans the training region: its corners' plane
// coordinates, computed here from the layout and the box rather than
// through the playground's frame, for the plotted coordinates; the mode
// ends, no trajectory starts, and the host hears the text after the tick.
func TestDrawRegion(t *testing.T) {
	p, h, _ := ready(t)
	p.SetDrawing(true)
	var st struct {
		Drawing bool   `json:"drawing"`
		Region  string `json:"region"`
	}
	decode(t, p.State(), &st)
	if !st.Drawing || st.Region != "" {
		t.Fatalf("state after SetDrawing(true): %+v", st)
	}
	plot := world.Layout(1600, 1200, 2, true, 1).Plot
	box := p.World().Box
	wq, wp := box.Hi[0]-box.Lo[0], box.Hi[1]-box.Lo[1]
	qlo, qhi := box.Lo[0]-world.Pad*wq, box.Hi[0]+world.Pad*wq
	plo, phi := box.Lo[1]-world.Pad*wp, box.Hi[1]+world.Pad*wp

	// from 30 % across and 70 % down to 60 % across and 40 % down
	p.PointerDown(3, plot.X+0.3*plot.W, plot.Y+0.7*plot.H)
	for i := 1; i <= 5; i++ {
		frames(p, 5)
		p.PointerMove(3, plot.X+(0.3+0.06*float64(i))*plot.W, plot.Y+(0.7-0.06*float64(i))*plot.H)
	}
	p.PointerUp(3)
	if len(h.regions) != 0 {
		t.Fatal("the host heard the region before the tick")
	}
	p.Update()
	if len(h.regions) != 1 {
		t.Fatalf("the host heard %d regions, want 1", len(h.regions))
	}
	if n := len(p.World().Trajs); n != 0 {
		t.Errorf("a drag in drawing mode started %d trajectories", n)
	}
	got, err := experiment.ParseBox(h.regions[0], 2)
	if err != nil {
		t.Fatalf("%q: %v", h.regions[0], err)
	}
	want := [4]float64{qlo + 0.3*(qhi-qlo), qlo + 0.6*(qhi-qlo), phi - 0.7*(phi-plo), phi - 0.4*(phi-plo)}
	for i, v := range []float64{got.Lo[0], got.Hi[0], got.Lo[1], got.Hi[1]} {
		span := qhi - qlo
		if i >= 2 {
			span = phi - plo
		}
		if math.Abs(v-want[i]) > 0.001*span {
			t.Errorf("region %q: bound %d is %v, want %v (within a thousandth of the range)", h.regions[0], i, v, want[i])
		}
	}
	decode(t, p.State(), &st)
	if st.Drawing || p.Drawing() {
		t.Error("the drawing mode stays on after a region is drawn")
	}

	// a drag beyond the box is clamped to it, bit for bit; the other way round too
	p.SetDrawing(true)
	p.PointerDown(4, plot.X+plot.W-1, plot.Y+1)
	p.PointerMove(4, plot.X+0.5*plot.W, plot.Y+0.5*plot.H)
	p.PointerUp(4)
	p.Update()
	if len(h.regions) != 2 {
		t.Fatalf("the host heard %d regions, want 2", len(h.regions))
	}
	got, _ = experiment.ParseBox(h.regions[1], 2)
	if got.Hi[0] != box.Hi[0] || got.Hi[1] != box.Hi[1] || math.Abs(got.Lo[0]-(qlo+qhi)/2) > 0.001*(qhi-qlo) {
		t.Errorf("a drag to the corner gives %q, want the box's upper bounds %v, %v", h.regions[1], box.Hi[0], box.Hi[1])
	}

	// a click is no region: the mode stays and the status says how
	p.SetDrawing(true)
	p.PointerDown(5, plot.X+0.5*plot.W, plot.Y+0.5*plot.H)
	p.PointerUp(5)
	p.Update()
	if len(h.regions) != 2 || !p.Drawing() || !strings.Contains(h.last(), "Drag across the plot") {
		t.Errorf("after a click: %d regions, drawing %v, status %q", len(h.regions), p.Drawing(), h.last())
	}
	// a drag outside the box (in the margin) is none either
	p.PointerDown(6, plot.X+1, plot.Y+1)
	p.PointerMove(6, plot.X+0.02*plot.W, plot.Y+0.2*plot.H)
	p.PointerUp(6)
	p.Update()
	if len(h.regions) != 2 || !strings.Contains(h.last(), "overlap the box") {
		t.Errorf("after a drag in the margin: %d regions, status %q", len(h.regions), h.last())
	}
	// leaving the mode mid-drag drops the drag; a press then starts a trajectory
	p.PointerDown(7, plot.X+0.3*plot.W, plot.Y+0.3*plot.H)
	p.PointerMove(7, plot.X+0.6*plot.W, plot.Y+0.6*plot.H)
	if _, ok := p.RegionDrag(); !ok {
		t.Error("no rectangle while dragging")
	}
	p.SetDrawing(false)
	p.PointerUp(7)
	p.Update()
	if _, ok := p.RegionDrag(); ok || len(h.regions) != 2 {
		t.Errorf("leaving the mode kept the drag: %d regions", len(h.regions))
	}
	p.PointerDown(8, plot.X+0.3*plot.W, plot.Y+0.3*plot.H)
	p.PointerUp(8)
	if n := len(p.World().Trajs); n != 1 {
		t.Errorf("a press after leaving the mode started %d trajectories, want 1", n)
	}
}

// A model trained in a region shows it: DataRegion is its train_box in the
// plane, a label captions it, the status gives the errors inside and
// outside, state().region its text.
func TestModelRegion(t *testing.T) {
	r := pendulumReply(t)
	r.Values["train_box"] = "-2,1,-0.5,1.5"
	r.Fit = protocol.JSONText(`{"fit_seconds": 0.25, "rank": 19, "rel_l2_H": 0.5, "rel_l2_grad": 0.7,
		"inside": {"points": 100, "rel_l2_H": 2.5e-6, "rel_l2_grad": 1e-5, "rel_l2_xdot": 1e-5},
		"outside": {"points": 1900, "rel_l2_H": 0.61, "rel_l2_grad": 0.8, "rel_l2_xdot": 0.8}}`)
	h := &recorder{}
	p := playground.New(h, nil)
	p.Layout(800, 600, 2)
	p.SetModel(result(t, r))
	drawn(t, p)
	xlo, xhi, ylo, yhi, ok := p.DataRegion()
	if !ok || xlo != -2 || xhi != 1 || ylo != -0.5 || yhi != 1.5 {
		t.Errorf("DataRegion = %v, %v, %v, %v, %v", xlo, xhi, ylo, yhi, ok)
	}
	if !strings.Contains(h.last(), "Error of H inside the data region 2.5e-06, outside 6.1e-01.") {
		t.Errorf("status %q lacks the errors inside and outside", h.last())
	}
	var st struct {
		Region string `json:"region"`
	}
	decode(t, p.State(), &st)
	if st.Region != "-2,1,-0.5,1.5" {
		t.Errorf("state().region = %q", st.Region)
	}
	labels := h.labels[len(h.labels)-1]
	found := false
	for _, l := range labels {
		if l.Text == "training data" {
			found = true
			x, y := p.Frame().ToPx(-2, 1.5)
			if math.Abs(l.X-(x/2+4)) > 0.1 || math.Abs(l.Y-(y/2+3)) > 0.1 {
				t.Errorf("the caption is at (%v, %v), want inside the corner (%v, %v)", l.X, l.Y, x/2, y/2)
			}
		}
	}
	if !found {
		t.Errorf("no caption among %v", labels)
	}
	// without a region: none of it
	p2, h2, _ := ready(t)
	if _, _, _, _, ok := p2.DataRegion(); ok || strings.Contains(h2.last(), "inside") {
		t.Errorf("a model without a region shows one (status %q)", h2.last())
	}
}
