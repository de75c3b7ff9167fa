package race

import (
	"errors"
	"fmt"
	"math"
	"time"

	"hnnplay/core/adam"
	"hnnplay/core/data"
	"hnnplay/core/fit"
	"hnnplay/core/hnn"
	"hnnplay/core/metric"
	"hnnplay/core/system"
)

// Config describes both contestants and Adam's limits.
type Config struct {
	// Width is the hidden width M of both networks.
	Width int
	// Fit configures the sampled network. Its Width must be 0 or Width.
	Fit fit.Config
	// Adam configures the baseline. Its Width must be 0 or Width.
	Adam adam.Config
	// Steps bounds the number of Adam steps; 0 means no bound, and then
	// Budget must set a limit.
	Steps int
	// Budget bounds Adam's training time (the sum of its step times); its
	// ratio part takes effect once the sampled fit's time is known. A zero
	// Budget means no bound, and then Steps must be positive.
	Budget Budget
	// StopWhenReached ends the race as soon as Adam's test error is at or
	// below the sampled network's, once that is known. Otherwise Adam runs
	// until Steps or Budget.
	StopWhenReached bool
}

// Point is one point of an error curve.
type Point struct {
	Seconds float64 `json:"seconds"`  // training time so far, as defined in the package doc
	RelL2H  float64 `json:"rel_l2_H"` // relative L2 error of Ĥ on the test set
	Steps   int     `json:"steps"`    // Adam steps so far (0 for the sampled network)
}

// Race is one sampled-versus-Adam comparison. It is not safe for concurrent
// use.
type Race struct {
	cfg         Config
	train, test *data.Set
	problem     fit.Problem
	href        []float64 // the reference energies on the test states
	pred        []float64 // scratch for Ĥ on the test states

	trainer   *adam.Trainer
	adamTime  time.Duration // sum of the time spent in Step
	curve     []Point
	times     []time.Duration // Adam's exact training time at each curve point
	diverged  bool
	sampled   *fit.Result
	sampledPt Point

	// Seams for tests: the clock around Adam's steps, the fit and the
	// scoring function.
	now      func() time.Time
	fit      func(fit.Problem, fit.Config) (*fit.Result, error)
	testErrs func(system.Hamiltonian) float64
}

// New prepares a race on the given training and test sets. truth is the true
// Hamiltonian; it supplies the reference energies of test states when
// test.H is nil and may be nil otherwise. x0 and h0 are the anchor and its
// true energy, used by both methods. The sets are not copied and must not be
// modified during the race.
//
// It returns an error for invalid or mismatched sets, a width that differs
// between the two configurations, no limit on Adam, or an invalid fit or
// Adam configuration.
func New(train, test *data.Set, truth system.Hamiltonian, x0 []float64, h0 float64, cfg Config) (*Race, error) {
	if train == nil || test == nil {
		return nil, errors.New("race: need a training and a test set")
	}
	if err := train.Validate(); err != nil {
		return nil, fmt.Errorf("race: training set: %w", err)
	}
	if err := test.Validate(); err != nil {
		return nil, fmt.Errorf("race: test set: %w", err)
	}
	if test.Dof != train.Dof {
		return nil, fmt.Errorf("race: test set has %d degrees of freedom, training set %d", test.Dof, train.Dof)
	}
	if truth != nil && truth.Dof() != train.Dof {
		return nil, fmt.Errorf("race: true system has %d degrees of freedom, data %d", truth.Dof(), train.Dof)
	}
	if truth == nil && test.H == nil {
		return nil, errors.New("race: the test set has no energies and no true system was given")
	}
	if cfg.Width < 1 {
		return nil, fmt.Errorf("race: width must be at least 1, got %d", cfg.Width)
	}
	if cfg.Fit.Width != 0 && cfg.Fit.Width != cfg.Width {
		return nil, fmt.Errorf("race: the sampled network's width %d differs from the race's %d", cfg.Fit.Width, cfg.Width)
	}
	if cfg.Adam.Width != 0 && cfg.Adam.Width != cfg.Width {
		return nil, fmt.Errorf("race: Adam's width %d differs from the race's %d", cfg.Adam.Width, cfg.Width)
	}
	cfg.Fit.Width, cfg.Adam.Width = cfg.Width, cfg.Width
	if cfg.Steps < 0 || cfg.Budget.Seconds < 0 || cfg.Budget.Ratio < 0 {
		return nil, errors.New("race: Adam's step and time limits must not be negative")
	}
	if cfg.Steps == 0 && cfg.Budget.IsZero() {
		return nil, errors.New("race: Adam needs a step limit or a time budget")
	}
	prob := fit.Problem{Dof: train.Dof, X: train.X, Xdot: train.Xdot, H: train.H, X0: x0, H0: h0}
	if err := fit.Validate(prob, cfg.Fit); err != nil {
		return nil, err
	}
	tr, err := adam.NewTrainer(train.X, train.Xdot, train.Dof, x0, h0, cfg.Adam)
	if err != nil {
		return nil, err
	}
	r := &Race{
		cfg: cfg, train: train, test: test, problem: prob, trainer: tr,
		pred: make([]float64, test.Len()),
		now:  time.Now, fit: fit.Fit,
	}
	r.testErrs = r.relL2H
	if test.H != nil {
		r.href = test.H
	} else {
		r.href = make([]float64, test.Len())
		for k := range r.href {
			x, _ := test.Row(k)
			r.href[k] = truth.H(x)
		}
	}
	return r, nil
}

// relL2H returns ‖H − Ĥ‖₂/‖H‖₂ over the test states: the one score of both
// contestants.
func (r *Race) relL2H(m system.Hamiltonian) float64 {
	for k := range r.pred {
		x, _ := r.test.Row(k)
		r.pred[k] = m.H(x)
	}
	return metric.RelL2(r.href, r.pred)
}

// Train returns the training set both methods learn from.
func (r *Race) Train() *data.Set { return r.train }

// Test returns the test set both methods are scored on.
func (r *Race) Test() *data.Set { return r.test }

// Config returns the race's configuration, with both widths filled in.
func (r *Race) Config() Config { return r.cfg }

// FitSampled fits the sampled network (once; later calls return the same
// point) and returns its point: Seconds = fit.Result.Total, Steps = 0.
func (r *Race) FitSampled() (Point, error) {
	if r.sampled != nil {
		return r.sampledPt, nil
	}
	res, err := r.fit(r.problem, r.cfg.Fit)
	if err != nil {
		return Point{}, err
	}
	if res == nil || res.Model == nil {
		return Point{}, errors.New("race: the fit returned no model")
	}
	r.sampled = res
	r.sampledPt = Point{Seconds: res.Total.Seconds(), RelL2H: r.testErrs(res.Model)}
	return r.sampledPt, nil
}

// Sampled returns the sampled fit, or nil before FitSampled.
func (r *Race) Sampled() *fit.Result { return r.sampled }

// AdamModel returns a copy of Adam's current network with its output bias
// set so that Ĥ(x₀) = H₀.
func (r *Race) AdamModel() *hnn.Model { return r.trainer.Model() }

// AdamSteps returns the number of Adam steps taken.
func (r *Race) AdamSteps() int { return r.trainer.Steps() }

// AdamTime returns Adam's training time so far: the sum of its step times.
func (r *Race) AdamTime() time.Duration { return r.adamTime }

// Advance evaluates Adam's untrained network first if the curve is empty
// (the point at 0 s, 0 steps), then takes Adam steps until slice has been
// spent in this call, the step limit or the budget is reached, and returns
// the new curve point, evaluated after stepping and outside Adam's clock.
// It takes at least one step unless the race is done. done reports whether
// Adam has finished (see Done).
func (r *Race) Advance(slice time.Duration) (p Point, done bool) {
	if len(r.curve) == 0 {
		r.record(Point{RelL2H: r.testErrs(r.trainer.Model())}, 0)
	}
	if r.Done() {
		return r.curve[len(r.curve)-1], true
	}
	start := r.now()
	var spent time.Duration
	for {
		loss := r.trainer.Step()
		spent = r.now().Sub(start)
		if math.IsNaN(loss) || math.IsInf(loss, 0) {
			r.diverged = true
			break
		}
		if spent >= slice || r.limitReached(r.adamTime+spent) {
			break
		}
	}
	r.adamTime += spent
	p = Point{Seconds: r.adamTime.Seconds(), Steps: r.trainer.Steps(), RelL2H: r.testErrs(r.trainer.Model())}
	r.record(p, r.adamTime)
	return p, r.Done()
}

func (r *Race) record(p Point, t time.Duration) {
	if math.IsNaN(p.RelL2H) || math.IsInf(p.RelL2H, 0) {
		r.diverged = true
	}
	r.curve = append(r.curve, p)
	r.times = append(r.times, t)
}

// limitReached reports whether Adam has used up its steps or its budget,
// with t its training time so far.
func (r *Race) limitReached(t time.Duration) bool {
	limit := r.Limit()
	return (r.cfg.Steps > 0 && r.trainer.Steps() >= r.cfg.Steps) || (limit > 0 && t >= limit)
}

// Limit returns Adam's time limit as known so far (see Budget.Limit), or 0
// for none.
func (r *Race) Limit() time.Duration {
	var sampled time.Duration
	if r.sampled != nil {
		sampled = r.sampled.Total
	}
	return r.cfg.Budget.Limit(sampled)
}

// Reason says why Adam has finished: "diverged", "reached" (the sampled
// error), "steps" (the step limit) or "budget" (the time limit); it is ""
// while Adam has not finished.
func (r *Race) Reason() string {
	switch {
	case !r.Done():
		return ""
	case r.diverged:
		return "diverged"
	case r.cfg.StopWhenReached && r.reachIndex() >= 0:
		return "reached"
	case r.cfg.Steps > 0 && r.trainer.Steps() >= r.cfg.Steps:
		return "steps"
	}
	return "budget"
}

// Done reports whether Adam has finished: its step limit or budget is used
// up, its loss or test error stopped being finite, or (with
// StopWhenReached) it has reached the sampled network's error.
func (r *Race) Done() bool {
	if r.diverged || r.limitReached(r.adamTime) {
		return true
	}
	return r.cfg.StopWhenReached && r.reachIndex() >= 0
}

// reachIndex returns the index of the first curve point at or below the
// sampled error, or −1 (also before FitSampled).
func (r *Race) reachIndex() int {
	if r.sampled == nil {
		return -1
	}
	for i, p := range r.curve {
		if p.RelL2H <= r.sampledPt.RelL2H {
			return i
		}
	}
	return -1
}

// Curve returns a copy of Adam's error curve so far.
func (r *Race) Curve() []Point { return append([]Point(nil), r.curve...) }

// Run fits the sampled network, then advances Adam until Done, calling
// progress (if non-nil) with every new curve point. The first slice is
// 10 ms; each next one is 25 % longer, up to a hundredth of the budget (or
// 1 s without budget) but never below 10 ms, so that early crossings are
// timed finely and a long race is evaluated about a hundred times.
func (r *Race) Run(progress func(Point)) (Summary, error) {
	if _, err := r.FitSampled(); err != nil {
		return Summary{}, err
	}
	const first = 10 * time.Millisecond
	limit := time.Second
	if l := r.Limit(); l > 0 {
		limit = max(first, l/100)
	}
	slice := first
	for {
		p, done := r.Advance(slice)
		if progress != nil {
			progress(p)
		}
		if done {
			return r.Summary(), nil
		}
		slice = min(limit, slice+slice/4)
	}
}
