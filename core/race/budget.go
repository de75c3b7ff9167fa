package race

import (
	"fmt"
	"strings"
	"time"

	"hnnplay/core/number"
)

// Budget is Adam's time limit: Seconds of training time, or Ratio times the
// sampled fit's time, whichever is smaller once both are known; a zero field
// sets no limit. "100x, 60" — a hundred times the sampled fit's time but at
// most a minute — is how the paper's headline claim is put to the test
// without letting a slow machine run for hours.
type Budget struct {
	Seconds float64
	Ratio   float64
}

// Bounds of a budget.
const (
	MaxBudgetSeconds = 3600
	MaxBudgetRatio   = 100_000
)

// IsZero reports whether b sets no limit.
func (b Budget) IsZero() bool { return b.Seconds == 0 && b.Ratio == 0 }

// Limit returns Adam's time limit for a sampled fit that took sampled: the
// smaller of Seconds and Ratio·sampled, ignoring a zero field and the ratio
// while sampled is not yet known (0). It returns 0 for no limit.
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

// String writes b as ParseBudget reads it: "100x, 60", "100x", "60" or "".
func (b Budget) String() string {
	var parts []string
	if b.Ratio > 0 {
		parts = append(parts, number.Format(b.Ratio)+"x")
	}
	if b.Seconds > 0 {
		parts = append(parts, number.Format(b.Seconds))
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
		return Budget{}, fmt.Errorf(`must be a multiple of the sampled fit's time ("100x"), seconds ("60") or both ("100x, 60"), got %q`, text)
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
		v, err := number.Parse(p)
		if err != nil || !(v > 0) {
			return bad()
		}
		switch {
		case ratio && b.Ratio == 0:
			if v > MaxBudgetRatio {
				return Budget{}, fmt.Errorf("must be at most %dx the sampled time, got %q", MaxBudgetRatio, text)
			}
			b.Ratio = v
		case !ratio && b.Seconds == 0:
			if v > MaxBudgetSeconds {
				return Budget{}, fmt.Errorf("must be at most %d s, got %q", MaxBudgetSeconds, text)
			}
			b.Seconds = v
		default:
			return bad()
		}
	}
	return b, nil
}
