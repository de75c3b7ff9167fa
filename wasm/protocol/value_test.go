package protocol

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"hnnplay/core/hnn"
	"hnnplay/wasm/internal/valuetest"
)

func TestJSNumber(t *testing.T) {
	// As JavaScript's String(x) writes them.
	for _, c := range []struct {
		x    float64
		want string
	}{
		{0, "0"}, {math.Copysign(0, -1), "0"}, {1, "1"}, {-2.5, "-2.5"}, {2000, "2000"}, {0.1, "0.1"},
		{1e-6, "0.000001"}, {1e-7, "1e-7"}, {1.5e-10, "1.5e-10"}, {-1e-13, "-1e-13"}, {1e20, "100000000000000000000"},
		{1e21, "1e+21"}, {1.7976931348623157e308, "1.7976931348623157e+308"}, {5e-324, "5e-324"},
		{123456789.125, "123456789.125"}, {9007199254740991, "9007199254740991"}, {1e-100, "1e-100"},
	} {
		if got := JSNumber(c.x); got != c.want {
			t.Errorf("JSNumber(%v) = %q, want %q", c.x, got, c.want)
		}
	}
	// And as encoding/json writes them (but for −0), so that a number reads
	// back as Text spelled as in the JSON text the page used to send.
	r := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		x := valuetest.Float(r)
		if r.IntN(4) == 0 {
			x = math.Float64frombits(r.Uint64())
		}
		if math.IsNaN(x) || math.IsInf(x, 0) {
			continue
		}
		b, _ := json.Marshal(x)
		if got := JSNumber(x); got != string(b) {
			t.Fatalf("JSNumber(%v) = %q, encoding/json %s", x, got, b)
		}
		if back, err := strconv.ParseFloat(JSNumber(x), 64); err != nil || back != x {
			t.Fatalf("JSNumber(%v) = %q reads back as %v, %v", x, JSNumber(x), back, err)
		}
	}
}

// RequestOf reads the value JSON.parse gives for a request as json.Unmarshal
// reads its JSON text.
func TestRequestOfMatchesJSON(t *testing.T) {
	for _, text := range []string{
		`{}`,
		`{"id":3,"points":2000,"width":"300","rcond":1e-13,"noise":null,"box":"-pi,pi,-1,1"}`,
		`{"id":7,"system":"henon-heiles","params":{"lambda":"0.5","m":2},"box":"","points":"3000","width":"20","sampler":"swim","rcond":"1e-10","noise":"0.01","seed":"5"}`,
		`{"id":1,"params":{},"seed":true,"sampler":false}`,
		`{"id":-4,"width":" 12 ","unknown":[1,2,{"a":1}],"params":null}`,
		`{"id":12345678901,"rcond":0.000001,"noise":1e-7,"points":1e+21}`,
		`{"id":2,"system":"pendulum","box":"[-2π, 2π], [-1, 1]"}`,
		// Errors: json.Unmarshal fails, so must RequestOf.
		`{"id":2.5}`, `{"id":"3"}`, `{"id":true}`, `{"system":3}`, `{"params":[]}`, `{"params":"m=1"}`,
		`{"params":{"m":[1]}}`, `{"width":{"a":1},"id":1}`, `[]`, `"x"`, `null`, `4`,
	} {
		var want Request
		wantErr := json.Unmarshal([]byte(text), &want)
		// Text.UnmarshalJSON keeps an object or array as spelled, and
		// json.Unmarshal reads null as no request; RequestOf refuses them
		// (nobody sends them: the worker used to refuse a missing request).
		if strings.Contains(text, `"width":{`) || strings.Contains(text, `"m":[`) || text == "null" {
			wantErr = errors.New("refused")
		}
		var v any
		if err := json.Unmarshal([]byte(text), &v); err != nil {
			t.Fatal(err)
		}
		got, err := RequestOf(v)
		switch {
		case wantErr != nil && err == nil:
			t.Errorf("%s: RequestOf = %+v, want an error (json: %v)", text, got, wantErr)
		case wantErr == nil && err != nil:
			t.Errorf("%s: RequestOf: %v", text, err)
		case wantErr == nil && !reflect.DeepEqual(got, want):
			t.Errorf("%s: RequestOf = %#v, json.Unmarshal %#v", text, got, want)
		}
		if err != nil && strings.HasPrefix(text, `{"width":{"a":1},"id":1}`) && got.ID != 1 {
			t.Errorf("%s: the ID of a bad request is %d, want 1", text, got.ID)
		}
	}
}

// Reply.Value has the JSON of the Reply, for replies of every shape.
func TestReplyValueIsItsJSON(t *testing.T) {
	m := hnn.New(2, 3)
	copy(m.W, []float64{0.1, -2e-9, 3e22, 1, 2, 3})
	copy(m.B, []float64{math.Pi, -0.5, 1e-300})
	copy(m.C, []float64{7, 8, 9.000000000000002})
	m.C0 = -1.25
	full := Reply{
		Type: "result", ID: 42, Model: m, Seconds: 0.123, Rank: 3, RelL2H: 1.5e-7, RelL2Grad: 2e-5, RelL2Xdot: 3e-5,
		Points: [][]float64{{1, 2}, {-3.5, 4e-8}}, System: "pendulum", Params: map[string]string{"m": "2", "g": "9.81"},
		Box: []float64{-2 * math.Pi, 2 * math.Pi, -1, 1}, BoxText: "-2pi,2pi,-1,1", Dof: 1, Width: 3, TrainPoints: 2000,
		Sampler: "aswim", Rcond: 1e-13, Noise: 0.01, Seed: 1<<53 - 1, DataSeconds: 0.01, EvalSeconds: 0.02,
	}
	cases := []Reply{full, ErrorReply(7, errors.New(`Width must be … got "0" <&>`)), {}}
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 300 {
		var x Reply
		valuetest.Fill(&x, r, float64(i%4)/4)
		cases = append(cases, x)
	}
	for _, c := range cases {
		v, err := c.Value()
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		if err := valuetest.Check(v); err != nil {
			t.Fatalf("%+v: the value holds %v", c, err)
		}
		if err := valuetest.SameJSON(c, v); err != nil {
			t.Fatal(err)
		}
	}
	// The model reads back exactly, and the app reads the reply.
	b, _ := json.Marshal(mustValue(t, full))
	res, err := ParseResult(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res.Model.W, m.W) || !reflect.DeepEqual(res.Model.B, m.B) || !reflect.DeepEqual(res.Model.C, m.C) || res.Model.C0 != m.C0 {
		t.Errorf("model read back as %+v, want %+v", res.Model, m)
	}
	if _, err := ParseResult([]byte(`{"type":"result","id":1,"error":""}`)); err == nil || err.Error() != "the reply has no model" {
		t.Errorf("a reply without a model: %v", err)
	}
}

func mustValue(t *testing.T, r Reply) map[string]any {
	t.Helper()
	v, err := r.Value()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// A number that is not finite fails, as json.Marshal does.
func TestReplyValueNotFinite(t *testing.T) {
	bad := func(r Reply) {
		t.Helper()
		if _, jerr := json.Marshal(r); jerr == nil {
			t.Fatal("json.Marshal did not fail")
		}
		if v, err := r.Value(); err == nil {
			t.Errorf("Value = %v, want an error", v)
		}
	}
	bad(Reply{Seconds: math.NaN()})
	bad(Reply{RelL2H: math.Inf(1)})
	bad(Reply{Points: [][]float64{{1, math.NaN()}}})
	bad(Reply{Box: []float64{math.Inf(-1)}})
	m := hnn.New(2, 1)
	m.B[0] = math.NaN()
	bad(Reply{Model: m})
	if _, err := ModelValue(m); err == nil {
		t.Error("ModelValue of a model with NaN: no error")
	}
}

func TestInfoValues(t *testing.T) {
	for _, s := range Systems() {
		if err := valuetest.SameJSON(s, s.Value()); err != nil {
			t.Error(err)
		}
	}
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 100 {
		var s SystemInfo
		valuetest.Fill(&s, r, float64(i%3)/3)
		if err := valuetest.SameJSON(s, s.Value()); err != nil {
			t.Error(err)
		}
		if err := valuetest.Check(s.Value()); err != nil {
			t.Error(err)
		}
	}
	if err := valuetest.SameJSON(DefaultLimits, DefaultLimits.Value()); err != nil {
		t.Error(err)
	}
	var l Limits
	valuetest.Fill(&l, r, 0)
	if err := valuetest.SameJSON(l, l.Value()); err != nil {
		t.Error(err)
	}
}
