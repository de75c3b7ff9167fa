// Package train is the trainer worker's work, as plain Go: validate a request,
// generate data from the seed, fit, evaluate on a test set, and build the
// reply. It never panics: a panic inside the fit becomes an error reply.
package train

import (
	"fmt"
	"math"
	"runtime/debug"
	"time"

	"hnnplay/core/data"
	"hnnplay/core/fit"
	"hnnplay/core/system"
	"hnnplay/wasm/protocol"
)

// Handle reads one request, the page's object as a value tree (see
// protocol.RequestOf), and returns the reply as a value tree (see
// protocol.Reply.Value). It is what the worker's JavaScript calls; it always
// returns a reply, never panics.
func Handle(req any) map[string]any {
	r, err := protocol.RequestOf(req)
	var reply protocol.Reply
	if err != nil {
		reply = protocol.ErrorReply(r.ID, fmt.Errorf("cannot read the settings: %v", err))
	} else {
		reply = Run(r, protocol.DefaultLimits)
	}
	v, err := reply.Value()
	if err != nil {
		v, _ = protocol.ErrorReply(r.ID, fmt.Errorf("cannot encode the result: %v", err)).Value()
	}
	return v
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
	train, test, err := Data(s, sys, lim)
	if err != nil {
		return protocol.ErrorReply(s.ID, err)
	}
	t1 := time.Now()
	res, err := fitFunc(Problem(sys, train), FitConfig(s))
	t2 := time.Now()
	if err != nil {
		return protocol.ErrorReply(s.ID, fmt.Errorf("the fit failed: %v", err))
	}
	if res == nil || res.Model == nil {
		return protocol.ErrorReply(s.ID, fmt.Errorf("the fit returned no model"))
	}
	if res.Total <= 0 {
		res.Total = t2.Sub(t1)
	}
	return FitReply(s, sys, lim, train, test, res, t1.Sub(t0))
}

// Data generates the training set of s (with its noise) and the test set,
// of min(points, lim.MaxTestPoints) states, both from s.Seed.
func Data(s protocol.Settings, sys system.System, lim protocol.Limits) (train, test *data.Set, err error) {
	kTest := min(s.Points, lim.MaxTestPoints)
	train, test, err = makeData(sys, s.Box, s.Points, kTest, s.Seed)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot generate data: %v", err)
	}
	if s.Noise > 0 {
		if err := addNoise(train, s.Noise, s.Seed+1); err != nil {
			return nil, nil, fmt.Errorf("cannot add noise: %v", err)
		}
	}
	return train, test, nil
}

// Problem is the fit problem of a training set, anchored at the system's
// anchor.
func Problem(sys system.System, train *data.Set) fit.Problem {
	x0 := sys.Anchor()
	return fit.Problem{Dof: sys.Dof(), X: train.X, Xdot: train.Xdot, H: train.H, X0: x0, H0: sys.H(x0)}
}

// FitConfig is the sampled network's configuration for s.
func FitConfig(s protocol.Settings) fit.Config {
	return fit.Config{Width: s.Width, Sampler: fit.Sampler(s.Sampler), Rcond: s.Rcond, Seed: s.Seed}
}

// FitReply evaluates a fit on the test set and builds the reply the page
// installs; dataTime is the time data generation took (shown, not counted).
func FitReply(s protocol.Settings, sys system.System, lim protocol.Limits, train, test *data.Set, res *fit.Result, dataTime time.Duration) protocol.Reply {
	t2 := time.Now()
	eH, eGrad, eXdot := evaluate(res.Model, test)
	t3 := time.Now()
	if !finite(eH) || !finite(eGrad) || !finite(eXdot) {
		return protocol.ErrorReply(s.ID, fmt.Errorf("the fitted network is not finite on the test set (width %d, rcond %g); try a larger rcond or a smaller width", s.Width, s.Rcond))
	}
	if _, err := protocol.ModelValue(res.Model); err != nil {
		return protocol.ErrorReply(s.ID, fmt.Errorf("cannot encode the model: %v", err))
	}
	return protocol.Reply{
		Type:        "result",
		ID:          s.ID,
		Model:       res.Model,
		Seconds:     res.Total.Seconds(),
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
		DataSeconds: dataTime.Seconds(),
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

// Info returns what the worker sends when it starts, as a value tree (see
// protocol.Reply.Value): the systems with their default boxes and parameters,
// the samplers, the limits and defaults, so the page fills its controls and
// checks URL values with the trainer's own numbers.
func Info() map[string]any {
	systems := protocol.Systems()
	var sv []any
	for _, s := range systems {
		sv = append(sv, s.Value())
	}
	return map[string]any{
		"type":     "ready",
		"systems":  sv,
		"samplers": protocol.Samplers,
		"limits":   protocol.DefaultLimits.Value(),
		"defaults": map[string]string{
			"system":  protocol.DefaultSystem,
			"points":  fmt.Sprint(protocol.DefaultPoints),
			"width":   fmt.Sprint(protocol.DefaultWidth),
			"sampler": protocol.DefaultSampler,
			"rcond":   fmt.Sprint(protocol.DefaultRcond),
			"noise":   fmt.Sprint(protocol.DefaultNoise),
			"seed":    fmt.Sprint(protocol.DefaultSeed),
		},
	}
}
