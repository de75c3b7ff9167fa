package racer

import (
	"fmt"
	"math"
	"strings"
	"time"

	"hnnplay/core/system"
	"hnnplay/wasm/protocol"
)

// Request is a race request as the page sends it: the training settings of
// the sampled network (protocol.Request, the same fields as a fit) and
// Adam's, every value as typed. Empty values take their defaults.
type Request struct {
	protocol.Request
	Steps  protocol.Text `json:"adam_steps"`
	LR     protocol.Text `json:"adam_lr"`
	Batch  protocol.Text `json:"adam_batch"`
	Budget protocol.Text `json:"adam_budget"` // time limit, see ParseBudget
}

// Defaults and bounds of Adam's settings.
const (
	DefaultSteps = 3000
	MaxSteps     = 10_000_000
	DefaultLR    = 5e-4 // adam.DefaultConfig's, the paper's
	MaxLR        = 1.0
	DefaultBatch = 2048 // adam.DefaultConfig's, the paper's
	// MaxStepWork bounds batch·width·2d, the multiply-adds of one Adam step
	// up to a small factor: one step cannot be cut into slices, so it must
	// stay short for pause and stop to answer quickly. 8.5e6 admits the
	// paper's width 1000 with batch 2048 on 2-dof systems (about 0.2 s a step
	// in WebAssembly).
	MaxStepWork = 8_500_000
	// MaxBudgetSeconds and MaxBudgetRatio bound the time limit.
	MaxBudgetSeconds = 3600
	MaxBudgetRatio   = 100_000
)

// Settings is a validated race request.
type Settings struct {
	protocol.Settings
	Steps int
	LR    float64
	// Batch is the batch Adam uses: the requested one, or all the training
	// points when there are fewer (BatchClamped).
	Batch        int
	BatchClamped bool
	Budget       Budget
}

// Budget is Adam's time limit: Seconds of training time, or Ratio times the
// sampled fit's time, whichever is smaller; zero fields mean no limit.
type Budget struct {
	Seconds float64 `json:"seconds,omitempty"`
	Ratio   float64 `json:"ratio,omitempty"`
}

// Limit returns the limit for a sampled fit that took sampled, or 0 (none).
func (b Budget) Limit(sampled time.Duration) time.Duration {
	var d time.Duration
	if b.Seconds > 0 {
		d = time.Duration(b.Seconds * float64(time.Second))
	}
	if b.Ratio > 0 && sampled > 0 {
		r := time.Duration(b.Ratio * float64(sampled))
		if d == 0 || r < d {
			d = r
		}
	}
	return d
}

// String writes the budget as ParseBudget reads it.
func (b Budget) String() string {
	var parts []string
	if b.Ratio > 0 {
		parts = append(parts, fmt.Sprintf("%gx", b.Ratio))
	}
	if b.Seconds > 0 {
		parts = append(parts, fmt.Sprintf("%g s", b.Seconds))
	}
	return strings.Join(parts, ", ")
}

// ParseBudget reads a time limit: "100x" (or "100×") is 100 times the
// sampled fit's time, "60" or "60 s" is 60 seconds of Adam's training time,
// "100x, 60" the smaller of the two; empty is no limit.
func ParseBudget(text string) (Budget, error) {
	var b Budget
	s := strings.TrimSpace(text)
	if s == "" {
		return b, nil
	}
	bad := func() (Budget, error) {
		return Budget{}, fmt.Errorf(`Adam's time limit must be a multiple of the sampled fit's time ("100x"), seconds ("60") or both ("100x, 60"), got %q`, text)
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' })
	if len(parts) == 0 || len(parts) > 2 {
		return bad()
	}
	for _, p := range parts {
		p = strings.ToLower(strings.TrimSpace(p))
		ratio := false
		for _, suf := range []string{"x", "×"} {
			if strings.HasSuffix(p, suf) {
				p, ratio = strings.TrimSpace(strings.TrimSuffix(p, suf)), true
				break
			}
		}
		if !ratio {
			p = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(p, "s"), "sec"))
		}
		v, err := protocol.ParseNumber(p)
		if err != nil || !(v > 0) {
			return bad()
		}
		switch {
		case ratio && b.Ratio == 0:
			if v > MaxBudgetRatio {
				return Budget{}, fmt.Errorf("Adam's time limit of %gx the sampled time is more than %dx", v, MaxBudgetRatio)
			}
			b.Ratio = v
		case !ratio && b.Seconds == 0:
			if v > MaxBudgetSeconds {
				return Budget{}, fmt.Errorf("Adam's time limit of %g s is more than %d s", v, MaxBudgetSeconds)
			}
			b.Seconds = v
		default:
			return bad()
		}
	}
	return b, nil
}

// Validate checks r against lim: first the training settings (the same
// checks and messages as a fit), then Adam's.
func (r Request) Validate(lim protocol.Limits) (Settings, system.System, error) {
	ps, sys, err := r.Request.Validate(lim)
	s := Settings{Settings: ps}
	if err != nil {
		return s, nil, err
	}
	if s.Steps, err = wholeNumber("Adam's steps", r.Steps, DefaultSteps, 1, MaxSteps); err != nil {
		return s, nil, err
	}
	s.LR = DefaultLR
	if t := strings.TrimSpace(string(r.LR)); t != "" {
		v, err := protocol.ParseNumber(t)
		if err != nil || !(v > 0 && v <= MaxLR) {
			return s, nil, fmt.Errorf("Adam's learning rate must be a number above 0 and at most %g, got %q", MaxLR, t)
		}
		s.LR = v
	}
	if s.Batch, err = wholeNumber("Adam's batch", r.Batch, DefaultBatch, 1, lim.MaxPoints); err != nil {
		return s, nil, err
	}
	if s.Batch > s.Points {
		s.Batch, s.BatchClamped = s.Points, true
	}
	if work := float64(s.Batch) * float64(s.Width) * float64(2*sys.Dof()); work > MaxStepWork {
		maxBatch := int(MaxStepWork / (float64(s.Width) * float64(2*sys.Dof())))
		return s, nil, fmt.Errorf("one Adam step with batch %d at width %d would take too long to pause or stop (batch × width × %d = %.1e, limit %.1e); use a batch ≤ %d or a smaller width",
			s.Batch, s.Width, 2*sys.Dof(), work, float64(MaxStepWork), max(maxBatch, 1))
	}
	if s.Budget, err = ParseBudget(string(r.Budget)); err != nil {
		return s, nil, err
	}
	return s, sys, nil
}

// wholeNumber parses a whole number in [lo, hi]; empty means def.
func wholeNumber(name string, t protocol.Text, def, lo, hi int) (int, error) {
	s := strings.TrimSpace(string(t))
	if s == "" {
		return def, nil
	}
	v, err := protocol.ParseNumber(s)
	if err != nil || v != math.Trunc(v) || v < float64(lo) || v > float64(hi) {
		return 0, fmt.Errorf("%s must be a whole number from %d to %d, got %q", name, lo, hi, s)
	}
	return int(v), nil
}

// RequestOf reads a race request from the page's object as a value tree (see
// protocol.RequestOf, which reads the fit's fields).
func RequestOf(v any) (Request, error) {
	pr, err := protocol.RequestOf(v)
	r := Request{Request: pr}
	o, _ := v.(map[string]any)
	for _, f := range []struct {
		key string
		dst *protocol.Text
	}{{"adam_steps", &r.Steps}, {"adam_lr", &r.LR}, {"adam_batch", &r.Batch}, {"adam_budget", &r.Budget}} {
		if e := protocol.TextField(o, f.key, f.dst); e != nil && err == nil {
			err = e
		}
	}
	return r, err
}
