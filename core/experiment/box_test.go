package experiment

import (
	"errors"
	"math"
	"strings"
	"testing"

	"hnnplay/core/data"
	"hnnplay/core/number"
)

// Boxes whose width overflows, or too narrow for test points apart from
// the training points, are refused before anything is drawn, naming the
// coordinate.
func TestDegenerateBoxes(t *testing.T) {
	for _, c := range []struct {
		values map[string]string
		want   string
	}{
		{map[string]string{"box": "-1e308,1e308,-1,1"}, "Box: q from -1e+308 to 1e+308 is too wide"},
		{map[string]string{"system": "henon-heiles", "box": "-1,1,-1,1,-1,1,-1.7e308,1e308"}, "Box: p2 from -1.7e+308 to 1e+308 is too wide"},
	} {
		_, err := Parse(c.values)
		var errs Errors
		if !errors.As(err, &errs) || errs[0].Key != "box" || !strings.HasPrefix(errs[0].Msg, c.want) {
			t.Errorf("Parse(%v) = %v, want %q", c.values, err, c.want)
		}
	}
	one := number.Format(math.Nextafter(1, 2))
	for _, c := range []struct {
		values map[string]string
		want   string
	}{
		{map[string]string{"box": "1," + one + ",-1,1"},
			"Box: q from 1 to 1.0000000000000002 is too narrow: it holds about 1 distinct float64 value, and 1500 training points need 3000 so that test points can differ from them; widen it"},
		{map[string]string{"box": "-1,1,1e15,1.0000000000001e15", "points": "500"},
			"Box: p from 1e+15 to 1.0000000000001e+15 is too narrow: it holds about 800 distinct float64 values, and 500 training points need 1000"},
	} {
		s, err := Parse(c.values)
		if err != nil {
			t.Fatal(err)
		}
		err = Check(s, Limits{})
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Key != "box" || !strings.HasPrefix(fe.Msg, c.want) {
			t.Errorf("Check(%v) = %v, want %q", c.values, err, c.want)
		}
		if _, err := NewData(s); !errors.As(err, &fe) || fe.Key != "box" || !strings.HasPrefix(fe.Msg, c.want) {
			t.Errorf("NewData(%v) = %v, want %q", c.values, err, c.want)
		}
	}
	// Snapshot data draw their test set apart: a narrow box is no problem.
	s, _ := Parse(map[string]string{"box": "1," + one + ",-1,1", "snapshots": "0.1", "points": "20", "test_points": "20"})
	if err := Check(s, Limits{}); err != nil {
		t.Errorf("snapshots in a narrow box: %v", err)
	}
}

// Data that overflow name the setting to blame: a parameter (set back to
// its default, the data are finite), else the box.
func TestNewDataBlames(t *testing.T) {
	for _, c := range []struct {
		values   map[string]string
		key, msg string
	}{
		{map[string]string{"system": "henon-heiles", "p.alpha": "1e308"}, "p.alpha",
			"System parameter alpha=1e308 makes H or its gradient infinite at ("},
		{map[string]string{"system": "spring", "p.k": "1e308", "p.m": "1e-308", "box": "5,10,5,10"}, "p.k",
			"System parameters k=1e308, m=1e-308 make H or its gradient infinite at ("},
		{map[string]string{"system": "spring", "p.k": "1e308", "p.m": "1e-308", "box": "5,10,5,10"}, "p.k", ") in the box: lower k (default 1), raise m (default 1)"},
		{map[string]string{"system": "spring", "p.k": "1e308", "p.m": "2", "box": "5,10,5,10"}, "p.k", "System parameter k=1e308 makes H or its gradient infinite at"},
		{map[string]string{"system": "pendulum", "p.m": "1e-320"}, "p.m", "raise m (default 1)"},
		{map[string]string{"system": "spring", "box": "-1e200,1e200,-1,1"}, "box", "Box: H or its gradient is infinite at ("},
		{map[string]string{"system": "henon-heiles", "p.alpha": "1e308", "snapshots": "0.1", "points": "20"}, "p.alpha", "System parameter alpha=1e308 makes"},
	} {
		s, err := Parse(c.values)
		if err != nil {
			t.Fatal(err)
		}
		_, err = NewData(s)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Key != c.key || !strings.Contains(fe.Msg, c.msg) {
			t.Errorf("NewData(%v) = %v, want an error on %s containing %q", c.values, err, c.key, c.msg)
		}
	}
	if _, err := NewData(Default()); err != nil {
		t.Errorf("the defaults: %v", err)
	}
}

// FuzzParseBox: no text panics ParseBox; a box it reads is one data can
// sample (finite bounds in order, a finite width) and FormatBox writes it
// back to the same bits.
func FuzzParseBox(f *testing.F) {
	for _, s := range []string{
		"-2pi,2pi,-1,1", "[-pi, pi] × [-1, 1]", "(0;1;2;3)", "-1e308,1e308,-1,1", "1,1.0000000000000002,-1,1",
		"1,1,-1,1", "1,0,-1,1", "NaN,1,-1,1", "-Inf,1,-1,1", "0,1", "0,1,2,3,4,5", "", ",,,", "pi/2,pi,1e-320,1e-310",
		"-1.7976931348623157e308,1.7976931348623157e308,0,1", "0x1p3,9,0,1",
	} {
		f.Add(s, uint8(2))
		f.Add(s, uint8(4))
	}
	f.Fuzz(func(t *testing.T, text string, dim uint8) {
		d := 2 * int(dim%3+1)
		b, err := ParseBox(text, d)
		if err != nil {
			if len(b.Lo) != 0 {
				t.Fatalf("a box with the error %v", err)
			}
			return
		}
		if err := data.CheckBox(b, d, 0); err != nil {
			t.Fatalf("ParseBox(%q) = %v, which data refuses: %v", text, b, err)
		}
		back, err := ParseBox(FormatBox(b), d)
		if err != nil {
			t.Fatalf("FormatBox(%v) = %q does not parse back: %v", b, FormatBox(b), err)
		}
		for i := range b.Lo {
			if math.Float64bits(back.Lo[i]) != math.Float64bits(b.Lo[i]) || math.Float64bits(back.Hi[i]) != math.Float64bits(b.Hi[i]) {
				t.Fatalf("%q: round trip %v → %v", text, b, back)
			}
		}
	})
}
