package race

import (
	"strings"
	"testing"
	"time"
)

func TestParseBudget(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Budget
	}{
		{"", Budget{}}, {"100x", Budget{Ratio: 100}}, {"100 ×", Budget{Ratio: 100}}, {"60", Budget{Seconds: 60}},
		{"60s", Budget{Seconds: 60}}, {"2.5 s", Budget{Seconds: 2.5}}, {"100x, 60", Budget{Ratio: 100, Seconds: 60}},
		{"60; 100X", Budget{Ratio: 100, Seconds: 60}},
	} {
		got, err := ParseBudget(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseBudget(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
		if back, err := ParseBudget(got.String()); err != nil || back != got {
			t.Errorf("ParseBudget(%q) = %+v, %v; want %+v", got.String(), back, err, got)
		}
	}
	for _, bad := range []string{"x", "0", "-5", "NaN", "100x, 200x", "1, 2", "1,2,3", "1e9", "1e9x", "abc"} {
		if b, err := ParseBudget(bad); err == nil || !strings.Contains(err.Error(), "must be") {
			t.Errorf("ParseBudget(%q) = %+v, %v; want an error", bad, b, err)
		}
	}
}

func TestBudgetLimit(t *testing.T) {
	b := Budget{Ratio: 100, Seconds: 60}
	if got := b.Limit(200 * time.Millisecond); got != 20*time.Second {
		t.Errorf("100x of 0.2 s capped at 60 s = %v", got)
	}
	if got := b.Limit(time.Second); got != 60*time.Second {
		t.Errorf("100x of 1 s capped at 60 s = %v", got)
	}
	if got := b.Limit(0); got != 60*time.Second {
		t.Errorf("before the sampled fit: %v, want the 60 s part", got)
	}
	if got := (Budget{Ratio: 10}).Limit(0); got != 0 {
		t.Errorf("a ratio before the sampled fit = %v, want none", got)
	}
	if got := (Budget{}).Limit(time.Second); got != 0 || !(Budget{}).IsZero() {
		t.Errorf("no budget = %v", got)
	}
}

// FuzzParseBudget: no input panics; what parses is within bounds and
// survives String.
func FuzzParseBudget(f *testing.F) {
	for _, s := range []string{"100x, 60", "60 s", "1e5x", "", "x", "3601", "NaN", "1;2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := ParseBudget(s)
		if err != nil {
			return
		}
		if b.Seconds < 0 || b.Seconds > MaxBudgetSeconds || b.Ratio < 0 || b.Ratio > MaxBudgetRatio {
			t.Fatalf("ParseBudget(%q) = %+v out of bounds", s, b)
		}
		if back, err := ParseBudget(b.String()); err != nil || back != b {
			t.Fatalf("round trip of %+v: %+v, %v", b, back, err)
		}
	})
}
