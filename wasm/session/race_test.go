package session

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
	"hnnplay/core/race"
	"hnnplay/wasm/internal/valuetest"
	"hnnplay/wasm/protocol"
)

// decoded is a RaceReply as the page reads it, its summary decoded.
type decoded struct {
	RaceReply
	Sum summary
}

// summary is what the page reads of race.Summary's JSON.
type summary struct {
	Sampled        bool     `json:"sampled"`
	SampledSeconds float64  `json:"sampled_seconds"`
	SampledError   float64  `json:"sampled_rel_l2_H"`
	AdamSeconds    float64  `json:"adam_seconds"`
	AdamSteps      int      `json:"adam_steps"`
	Reached        bool     `json:"reached"`
	LowerBound     bool     `json:"speedup_lower_bound"`
	Reason         string   `json:"reason"`
	LimitSeconds   float64  `json:"limit_seconds"`
	Text           string   `json:"text"`
	Speedup        *float64 `json:"speedup"`
}

func decode(t *testing.T, v map[string]any) decoded {
	t.Helper()
	var r decoded
	if err := json.Unmarshal(text(t, v), &r.RaceReply); err != nil {
		t.Fatalf("reply %v: %v", v, err)
	}
	if len(r.Summary) > 0 {
		if err := json.Unmarshal(r.Summary, &r.Sum); err != nil {
			t.Fatalf("summary %s: %v", r.Summary, err)
		}
	}
	return r
}

// small is a quick race: pendulum, 300 points, width 40.
const small = `{"id":3,"values":{"system":"pendulum","box":"-2pi,2pi,-1,1","points":"300","test_points":"300","width":"40","seed":"2","data_seed":"2","adam_steps":"3000","adam_lr":"1e-3","adam_batch":"64"}}`

// Bad settings: an error reply naming the field, no race left running,
// nothing panics.
func TestRaceStartBadSettings(t *testing.T) {
	se := New()
	for _, c := range []struct{ req, want string }{
		{`{"id":1,"values":{"adam_steps":"0"}}`, "Adam's steps must be a whole number from 1 to 10000000"},
		{`{"id":1,"values":{"adam_steps":"2.5"}}`, "Adam's steps"},
		{`{"id":2,"values":{"adam_lr":"NaN"}}`, "Adam's learning rate must be a number"},
		{`{"id":2,"values":{"adam_lr":"2"}}`, "to 1"},
		{`{"id":3,"values":{"adam_batch":"0"}}`, "Adam's batch must be a whole number from 1 to 50000"},
		{`{"id":3,"values":{"width":"2000","points":"10000","adam_batch":"4096"}}`, "use a batch ≤ 2125"},
		{`{"id":3,"values":{"adam_budget":"fast"}}`, "Adam's time limit must be"},
		{`{"id":3,"values":{"adam_budget":"1e9"}}`, "at most 3600 s"},
		{`{"id":3,"values":{"width":"0"}}`, "Width must be a whole number"},
		{`"not an object"`, "the request is a string"},
		{`{"id":4,"values":{"adam_lr":[1]}}`, "neither text nor a number"},
	} {
		r := decode(t, se.RaceStart(obj(t, c.req)))
		if !strings.Contains(r.Error, c.want) || r.Phase != "start" || r.Result != nil || !r.Done {
			t.Errorf("%s: reply %+v, want an error containing %q", c.req, r.RaceReply, c.want)
		}
		if se.Running() {
			t.Errorf("%s: a race is running", c.req)
		}
	}
	if r := decode(t, se.RaceAdvance(10)); !strings.Contains(r.Error, "no comparison is running") {
		t.Errorf("Advance without a race: %+v", r)
	}
	if r := decode(t, se.RaceStop()); r.Error != "" || r.Phase != "stopped" {
		t.Errorf("Stop without a race: %+v", r)
	}
}

func TestRace(t *testing.T) {
	se := New()
	r := decode(t, se.RaceStart(obj(t, small)))
	if r.Error != "" {
		t.Fatal(r.Error)
	}
	if r.ID != 3 || r.Phase != "start" || !r.Sum.Sampled || r.Adam == nil || r.Done {
		t.Fatalf("start reply %+v", r)
	}
	if *r.Adam != (AdamInfo{Width: 40, Steps: 3000, LR: 1e-3, Batch: 64, Seed: 2}) {
		t.Errorf("adam %+v", *r.Adam)
	}
	if !(r.Sum.SampledError < 1e-2) || !(r.Sum.SampledSeconds > 0) {
		t.Errorf("sampled point %+v", r.Sum)
	}
	res, err := protocol.ParseResult(text(t, mustValue(t, r.Result)))
	if err != nil {
		t.Fatal(err)
	}
	if res.Model.M != 40 || res.Settings.Points != 300 || res.Seconds != r.Sum.SampledSeconds {
		t.Errorf("result %+v, sampled %+v", res.FitReport, r.Sum)
	}
	// The sampled network is the one a fit of the same settings gives: the
	// same data, the same width, the same seed.
	fitted, err := protocol.ParseResult(text(t, New().Fit(obj(t, small))))
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
	var last decoded
	models := 0
	for k := 0; ; k++ {
		if k > 1000 {
			t.Fatal("the race does not end")
		}
		last = decode(t, se.RaceAdvance(5))
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
	s := last.Sum
	if s.AdamSteps != pts[len(pts)-1].Steps || s.AdamSeconds != pts[len(pts)-1].Seconds || !s.Sampled {
		t.Errorf("summary %+v, last point %+v", s, pts[len(pts)-1])
	}
	switch s.Reason {
	case "steps":
		if s.AdamSteps != 3000 || !s.LowerBound || !strings.Contains(s.Text, "lower bound") && !strings.Contains(s.Text, "no speed-up") {
			t.Errorf("reason steps: summary %+v", s)
		}
	case "reached":
		if !s.Reached || !strings.Contains(s.Text, "reached") {
			t.Errorf("reason reached: summary %+v", s)
		}
	default:
		t.Errorf("reason %q", s.Reason)
	}
	t.Logf("%s", s.Text)

	// After the end, Advance repeats the final state without new points.
	again := decode(t, se.RaceAdvance(5))
	if again.Error != "" || !again.Done || len(again.Points) != 0 || string(again.Summary) != string(last.Summary) {
		t.Errorf("advance after done: %+v", again)
	}
	stop := decode(t, se.RaceStop())
	if stop.Phase != "stopped" || !stop.Done || stop.Model == nil || string(stop.Summary) != string(last.Summary) {
		t.Errorf("stop: %+v", stop)
	}
	if r := decode(t, se.RaceAdvance(5)); r.Error == "" {
		t.Error("advance after stop: no error")
	}
}

// A budget of 1x the sampled time ends Adam about then, and Advance never
// overshoots it by more than a step.
func TestBudgetRatio(t *testing.T) {
	se := New()
	req := strings.Replace(small, `"adam_steps":"3000"`, `"adam_steps":"1000000","adam_budget":"1x"`, 1)
	r := decode(t, se.RaceStart(obj(t, req)))
	if r.Error != "" {
		t.Fatal(r.Error)
	}
	limit := r.Sum.LimitSeconds
	if d := limit - r.Sum.SampledSeconds; math.Abs(d) > 1e-9 || r.Adam.Budget != "1x" {
		t.Fatalf("limit %v s for a sampled time of %v s; adam %+v", limit, r.Sum.SampledSeconds, r.Adam)
	}
	var last decoded
	for k := 0; !last.Done; k++ {
		if k > 100000 {
			t.Fatal("the race does not end")
		}
		last = decode(t, se.RaceAdvance(50))
	}
	s := last.Sum
	if s.Reason != "budget" && s.Reason != "reached" {
		t.Fatalf("reason %q, summary %+v", s.Reason, s)
	}
	if s.Reason == "budget" {
		perStep := s.AdamSeconds / float64(s.AdamSteps)
		if s.AdamSeconds < limit || s.AdamSeconds > limit+3*perStep+0.01 {
			t.Errorf("Adam trained %v s for a limit of %v s (%.2g s a step)", s.AdamSeconds, limit, perStep)
		}
	}
}

func TestSlices(t *testing.T) {
	se := New()
	if r := decode(t, se.RaceStart(obj(t, small))); r.Error != "" {
		t.Fatal(r.Error)
	}
	c := se.cur
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

// A new start replaces the running race.
func TestRestart(t *testing.T) {
	se := New()
	if r := decode(t, se.RaceStart(obj(t, small))); r.Error != "" {
		t.Fatal(r.Error)
	}
	decode(t, se.RaceAdvance(5))
	r := decode(t, se.RaceStart(obj(t, strings.Replace(small, `"id":3`, `"id":4`, 1))))
	if r.Error != "" || r.ID != 4 {
		t.Fatalf("%+v", r)
	}
	p := decode(t, se.RaceAdvance(5))
	if p.ID != 4 || len(p.Points) != 2 || p.Points[0].Steps != 0 {
		t.Fatalf("first progress of the new race: %+v", p)
	}
	// A failed start leaves no race; so does a fit.
	if r := decode(t, se.RaceStart(obj(t, `{"id":5,"values":{"adam_lr":"NaN"}}`))); r.Error == "" || se.Running() {
		t.Fatalf("%+v, running %v", r, se.Running())
	}
	decode(t, se.RaceStart(obj(t, small)))
	se.Fit(obj(t, `{"id":6,"values":{"width":"5","points":"20"}}`))
	if se.Running() {
		t.Error("a fit left the race running")
	}
}

// A 2-dof system races as well.
func TestRaceTwoDof(t *testing.T) {
	se := New()
	r := decode(t, se.RaceStart(obj(t, `{"id":8,"values":{"system":"henon-heiles","points":"300","width":"30","adam_steps":"20","adam_batch":"100"}}`)))
	if r.Error != "" {
		t.Fatal(r.Error)
	}
	res, err := protocol.ParseResult(text(t, mustValue(t, r.Result)))
	if err != nil || res.Sys.Dof() != 2 || res.Model.D != 4 {
		t.Fatalf("%v %+v", err, res)
	}
	var last decoded
	for k := 0; !last.Done; k++ {
		if k > 1000 {
			t.Fatal("the race does not end")
		}
		last = decode(t, se.RaceAdvance(5))
	}
	var m hnn.Model
	if err := json.Unmarshal(text(t, mustModel(t, last.Model)), &m); err != nil || m.D != 4 || last.Sum.AdamSteps != 20 && !last.Sum.Reached {
		t.Fatalf("%v: model d=%d, summary %+v", err, m.D, last.Sum)
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

// RaceReply.Value has the JSON of the RaceReply, for replies of every shape,
// a point's error that is not finite being null in both.
func TestRaceReplyValueIsItsJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	sum, _ := race.Summary{Speedup: math.Inf(1), TimeToReach: math.NaN(), AdamBestError: math.Inf(-1)}.MarshalJSON()
	cases := []RaceReply{
		{}, raceError("start", 3, errors.New(`bad "x" <&>`)), {Type: "race", Phase: "stopped"},
		{Type: "race", Phase: "progress", Points: []Point{{Seconds: 1, RelL2H: nullable(math.NaN()), Steps: 2}}, Summary: sum},
	}
	for i := range 300 {
		var x RaceReply
		valuetest.Fill(&x, r, float64(i%4)/4)
		cases = append(cases, x)
	}
	if err := valuetest.CheckAll(cases); err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	json.Unmarshal(text(t, mustRace(t, cases[3])), &s)
	p := s["points"].([]any)[0].(map[string]any)
	sm := s["summary"].(map[string]any)
	if p["rel_l2_H"] != nil || sm["speedup"] != nil || sm["time_to_reach"] != nil {
		t.Errorf("non-finite numbers are not null: %v", s)
	}
	// Other numbers that are not finite fail, and encode makes that an error reply.
	for _, bad := range []RaceReply{{WallMs: math.NaN()}, {Adam: &AdamInfo{LR: math.Inf(1)}}, {Points: []Point{{Seconds: math.NaN()}}},
		{Result: &protocol.Reply{Points: [][]float64{{math.NaN()}}}}} {
		if v, err := bad.Value(); err == nil {
			t.Errorf("%+v: Value = %v, want an error", bad, v)
		}
		bad.Phase, bad.ID = "progress", 9
		if e := decode(t, encode(bad)); !strings.Contains(e.Error, "cannot encode the reply") || e.ID != 9 || !e.Done {
			t.Errorf("encode: %+v", e)
		}
	}
}

func mustRace(t *testing.T, r RaceReply) map[string]any {
	t.Helper()
	v, err := r.Value()
	if err != nil {
		t.Fatal(err)
	}
	return v
}
