package protocol

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"hnnplay/core/hnn"
)

// The trainer worker and the page exchange JavaScript objects, not JSON text,
// so that trainer.wasm links no JSON codec. In Go such an object is a value
// tree, built and read here in plain Go (tested natively); only the worker's
// glue (wasm/trainer) converts between trees and JavaScript values.
//
// A request arrives as the tree a JavaScript value gives: string, float64,
// bool, nil (null, undefined), []any (array) and map[string]any (object), the
// same kinds encoding/json decodes into an any. RequestOf reads it as
// json.Unmarshal reads the request's JSON text.
//
// A reply leaves as a tree of nil, bool, int, int64, uint64, float64, string,
// JSONText, []float64, [][]float64, []string, []any, map[string]string and
// map[string]any; a nil slice or map is null, as in JSON, and JSONText
// becomes the value its text parses to. Its json.Marshal is the json.Marshal
// of the typed reply (Reply.Value, ModelValue; tests check it), so the page
// sees the same data as when the worker sent JSON, and every float64 reaches
// JavaScript as the same number.

// JSONText is JSON text written by a reflection-free encoder (such as
// experiment.Result's): in a value tree it stands for the value it encodes.
type JSONText []byte

// MarshalJSON returns t itself.
func (t JSONText) MarshalJSON() ([]byte, error) {
	if len(t) == 0 {
		return []byte("null"), nil
	}
	return t, nil
}

// UnmarshalJSON keeps a copy of the text.
func (t *JSONText) UnmarshalJSON(b []byte) error {
	*t = append((*t)[:0], b...)
	return nil
}

// TextOf reads a request value as text, as JSON.stringify spells it: a
// string as it is, a number or a boolean as spelled, null as "". An object
// or an array is an error.
func TextOf(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return "", nil // JSON.stringify writes null
		}
		return JSNumber(v), nil
	case bool:
		return strconv.FormatBool(v), nil
	default:
		return "", fmt.Errorf("%s is neither text nor a number", kind(v))
	}
}

// JSNumber writes a finite number as JavaScript's String(x) and
// JSON.stringify do: the shortest decimal that reads back as x, in exponent
// form below 1e-6 and from 1e21 on (encoding/json's rule too), and 0 for −0.
func JSNumber(x float64) string {
	if x == 0 {
		return "0"
	}
	a := math.Abs(x)
	if a >= 1e-6 && a < 1e21 {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	b := strconv.AppendFloat(nil, x, 'e', -1, 64)
	// 1e-07 → 1e-7, as JavaScript writes it.
	if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1]
		b = b[:n-1]
	}
	return string(b)
}

// Request is a request of the page: its ID and the settings as text,
// keyed as experiment.Parse reads them.
type Request struct {
	ID     int64
	Values map[string]string
}

// RequestOf reads a request from the page's object {id, values: {key:
// text}}. A value may be a string, a number or a boolean (read as JSON
// spells it, see TextOf) or null (empty: the default). Like json.Unmarshal it
// reads what it can, so the ID of a bad request is known, and returns the
// first error.
func RequestOf(v any) (Request, error) {
	var r Request
	o, ok := v.(map[string]any)
	if !ok {
		return r, fmt.Errorf("the request is %s, not an object", kind(v))
	}
	var first error
	fail := func(key string, err error) {
		if first == nil {
			first = fmt.Errorf("%s: %v", key, err)
		}
	}
	switch id := o["id"].(type) {
	case nil:
	case float64:
		if id != math.Trunc(id) || !(id >= -(1<<63) && id < 1<<63) {
			fail("id", fmt.Errorf("%s is not a whole number", JSNumber(id)))
		} else {
			r.ID = int64(id)
		}
	default:
		fail("id", fmt.Errorf("%s is not a number", kind(id)))
	}
	switch vals := o["values"].(type) {
	case nil:
	case map[string]any:
		r.Values = make(map[string]string, len(vals))
		for k, x := range vals {
			t, err := TextOf(x)
			if err != nil {
				fail(k, err)
				continue
			}
			r.Values[k] = t
		}
	default:
		fail("values", fmt.Errorf("%s is not an object", kind(vals)))
	}
	return r, first
}

// kind names the JSON kind of a request value, for error messages.
func kind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("a %T", v)
}

// ModelValue is m as a value tree of the JSON m.MarshalJSON writes:
// {d, m, w, b, c, c0}. It fails if a parameter is not finite. The tree
// shares m's slices.
func ModelValue(m *hnn.Model) (map[string]any, error) {
	if m == nil {
		return nil, errors.New("no model")
	}
	var o Object
	o.Set("d", m.D)
	o.Set("m", m.M)
	for _, f := range []struct {
		key string
		x   []float64
	}{{"w", m.W}, {"b", m.B}, {"c", m.C}} {
		o.check(f.x...)
		o.Set(f.key, f.x)
	}
	o.check(m.C0)
	o.Set("c0", m.C0)
	return o.Done()
}

// Object builds a reply's value tree: Set puts any value, the other setters
// leave out zero values (JSON's omitempty), and every float64 that goes in
// through them is checked to be finite. The setters are not inlined: inlined,
// the many call sites cost trainer.wasm about 20 kB (2 kB compressed).
type Object struct {
	m   map[string]any
	bad error
}

// Set puts v under key.
//
//go:noinline
func (o *Object) Set(key string, v any) {
	if o.m == nil {
		o.m = make(map[string]any, 24)
	}
	o.m[key] = v
}

// Float puts x unless it is 0.
//
//go:noinline
func (o *Object) Float(key string, x float64) {
	if x != 0 {
		o.check(x)
		o.Set(key, x)
	}
}

// Int puts n unless it is 0.
//
//go:noinline
func (o *Object) Int(key string, n int) {
	if n != 0 {
		o.Set(key, n)
	}
}

// Str puts s unless it is "".
//
//go:noinline
func (o *Object) Str(key, s string) {
	if s != "" {
		o.Set(key, s)
	}
}

// Floats puts x unless it is empty.
//
//go:noinline
func (o *Object) Floats(key string, x []float64) {
	if len(x) > 0 {
		o.check(x...)
		o.Set(key, x)
	}
}

// Finite puts x, checked to be finite, even if 0.
//
//go:noinline
func (o *Object) Finite(key string, x float64) {
	o.check(x)
	o.Set(key, x)
}

// Nullable puts x, or nil (null) if x is not finite.
//
//go:noinline
func (o *Object) Nullable(key string, x float64) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		o.Set(key, nil)
	} else {
		o.Set(key, x)
	}
}

// Fail records err (the first one is kept), for a nested value that failed.
func (o *Object) Fail(err error) {
	if o.bad == nil {
		o.bad = err
	}
}

func (o *Object) check(x ...float64) {
	if o.bad != nil {
		return
	}
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			o.bad = fmt.Errorf("unsupported value: %s", strconv.FormatFloat(v, 'g', -1, 64))
			return
		}
	}
}

// Done returns the tree, or the first error.
func (o *Object) Done() (map[string]any, error) {
	if o.bad != nil {
		return nil, o.bad
	}
	if o.m == nil {
		o.m = map[string]any{}
	}
	return o.m, nil
}
