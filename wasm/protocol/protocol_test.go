package protocol

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"1", 1}, {" -2.5 ", -2.5}, {"1e-13", 1e-13}, {"pi", math.Pi}, {"-2pi", -2 * math.Pi},
		{"π/2", math.Pi / 2}, {"3*pi/4", 3 * math.Pi / 4}, {"−1", -1}, {"-pi", -math.Pi},
	} {
		got, err := ParseNumber(c.in)
		if err != nil || math.Abs(got-c.want) > 1e-15 {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "NaN", "nan", "Inf", "-inf", "abc", "1/0", "pi/0", "2pi3", "1e999", "pix"} {
		if v, err := ParseNumber(bad); err == nil {
			t.Errorf("ParseNumber(%q) = %v, want an error", bad, v)
		}
	}
}

func TestFormatNumberRoundTrip(t *testing.T) {
	for _, v := range []float64{0, 1, -1, 0.5, 1e-13, math.Pi, -2 * math.Pi, math.Pi / 2, 3 * math.Pi / 4, -math.Pi / 4, 8} {
		s := FormatNumber(v)
		got, err := ParseNumber(s)
		if err != nil || math.Abs(got-v) > 1e-15*math.Max(1, math.Abs(v)) {
			t.Errorf("FormatNumber(%v) = %q parses to %v, %v", v, s, got, err)
		}
	}
	if s := FormatNumber(-2 * math.Pi); s != "-2pi" {
		t.Errorf("FormatNumber(-2π) = %q", s)
	}
	if s := FormatNumber(math.Pi / 2); s != "pi/2" {
		t.Errorf("FormatNumber(π/2) = %q", s)
	}
}

func TestTextDecodesStringsAndNumbers(t *testing.T) {
	var r Request
	if err := json.Unmarshal([]byte(`{"id":3,"points":2000,"width":"300","rcond":1e-13,"noise":null,"box":"-pi,pi,-1,1"}`), &r); err != nil {
		t.Fatal(err)
	}
	if r.Points != "2000" || r.Width != "300" || r.Rcond != "1e-13" || r.Noise != "" || r.ID != 3 {
		t.Fatalf("decoded %+v", r)
	}
}

func TestValidateDefaults(t *testing.T) {
	s, sys, err := Request{}.Validate(DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if sys.Name() != "pendulum" || s.Points != DefaultPoints || s.Width != DefaultWidth || s.Sampler != "aswim" || s.Rcond != 1e-13 || s.Seed != 1 {
		t.Fatalf("defaults %+v", s)
	}
	if s.Box.Lo[0] != -2*math.Pi || s.Box.Hi[1] != 1 {
		t.Fatalf("default box %+v", s.Box)
	}
}

func TestValidateRejects(t *testing.T) {
	for _, c := range []struct {
		r    Request
		want string
	}{
		{Request{Width: "0"}, "Width must be a whole number from 1 to 5000"},
		{Request{Width: "1000000"}, "Width must be"},
		{Request{Width: "NaN"}, "Width"},
		{Request{Width: "2.5"}, "whole number"},
		{Request{Points: "5"}, "Points must be a whole number from 10 to 50000"},
		{Request{Points: "50000", Width: "5000"}, "too large"},
		{Request{Points: "20000", Width: "1500"}, "use width ≤ 1048"},
		{Request{Box: "1,0,-1,1"}, "lower bound of q (1) must be less than its upper bound (0)"},
		{Request{Box: "-1,1,-1,NaN"}, "upper bound of p"},
		{Request{Box: "-1,1,-1"}, "box needs 4 numbers"},
		{Request{System: "henon-heiles", Box: "-1,1,-1,1"}, "box needs 8 numbers"},
		{Request{System: "nope"}, "unknown system"},
		{Request{System: "pendulum", Params: map[string]Text{"m": "-1"}}, "positive"},
		{Request{Sampler: "adam"}, "sampler must be one of"},
		{Request{Rcond: "0"}, "rcond must be between"},
		{Request{Rcond: "NaN"}, "rcond"},
		{Request{Noise: "-1"}, "noise must be between"},
		{Request{Seed: "-3"}, "Seed"},
	} {
		_, _, err := c.r.Validate(DefaultLimits)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want it to contain %q", c.r, err, c.want)
		}
	}
}

func TestParseBox(t *testing.T) {
	b, err := ParseBox("[-2pi, 2pi], [-1, 1]", 2)
	if err != nil {
		t.Fatal(err)
	}
	if FormatBox(b) != "-2pi,2pi,-1,1" {
		t.Fatalf("FormatBox = %q", FormatBox(b))
	}
	if got := FlatBox(UnflatBox([]float64{1, 2, 3, 4})); got[3] != 4 || got[0] != 1 {
		t.Fatal(got)
	}
}

func TestSystems(t *testing.T) {
	infos := Systems()
	if len(infos) < 6 {
		t.Fatalf("%d systems", len(infos))
	}
	for _, info := range infos {
		if _, err := ParseBox(info.Box, 2*info.Dof); err != nil {
			t.Errorf("%s: default box %q does not parse: %v", info.Name, info.Box, err)
		}
		if len(info.Coords) != 2*info.Dof {
			t.Errorf("%s: coords %v", info.Name, info.Coords)
		}
	}
}

func TestViewApply(t *testing.T) {
	v := DefaultView()
	w, err := v.Apply([]byte(`{"integrator":"gauss4","step":"0.01","speed":3,"layers":{"error":true},"section":{"q2":"0.5"},"playing":false}`))
	if err != nil {
		t.Fatal(err)
	}
	if w.Integrator != "gauss4" || w.Step != 0.01 || w.Speed != 3 || !w.Layers["error"] || w.Section["q2"] != 0.5 || w.Playing {
		t.Fatalf("%+v", w)
	}
	if v.Layers["error"] {
		t.Fatal("Apply changed its receiver's layers")
	}
	for _, bad := range []string{`{"step":"0"}`, `{"step":"NaN"}`, `{"speed":"0"}`, `{"integrator":"euler"}`, `{"layers":{"x":true}}`, `{"section":{"q2":"x"}}`, `nope`} {
		if got, err := w.Apply([]byte(bad)); err == nil {
			t.Errorf("Apply(%s) = %+v, want error", bad, got)
		}
	}
}
