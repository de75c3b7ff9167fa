package protocol

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"hnnplay/core/experiment"
	"hnnplay/core/hnn"
	"hnnplay/wasm/internal/valuetest"
)

// RequestOf reads the value JSON.parse gives for a request: its ID and its
// values as text, each as JSON.stringify spells it.
func TestRequestOf(t *testing.T) {
	for _, c := range []struct {
		text string
		want Request
		err  string
	}{
		{`{}`, Request{}, ""},
		{`{"id":3,"values":{"points":2000,"width":"300","rcond":1e-13,"noise":null,"box":"-pi,pi,-1,1","playing":true}}`,
			Request{3, map[string]string{"points": "2000", "width": "300", "rcond": "1e-13", "noise": "", "box": "-pi,pi,-1,1", "playing": "true"}}, ""},
		{`{"id":12345678901,"values":{"noise":1e-7,"points":1e+21},"unknown":[1]}`,
			Request{12345678901, map[string]string{"noise": "1e-7", "points": "1e+21"}}, ""},
		{`{"id":2.5}`, Request{}, "id: 2.5 is not a whole number"},
		{`{"id":"3"}`, Request{}, "id: a string is not a number"},
		{`{"id":1,"values":[]}`, Request{ID: 1}, "values: an array is not an object"},
		{`{"id":1,"values":{"width":{"a":1}}}`, Request{1, map[string]string{}}, "width: an object is neither text nor a number"},
		{`[]`, Request{}, "the request is an array, not an object"},
		{`null`, Request{}, "the request is null, not an object"},
	} {
		var v any
		if err := json.Unmarshal([]byte(c.text), &v); err != nil {
			t.Fatal(err)
		}
		got, err := RequestOf(v)
		if (err == nil) != (c.err == "") || err != nil && !strings.Contains(err.Error(), c.err) {
			t.Errorf("%s: error %v, want %q", c.text, err, c.err)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: RequestOf = %#v, want %#v", c.text, got, c.want)
		}
	}
}

// fullReply is a successful reply of a real fit.
func fullReply(t testing.TB) Reply {
	t.Helper()
	s, err := experiment.Parse(map[string]string{"points": "200", "test_points": "50", "width": "10"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := experiment.NewData(s)
	if err != nil {
		t.Fatal(err)
	}
	res, err := experiment.Fit(s, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	fit, _ := res.MarshalJSON()
	return Reply{Type: "result", ID: 42, Model: res.Model, Values: experiment.Values(s), Fit: fit,
		Points: [][]float64{{1, 2}, {-3.5, 4e-8}}}
}

// Reply.Value has the JSON of the Reply, for replies of every shape.
func TestReplyValueIsItsJSON(t *testing.T) {
	full := fullReply(t)
	_, perr := experiment.Parse(map[string]string{"width": "0"})
	cases := []Reply{full, ErrorReply(7, errors.New(`Width must be … got "0" <&>`)), ErrorReply(8, perr), {}}
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 300 {
		var x Reply
		valuetest.Fill(&x, r, float64(i%4)/4)
		cases = append(cases, x)
	}
	if err := valuetest.CheckAll(cases); err != nil {
		t.Fatal(err)
	}
	if e := cases[2]; len(e.Errors) != 1 || e.Errors[0].Key != "width" {
		t.Errorf("the field errors of a refused setting: %+v", e)
	}
	// The model reads back exactly, and the app reads the reply.
	b, _ := json.Marshal(mustValue(t, full))
	res, err := ParseResult(b)
	if err != nil {
		t.Fatal(err)
	}
	m := full.Model
	if !reflect.DeepEqual(res.Model.W, m.W) || !reflect.DeepEqual(res.Model.B, m.B) || !reflect.DeepEqual(res.Model.C, m.C) || res.Model.C0 != m.C0 {
		t.Errorf("model read back as %+v, want %+v", res.Model, m)
	}
	if res.Sys.Name() != "pendulum" || res.Settings.Width != 10 || res.Seconds <= 0 || res.Rank < 1 || !(res.RelL2H > 0) {
		t.Errorf("result %+v", res.FitReport)
	}
	if _, err := ParseResult([]byte(`{"type":"result","id":1,"error":""}`)); err == nil || err.Error() != "the reply has no model" {
		t.Errorf("a reply without a model: %v", err)
	}
	// Bad replies are refused with a reason.
	for _, edit := range []func(*Reply){
		func(r *Reply) { r.Values = map[string]string{"system": "nope"} },
		func(r *Reply) { r.Model = hnn.New(4, 10) },
		func(r *Reply) { r.Fit = JSONText(`[1]`) },
	} {
		c := full
		edit(&c)
		if _, err := c.Check(); err == nil {
			t.Errorf("a bad reply passed: %+v", c)
		}
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
	bad(Reply{Points: [][]float64{{1, math.NaN()}}})
	m := hnn.New(2, 1)
	m.B[0] = math.NaN()
	bad(Reply{Model: m})
	if _, err := ModelValue(m); err == nil {
		t.Error("ModelValue of a model with NaN: no error")
	}
}

// Any JSON value as a request is read or refused with a message, never a
// panic; text values are read as they are.
func FuzzRequestOf(f *testing.F) {
	for _, s := range []string{`{"id":3,"values":{"points":2000,"width":"300","noise":null}}`, `{"id":1e300}`, `{"id":-0}`,
		`{"values":{"a":[1]}}`, `[]`, `null`, `"x"`, `{"id":9007199254740993,"values":{"p.m":"1"}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var v any
		if json.Unmarshal(b, &v) != nil {
			return
		}
		r, err := RequestOf(v)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		// text values come through as they are
		obj, _ := v.(map[string]any)
		vals, _ := obj["values"].(map[string]any)
		for k, x := range vals {
			if text, ok := x.(string); ok && r.Values[k] != text {
				t.Fatalf("values[%q] = %q, read as %q", k, text, r.Values[k])
			}
		}
	})
}

// Any text as a trainer's reply is refused with a message or gives a result
// whose model fits its system and box, with finite parameters and points.
func FuzzParseResult(f *testing.F) {
	good, err := json.Marshal(fullReply(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	for _, s := range []string{`{}`, `{"error":"x"}`, `{"values":{"width":"0"}}`, `{"values":{},"model":{"d":2,"m":1,"w":[1,2],"b":[0],"c":[1],"c0":0},"fit":{}}`,
		`{"values":{"system":"kepler"},"model":{"d":2,"m":1,"w":[1,2],"b":[0],"c":[1],"c0":0},"fit":{}}`, `null`, `[1]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ParseResult(b)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		m := r.Model
		if m == nil || m.D != 2*r.Sys.Dof() || len(r.Box.Lo) != m.D || len(m.W) != m.D*m.M || len(m.C) != m.M {
			t.Fatalf("a result whose model does not fit its system: %+v", r)
		}
		for _, p := range r.Points {
			for _, v := range p {
				if len(p) != m.D || math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("a point %v kept", p)
				}
			}
		}
	})
}
