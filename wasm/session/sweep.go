package session

import (
	"fmt"
	"runtime/debug"

	"hnnplay/core/experiment"
	"hnnplay/wasm/protocol"
)

// SweepReply is the answer to SweepStart and SweepStep, sent as its Value;
// the tags name its fields there (the JSON the page sees).
type SweepReply struct {
	Type  string `json:"type"`  // "sweep"
	Phase string `json:"phase"` // "start" or "progress"
	ID    int64  `json:"id"`
	Error string `json:"error"`
	// Errors are the refused settings, for the page to mark.
	Errors []protocol.FieldError `json:"errors,omitempty"`
	// Steps are the observation steps h of the sweep, in order; Done is
	// how many are fitted.
	Steps []float64 `json:"steps"`
	Done  int       `json:"done"`
	// Sweep is experiment.SweepResult's JSON over the steps fitted so far
	// (what `hnnplay sweep -json` prints when all are).
	Sweep protocol.JSONText `json:"sweep,omitempty"`
	// Finished: every step is fitted, or the sweep failed.
	Finished bool `json:"finished"`
	// WallMs is the wall time of this call in milliseconds.
	WallMs float64 `json:"wall_ms"`
}

// sweeper is a sweep in progress: one fit per SweepStep call.
type sweeper struct {
	id    int64
	s     experiment.Settings
	steps []float64
	rows  []experiment.SweepRow
}

// SweepStart ends any sweep, then starts the one the request describes: the
// page's settings with the snapshot step varied over experiment.SweepSteps.
// It checks the settings (experiment.CheckSweep, with the session's limits)
// and fits nothing: each SweepStep fits one step, so that the worker reads
// a stop between fits. On error no sweep is left.
func (se *Session) SweepStart(req any) map[string]any {
	se.sweep = nil
	r, err := protocol.RequestOf(req)
	if err != nil {
		return sweepError("start", r.ID, fmt.Errorf("cannot read the settings: %v", err)).value()
	}
	s, err := experiment.Parse(r.Values)
	if err == nil {
		err = experiment.CheckSweep(s, experiment.SweepSteps, se.Limits)
	}
	if err != nil {
		return sweepError("start", r.ID, err).value()
	}
	se.sweep = &sweeper{id: r.ID, s: s, steps: experiment.SweepSteps}
	return se.sweep.reply("start").value()
}

// SweepStep fits the next step of the sweep and returns the sweep so far;
// Finished once every step is fitted (the sweep is then over) or a fit
// failed. Without a sweep it returns an error reply.
func (se *Session) SweepStep() map[string]any {
	w := se.sweep
	if w == nil {
		return sweepError("progress", 0, fmt.Errorf("no sweep is running")).value()
	}
	t0 := se.now()
	rep := func() (rep SweepReply) {
		defer func() {
			if p := recover(); p != nil {
				rep = sweepError("progress", w.id, fmt.Errorf("the sweep failed unexpectedly (%v); try other settings", p))
				debug.FreeOSMemory()
			}
		}()
		row, err := experiment.SweepFit(w.s, w.steps[len(w.rows)], nil)
		if err != nil {
			return sweepError("progress", w.id, err)
		}
		w.rows = append(w.rows, row)
		return w.reply("progress")
	}()
	if rep.Finished {
		se.sweep = nil
	}
	rep.WallMs = ms(se.now().Sub(t0))
	return rep.value()
}

// SweepStop ends the sweep, if one is running.
func (se *Session) SweepStop() { se.sweep = nil }

// reply reports the sweep so far.
func (w *sweeper) reply(phase string) SweepReply {
	b, _ := experiment.NewSweepResult(w.s, w.rows).MarshalJSON()
	return SweepReply{Type: "sweep", Phase: phase, ID: w.id, Steps: w.steps, Done: len(w.rows), Sweep: b,
		Finished: len(w.rows) == len(w.steps)}
}

func sweepError(phase string, id int64, err error) SweepReply {
	e := protocol.ErrorReply(id, err)
	return SweepReply{Type: "sweep", Phase: phase, ID: id, Error: e.Error, Errors: e.Errors, Finished: true}
}

// Value is the reply as a value tree (see package protocol): json.Marshal(r)
// and json.Marshal of the tree decode to the same JSON value. It fails on a
// wall time that is not finite.
func (r SweepReply) Value() (map[string]any, error) {
	var o protocol.Object
	o.Set("type", r.Type)
	o.Set("phase", r.Phase)
	o.Set("id", r.ID)
	o.Set("error", r.Error)
	o.FieldErrors(r.Errors)
	o.Set("steps", r.Steps)
	o.Set("done", r.Done)
	if len(r.Sweep) > 0 {
		o.Set("sweep", r.Sweep)
	}
	o.Set("finished", r.Finished)
	o.Finite("wall_ms", r.WallMs)
	return o.Done()
}

// value is r's Value, or an error reply if it cannot be encoded.
func (r SweepReply) value() map[string]any {
	v, err := r.Value()
	if err != nil {
		v, _ = sweepError(r.Phase, r.ID, fmt.Errorf("cannot encode the reply: %v", err)).Value()
	}
	return v
}
