package jsontext

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
)

// What Object writes, encoding/json reads back as the same values.
func TestObjectRoundTrip(t *testing.T) {
	var in Object
	in.Raw("inner", []byte(`{"a":[1,2]}`))
	var o Object
	o.String("s", "π \" \\ \n\t\x01 <&> \u2028 é \xff")
	o.Number("x", 0.1)
	o.Number("tiny", 5e-324)
	o.Number("big", math.MaxFloat64)
	o.Number("nan", math.NaN())
	o.Number("inf", math.Inf(-1))
	o.Int("i", -42)
	o.Uint("u", 1<<63)
	o.Bool("b", true)
	o.Numbers("v", []float64{1, math.NaN(), -2.5e-300})
	o.Strings("m", []string{"k2", "k1"}, map[string]string{"k1": "1", "k2": "two"})
	o.Raw("r", in.Bytes())
	o.Members([]byte(`{"m1":1,"m2":"x"}`))
	o.Members([]byte(`{}`))
	var got map[string]any
	if err := json.Unmarshal(o.Bytes(), &got); err != nil {
		t.Fatalf("%s: %v", o.Bytes(), err)
	}
	want := map[string]any{
		"s": "π \" \\ \n\t\x01 <&> \u2028 é \ufffd", "x": 0.1, "tiny": 5e-324, "big": math.MaxFloat64,
		"nan": nil, "inf": nil, "i": -42.0, "u": float64(1 << 63), "b": true,
		"v": []any{1.0, nil, -2.5e-300}, "m": map[string]any{"k1": "1", "k2": "two"},
		"r": map[string]any{"inner": map[string]any{"a": []any{1.0, 2.0}}}, "m1": 1.0, "m2": "x",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %#v\nwant %#v", got, want)
	}
	var only Object
	only.Members([]byte(`{"a":1}`))
	if string((&Object{}).Bytes()) != "{}" || string(only.Bytes()) != `{"a":1}` {
		t.Error("empty object")
	}
	// Bytes can be called twice and the object grown afterwards.
	var p Object
	p.Int("a", 1)
	first := string(p.Bytes())
	p.Int("b", 2)
	if first != `{"a":1}` || string(p.Bytes()) != `{"a":1,"b":2}` {
		t.Errorf("%s then %s", first, p.Bytes())
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "a\"b", "\xff\xfe", "\u2028", "<script>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var back string
		if err := json.Unmarshal(AppendString(nil, s), &back); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		want, _ := json.Marshal(s)
		var w string
		json.Unmarshal(want, &w)
		if back != w {
			t.Fatalf("%q read back as %q, want %q", s, back, w)
		}
		if strings.ContainsAny(s, "\u2028\u2029") && strings.ContainsAny(string(AppendString(nil, s)), "\u2028\u2029") {
			t.Fatalf("%q: line separators must be escaped for JavaScript", s)
		}
	})
}
