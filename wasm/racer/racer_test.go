package racer

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"hnnplay/core/hnn"
	"hnnplay/wasm/internal/valuetest"
	"hnnplay/wasm/protocol"
	"hnnplay/wasm/train"
)

// obj is the request the JSON text req is the JSON.stringify of.
func obj(t *testing.T, req string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(req), &v); err != nil {
		t.Fatalf("request %s: %v", req, err)
	}
	return v
}

// text is the JSON.stringify of a reply value.
func text(t *testing.T, v any) []byte {
	t.Helper()
	if err := valuetest.Check(v); err != nil {
		t.Fatalf("reply %v holds %v", v, err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("reply %v: %v", v, err)
	}
	return b
}

func decode(t *testing.T, v map[string]any) Reply {
	t.Helper()
	var r Reply
	if err := json.Unmarshal(text(t, v), &r); err != nil {
		t.Fatalf("reply %v: %v", v, err)
	}
	return r
}

// small is a quick race: pendulum, 300 points, width 40.
const small = `{"id":3,"system":"pendulum","points":"300","width":"40","seed":"2","adam_steps":"3000","adam_lr":"1e-3","adam_batch":"64"}`

func TestValidateRejects(t *testing.T) {
	for _, c := range []struct{ req, want string }{
		{`{"adam_steps":"0"}`, "Adam's steps must be a whole number from 1 to 10000000"},
		{`{"adam_steps":"2.5"}`, "Adam's steps"},
		{`{"adam_steps":"NaN"}`, "Adam's steps"},
		{`{"adam_lr":"NaN"}`, "Adam's learning rate must be a number above 0"},
		{`{"adam_lr":"0"}`, "learning rate"},
		{`{"adam_lr":"-1e-3"}`, "learning rate"},
		{`{"adam_lr":"2"}`, "at most 1"},
		{`{"adam_batch":"0"}`, "Adam's batch must be a whole number from 1 to 50000"},
		{`{"adam_batch":"abc"}`, "Adam's batch"},
		{`{"width":"2000","points":"10000","adam_batch":"4096"}`, "use a batch ≤ 2125"},
		{`{"adam_budget":"fast"}`, "Adam's time limit must be"},
		{`{"adam_budget":"0x"}`, "time limit"},
		{`{"adam_budget":"10x, 20x"}`, "time limit"},
		{`{"adam_budget":"1e9"}`, "more than 3600 s"},
		{`{"width":"0"}`, "Width must be a whole number"}, // the fit's own checks come first
		{`{"box":"1,0,-1,1"}`, "lower bound of q"},
	} {
		r, err := RequestOf(obj(t, c.req))
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = r.Validate(protocol.DefaultLimits)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.req, err, c.want)
		}
	}
}

func TestValidateDefaults(t *testing.T) {
	r, err := RequestOf(obj(t, `{"points":"1000"}`))
	if err != nil {
		t.Fatal(err)
	}
	s, _, err := r.Validate(protocol.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if s.Steps != DefaultSteps || s.LR != 5e-4 || s.Batch != 1000 || !s.BatchClamped || s.Width != protocol.DefaultWidth {
		t.Fatalf("defaults %+v", s)
	}
	if s.Budget != (Budget{}) {
		t.Fatalf("budget %+v, want none", s.Budget)
	}
}

func TestParseBudget(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Budget
	}{
		{"", Budget{}}, {"100x", Budget{Ratio: 100}}, {"100 ×", Budget{Ratio: 100}}, {"60", Budget{Seconds: 60}},
		{"60s", Budget{Seconds: 60}}, {"2.5 s", Budget{Seconds: 2.5}}, {"100x, 60", Budget{Ratio: 100, Seconds: 60}},
		{"60; 100X", Budget{Ratio: 100, Seconds: 60}},
	} {
		got, err := ParseBudget(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseBudget(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
		if c.in != "" {
			back, err := ParseBudget(got.String())
			if err != nil || back != got {
				t.Errorf("ParseBudget(%q) = %+v, %v; want %+v", got.String(), back, err, got)
			}
		}
	}
	b := Budget{Ratio: 100, Seconds: 60}
	if got := b.Limit(200 * time.Millisecond); got != 20*time.Second {
		t.Errorf("100x of 0.2 s capped at 60 s = %v", got)
	}
	if got := b.Limit(time.Second); got != 60*time.Second {
		t.Errorf("100x of 1 s capped at 60 s = %v", got)
	}
	if got := (Budget{}).Limit(time.Second); got != 0 {
		t.Errorf("no budget = %v", got)
	}
}

// Bad settings: an error reply, no race left running, nothing panics.
func TestStartBadSettings(t *testing.T) {
	se := NewSession()
	for _, req := range []string{`{"id":1,"adam_steps":"0"}`, `{"id":2,"adam_lr":"NaN"}`, `{"id":3,"adam_batch":"0"}`, `"not an object"`, `{"id":4,"adam_lr":[1]}`} {
		r := decode(t, se.Start(obj(t, req)))
		if r.Error == "" || r.Phase != "start" || r.Result != nil || !r.Done {
			t.Errorf("%s: reply %+v, want an error", req, r)
		}
		if se.Running() {
			t.Errorf("%s: a race is running", req)
		}
	}
	if r := decode(t, se.Advance(10)); !strings.Contains(r.Error, "no comparison is running") {
		t.Errorf("Advance without a race: %+v", r)
	}
	if r := decode(t, se.Stop()); r.Error != "" || r.Phase != "stopped" {
		t.Errorf("Stop without a race: %+v", r)
	}
}

func TestRace(t *testing.T) {
	se := NewSession()
	r := decode(t, se.Start(obj(t, small)))
	if r.Error != "" {
		t.Fatal(r.Error)
	}
	if r.ID != 3 || r.Phase != "start" || r.Sampled == nil || r.Adam == nil || r.Done {
		t.Fatalf("start reply %+v", r)
	}
	if *r.Adam != (AdamInfo{Width: 40, Steps: 3000, LR: 1e-3, Batch: 64, Seed: 2}) {
		t.Errorf("adam %+v", *r.Adam)
	}
	if !(float64(r.Sampled.RelL2H) < 1e-2) || !(r.Sampled.Seconds > 0) || r.Sampled.Steps != 0 {
		t.Errorf("sampled point %+v", *r.Sampled)
	}
	res, err := protocol.ParseResult(text(t, mustValue(t, r.Result)))
	if err != nil {
		t.Fatal(err)
	}
	if res.Model.M != 40 || res.TrainPoints != 300 || res.Seconds != r.Sampled.Seconds {
		t.Errorf("result %+v, sampled %+v", res.Reply, *r.Sampled)
	}
	// The sampled network is the one a fit of the same settings gives: the
	// same data, the same width, the same seed.
	fitted, err := protocol.ParseResult(text(t, train.Handle(obj(t, small))))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(fitted.Model.C, res.Model.C) || fitted.Model.C0 != res.Model.C0 {
		t.Error("the race's sampled network differs from the fit of the same settings")
	}
	if !se.Running() {
		t.Fatal("not running after start")
	}

	var pts []Point
	var last Reply
	models := 0
	for k := 0; ; k++ {
		if k > 1000 {
			t.Fatal("the race does not end")
		}
		last = decode(t, se.Advance(5))
		if last.Error != "" {
			t.Fatal(last.Error)
		}
		pts = append(pts, last.Points...)
		if last.Model != nil {
			models++
			var m hnn.Model
			if err := json.Unmarshal(text(t, mustModel(t, last.Model)), &m); err != nil || m.M != 40 {
				t.Fatalf("model: %v (width %d)", err, m.M)
			}
		}
		if k == 0 && last.Model == nil {
			t.Error("the first progress reply carries no model")
		}
		if last.Done {
			break
		}
	}
	if last.Model == nil {
		t.Error("the final progress reply carries no model")
	}
	if se.Running() {
		t.Error("running after done")
	}
	if len(pts) < 3 || pts[0].Steps != 0 || pts[0].Seconds != 0 {
		t.Fatalf("curve %+v", pts)
	}
	for i := 1; i < len(pts); i++ {
		if !(pts[i].Seconds > pts[i-1].Seconds) || pts[i].Steps <= pts[i-1].Steps {
			t.Fatalf("curve not increasing at %d: %+v", i, pts)
		}
	}
	s := last.Summary
	if s.AdamSteps != pts[len(pts)-1].Steps || float64(s.AdamSeconds) != pts[len(pts)-1].Seconds || !s.Sampled {
		t.Errorf("summary %+v, last point %+v", s, pts[len(pts)-1])
	}
	switch last.Reason {
	case "steps":
		if s.AdamSteps != 3000 || !s.SpeedupIsLowerBound || !strings.Contains(last.Text, "lower bound") && !strings.Contains(last.Text, "no speed-up") {
			t.Errorf("reason steps: summary %+v, text %q", s, last.Text)
		}
	case "reached":
		if !s.Reached || !strings.Contains(last.Text, "reached") {
			t.Errorf("reason reached: summary %+v, text %q", s, last.Text)
		}
	default:
		t.Errorf("reason %q", last.Reason)
	}
	t.Logf("%s", last.Text)

	// After the end, Advance repeats the final state without new points.
	again := decode(t, se.Advance(5))
	if again.Error != "" || !again.Done || len(again.Points) != 0 || again.Summary != last.Summary {
		t.Errorf("advance after done: %+v", again)
	}
	stop := decode(t, se.Stop())
	if stop.Phase != "stopped" || !stop.Done || stop.Model == nil || stop.Summary != last.Summary {
		t.Errorf("stop: %+v", stop)
	}
	if r := decode(t, se.Advance(5)); r.Error == "" {
		t.Error("advance after stop: no error")
	}
}

// A budget of 1x the sampled time ends Adam about then, and Advance never
// overshoots it by more than a step.
func TestBudgetRatio(t *testing.T) {
	se := NewSession()
	req := strings.Replace(small, `"adam_steps":"3000"`, `"adam_steps":"1000000","adam_budget":"1x"`, 1)
	r := decode(t, se.Start(obj(t, req)))
	if r.Error != "" {
		t.Fatal(r.Error)
	}
	limit := se.Limit()
	if d := limit.Seconds() - r.Sampled.Seconds; math.Abs(d) > 1e-9 || r.Adam.BudgetSeconds != limit.Seconds() || r.Adam.Budget != "1x" {
		t.Fatalf("limit %v for a sampled time of %v s; adam %+v", limit, r.Sampled.Seconds, r.Adam)
	}
	var last Reply
	for k := 0; !last.Done; k++ {
		if k > 100000 {
			t.Fatal("the race does not end")
		}
		last = decode(t, se.Advance(50))
	}
	s := last.Summary
	if last.Reason != "budget" && last.Reason != "reached" {
		t.Fatalf("reason %q, summary %+v", last.Reason, s)
	}
	if last.Reason == "budget" {
		perStep := float64(s.AdamSeconds) / float64(s.AdamSteps)
		if float64(s.AdamSeconds) < limit.Seconds() || float64(s.AdamSeconds) > limit.Seconds()+3*perStep+0.01 {
			t.Errorf("Adam trained %v s for a limit of %v s (%.2g s a step)", float64(s.AdamSeconds), limit.Seconds(), perStep)
		}
	}
}

func TestSlices(t *testing.T) {
	c := &racer{}
	if got := c.slice(50); got != FirstSlice {
		t.Errorf("first slice %v", got)
	}
	c.slices = 1
	if got := c.slice(50); got != FirstSlice+FirstSlice/4 {
		t.Errorf("second slice %v", got)
	}
	c.slices = 100
	if got := c.slice(50); got != 50*time.Millisecond {
		t.Errorf("late slice %v, want the 50 ms asked for", got)
	}
	if got := c.slice(1e6); got != MaxSlice {
		t.Errorf("slice %v, want at most %v", got, MaxSlice)
	}
	if got := c.slice(math.NaN()); got != MaxSlice {
		t.Errorf("slice(NaN) %v", got)
	}
}

func TestNumNull(t *testing.T) {
	b, err := json.Marshal(Point{Seconds: 1, RelL2H: num(math.NaN()), Steps: 2})
	if err != nil || string(b) != `{"seconds":1,"rel_l2_H":null,"steps":2}` {
		t.Errorf("%s %v", b, err)
	}
}

// A new Start replaces the running race.
func TestRestart(t *testing.T) {
	se := NewSession()
	if r := decode(t, se.Start(obj(t, small))); r.Error != "" {
		t.Fatal(r.Error)
	}
	decode(t, se.Advance(5))
	r := decode(t, se.Start(obj(t, strings.Replace(small, `"id":3`, `"id":4`, 1))))
	if r.Error != "" || r.ID != 4 {
		t.Fatalf("%+v", r)
	}
	p := decode(t, se.Advance(5))
	if p.ID != 4 || len(p.Points) != 2 || p.Points[0].Steps != 0 {
		t.Fatalf("first progress of the new race: %+v", p)
	}
	// A failed start leaves no race.
	if r := decode(t, se.Start(obj(t, `{"id":5,"adam_lr":"NaN"}`))); r.Error == "" || se.Running() {
		t.Fatalf("%+v, running %v", r, se.Running())
	}
}

// A 2-dof system races as well.
func TestRaceTwoDof(t *testing.T) {
	se := NewSession()
	r := decode(t, se.Start(obj(t, `{"id":8,"system":"henon-heiles","points":"300","width":"30","adam_steps":"20","adam_batch":"100"}`)))
	if r.Error != "" {
		t.Fatal(r.Error)
	}
	res, err := protocol.ParseResult(text(t, mustValue(t, r.Result)))
	if err != nil || res.Dof != 2 || res.Model.D != 4 {
		t.Fatalf("%v %+v", err, res)
	}
	var last Reply
	for k := 0; !last.Done; k++ {
		if k > 1000 {
			t.Fatal("the race does not end")
		}
		last = decode(t, se.Advance(5))
	}
	var m hnn.Model
	if err := json.Unmarshal(text(t, mustModel(t, last.Model)), &m); err != nil || m.D != 4 || last.Summary.AdamSteps != 20 && !last.Summary.Reached {
		t.Fatalf("%v: model d=%d, summary %+v", err, m.D, last.Summary)
	}
}

func mustValue(t *testing.T, r *protocol.Reply) map[string]any {
	t.Helper()
	if r == nil {
		t.Fatal("no result")
	}
	v, err := r.Value()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func mustModel(t *testing.T, m *hnn.Model) map[string]any {
	t.Helper()
	v, err := protocol.ModelValue(m)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Reply.Value has the JSON of the Reply, for replies of every shape, a num
// that is not finite being null in both.
func TestReplyValueIsItsJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	cases := []Reply{
		{}, errorReply("start", 3, errors.New(`bad "x" <&>`)), {Type: "race", Phase: "stopped"},
		{Type: "race", Phase: "progress", Points: []Point{{Seconds: 1, RelL2H: num(math.NaN()), Steps: 2}},
			Summary: Summary{Speedup: num(math.Inf(1)), TimeToReach: num(math.NaN()), AdamBestError: num(math.Inf(-1))}},
	}
	for i := range 300 {
		var x Reply
		valuetest.Fill(&x, r, float64(i%4)/4)
		if i%3 == 0 {
			x.Summary.SampledError, x.Summary.Speedup = num(math.NaN()), num(math.Inf(1))
		}
		cases = append(cases, x)
	}
	for _, c := range cases {
		v, err := c.Value()
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		if err := valuetest.Check(v); err != nil {
			t.Fatalf("%+v: the value holds %v", c, err)
		}
		if err := valuetest.SameJSON(c, v); err != nil {
			t.Fatal(err)
		}
	}
	v, _ := cases[3].Value()
	s := v["summary"].(map[string]any)
	if p := v["points"].([]any)[0].(map[string]any); p["rel_l2_H"] != nil || s["speedup"] != nil || s["time_to_reach"] != nil {
		t.Errorf("non-finite nums are not null: %v", v)
	}
	// Other numbers that are not finite fail, and encode makes that an error reply.
	for _, bad := range []Reply{{WallMs: math.NaN()}, {Adam: &AdamInfo{LR: math.Inf(1)}}, {Points: []Point{{Seconds: math.NaN()}}},
		{Result: &protocol.Reply{Seconds: math.NaN()}}} {
		if v, err := bad.Value(); err == nil {
			t.Errorf("%+v: Value = %v, want an error", bad, v)
		}
		bad.Phase, bad.ID = "progress", 9
		if e := decode(t, encode(bad)); !strings.Contains(e.Error, "cannot encode the reply") || e.ID != 9 || !e.Done {
			t.Errorf("encode: %+v", e)
		}
	}
}
