package playground_test

import (
	"math"
	"testing"
	"time"

	"hnnplay/wasm/playground"
	"hnnplay/wasm/world"
)

// The grid of a new model fills over several ticks, each within its budget;
// a progress bar shows meanwhile.
func TestGridFillsOverSeveralTicks(t *testing.T) {
	c := &clock{t: time.Unix(1e9, 0), step: time.Millisecond}
	p := playground.New(nil, c.now)
	p.Layout(800, 600, 1)
	p.SetModel(pendulumResult(t))
	g := p.World().Grid
	maxRows := int(playground.GridBudget/c.step) + 1 // the row past the budget finishes
	ticks, rows := 0, 0
	for !g.Done() {
		busy, progress := p.Busy()
		if !busy || progress != float64(rows)/float64(g.NY) {
			t.Fatalf("tick %d: busy %v, progress %v, want %v", ticks, busy, progress, float64(rows)/float64(g.NY))
		}
		p.Update()
		ticks++
		n := int(math.Round(g.Progress()*float64(g.NY))) - rows
		if n < 1 || n > maxRows {
			t.Fatalf("tick %d filled %d rows, want 1 to %d", ticks, n, maxRows)
		}
		rows += n
		if ticks > world.GridSize {
			t.Fatal("the grid does not fill")
		}
	}
	if want := (world.GridSize + maxRows - 1) / maxRows; ticks != want {
		t.Fatalf("filled in %d ticks, want %d", ticks, want)
	}
	if busy, _ := p.Busy(); busy {
		t.Fatal("busy after the grid")
	}
	p.SetTraining(true)
	if busy, progress := p.Busy(); !busy || progress >= 0 {
		t.Fatalf("training: busy %v, progress %v", busy, progress)
	}
}

// Trajectories advance as far as the budget allows; the lag says how far.
func TestTickRespectsTheTimeBudget(t *testing.T) {
	p, _, c := ready(t)
	if err := p.SetSettings(`{"speed": "50"}`); err != nil {
		t.Fatal(err)
	}
	p.Add(0.5, 0)
	p.Update() // time standing still: every step
	tr := p.World().Trajs[0]
	if tr.Steps != 50 || p.World().Lag != 1 {
		t.Fatalf("%d steps, lag %v", tr.Steps, p.World().Lag)
	}
	c.step = time.Millisecond // each reading of the clock 1 ms later
	p.Update()
	n := tr.Steps - 50
	if max := int(playground.TrajBudget/c.step) + 1; n < 1 || n > max {
		t.Fatalf("%d steps in a 1 ms-per-reading tick, want 1 to %d", n, max)
	}
	if lag := p.World().Lag; lag != float64(n)/50 {
		t.Fatalf("lag %v after %d of 50 steps", lag, n)
	}
	var s struct {
		Lag      float64 `json:"lag"`
		UpdateMs float64 `json:"update_ms"`
	}
	decode(t, p.State(), &s)
	if s.Lag != float64(n)/50 {
		t.Fatalf("state().lag %v", s.Lag)
	}
	p.Update()
	decode(t, p.State(), &s)
	if !(s.UpdateMs > 0) {
		t.Fatalf("update_ms %v with a clock that moves", s.UpdateMs)
	}
}

// Paused, a tick steps only after Step, once.
func TestPausedStepsOnce(t *testing.T) {
	p, _, _ := ready(t)
	if err := p.SetSettings(`{"playing": "false"}`); err != nil {
		t.Fatal(err)
	}
	p.Add(0.5, 0)
	tr := p.World().Trajs[0]
	p.Update()
	p.Step()
	p.Update()
	p.Update()
	if tr.Steps != 1 {
		t.Fatalf("%d steps", tr.Steps)
	}
}

// The static layers are rendered one per tick after the grid, at the plot's
// size; after a resize the old ones stay until the new ones are ready.
func TestLayersFollowThePlotSize(t *testing.T) {
	c := &clock{t: time.Unix(1e9, 0)} // standing still
	p := playground.New(nil, c.now)
	p.Layout(800, 600, 1)
	p.SetModel(pendulumResult(t))
	p.Update() // the grid (time stands still)
	for i := 0; i < 4; i++ {
		if l, _, _ := p.Layers(); l != nil {
			t.Fatalf("layers after %d ticks", i)
		}
		p.Update()
	}
	l, w, h := p.Layers()
	r := p.Regions().Plot
	if l == nil || w != int(r.W) || h != int(r.H) || l.True.Bounds().Dx() != w {
		t.Fatalf("layers %v at %d×%d, plot %v×%v", l != nil, w, h, r.W, r.H)
	}
	p.Layout(640, 480, 1)
	for i := 0; i < 3; i++ {
		p.Update()
		if l2, w2, _ := p.Layers(); l2 != l || w2 != w {
			t.Fatalf("tick %d after the resize: new layers too soon", i)
		}
	}
	p.Update()
	l2, w2, h2 := p.Layers()
	r = p.Regions().Plot
	if l2 == l || w2 != int(r.W) || h2 != int(r.H) {
		t.Fatalf("after a resize: %d×%d, plot %v×%v", w2, h2, r.W, r.H)
	}
}

// Particles come with the field layer, about one per 700 CSS pixels², and
// move while the trajectories do.
func TestParticles(t *testing.T) {
	p, _, _ := ready(t)
	ps := p.Particles()
	r := p.Regions().Plot
	if want := int(math.Min(1500, r.W*r.H/4/700)); ps == nil || len(ps.P) != want {
		t.Fatalf("particles %v, want %d", ps, want)
	}
	u := ps.P[0].U
	p.Update()
	if ps.P[0].U == u && ps.P[0].PU == u {
		t.Fatal("particles do not move")
	}
	if err := p.SetSettings(`{"layers": "learned,true"}`); err != nil {
		t.Fatal(err)
	}
	p.Layout(700, 600, 2)
	p.Update()
	if p.Particles() != nil {
		t.Fatal("particles without the field layer")
	}
}

// The host gets the axis labels when they change, and only then.
func TestLabels(t *testing.T) {
	p, h, _ := ready(t)
	n := len(h.labels)
	if n != 1 {
		t.Fatalf("labels set %d times", n)
	}
	var axes []string
	for _, l := range h.labels[0] {
		if l.Class == "axis" {
			axes = append(axes, l.Text)
		}
	}
	if len(axes) != 2 || axes[0] != "q" || axes[1] != "p" {
		t.Fatalf("axes %q", axes)
	}
	p.Update()
	if len(h.labels) != 1 {
		t.Fatal("unchanged labels set again")
	}
	p.Layout(640, 480, 2)
	p.Update()
	if len(h.labels) != 2 {
		t.Fatal("labels not updated after a resize")
	}
	p.SetModel(zeroResult(t, "henon-heiles"))
	p.Update()
	axes = axes[:0]
	for _, l := range h.labels[len(h.labels)-1] {
		if l.Class == "axis" {
			axes = append(axes, l.Text)
		}
	}
	if len(axes) != 2 || axes[0] != "q₁" || axes[1] != "p₁" {
		t.Fatalf("axes %q", axes)
	}
}

func TestLayoutScale(t *testing.T) {
	p := playground.New(nil, nil)
	if w, h := p.Layout(300.5, 200, 0); w != 301 || h != 200 || p.Scale() != 1 {
		t.Fatalf("%v×%v at scale %v", w, h, p.Scale())
	}
	if w, h := p.Layout(300, 200, 1.5); w != 450 || h != 300 || p.Scale() != 1.5 || p.Regions() != world.Layout(450, 300, 1.5, true, 1) {
		t.Fatalf("%v×%v at scale %v", w, h, p.Scale())
	}
}
