// Package valuetest helps the tests of the trainer's replies, which leave the
// worker as value trees (see wasm/protocol): it fills typed replies with
// random values, checks that a tree holds only the kinds the worker's glue
// converts, and compares JSON encodings. Tests only: it imports encoding/json.
package valuetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"

	"hnnplay/core/hnn"
)

// Fill sets every exported field reachable from the pointer p to a random
// value, leaving each one zero with probability zero (to exercise omitempty).
// Numbers are finite, of magnitudes from 1e-12 to 1e25; an *hnn.Model is a
// valid model.
func Fill(p any, r *rand.Rand, zero float64) {
	fill(reflect.ValueOf(p).Elem(), r, zero, 0)
}

var modelType = reflect.TypeFor[hnn.Model]()

func fill(v reflect.Value, r *rand.Rand, zero float64, depth int) {
	if v.Type().Name() == "JSONText" { // protocol.JSONText: valid JSON text
		// numbers that every encoder spells alike, so encodings compare equal
		str, _ := json.Marshal(String(r))
		x := []string{"0.5", "-1.25", "42", "0"}[r.IntN(4)]
		v.SetBytes([]byte(fmt.Sprintf(`{"x":%s,"s":%s,"n":null,"a":[1,true]}`, x, str)))
		return
	}
	if v.Type() == modelType {
		d, m := 2*(1+r.IntN(2)), 1+r.IntN(4)
		n := hnn.New(d, m)
		for _, x := range [][]float64{n.W, n.B, n.C} {
			for i := range x {
				x[i] = Float(r)
			}
		}
		n.C0 = Float(r)
		v.Set(reflect.ValueOf(n).Elem())
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if depth > 4 {
			return
		}
		e := reflect.New(v.Type().Elem())
		fill(e.Elem(), r, zero, depth+1)
		v.Set(e)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if !v.Type().Field(i).IsExported() || r.Float64() < zero {
				continue
			}
			fill(v.Field(i), r, zero, depth+1)
		}
	case reflect.Slice:
		n := 1 + r.IntN(3)
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := 0; i < n; i++ {
			fill(s.Index(i), r, zero, depth+1)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for i := 0; i < 1+r.IntN(3); i++ {
			k := reflect.New(v.Type().Key()).Elem()
			fill(k, r, 0, depth+1)
			e := reflect.New(v.Type().Elem()).Elem()
			fill(e, r, zero, depth+1)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.String:
		v.SetString(String(r))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(1 + r.IntN(1_000_000)))
	case reflect.Uint64, reflect.Uint:
		v.SetUint(uint64(1 + r.Int64N(1<<53-1)))
	case reflect.Float64:
		v.SetFloat(Float(r))
	default:
		panic(fmt.Sprintf("valuetest: cannot fill a %s", v.Type()))
	}
}

// Float returns a random finite non-zero number, of either sign, of a random
// magnitude from about 1e-12 to 1e25 (so both of JSON's number forms occur).
func Float(r *rand.Rand) float64 {
	x := (0.5 + r.Float64()) * math.Pow(10, float64(r.IntN(38)-12))
	if r.IntN(2) == 0 {
		x = -x
	}
	return x
}

// String returns a short random string, with characters JSON escapes.
func String(r *rand.Rand) string {
	parts := []string{"a", "Z", "π", " ", `"`, `\`, "<", ">", "&", "\u2028", "\n", "é", "x1", "\x01"}
	var b bytes.Buffer
	for i := 0; i < 1+r.IntN(6); i++ {
		b.WriteString(parts[r.IntN(len(parts))])
	}
	return b.String()
}

// Check reports a value in the tree v that the worker's glue does not
// convert: the kinds are nil, bool, int, int64, uint64, float64 (finite),
// string, protocol.JSONText (valid JSON), []float64, [][]float64, []string,
// []any, map[string]string and map[string]any.
func Check(v any) error {
	if t := reflect.TypeOf(v); t != nil && t.Name() == "JSONText" && t.Kind() == reflect.Slice {
		if b := reflect.ValueOf(v).Bytes(); !json.Valid(b) {
			return fmt.Errorf("invalid JSON text %q", b)
		}
		return nil
	}
	switch v := v.(type) {
	case nil, bool, int, int64, uint64, string, []string, map[string]string:
		return nil
	case float64:
		return checkFinite(v)
	case []float64:
		return checkFinite(v...)
	case [][]float64:
		for _, x := range v {
			if err := checkFinite(x...); err != nil {
				return err
			}
		}
		return nil
	case []any:
		for i, x := range v {
			if err := Check(x); err != nil {
				return fmt.Errorf("[%d]: %v", i, err)
			}
		}
		return nil
	case map[string]any:
		for k, x := range v {
			if err := Check(x); err != nil {
				return fmt.Errorf("%s: %v", k, err)
			}
		}
		return nil
	}
	return fmt.Errorf("a %T", v)
}

func checkFinite(x ...float64) error {
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%v", v)
		}
	}
	return nil
}

// Canonical returns the JSON of v with object keys sorted and numbers as
// written, so that two encodings of the same JSON value compare equal.
func Canonical(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var x any
	if err := d.Decode(&x); err != nil {
		return "", err
	}
	b, err = json.Marshal(x)
	return string(b), err
}

// SameJSON reports whether a and b (typed values or trees) have the same
// JSON value, number spellings included; if not, the error shows both.
func SameJSON(a, b any) error {
	ja, err := Canonical(a)
	if err != nil {
		return fmt.Errorf("first: %v", err)
	}
	jb, err := Canonical(b)
	if err != nil {
		return fmt.Errorf("second: %v", err)
	}
	if ja != jb {
		return fmt.Errorf("JSON differs:\n%s\n%s", ja, jb)
	}
	return nil
}

// Valuer is a typed reply that has a value tree.
type Valuer interface {
	Value() (map[string]any, error)
}

// CheckAll checks, for every case, that Value succeeds, that the tree holds
// only what the worker's glue converts (Check), and that the tree and the
// typed reply have the same JSON (SameJSON); it returns the first failure.
func CheckAll[V Valuer](cases []V) error {
	for _, c := range cases {
		v, err := c.Value()
		if err != nil {
			return fmt.Errorf("%+v: %v", c, err)
		}
		if err := Check(v); err != nil {
			return fmt.Errorf("%+v: the value holds %v", c, err)
		}
		if err := SameJSON(c, v); err != nil {
			return err
		}
	}
	return nil
}
