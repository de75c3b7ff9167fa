// Package jsontext writes JSON objects without reflection, for the reports
// that the command line prints and the browser's worker sends: the worker
// links no JSON codec (its download is budgeted), and writing both from one
// encoder keeps the page's and the command line's JSON identical.
//
// Numbers are written as the shortest decimal that reads back as the same
// float64; a number that is not finite is written null, since JSON has no
// NaN or infinity.
package jsontext

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// Object builds one JSON object. The zero value is an empty object; keys
// appear in the order they are added.
type Object struct {
	b []byte
}

func (o *Object) key(k string) {
	if len(o.b) == 0 {
		o.b = append(o.b, '{')
	} else {
		o.b = append(o.b, ',')
	}
	o.b = AppendString(o.b, k)
	o.b = append(o.b, ':')
}

// String adds a string.
func (o *Object) String(k, v string) { o.key(k); o.b = AppendString(o.b, v) }

// Number adds a number, null when not finite.
func (o *Object) Number(k string, v float64) { o.key(k); o.b = AppendNumber(o.b, v) }

// Int adds a whole number.
func (o *Object) Int(k string, v int64) { o.key(k); o.b = strconv.AppendInt(o.b, v, 10) }

// Uint adds a whole number.
func (o *Object) Uint(k string, v uint64) { o.key(k); o.b = strconv.AppendUint(o.b, v, 10) }

// Bool adds true or false.
func (o *Object) Bool(k string, v bool) { o.key(k); o.b = strconv.AppendBool(o.b, v) }

// Raw adds JSON text as it is; raw must be one valid JSON value.
func (o *Object) Raw(k string, raw []byte) { o.key(k); o.b = append(o.b, raw...) }

// Members adds the members of obj, the JSON text of an object, as if each had
// been added one by one.
func (o *Object) Members(obj []byte) {
	if len(obj) < 2 || obj[0] != '{' || obj[len(obj)-1] != '}' {
		panic("jsontext: Members of something that is not an object")
	}
	inner := obj[1 : len(obj)-1]
	if len(inner) == 0 {
		return
	}
	if len(o.b) == 0 {
		o.b = append(o.b, '{')
	} else {
		o.b = append(o.b, ',')
	}
	o.b = append(o.b, inner...)
}

// Numbers adds an array of numbers (null ones where not finite).
func (o *Object) Numbers(k string, v []float64) {
	o.key(k)
	o.b = append(o.b, '[')
	for i, x := range v {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = AppendNumber(o.b, x)
	}
	o.b = append(o.b, ']')
}

// Strings adds an object of string values, keys in the given order.
func (o *Object) Strings(k string, keys []string, values map[string]string) {
	var in Object
	for _, key := range keys {
		in.String(key, values[key])
	}
	o.Raw(k, in.Bytes())
}

// Bytes returns the object's JSON text.
func (o *Object) Bytes() []byte {
	if len(o.b) == 0 {
		return []byte("{}")
	}
	return append(o.b[:len(o.b):len(o.b)], '}')
}

// AppendNumber appends v as JSON: the shortest decimal that reads back as v,
// or null when v is not finite.
func AppendNumber(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

// AppendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD.
func AppendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return append(b, '"')
}
