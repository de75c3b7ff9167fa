package number

import (
	"math"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"1", 1}, {" -2.5 ", -2.5}, {"1e-13", 1e-13}, {"pi", math.Pi}, {"-2pi", -2 * math.Pi},
		{"π/2", math.Pi / 2}, {"3*pi/4", 3 * math.Pi / 4}, {"−1", -1}, {"-pi", -math.Pi},
		{"2 pi", 2 * math.Pi}, {"+0.5", 0.5}, {".5", 0.5}, {"1E3", 1000}, {"PI", math.Pi},
	} {
		got, err := Parse(c.in)
		if err != nil || got != c.want {
			t.Errorf("Parse(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", " ", "NaN", "nan", "Inf", "-inf", "Infinity", "abc", "1/0", "pi/0", "2pi3",
		"1e999", "pix", "0x10", "1_000", "1,5", "pi/nan", "--1", "1e", "pipi"} {
		if v, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) = %v, want an error", bad, v)
		} else if bad != "" && bad != " " && !strings.Contains(err.Error(), bad) {
			t.Errorf("Parse(%q): error %q does not quote the input", bad, err)
		}
	}
}

// Format writes what Parse reads back to the last bit, briefly.
func TestFormatRoundTrip(t *testing.T) {
	for _, v := range []float64{0, 1, -1, 0.5, 1e-13, math.Pi, -2 * math.Pi, math.Pi / 2, 3 * math.Pi / 4,
		-math.Pi / 4, 8, 0.1, 1.0 / 3, math.MaxFloat64, -math.SmallestNonzeroFloat64, 64 * math.Pi, 17 * math.Pi} {
		s := Format(v)
		got, err := Parse(s)
		if err != nil || got != v {
			t.Errorf("Format(%v) = %q parses to %v, %v", v, s, got, err)
		}
	}
	for v, want := range map[float64]string{-2 * math.Pi: "-2pi", math.Pi / 2: "pi/2", 3 * math.Pi / 4: "3pi/4", 1e-13: "1e-13", 2: "2"} {
		if s := Format(v); s != want {
			t.Errorf("Format(%v) = %q, want %q", v, s, want)
		}
	}
}

func TestFinite(t *testing.T) {
	if !Finite() || !Finite(1, -2, math.MaxFloat64) || Finite(1, math.NaN()) || Finite(math.Inf(-1)) {
		t.Error("Finite is wrong")
	}
}

// FuzzParse: Parse never panics, accepts only finite numbers, and what it
// accepts survives Format exactly.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"1", "-2pi", "π/2", "3*pi/4", "1e-13", "NaN", "1e999", "−0.5", "pi/0", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Parse(s)
		if err != nil {
			return
		}
		if !Finite(v) {
			t.Fatalf("Parse(%q) = %v", s, v)
		}
		back, err := Parse(Format(v))
		if err != nil || back != v {
			t.Fatalf("Parse(Format(%v)) = %v, %v", v, back, err)
		}
	})
}
