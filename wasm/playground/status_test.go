package playground_test

import (
	"encoding/json"
	"strings"
	"testing"

	"hnnplay/wasm/playground"
)

func stateError(t *testing.T, p *playground.Playground) string {
	t.Helper()
	var s playground.Snapshot
	if err := json.Unmarshal([]byte(p.State()), &s); err != nil {
		t.Fatal(err)
	}
	return s.Error
}

// An error stays until another message replaces it; news of the scene (here
// the integrator's fallback note) does not hide it, a fresh message does.
func TestStatusErrorStaysUntilReplaced(t *testing.T) {
	p, h, _ := ready(t)
	p.SetStatus("error", "the step size is too large")
	if got := h.last(); got != "error: The step size is too large" {
		t.Fatalf("status %q", got)
	}
	if got := stateError(t, p); got != "The step size is too large" {
		t.Fatalf("state().error %q", got)
	}
	shown := len(h.status)
	// stormer-verlet falls back for the learned Ĥ: a note for the status line
	if err := p.SetSettings(`{"integrator": "stormer-verlet"}`); err != nil {
		t.Fatal(err)
	}
	p.Update()
	p.Update()
	if len(h.status) != shown || stateError(t, p) != "The step size is too large" {
		t.Fatalf("news replaced the error: %q, state().error %q", h.status[shown:], stateError(t, p))
	}

	p.SetStatus("ok", "fine")
	if got := stateError(t, p); got != "" {
		t.Fatalf("state().error %q after ok", got)
	}
	// The news shows on its own line and leaves the status alone.
	if len(h.news) == 0 || !strings.Contains(h.news[len(h.news)-1], "separable") {
		t.Fatalf("news %q, want the fallback note", h.news)
	}
	shown = len(h.status)
	if err := p.SetSettings(`{"integrator": "implicit-midpoint"}`); err != nil {
		t.Fatal(err)
	}
	if err := p.SetSettings(`{"integrator": "stormer-verlet"}`); err != nil {
		t.Fatal(err)
	}
	p.Update()
	if len(h.status) != shown || h.last() != "ok: Fine" {
		t.Fatalf("news reached the status line: %q", h.status[shown:])
	}
	var s playground.Snapshot
	json.Unmarshal([]byte(p.State()), &s)
	if !strings.Contains(s.News, "separable") {
		t.Fatalf("state().news %q", s.News)
	}
	p.Clear()
	if json.Unmarshal([]byte(p.State()), &s); s.News != "" || h.news[len(h.news)-1] != "" {
		t.Fatalf("news after Clear: %q", s.News)
	}
}

// Reset and Clear replace an error (it was about the old trajectories), and
// leave other messages alone.
func TestResetAndClearReplaceAnError(t *testing.T) {
	p, h, _ := ready(t)
	p.Add(0.5, 0)
	p.SetStatus("error", "trajectory 1 failed")
	p.Reset()
	if got := h.last(); got != "info: Trajectories reset to their initial conditions." || stateError(t, p) != "" {
		t.Fatalf("after reset: status %q, error %q", got, stateError(t, p))
	}
	p.SetStatus("error", "trajectory 1 failed")
	p.Clear()
	if got := h.last(); got != "info: Trajectories cleared." || stateError(t, p) != "" {
		t.Fatalf("after clear: status %q, error %q", got, stateError(t, p))
	}
	p.SetStatus("busy", "training")
	p.Reset()
	p.Clear()
	if got := h.last(); got != "busy: Training" {
		t.Fatalf("reset and clear replaced %q", got)
	}
}

func TestBadSettingsShowAnError(t *testing.T) {
	p, h, _ := ready(t)
	before := p.View()
	err := p.SetSettings(`{"step": "2", "speed": "3"}`)
	if err == nil || !strings.Contains(err.Error(), "Step size") {
		t.Fatalf("error %v", err)
	}
	if got := h.last(); got != "error: "+strings.ToUpper(err.Error()[:1])+err.Error()[1:] {
		t.Fatalf("status %q", got)
	}
	if v := p.View(); v.Step != before.Step || v.Speed != before.Speed {
		t.Fatalf("bad settings applied in part: %+v", v)
	}
}

// Every bad view setting is refused whole, with a message naming it.
func TestSetSettingsRejects(t *testing.T) {
	p, _, _ := ready(t)
	for _, c := range []struct{ text, want string }{
		{`{"step": "0"}`, "Step size"}, {`{"step": "NaN"}`, "Step size"}, {`{"speed": "0"}`, "Speed"},
		{`{"integrator": "euler"}`, "Integrator must be one of"}, {`{"layers": "learned,x"}`, "Layers"},
		{`{"system": "henon-heiles", "section.q2": "x"}`, "Section value q2"}, {`{"width": "30"}`, `"width" is not a setting of the view`},
		{`{"playing": false}`, "cannot read the view settings"}, {`nope`, "cannot read the view settings"},
	} {
		before := p.View()
		if err := p.SetSettings(c.text); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("SetSettings(%s) = %v, want an error containing %q", c.text, err, c.want)
		}
		if after := p.View(); after.Step != before.Step || after.Speed != before.Speed || after.Integrator != before.Integrator {
			t.Errorf("SetSettings(%s) changed the view", c.text)
		}
	}
	if err := p.SetSettings(`{"layers": "error,points", "playing": "false"}`); err != nil {
		t.Fatal(err)
	}
	if v := p.View(); !v.Layers["error"] || !v.Layers["points"] || v.Layers["learned"] || v.Playing {
		t.Errorf("view %+v", v)
	}
}
