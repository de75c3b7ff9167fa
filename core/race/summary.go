package race

import (
	"fmt"
	"hnnplay/core/internal/jsontext"
	"math"
	"strconv"
	"strings"
)

// Summary is the outcome of a race so far. Times are in seconds as defined
// in the package doc; errors are relative L2 errors of H on the test set.
type Summary struct {
	Sampled        bool    `json:"sampled"` // the sampled network has been fitted
	SampledSeconds float64 `json:"sampled_seconds"`
	SampledError   float64 `json:"sampled_rel_l2_H"`
	AdamSeconds    float64 `json:"adam_seconds"`
	AdamSteps      int     `json:"adam_steps"`
	AdamBestError  float64 `json:"adam_best_rel_l2_H"`  // smallest finite error on the curve
	AdamFinalError float64 `json:"adam_final_rel_l2_H"` // error at the last curve point
	// Reached: Adam's error was at or below the sampled error at some
	// evaluation; TimeToReach and StepsToReach describe the first such one.
	Reached      bool    `json:"reached"`
	TimeToReach  float64 `json:"time_to_reach"`
	StepsToReach int     `json:"steps_to_reach"`
	// Speedup is TimeToReach / SampledSeconds if Reached, and otherwise
	// AdamSeconds / SampledSeconds with SpeedupIsLowerBound set: Adam would
	// have needed at least that long. It is 0 while undefined (no sampled
	// fit yet, a zero sampled time, or no Adam step yet).
	Speedup             float64 `json:"speedup"`
	SpeedupIsLowerBound bool    `json:"speedup_lower_bound"`
	// Diverged: Adam's loss or test error stopped being finite.
	Diverged bool `json:"diverged"`
	// Reason says why Adam finished (see Race.Reason); "" while it runs.
	Reason string `json:"reason"`
	// LimitSeconds is Adam's time limit as known so far (see Race.Limit);
	// 0 for none.
	LimitSeconds float64 `json:"limit_seconds"`
}

// MarshalJSON writes the summary with the field names of its tags; numbers
// that are not finite (an error of a diverged Adam) are null. It is written
// without reflection so that the browser's worker, which links no JSON
// codec, sends the very JSON the command line prints.
func (s Summary) MarshalJSON() ([]byte, error) {
	var o jsontext.Object
	o.Bool("sampled", s.Sampled)
	o.Number("sampled_seconds", s.SampledSeconds)
	o.Number("sampled_rel_l2_H", s.SampledError)
	o.Number("adam_seconds", s.AdamSeconds)
	o.Int("adam_steps", int64(s.AdamSteps))
	o.Number("adam_best_rel_l2_H", s.AdamBestError)
	o.Number("adam_final_rel_l2_H", s.AdamFinalError)
	o.Bool("reached", s.Reached)
	if s.Reached {
		o.Number("time_to_reach", s.TimeToReach)
	} else {
		o.Raw("time_to_reach", []byte("null"))
	}
	o.Int("steps_to_reach", int64(s.StepsToReach))
	o.Number("speedup", s.Speedup)
	o.Bool("speedup_lower_bound", s.SpeedupIsLowerBound)
	o.Bool("diverged", s.Diverged)
	o.String("reason", s.Reason)
	o.Number("limit_seconds", s.LimitSeconds)
	o.String("text", s.Text())
	return o.Bytes(), nil
}

// Summary returns the outcome so far; see Summary's fields.
func (r *Race) Summary() Summary {
	s := Summary{
		AdamSeconds:  r.adamTime.Seconds(),
		AdamSteps:    r.trainer.Steps(),
		Diverged:     r.diverged,
		Reason:       r.Reason(),
		LimitSeconds: r.Limit().Seconds(),
	}
	best := math.Inf(1)
	for _, p := range r.curve {
		if p.RelL2H < best {
			best = p.RelL2H
		}
	}
	if !math.IsInf(best, 1) {
		s.AdamBestError = best
		s.AdamFinalError = r.curve[len(r.curve)-1].RelL2H
	}
	if r.sampled == nil {
		return s
	}
	s.Sampled = true
	s.SampledSeconds, s.SampledError = r.sampledPt.Seconds, r.sampledPt.RelL2H
	sampled := r.sampled.Total
	adamTime := r.adamTime
	if i := r.reachIndex(); i >= 0 {
		p := r.curve[i]
		s.Reached, s.TimeToReach, s.StepsToReach = true, p.Seconds, p.Steps
		adamTime = r.times[i]
	} else {
		s.SpeedupIsLowerBound = true
	}
	if sampled > 0 && s.AdamSteps > 0 {
		// Durations are integer nanoseconds, so the ratio is exact to
		// floating point.
		s.Speedup = float64(adamTime) / float64(sampled)
	}
	return s
}

// Text states the outcome in one sentence, e.g.
//
//	Adam reached the sampled error 1.2e-5 after 3.4 s (2100 steps); the sampled fit took 0.028 s: 120× slower
//	Adam's best error after 15000 steps (12.3 s) is 2.2e-3, still 1e6× worse than the sampled 2.1e-9 (0.27 s): the speed-up is more than 45× (lower bound)
func (s Summary) Text() string {
	switch {
	case !s.Sampled && s.AdamSteps == 0:
		return "the race has not started"
	case !s.Sampled:
		return fmt.Sprintf("Adam's best error after %d steps (%s) is %s; the sampled network has not been fitted yet",
			s.AdamSteps, secs(s.AdamSeconds), sci(s.AdamBestError))
	case s.AdamSteps == 0:
		return fmt.Sprintf("the sampled network reached %s in %s; Adam has not taken a step yet",
			sci(s.SampledError), secs(s.SampledSeconds))
	}
	var b strings.Builder
	if s.Reached {
		fmt.Fprintf(&b, "Adam reached the sampled error %s after %s (%d steps); the sampled fit took %s",
			sci(s.SampledError), secs(s.TimeToReach), s.StepsToReach, secs(s.SampledSeconds))
		switch {
		case s.Speedup == 0:
		case s.Speedup >= 1:
			fmt.Fprintf(&b, ": %s× slower", ratio(s.Speedup))
		default:
			fmt.Fprintf(&b, ": Adam was %s× faster", ratio(1/s.Speedup))
		}
		return b.String()
	}
	fmt.Fprintf(&b, "Adam's best error after %d steps (%s) is %s, ", s.AdamSteps, secs(s.AdamSeconds), sci(s.AdamBestError))
	if s.SampledError > 0 {
		fmt.Fprintf(&b, "still %s× worse than", ratio(s.AdamBestError/s.SampledError))
	} else {
		b.WriteString("still worse than")
	}
	fmt.Fprintf(&b, " the sampled %s (%s)", sci(s.SampledError), secs(s.SampledSeconds))
	switch {
	case s.Diverged:
		b.WriteString("; Adam diverged")
	case s.Speedup == 0:
	case s.Speedup >= 1:
		fmt.Fprintf(&b, ": the speed-up is more than %s× (lower bound)", ratio(s.Speedup))
	default:
		b.WriteString(": Adam stopped before the sampled fit's time, so no speed-up can be claimed")
	}
	return b.String()
}

// sci formats an error as 2.2e-3.
func sci(v float64) string {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return trimExp(strconv.FormatFloat(v, 'e', 1, 64))
}

// ratio formats a factor: 2.6e6, 7.8e4, 120, 45, 2.5, 0.36.
func ratio(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return strconv.FormatFloat(v, 'g', -1, 64)
	case v >= 1e4:
		return strings.Replace(trimExp(strconv.FormatFloat(v, 'e', 1, 64)), ".0e", "e", 1)
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 2, 64)
}

// secs formats seconds: 0.028 s, 3.4 s, 12.3 s, 125 s.
func secs(v float64) string {
	switch {
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64) + " s"
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64) + " s"
	}
	return strconv.FormatFloat(v, 'g', 2, 64) + " s"
}

// trimExp turns "2.2e-03" into "2.2e-3" and "1.0e+06" into "1.0e6".
func trimExp(s string) string {
	i := strings.IndexByte(s, 'e')
	if i < 0 {
		return s
	}
	mant, exp := s[:i], s[i+1:]
	sign := ""
	if exp[0] == '-' {
		sign = "-"
	}
	exp = strings.TrimLeft(exp[1:], "0")
	if exp == "" {
		exp = "0"
	}
	return mant + "e" + sign + exp
}
