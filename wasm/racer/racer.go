// Package racer is the trainer worker's side of "Compare with gradient
// descent": on one training set and at one width it fits the sampled network
// and then trains the same network by Adam (package core/race), in slices
// that the worker's JavaScript calls one after another, so that pause and
// stop messages get through between them and the page can draw the error
// curve while Adam trains.
//
// A Session holds at most one race. Start validates the request, generates
// the data exactly as a fit does (package train), fits the sampled network
// and answers with its point and its model (a protocol.Reply the page
// installs on the canvas). Advance runs Adam for about the given number of
// milliseconds and answers with the new curve points, the summary so far and,
// about once a second and at the end, Adam's current network. Stop ends the
// race. Every answer is a Reply as a value tree (Reply.Value), which the
// worker's glue turns into a JavaScript object; nothing panics.
package racer

import (
	"errors"
	"fmt"
	"math"
	"runtime/debug"
	"time"

	"hnnplay/core/adam"
	"hnnplay/core/hnn"
	"hnnplay/core/race"
	"hnnplay/wasm/protocol"
	"hnnplay/wasm/train"
)

// Slices: the first is short so that the start of Adam's curve, where the
// error falls fastest, is sampled finely; each next one is 25 % longer, up
// to what the caller asks for (and never more than MaxSlice).
const (
	FirstSlice = 10 * time.Millisecond
	MaxSlice   = 100 * time.Millisecond
	// ModelEvery is how often (wall time) a progress reply carries Adam's
	// current network for the canvas.
	ModelEvery = time.Second
)

// Reply is the answer to Start, Advance and Stop, sent as its Value; the
// tags name its fields there (the JSON the page sees).
type Reply struct {
	Type  string `json:"type"`  // "race"
	Phase string `json:"phase"` // "start", "progress" or "stopped"
	ID    int64  `json:"id"`
	Error string `json:"error"`

	// Start only: the sampled fit as a fit's reply, to install with
	// hnnplay.setModel, and Adam's settings as used.
	Result *protocol.Reply `json:"result,omitempty"`
	Adam   *AdamInfo       `json:"adam,omitempty"`

	Sampled *Point  `json:"sampled,omitempty"` // the sampled network's point
	Points  []Point `json:"points,omitempty"`  // Adam's curve points new since the last reply
	Done    bool    `json:"done"`              // Adam has finished (limit, budget, reached, diverged)
	// Why Adam finished: "steps", "budget", "reached", "diverged" or "" (not
	// done, or stopped by the user).
	Reason  string  `json:"reason,omitempty"`
	Summary Summary `json:"summary"`
	Text    string  `json:"text"` // race.Summary.Text()
	// Model is Adam's current network (output bias set at the anchor), about
	// once a second, at the end and on stop.
	Model *hnn.Model `json:"model,omitempty"`
	// WallMs is the wall time of this call in milliseconds.
	WallMs float64 `json:"wall_ms"`
}

// AdamInfo is Adam's configuration as used.
type AdamInfo struct {
	Width        int     `json:"width"`
	Steps        int     `json:"steps"`
	LR           float64 `json:"lr"`
	Batch        int     `json:"batch"`
	BatchClamped bool    `json:"batch_clamped"` // fewer points than the batch asked for
	Budget       string  `json:"budget"`        // as typed back, "" = none
	// BudgetSeconds is the time limit in seconds of Adam's training time,
	// known once the sampled fit's time is; 0 = none.
	BudgetSeconds float64 `json:"budget_seconds"`
	Seed          uint64  `json:"seed"`
}

// Point is a race.Point whose error is null when not finite (JSON has no NaN).
type Point struct {
	Seconds float64 `json:"seconds"`
	RelL2H  num     `json:"rel_l2_H"`
	Steps   int     `json:"steps"`
}

// Summary is race.Summary with non-finite numbers as null.
type Summary struct {
	Sampled             bool `json:"sampled"`
	SampledSeconds      num  `json:"sampled_seconds"`
	SampledError        num  `json:"sampled_rel_l2_H"`
	AdamSeconds         num  `json:"adam_seconds"`
	AdamSteps           int  `json:"adam_steps"`
	AdamBestError       num  `json:"adam_best_rel_l2_H"`
	AdamFinalError      num  `json:"adam_final_rel_l2_H"`
	Reached             bool `json:"reached"`
	TimeToReach         num  `json:"time_to_reach"`
	StepsToReach        int  `json:"steps_to_reach"`
	Speedup             num  `json:"speedup"`
	SpeedupIsLowerBound bool `json:"speedup_lower_bound"`
	Diverged            bool `json:"diverged"`
}

// num is a float64 that is null in the reply's value and JSON when not
// finite.
type num float64

// MarshalJSON writes n as encoding/json writes a float64, or null.
func (n num) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(n)) || math.IsInf(float64(n), 0) {
		return []byte("null"), nil
	}
	return []byte(protocol.JSNumber(float64(n))), nil
}

func point(p race.Point) Point { return Point{p.Seconds, num(p.RelL2H), p.Steps} }

func summary(s race.Summary) Summary {
	return Summary{
		Sampled: s.Sampled, SampledSeconds: num(s.SampledSeconds), SampledError: num(s.SampledError),
		AdamSeconds: num(s.AdamSeconds), AdamSteps: s.AdamSteps,
		AdamBestError: num(s.AdamBestError), AdamFinalError: num(s.AdamFinalError),
		Reached: s.Reached, TimeToReach: num(s.TimeToReach), StepsToReach: s.StepsToReach,
		Speedup: num(s.Speedup), SpeedupIsLowerBound: s.SpeedupIsLowerBound, Diverged: s.Diverged,
	}
}

// Session holds the current race of a worker. It is not safe for concurrent
// use (a worker is single-threaded).
type Session struct {
	Limits protocol.Limits
	cur    *racer
	now    func() time.Time
}

// NewSession returns a session with the page's limits.
func NewSession() *Session { return &Session{Limits: protocol.DefaultLimits, now: time.Now} }

type racer struct {
	id        int64
	s         Settings
	race      *race.Race
	limit     time.Duration // Adam's time limit from the budget, 0 = none
	slices    int           // Advance calls so far
	sent      int           // curve points already sent
	lastModel time.Time
	done      bool
	reason    string
}

// Running reports whether a race is started and Adam has not finished.
func (se *Session) Running() bool { return se.cur != nil && !se.cur.done }

// Start ends any race, then starts the one the request describes: it
// validates the settings, generates the data, fits the sampled network and
// returns its point and model. The request is the page's object as a value
// tree (see RequestOf). On error no race is left.
func (se *Session) Start(req any) map[string]any {
	se.cur = nil
	debug.FreeOSMemory()
	r, err := RequestOf(req)
	if err != nil {
		return encode(errorReply("start", r.ID, fmt.Errorf("cannot read the settings: %v", err)))
	}
	t0 := se.now()
	rep := se.start(r)
	rep.WallMs = ms(se.now().Sub(t0))
	return encode(rep)
}

func (se *Session) start(r Request) (rep Reply) {
	defer func() {
		if p := recover(); p != nil {
			se.cur = nil
			rep = errorReply("start", r.ID, fmt.Errorf("the comparison failed unexpectedly (%v); try other settings", p))
			debug.FreeOSMemory()
		}
	}()
	s, sys, err := r.Validate(se.Limits)
	if err != nil {
		return errorReply("start", r.ID, err)
	}
	t0 := se.now()
	trainSet, testSet, err := train.Data(s.Settings, sys, se.Limits)
	if err != nil {
		return errorReply("start", s.ID, err)
	}
	dataTime := se.now().Sub(t0)
	prob := train.Problem(sys, trainSet)
	fc := train.FitConfig(s.Settings)
	fc.Width = 0 // the race's
	ac := adam.DefaultConfig()
	ac.Width, ac.LR, ac.Batch, ac.Seed = 0, s.LR, s.Batch, s.Seed
	rc, err := race.New(trainSet, testSet, sys, prob.X0, prob.H0, race.Config{
		Width: s.Width, Fit: fc, Adam: ac, Steps: s.Steps, StopWhenReached: true,
	})
	if err != nil {
		return errorReply("start", s.ID, err)
	}
	sp, err := rc.FitSampled()
	if err != nil {
		return errorReply("start", s.ID, fmt.Errorf("the fit failed: %v", err))
	}
	res := rc.Sampled()
	fr := train.FitReply(s.Settings, sys, se.Limits, trainSet, testSet, res, dataTime)
	if fr.Error != "" {
		return errorReply("start", s.ID, errors.New(fr.Error))
	}
	if _, err := fr.Value(); err != nil {
		return errorReply("start", s.ID, fmt.Errorf("cannot encode the result: %v", err))
	}
	cur := &racer{id: s.ID, s: s, race: rc, limit: s.Budget.Limit(res.Total)}
	se.cur = cur
	p := point(sp)
	return Reply{
		Type: "race", Phase: "start", ID: s.ID, Result: &fr,
		Adam: &AdamInfo{
			Width: s.Width, Steps: s.Steps, LR: s.LR, Batch: s.Batch, BatchClamped: s.BatchClamped,
			Budget: s.Budget.String(), BudgetSeconds: cur.limit.Seconds(), Seed: s.Seed,
		},
		Sampled: &p,
		Summary: summary(rc.Summary()),
		Text:    rc.Summary().Text(),
	}
}

// Advance trains Adam for about ms milliseconds (at least one step, at most
// MaxSlice, less at first: see FirstSlice) and returns the new curve points.
// Without a race it returns an error reply; after the race is done it
// returns the final state again, with no new points.
func (se *Session) Advance(wanted float64) map[string]any {
	c := se.cur
	if c == nil {
		return encode(errorReply("progress", 0, errors.New("no comparison is running")))
	}
	t0 := se.now()
	rep := se.advance(c, wanted)
	rep.WallMs = ms(se.now().Sub(t0))
	return encode(rep)
}

func (se *Session) advance(c *racer, msWanted float64) (rep Reply) {
	defer func() {
		if p := recover(); p != nil {
			se.cur = nil
			rep = errorReply("progress", c.id, fmt.Errorf("the comparison failed unexpectedly (%v)", p))
			debug.FreeOSMemory()
		}
	}()
	if !c.done {
		slice := c.slice(msWanted)
		_, done := c.race.Advance(slice)
		c.slices++
		if done {
			c.finish()
		} else if c.limit > 0 && c.race.AdamTime() >= c.limit {
			c.done, c.reason = true, "budget"
		}
	}
	rep = c.reply("progress")
	if c.done || c.slices == 1 || se.now().Sub(c.lastModel) >= ModelEvery {
		rep.Model = c.model()
		c.lastModel = se.now()
	}
	return rep
}

// slice is the time the next Advance may spend: FirstSlice growing by 25 %
// per call, capped by what was asked for, by MaxSlice and by what is left of
// the budget (but at least one step is always taken).
func (c *racer) slice(msWanted float64) time.Duration {
	want := MaxSlice
	if msWanted > 0 && !math.IsInf(msWanted, 0) {
		want = min(want, time.Duration(msWanted*float64(time.Millisecond)))
	}
	s := FirstSlice
	for k := 0; k < c.slices && s < want; k++ {
		s += s / 4
	}
	s = min(s, want)
	if c.limit > 0 {
		s = min(s, c.limit-c.race.AdamTime())
	}
	return max(s, 0)
}

// finish records why the race ended by itself.
func (c *racer) finish() {
	c.done = true
	s := c.race.Summary()
	cfg := c.race.Config()
	switch {
	case s.Diverged:
		c.reason = "diverged"
	case s.Reached:
		c.reason = "reached"
	case cfg.Steps > 0 && s.AdamSteps >= cfg.Steps:
		c.reason = "steps"
	default:
		c.reason = "budget"
	}
}

// reply reports the points not yet sent and the summary.
func (c *racer) reply(phase string) Reply {
	curve := c.race.Curve()
	var pts []Point
	for _, p := range curve[min(c.sent, len(curve)):] {
		pts = append(pts, point(p))
	}
	c.sent = len(curve)
	s := c.race.Summary()
	rep := Reply{Type: "race", Phase: phase, ID: c.id, Points: pts, Done: c.done, Reason: c.reason,
		Summary: summary(s), Text: s.Text()}
	if c.race.Sampled() != nil {
		sp := point(race.Point{Seconds: s.SampledSeconds, RelL2H: s.SampledError})
		rep.Sampled = &sp
	}
	return rep
}

// model returns Adam's current network, or nil if it is not finite.
func (c *racer) model() *hnn.Model {
	m := c.race.AdamModel()
	if _, err := protocol.ModelValue(m); err != nil {
		return nil
	}
	return m
}

// Stop ends the race and returns its final state with Adam's network.
// Without a race it returns a reply with only the phase.
func (se *Session) Stop() map[string]any {
	c := se.cur
	se.cur = nil
	if c == nil {
		return encode(Reply{Type: "race", Phase: "stopped"})
	}
	t0 := se.now()
	rep := func() (rep Reply) {
		defer func() {
			if p := recover(); p != nil {
				rep = errorReply("stopped", c.id, fmt.Errorf("the comparison failed unexpectedly (%v)", p))
			}
		}()
		rep = c.reply("stopped")
		rep.Done = true
		rep.Model = c.model()
		return rep
	}()
	rep.WallMs = ms(se.now().Sub(t0))
	debug.FreeOSMemory()
	return encode(rep)
}

// Limit returns Adam's time limit of the current race (0: none or no race),
// for tests.
func (se *Session) Limit() time.Duration {
	if se.cur == nil {
		return 0
	}
	return se.cur.limit
}

func errorReply(phase string, id int64, err error) Reply {
	return Reply{Type: "race", Phase: phase, ID: id, Error: err.Error(), Done: true}
}

func encode(r Reply) map[string]any {
	v, err := r.Value()
	if err != nil {
		v, _ = errorReply(r.Phase, r.ID, fmt.Errorf("cannot encode the reply: %v", err)).Value()
	}
	return v
}

// Value is the reply as a value tree (see protocol.Reply.Value):
// json.Marshal(r) and json.Marshal of the tree decode to the same JSON
// value, a num that is not finite being null. It fails on another number
// that is not finite.
func (r Reply) Value() (map[string]any, error) {
	var o protocol.Object
	o.Set("type", r.Type)
	o.Set("phase", r.Phase)
	o.Set("id", r.ID)
	o.Set("error", r.Error)
	if r.Result != nil {
		v, err := r.Result.Value()
		o.Fail(err)
		o.Set("result", v)
	}
	if a := r.Adam; a != nil {
		var ao protocol.Object
		ao.Set("width", a.Width)
		ao.Set("steps", a.Steps)
		ao.Finite("lr", a.LR)
		ao.Set("batch", a.Batch)
		ao.Set("batch_clamped", a.BatchClamped)
		ao.Set("budget", a.Budget)
		ao.Finite("budget_seconds", a.BudgetSeconds)
		ao.Set("seed", a.Seed)
		v, err := ao.Done()
		o.Fail(err)
		o.Set("adam", v)
	}
	if r.Sampled != nil {
		v, err := r.Sampled.value()
		o.Fail(err)
		o.Set("sampled", v)
	}
	if len(r.Points) > 0 {
		pts := make([]any, len(r.Points))
		for i, p := range r.Points {
			v, err := p.value()
			o.Fail(err)
			pts[i] = v
		}
		o.Set("points", pts)
	}
	o.Set("done", r.Done)
	o.Str("reason", r.Reason)
	o.Set("summary", r.Summary.value())
	o.Set("text", r.Text)
	if r.Model != nil {
		v, err := protocol.ModelValue(r.Model)
		o.Fail(err)
		o.Set("model", v)
	}
	o.Finite("wall_ms", r.WallMs)
	return o.Done()
}

func (p Point) value() (map[string]any, error) {
	var o protocol.Object
	o.Finite("seconds", p.Seconds)
	o.Nullable("rel_l2_H", float64(p.RelL2H))
	o.Set("steps", p.Steps)
	return o.Done()
}

func (s Summary) value() map[string]any {
	var o protocol.Object
	o.Set("sampled", s.Sampled)
	o.Nullable("sampled_seconds", float64(s.SampledSeconds))
	o.Nullable("sampled_rel_l2_H", float64(s.SampledError))
	o.Nullable("adam_seconds", float64(s.AdamSeconds))
	o.Set("adam_steps", s.AdamSteps)
	o.Nullable("adam_best_rel_l2_H", float64(s.AdamBestError))
	o.Nullable("adam_final_rel_l2_H", float64(s.AdamFinalError))
	o.Set("reached", s.Reached)
	o.Nullable("time_to_reach", float64(s.TimeToReach))
	o.Set("steps_to_reach", s.StepsToReach)
	o.Nullable("speedup", float64(s.Speedup))
	o.Set("speedup_lower_bound", s.SpeedupIsLowerBound)
	o.Set("diverged", s.Diverged)
	v, _ := o.Done() // nothing can fail
	return v
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
