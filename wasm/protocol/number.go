package protocol

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Text is a user-typed value. It decodes from a JSON string or a JSON number,
// so the page can send the raw contents of its inputs and a value such as
// "NaN" or "abc" reaches the validation with its spelling intact.
type Text string

// UnmarshalJSON accepts a string, a number, a boolean or null (empty).
func (t *Text) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	switch {
	case s == "null":
		*t = ""
	case strings.HasPrefix(s, `"`):
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*t = Text(v)
	default:
		*t = Text(s) // a number or true/false, kept as spelled
	}
	return nil
}

// ParseNumber parses a real number as a person types it: a decimal number
// ("0.5", "-2", "1e-13"), optionally a multiple or fraction of π written
// "pi" or "π" ("2pi", "-π", "pi/2", "3*pi/4"). It rejects NaN, infinities and
// anything else, with an error that quotes the input.
func ParseNumber(s string) (float64, error) {
	orig := s
	s = strings.TrimSpace(s)
	s = strings.ReplaceAll(s, "−", "-") // the minus sign people paste from text
	s = strings.ReplaceAll(s, "π", "pi")
	s = strings.ReplaceAll(s, " ", "")
	if s == "" {
		return 0, fmt.Errorf("is empty")
	}
	low := strings.ToLower(s)
	var v float64
	if i := strings.Index(low, "pi"); i >= 0 {
		// [sign][coef][*]pi[/den]
		coef := strings.TrimSuffix(low[:i], "*")
		rest := low[i+2:]
		c := 1.0
		switch coef {
		case "", "+":
		case "-":
			c = -1
		default:
			f, err := parseFinite(coef)
			if err != nil {
				return 0, fmt.Errorf("%q is not a number", orig)
			}
			c = f
		}
		v = c * math.Pi
		if rest != "" {
			if !strings.HasPrefix(rest, "/") {
				return 0, fmt.Errorf("%q is not a number", orig)
			}
			d, err := parseFinite(rest[1:])
			if err != nil || d == 0 {
				return 0, fmt.Errorf("%q is not a number", orig)
			}
			v /= d
		}
	} else {
		f, err := parseFinite(low)
		if err != nil {
			return 0, fmt.Errorf("%q is not a finite number", orig)
		}
		v = f
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a finite number", orig)
	}
	return v, nil
}

func parseFinite(s string) (float64, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, err
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("not finite")
	}
	return f, nil
}

// FormatNumber writes v briefly, as a multiple of π/4 when it is one
// (-2pi, pi/2, 3pi/4), so default boxes read as people write them.
func FormatNumber(v float64) string {
	if v != 0 {
		k := v / (math.Pi / 4)
		if r := math.Round(k); r != 0 && math.Abs(k-r) < 1e-12 && math.Abs(r) <= 64 {
			n := int(r)
			den := 4
			for den > 1 && n%2 == 0 {
				n /= 2
				den /= 2
			}
			s := ""
			switch n {
			case 1:
				s = "pi"
			case -1:
				s = "-pi"
			default:
				s = strconv.Itoa(n) + "pi"
			}
			if den > 1 {
				s += "/" + strconv.Itoa(den)
			}
			return s
		}
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
