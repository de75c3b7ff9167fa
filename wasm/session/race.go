package session

import (
	"fmt"
	"math"
	"runtime/debug"
	"time"

	"hnnplay/core/experiment"
	"hnnplay/core/hnn"
	"hnnplay/core/race"
	"hnnplay/wasm/protocol"
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

// RaceReply is the answer to RaceStart, RaceAdvance and RaceStop, sent as
// its Value; the tags name its fields there (the JSON the page sees).
type RaceReply struct {
	Type  string `json:"type"`  // "race"
	Phase string `json:"phase"` // "start", "progress" or "stopped"
	ID    int64  `json:"id"`
	Error string `json:"error"`
	// Errors are the refused settings of a start, for the page to mark.
	Errors []protocol.FieldError `json:"errors,omitempty"`

	// Start only: the sampled fit as a fit's reply, to install with
	// hnnplay.setModel, and Adam's settings as used.
	Result *protocol.Reply `json:"result,omitempty"`
	Adam   *AdamInfo       `json:"adam,omitempty"`

	Points []Point `json:"points,omitempty"` // Adam's curve points new since the last reply
	Done   bool    `json:"done"`             // Adam has finished (limit, budget, reached, diverged)
	// Summary is race.Summary's JSON: the sampled point, Adam's best and
	// last errors, the speed-up, why Adam finished and the outcome in words.
	Summary protocol.JSONText `json:"summary,omitempty"`
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
	Seed         uint64  `json:"seed"`
}

// Point is a race.Point whose error is null when not finite (JSON has no NaN).
type Point struct {
	Seconds float64  `json:"seconds"`
	RelL2H  nullable `json:"rel_l2_H"`
	Steps   int      `json:"steps"`
}

// nullable is a float64 that is null in JSON when not finite.
type nullable float64

// MarshalJSON writes n as encoding/json writes a float64, or null.
func (n nullable) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(n)) || math.IsInf(float64(n), 0) {
		return []byte("null"), nil
	}
	return []byte(protocol.JSNumber(float64(n))), nil
}

type racer struct {
	id        int64
	race      *race.Race
	slices    int // Advance calls so far
	sent      int // curve points already sent
	lastModel time.Time
}

// Running reports whether a race is started and Adam has not finished.
func (se *Session) Running() bool { return se.cur != nil && !se.cur.race.Done() }

// RaceStart ends any race, then starts the one the request describes: it
// validates the settings, generates the data exactly as a fit does, fits
// the sampled network and returns its reply (to install on the canvas) and
// point. On error no race is left.
func (se *Session) RaceStart(req any) map[string]any {
	se.cur = nil
	debug.FreeOSMemory()
	r, err := protocol.RequestOf(req)
	if err != nil {
		return encode(raceError("start", r.ID, fmt.Errorf("cannot read the settings: %v", err)))
	}
	t0 := se.now()
	rep := se.start(r)
	rep.WallMs = ms(se.now().Sub(t0))
	return encode(rep)
}

func (se *Session) start(r protocol.Request) (rep RaceReply) {
	defer func() {
		if p := recover(); p != nil {
			se.cur = nil
			rep = raceError("start", r.ID, fmt.Errorf("the comparison failed unexpectedly (%v); try other settings", p))
			debug.FreeOSMemory()
		}
	}()
	s, d, dataTime, err := se.prepare(r)
	if err != nil {
		return raceError("start", r.ID, err)
	}
	rc, err := experiment.NewRace(s, d, nil)
	if err != nil {
		return raceError("start", r.ID, err)
	}
	if _, err := rc.FitSampled(); err != nil {
		return raceError("start", r.ID, fmt.Errorf("the fit failed: %v", err))
	}
	res, err := experiment.Score(s, d, rc.Sampled())
	if err != nil {
		return raceError("start", r.ID, err)
	}
	res.DataSeconds = dataTime.Seconds()
	fr := se.reply(r.ID, res, d)
	if fr.Error != "" {
		return raceError("start", r.ID, fmt.Errorf("%s", fr.Error))
	}
	se.cur = &racer{id: r.ID, race: rc}
	cfg := rc.Config()
	rep = se.cur.reply("start")
	rep.Result = &fr
	rep.Adam = &AdamInfo{
		Width: cfg.Width, Steps: cfg.Steps, LR: cfg.Adam.LR, Batch: cfg.Adam.Batch, BatchClamped: cfg.Adam.Batch < s.AdamBatch,
		Budget: s.RaceBudget.String(), Seed: cfg.Adam.Seed,
	}
	return rep
}

// RaceAdvance trains Adam for about ms milliseconds (at least one step, at
// most MaxSlice, less at first: see FirstSlice) and returns the new curve
// points. Without a race it returns an error reply; after the race is done
// it returns the final state again, with no new points.
func (se *Session) RaceAdvance(msWanted float64) map[string]any {
	c := se.cur
	if c == nil {
		return encode(raceError("progress", 0, errNoRace))
	}
	t0 := se.now()
	rep := se.advance(c, msWanted)
	rep.WallMs = ms(se.now().Sub(t0))
	return encode(rep)
}

func (se *Session) advance(c *racer, msWanted float64) (rep RaceReply) {
	defer func() {
		if p := recover(); p != nil {
			se.cur = nil
			rep = raceError("progress", c.id, fmt.Errorf("the comparison failed unexpectedly (%v)", p))
			debug.FreeOSMemory()
		}
	}()
	if !c.race.Done() {
		c.race.Advance(c.slice(msWanted))
		c.slices++
	}
	rep = c.reply("progress")
	if rep.Done || c.slices == 1 || se.now().Sub(c.lastModel) >= ModelEvery {
		rep.Model = c.model()
		c.lastModel = se.now()
	}
	return rep
}

// slice is the time the next Advance may spend: FirstSlice growing by 25 %
// per call, capped by what was asked for, by MaxSlice and by what is left of
// the time limit (but at least one step is always taken).
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
	if l := c.race.Limit(); l > 0 {
		s = min(s, l-c.race.AdamTime())
	}
	return max(s, 0)
}

// reply reports the points not yet sent and the summary.
func (c *racer) reply(phase string) RaceReply {
	curve := c.race.Curve()
	var pts []Point
	for _, p := range curve[min(c.sent, len(curve)):] {
		pts = append(pts, Point{p.Seconds, nullable(p.RelL2H), p.Steps})
	}
	c.sent = len(curve)
	sum, _ := c.race.Summary().MarshalJSON()
	return RaceReply{Type: "race", Phase: phase, ID: c.id, Points: pts, Done: c.race.Done(), Summary: sum}
}

// model returns Adam's current network, or nil if it is not finite.
func (c *racer) model() *hnn.Model {
	m := c.race.AdamModel()
	if _, err := protocol.ModelValue(m); err != nil {
		return nil
	}
	return m
}

// RaceStop ends the race and returns its final state with Adam's network.
// Without a race it returns a reply with only the phase.
func (se *Session) RaceStop() map[string]any {
	c := se.cur
	se.cur = nil
	if c == nil {
		return encode(RaceReply{Type: "race", Phase: "stopped"})
	}
	t0 := se.now()
	rep := func() (rep RaceReply) {
		defer func() {
			if p := recover(); p != nil {
				rep = raceError("stopped", c.id, fmt.Errorf("the comparison failed unexpectedly (%v)", p))
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

func raceError(phase string, id int64, err error) RaceReply {
	e := protocol.ErrorReply(id, err)
	return RaceReply{Type: "race", Phase: phase, ID: id, Error: e.Error, Errors: e.Errors, Done: true}
}

func encode(r RaceReply) map[string]any {
	v, err := r.Value()
	if err != nil {
		v, _ = raceError(r.Phase, r.ID, fmt.Errorf("cannot encode the reply: %v", err)).Value()
	}
	return v
}

// Value is the reply as a value tree (see package protocol): json.Marshal(r)
// and json.Marshal of the tree decode to the same JSON value, a Point's
// error that is not finite being null. It fails on another number that is
// not finite.
func (r RaceReply) Value() (map[string]any, error) {
	var o protocol.Object
	o.Set("type", r.Type)
	o.Set("phase", r.Phase)
	o.Set("id", r.ID)
	o.Set("error", r.Error)
	o.FieldErrors(r.Errors)
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
		ao.Set("seed", a.Seed)
		v, err := ao.Done()
		o.Fail(err)
		o.Set("adam", v)
	}
	if len(r.Points) > 0 {
		pts := make([]any, len(r.Points))
		for i, p := range r.Points {
			var po protocol.Object
			po.Finite("seconds", p.Seconds)
			po.Nullable("rel_l2_H", float64(p.RelL2H))
			po.Set("steps", p.Steps)
			v, err := po.Done()
			o.Fail(err)
			pts[i] = v
		}
		o.Set("points", pts)
	}
	o.Set("done", r.Done)
	if len(r.Summary) > 0 {
		o.Set("summary", r.Summary)
	}
	if r.Model != nil {
		v, err := protocol.ModelValue(r.Model)
		o.Fail(err)
		o.Set("model", v)
	}
	o.Finite("wall_ms", r.WallMs)
	return o.Done()
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
