// Package train is the trainer worker's work, as plain Go: validate a request,
// generate data from the seed, fit, evaluate on a test set, and build the
// reply. It never panics: a panic inside the fit becomes an error reply.
package train

import (
	"encoding/json"
	"fmt"
	"math"
	"runtime/debug"
	"time"

	"hnnplay/core/fit"
	"hnnplay/core/system"
	"hnnplay/wasm/protocol"
)

// Handle decodes one JSON request and returns the JSON reply. It is what the
// worker's JavaScript calls; it always returns a reply, never panics.
func Handle(req []byte) []byte {
	var r protocol.Request
	var reply protocol.Reply
	if err := json.Unmarshal(req, &r); err != nil {
		reply = protocol.ErrorReply(r.ID, fmt.Errorf("cannot read the settings: %v", err))
	} else {
		reply = Run(r, protocol.DefaultLimits)
	}
	b, err := json.Marshal(reply)
	if err != nil {
		b, _ = json.Marshal(protocol.ErrorReply(r.ID, fmt.Errorf("cannot encode the result: %v", err)))
	}
	return b
}

// Run validates r, trains and evaluates. Errors, including panics, come back
// as a reply whose Error says what went wrong.
func Run(r protocol.Request, lim protocol.Limits) (reply protocol.Reply) {
	defer func() {
		if p := recover(); p != nil {
			reply = protocol.ErrorReply(r.ID, fmt.Errorf("training failed unexpectedly (%v); try other settings", p))
			debug.FreeOSMemory()
		}
	}()
	s, sys, err := r.Validate(lim)
	if err != nil {
		return protocol.ErrorReply(r.ID, err)
	}
	return run(s, sys, lim)
}

func run(s protocol.Settings, sys system.System, lim protocol.Limits) protocol.Reply {
	t0 := time.Now()
	kTest := min(s.Points, lim.MaxTestPoints)
	train, test, err := makeData(sys, s.Box, s.Points, kTest, s.Seed)
	if err != nil {
		return protocol.ErrorReply(s.ID, fmt.Errorf("cannot generate data: %v", err))
	}
	if s.Noise > 0 {
		addNoise(train, s.Noise, s.Seed+1)
	}
	x0 := sys.Anchor()
	prob := fit.Problem{Dof: sys.Dof(), X: train.X, Xdot: train.Xdot, H: train.H, X0: x0, H0: sys.H(x0)}
	cfg := fit.Config{Width: s.Width, Sampler: fit.Sampler(s.Sampler), Rcond: s.Rcond, Seed: s.Seed}
	t1 := time.Now()
	res, err := fitFunc(prob, cfg)
	t2 := time.Now()
	if err != nil {
		return protocol.ErrorReply(s.ID, fmt.Errorf("the fit failed: %v", err))
	}
	if res == nil || res.Model == nil {
		return protocol.ErrorReply(s.ID, fmt.Errorf("the fit returned no model"))
	}
	eH, eGrad, eXdot := evaluate(res.Model, test)
	t3 := time.Now()
	if !finite(eH) || !finite(eGrad) || !finite(eXdot) {
		return protocol.ErrorReply(s.ID, fmt.Errorf("the fitted network is not finite on the test set (width %d, rcond %g); try a larger rcond or a smaller width", s.Width, s.Rcond))
	}
	model, err := json.Marshal(res.Model)
	if err != nil {
		return protocol.ErrorReply(s.ID, fmt.Errorf("cannot encode the model: %v", err))
	}
	seconds := res.Total.Seconds()
	if seconds <= 0 {
		seconds = t2.Sub(t1).Seconds()
	}
	return protocol.Reply{
		Type:        "result",
		ID:          s.ID,
		Model:       model,
		Seconds:     seconds,
		Rank:        res.Rank,
		RelL2H:      eH,
		RelL2Grad:   eGrad,
		RelL2Xdot:   eXdot,
		Points:      subsample(train.X, 2*sys.Dof(), lim.DisplayPoints),
		System:      s.System,
		Params:      s.Params,
		Box:         protocol.FlatBox(s.Box),
		BoxText:     protocol.FormatBox(s.Box),
		Dof:         sys.Dof(),
		Width:       s.Width,
		TrainPoints: s.Points,
		Sampler:     s.Sampler,
		Rcond:       s.Rcond,
		Noise:       s.Noise,
		Seed:        s.Seed,
		DataSeconds: t1.Sub(t0).Seconds(),
		EvalSeconds: t3.Sub(t2).Seconds(),
	}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// subsample returns at most n rows of the k×dim matrix x, evenly spaced
// (the rows are i.i.d. uniform, so every stride is an unbiased sample).
func subsample(x []float64, dim, n int) [][]float64 {
	k := len(x) / dim
	if n <= 0 || k == 0 {
		return nil
	}
	m := min(k, n)
	out := make([][]float64, m)
	for i := range out {
		j := i * k / m
		out[i] = append([]float64(nil), x[j*dim:(j+1)*dim]...)
	}
	return out
}

// fitFunc is fit.Fit; tests replace it.
var fitFunc = fit.Fit

// Info returns the JSON the worker sends when it starts: the systems with
// their default boxes and parameters, the samplers, the limits and defaults,
// so the page fills its controls and checks URL values with the trainer's
// own numbers.
func Info() []byte {
	b, _ := json.Marshal(struct {
		Type     string                `json:"type"`
		Systems  []protocol.SystemInfo `json:"systems"`
		Samplers []string              `json:"samplers"`
		Limits   protocol.Limits       `json:"limits"`
		Defaults map[string]string     `json:"defaults"`
	}{
		Type:     "ready",
		Systems:  protocol.Systems(),
		Samplers: protocol.Samplers,
		Limits:   protocol.DefaultLimits,
		Defaults: map[string]string{
			"system":  protocol.DefaultSystem,
			"points":  fmt.Sprint(protocol.DefaultPoints),
			"width":   fmt.Sprint(protocol.DefaultWidth),
			"sampler": protocol.DefaultSampler,
			"rcond":   fmt.Sprint(protocol.DefaultRcond),
			"noise":   fmt.Sprint(protocol.DefaultNoise),
			"seed":    fmt.Sprint(protocol.DefaultSeed),
		},
	})
	return b
}
