package playground_test

import (
	"encoding/json"
	"strings"
	"testing"

	"hnnplay/core/hnn"
	"hnnplay/wasm/playground"
)

// A new model of the same system adopts the trajectories: the same starts,
// restarted; the page hears of the model after the next tick has published.
func TestSetModelSameSystemRestartsTrajectories(t *testing.T) {
	p, h, _ := ready(t)
	p.Add(0.5, 0)
	p.Add(-1, 0.5)
	p.Add(2, -1)
	for i := 0; i < 5; i++ {
		p.Update()
	}
	old := p.World()
	before := starts(old)
	if old.Trajs[0].Steps == 0 {
		t.Fatal("trajectories did not move")
	}
	models := h.models
	p.SetModel(pendulumResult(t))
	w := p.World()
	if w == old {
		t.Fatal("the world was not replaced")
	}
	if got := starts(w); got != before {
		t.Fatalf("starts %s, want %s", got, before)
	}
	for _, tr := range w.Trajs {
		if tr.Steps != 0 || tr.Trail.Len() != 1 {
			t.Fatalf("trajectory %d not restarted: %d steps", tr.ID, tr.Steps)
		}
	}
	// "Drawing" until the new level sets are drawn, then the fit's summary
	if got := h.last(); got != "busy: Drawing the level sets of the new model…" {
		t.Fatalf("status %q while the level sets are computed", got)
	}
	if h.models != models {
		t.Fatal("ModelChanged before the tick")
	}
	if l, _, _ := p.Layers(); l != nil {
		t.Fatal("the old model's layers are still current")
	}
	if p.Particles() != nil {
		t.Fatal("the old model's particles remain")
	}
	p.Update()
	p.Update()
	if h.models != models+1 {
		t.Fatalf("ModelChanged %d times, want once", h.models-models)
	}
	drawn(t, p)
	if got, want := h.last(), "ok: Trained in 0.25 s (width 20, 200 points, A-SWIM): relative test error of H 1.5e-03, of ∇H 2.5e-02."+
		" 3 trajectories restarted with the new model."; got != want {
		t.Fatalf("status %q,\nwant %q", got, want)
	}
}

func TestSetModelOtherSystemStartsEmpty(t *testing.T) {
	p, h, _ := ready(t)
	p.Add(0.5, 0)
	p.SetModel(zeroResult(t, "henon-heiles"))
	if n := len(p.World().Trajs); n != 0 {
		t.Fatalf("%d trajectories carried over to another system", n)
	}
	drawn(t, p)
	if got, want := h.last(), "ok: Trained in 0.25 s (width 3, 200 points, A-SWIM): relative test error of H 1.5e-03, of ∇H 2.5e-02."+
		" Click or drag on the plot to start trajectories."; got != want {
		t.Fatalf("status %q,\nwant %q", got, want)
	}
}

func TestSetModelJSON(t *testing.T) {
	h := &recorder{}
	p := playground.New(h, nil)
	p.SetTraining(true)
	err := p.SetModelJSON(`{"type": "result", "error": "the fit failed: singular"}`, "")
	if err == nil || err.Error() != "the fit failed: singular" {
		t.Fatalf("error %v", err)
	}
	if p.Training() || h.last() != "error: The fit failed: singular" || stateError(t, p) != "The fit failed: singular" {
		t.Fatalf("training %v, status %q, state().error %q", p.Training(), h.last(), stateError(t, p))
	}

	reply, err := json.Marshal(pendulumReply(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := p.SetModelJSON(string(reply), ""); err != nil {
		t.Fatal(err)
	}
	drawn(t, p)
	if p.World() == nil || !strings.HasPrefix(h.last(), "ok: ") || stateError(t, p) != "" {
		t.Fatalf("world %v, status %q", p.World(), h.last())
	}
	// a note replaces the summary, as an error
	if err := p.SetModelJSON(string(reply), "the link's width was replaced by 200"); err != nil {
		t.Fatal(err)
	}
	if h.last() != "error: The link's width was replaced by 200" || stateError(t, p) != "The link's width was replaced by 200" {
		t.Fatalf("status %q", h.last())
	}
}

func TestSetCompare(t *testing.T) {
	if err := playground.New(nil, nil).SetCompare(hnn.New(2, 3)); err == nil {
		t.Fatal("a comparison model without a model")
	}
	p, h, _ := ready(t)
	if err := p.SetCompare(hnn.New(4, 3)); err == nil || !strings.Contains(err.Error(), "input dimension 4") {
		t.Fatalf("error %v", err)
	}
	p.Add(0.5, 0)
	adam := pendulumReply(t).Model
	text, _ := json.Marshal(adam)
	if err := p.SetCompareJSON(string(text)); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		p.Update()
	}
	var s playground.Snapshot
	if err := json.Unmarshal([]byte(p.State()), &s); err != nil {
		t.Fatal(err)
	}
	if c := s.Compare; !c.Model || c.Width != 20 || c.Trajectories != 1 || c.Steps != s.Steps || c.Behind != 0 {
		t.Fatalf("compare %+v, learned steps %d", c, s.Steps)
	}
	title := ""
	for _, l := range h.labels[len(h.labels)-1] {
		if l.Class == "title" {
			title = l.Text
		}
	}
	if !strings.HasSuffix(title, ", dotted = Adam's network") {
		t.Fatalf("energy panel title %q", title)
	}
	if err := p.SetCompareJSON("{"); err == nil || !strings.HasPrefix(err.Error(), "cannot read the comparison model: ") {
		t.Fatalf("error %v", err)
	}
	if err := p.SetCompareJSON("null"); err != nil {
		t.Fatal(err)
	}
	if p.World().Compare != nil || strings.Contains(p.State(), `"model":true`) {
		t.Fatal("the comparison model stayed")
	}
	// a new model removes it too
	if err := p.SetCompareJSON(string(text)); err != nil {
		t.Fatal(err)
	}
	p.SetModel(pendulumResult(t))
	if p.World().Compare != nil {
		t.Fatal("the comparison model survived a new model")
	}
}

// ApplyView reaches the world: integrator, step size, section.
func TestApplyView(t *testing.T) {
	p, _, _ := ready(t)
	if err := p.SetSettings(`{"integrator": "gauss4", "step": "0.02", "speed": "7"}`); err != nil {
		t.Fatal(err)
	}
	w := p.World()
	if l, tr := w.Methods(); w.Integrator != "gauss4" || l != "gauss4" || tr != "gauss4" || w.StepSize != 0.02 {
		t.Fatalf("integrator %s (%s, %s), step %v", w.Integrator, l, tr, w.StepSize)
	}
	if !strings.Contains(p.State(), `"integrator":"gauss4"`) {
		t.Fatal(p.State())
	}
	p.Add(0.5, 0)
	p.Update()
	if s := w.Trajs[0].Steps; s != 7 {
		t.Fatalf("%d steps in a tick at speed 7", s)
	}

	// a section moves the plane: a new grid, new layers to come
	p.SetModel(zeroResult(t, "henon-heiles"))
	for i := 0; i < layerTicks; i++ {
		p.Update()
	}
	grid := p.World().Grid
	if l, _, _ := p.Layers(); l == nil {
		t.Fatal("no layers")
	}
	if err := p.SetSettings(`{"section.q2": "0.1"}`); err != nil {
		t.Fatal(err)
	}
	if p.World().Grid == grid || p.World().Section()["q2"] != 0.1 {
		t.Fatalf("section %v", p.World().Section())
	}
	if l, _, _ := p.Layers(); l != nil {
		t.Fatal("the layers of the old section are current")
	}
	// an unchanged section keeps the grid
	grid = p.World().Grid
	if err := p.SetSettings(`{"section.q2": "0.1", "playing": "false"}`); err != nil {
		t.Fatal(err)
	}
	if p.World().Grid != grid || p.View().Playing {
		t.Fatal("grid replaced, or not paused")
	}
}

// A section in the view before the first model (from the page's link) is
// used by it.
func TestSectionBeforeTheFirstModel(t *testing.T) {
	p := playground.New(nil, nil)
	if err := p.SetSettings(`{"system": "henon-heiles", "section.p2": "0.2"}`); err != nil {
		t.Fatal(err)
	}
	p.SetModel(zeroResult(t, "henon-heiles"))
	if got := p.World().Section()["p2"]; got != 0.2 {
		t.Fatalf("p2 = %v", got)
	}
}
