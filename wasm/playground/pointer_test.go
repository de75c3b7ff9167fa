package playground_test

import (
	"math"
	"testing"

	"hnnplay/wasm/playground"
	"hnnplay/wasm/world"
)

// The plane coordinates of a pixel, computed from the layout and the
// training box rather than through the playground's frame.
func TestPointerDownStartsAtPlaneCoordinates(t *testing.T) {
	p, _, _ := ready(t)
	if w, h := p.Size(); w != 1600 || h != 1200 {
		t.Fatalf("canvas %v×%v device pixels, want 1600×1200", w, h)
	}
	plot := world.Layout(1600, 1200, 2, true, 1).Plot
	if p.Regions().Plot != plot {
		t.Fatalf("plot %+v, want %+v", p.Regions().Plot, plot)
	}
	box := p.World().Box
	wq, wp := box.Hi[0]-box.Lo[0], box.Hi[1]-box.Lo[1]
	qlo, qhi := box.Lo[0]-world.Pad*wq, box.Hi[0]+world.Pad*wq
	plo, phi := box.Lo[1]-world.Pad*wp, box.Hi[1]+world.Pad*wp

	// a quarter across, a quarter up from the bottom
	p.PointerDown(7, plot.X+0.25*plot.W, plot.Y+0.75*plot.H)
	w := p.World()
	if len(w.Trajs) != 1 {
		t.Fatalf("%d trajectories after a press on the plot", len(w.Trajs))
	}
	// rounded to a thousandth of the plot's range, below a pixel
	q, mom := w.Trajs[0].X0[0], w.Trajs[0].X0[1]
	if wantQ, wantP := qlo+0.25*(qhi-qlo), plo+0.25*(phi-plo); math.Abs(q-wantQ) > 0.005*(qhi-qlo)/10 || math.Abs(mom-wantP) > 0.005*(phi-plo)/10 ||
		q*100 != math.Round(q*100) || mom*1000 != math.Round(mom*1000) {
		t.Fatalf("started at (%v, %v), want (%v, %v)", q, mom, wantQ, wantP)
	}
	p.PointerUp(7)

	// outside the plot: the left margin, the energy panel, off the canvas
	e := p.Regions().Energy
	for _, at := range [][2]float64{{plot.X - 2, plot.Y + 10}, {e.X + e.W/2, e.Y + e.H/2}, {-5, -5}} {
		p.PointerDown(1, at[0], at[1])
		p.PointerMove(1, plot.X+plot.W/2, plot.Y+plot.H/2) // no drag without a press on the plot
		frames(p, 10)
		p.PointerMove(1, plot.X+plot.W/3, plot.Y+plot.H/3)
		p.PointerUp(1)
	}
	if n := len(w.Trajs); n != 1 {
		t.Fatalf("%d trajectories after presses outside the plot", n)
	}
}

func TestPointerWithoutModel(t *testing.T) {
	p := playground.New(nil, nil)
	p.Layout(800, 600, 1)
	r := p.Regions().Plot
	p.PointerDown(1, r.X+r.W/2, r.Y+r.H/2)
	p.PointerMove(1, r.X+r.W/3, r.Y+r.H/3)
	p.PointerUp(1)
	if p.World() != nil {
		t.Fatal("a world without a model")
	}
}

// A drag adds a start only DragFrames frames and DragCSSPixels CSS pixels
// after the last one.
func TestDragSpacing(t *testing.T) {
	p, _, _ := ready(t)
	const s = 2 // device scale
	r := p.Regions().Plot
	x, y := r.X+r.W/4, r.Y+r.H/2
	w := p.World()
	p.PointerDown(3, x, y)
	count := func(want int, what string) {
		t.Helper()
		if len(w.Trajs) != want {
			t.Fatalf("%s: %d trajectories, want %d", what, len(w.Trajs), want)
		}
	}
	count(1, "press")
	frames(p, playground.DragFrames+1)
	p.PointerMove(3, x+(playground.DragCSSPixels-1)*s, y)
	count(1, "too near")
	x += playground.DragCSSPixels * s
	p.PointerMove(3, x, y)
	count(2, "far enough, late enough")
	frames(p, playground.DragFrames-1)
	p.PointerMove(3, x+3*playground.DragCSSPixels*s, y)
	count(2, "too soon")
	frames(p, 1)
	x += 3 * playground.DragCSSPixels * s
	p.PointerMove(3, x, y)
	count(3, "far enough, DragFrames later")
	frames(p, playground.DragFrames)
	p.PointerMove(3, r.X+r.W+10, y) // off the plot
	count(3, "off the plot")

	// a second finger drags on its own
	p.PointerDown(4, r.X+10, r.Y+10)
	count(4, "second pointer")
	frames(p, playground.DragFrames)
	p.PointerMove(4, r.X+10, r.Y+10+playground.DragCSSPixels*s)
	count(5, "second pointer's drag")

	p.PointerUp(3)
	p.PointerUp(4)
	frames(p, playground.DragFrames)
	p.PointerMove(3, r.X+r.W/2, r.Y+r.H/4)
	count(5, "moves after the release")

	// the new starts lie on the path
	for i, tr := range w.Trajs[:3] {
		u, _ := p.Frame().ToPx(tr.X0[0], tr.X0[1])
		want := r.X + r.W/4 + []float64{0, 1, 4}[i]*playground.DragCSSPixels*s
		if math.Abs(u-want) > 1 { // starts are rounded below a pixel

			t.Errorf("start %d at x = %v px, want %v", i, u, want)
		}
	}
}
