// Package number reads and writes real numbers as people type them: the one
// number parser of hnnplay, shared by the command line, the page's links and
// its form.
//
// Parse accepts decimal numbers ("0.5", "-2", "1e-13", "1,5" is not one) and
// multiples and fractions of π written "pi" or "π" ("2pi", "-π", "pi/2",
// "3*pi/4"), and the minus sign "−" that text pasted from documents carries.
// It refuses NaN, infinities and everything else with an error that quotes
// the input. Format writes a number so that Parse reads it back exactly,
// as a multiple of π/4 when it is one, so that boxes read as people write
// them ("-2pi,2pi,-1,1").
package number

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Parse reads a finite real number; see the package documentation for what
// it accepts.
func Parse(s string) (float64, error) {
	orig := s
	s = strings.TrimSpace(s)
	s = strings.ReplaceAll(s, "−", "-")
	s = strings.ReplaceAll(s, "π", "pi")
	s = strings.ReplaceAll(s, " ", "")
	if s == "" {
		return 0, fmt.Errorf("is empty")
	}
	low := strings.ToLower(s)
	var v float64
	if i := strings.Index(low, "pi"); i >= 0 {
		// [sign][coefficient][*]pi[/denominator]
		coef := strings.TrimSuffix(low[:i], "*")
		rest := low[i+2:]
		c := 1.0
		switch coef {
		case "", "+":
		case "-":
			c = -1
		default:
			f, err := parseDecimal(coef)
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
			d, err := parseDecimal(rest[1:])
			if err != nil || d == 0 {
				return 0, fmt.Errorf("%q is not a number", orig)
			}
			v /= d
		}
	} else {
		f, err := parseDecimal(low)
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

// parseDecimal is strconv.ParseFloat restricted to finite decimal numbers:
// it refuses "nan", "inf", hexadecimal floats and underscores.
func parseDecimal(s string) (float64, error) {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || r == 'e' || r == 'E' || r == '+' || r == '-') {
			return 0, fmt.Errorf("not a decimal number")
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, err
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("not finite")
	}
	return f, nil
}

// Format writes v briefly: as a multiple of π/4 when it is one ("-2pi",
// "pi/2", "3pi/4"), otherwise as the shortest decimal that reads back as v.
// Parse(Format(v)) is v for every finite v (to the last bit for the decimal
// form; within one rounding of the product for the π forms).
func Format(v float64) string {
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
			if back, err := Parse(s); err == nil && back == v {
				return s
			}
		}
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// Finite reports whether every value is neither NaN nor infinite.
func Finite(x ...float64) bool {
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
