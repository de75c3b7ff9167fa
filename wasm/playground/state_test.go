package playground_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"hnnplay/wasm/playground"
)

// The JSON field names of state(), the contract with the browser tests.
func TestStateFieldNames(t *testing.T) {
	p, _, _ := ready(t)
	var m map[string]any
	if err := json.Unmarshal([]byte(p.State()), &m); err != nil {
		t.Fatal(err)
	}
	want := []string{"arms", "compare", "draw_ms", "drawing", "drawn", "embed", "error", "fit", "frames", "integrator", "lag", "lesson", "level_set_width", "max_energy_drift", "neurons", "news", "orbit", "pairs", "playing", "plot", "poincare",
		"region", "section", "section_names", "starts", "steps", "system", "trained", "training", "trajectories", "update_ms", "vertices", "visible"}
	if got := keys(m); !slices.Equal(got, want) {
		t.Fatalf("state() keys %v,\nwant %v", got, want)
	}
	// fit is the worker's report as it came (experiment.Result's JSON)
	if got := keys(m["fit"].(map[string]any)); !slices.Equal(got, []string{"fit_seconds", "rank", "rel_l2_H", "rel_l2_grad"}) {
		t.Fatalf("fit keys %v", got)
	}
	if got := keys(m["compare"].(map[string]any)); !slices.Equal(got, []string{"behind", "max_energy_drift", "model", "steps", "trajectories", "width"}) {
		t.Fatalf("compare keys %v", got)
	}
	if names, ok := m["section_names"].([]any); !ok || len(names) != 0 {
		t.Fatalf("section_names = %#v, want [] for a 1-dof system", m["section_names"])
	}
}

func keys(m map[string]any) []string {
	var k []string
	for n := range m {
		k = append(k, n)
	}
	slices.Sort(k)
	return k
}

// state() reads back into a Snapshot and writes the same JSON again, and says
// what happened.
func TestStateRoundTrip(t *testing.T) {
	p, _, _ := ready(t)
	p.Add(0.5, 0)
	p.Add(-1, 0.5)
	for i := 0; i < 10; i++ {
		p.Update()
		p.DrawStart()
		p.DrawEnd(1234)
	}
	text := p.State()
	pr, sc := p.Regions().Plot, p.Scale() // device pixels; the state's plot is in CSS pixels
	var s playground.Snapshot
	if err := json.Unmarshal([]byte(text), &s); err != nil {
		t.Fatal(err)
	}
	again, err := json.Marshal(s)
	if err != nil || string(again) != text {
		t.Fatalf("round trip:\n%s\n%s (%v)", text, again, err)
	}
	want := playground.Snapshot{
		Frames: 10, Trained: true, System: "pendulum",
		Fit:          json.RawMessage(fmt.Sprintf(`{"fit_seconds":%g,"rank":%d,"rel_l2_H":%g,"rel_l2_grad":%g}`, fitSeconds, fitRank, fitRelH, fitRelGrad)),
		Trajectories: 2, Steps: 10 * 2, Integrator: "implicit-midpoint", Playing: true,
		Section: map[string]float64{}, SectionOf: []string{}, Lag: 1, Vertices: 1234,
		Plot: playground.CSSRect{X: pr.X / sc, Y: pr.Y / sc, W: pr.W / sc, H: pr.H / sc}, Visible: true, Drawn: true,
		LevelSetWidth: 1.4, Starts: [][]float64{{0.5, 0}, {-1, 0.5}},
	}
	got := s
	got.MaxEnergyDrift, got.UpdateMs, got.DrawMs = 0, 0, 0
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("state\n%+v, want\n%+v", got, want)
	}
	if _, _, drift := p.World().Stats(); !(s.MaxEnergyDrift > 0) || s.MaxEnergyDrift != drift {
		t.Fatalf("max_energy_drift %v, the world's %v", s.MaxEnergyDrift, drift)
	}
}

func TestStateBeforeAModel(t *testing.T) {
	p := playground.New(nil, nil)
	var s playground.Snapshot
	if err := json.Unmarshal([]byte(p.State()), &s); err != nil {
		t.Fatal(err)
	}
	if s.Trained || s.System != "" || s.Lag != 1 || !s.Playing || s.Integrator != "implicit-midpoint" || s.SectionOf == nil {
		t.Fatalf("%+v", s)
	}
	if got := p.Section(); got != `{"names":[],"values":null}` {
		t.Fatalf("section() = %s", got)
	}
}

func TestSectionJSON(t *testing.T) {
	p, _, _ := ready(t)
	if got := p.Section(); got != `{"names":[],"values":{}}` {
		t.Fatalf("pendulum section() = %s", got)
	}
	p.SetModel(zeroResult(t, "henon-heiles"))
	if err := p.SetSettings(`{"section.q2": "0.25", "section.p2": "-0.125"}`); err != nil {
		t.Fatal(err)
	}
	if got := p.Section(); got != `{"names":["q2","p2"],"values":{"p2":-0.125,"q2":0.25}}` {
		t.Fatalf("henon-heiles section() = %s", got)
	}
}
