//go:build js && wasm

package main

import (
	"maps"
	"math"
	"slices"
	"syscall/js"
	"unsafe"

	"hnnplay/wasm/protocol"
)

// maxDepth bounds the nesting fromJS follows (a request is two deep).
const maxDepth = 16

var (
	jsArray        = js.Global().Get("Array")
	jsObject       = js.Global().Get("Object")
	jsFloat64Array = js.Global().Get("Float64Array")
	jsUint8Array   = js.Global().Get("Uint8Array")
	jsJSON         = js.Global().Get("JSON")
)

// fromJS converts a JavaScript value to a value tree, as JSON.parse of its
// JSON.stringify would give it to encoding/json: a string, a finite number
// (float64), a boolean, an array ([]any) or an object (map[string]any, own
// enumerable keys); null, undefined, functions, symbols, numbers that are not
// finite and what is nested too deep are nil.
func fromJS(v js.Value) any { return fromJSDepth(v, 0) }

func fromJSDepth(v js.Value, depth int) any {
	switch v.Type() {
	case js.TypeString:
		return v.String()
	case js.TypeNumber:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil
		}
		return f
	case js.TypeBoolean:
		return v.Bool()
	case js.TypeObject:
		if depth >= maxDepth {
			return nil
		}
		if jsArray.Call("isArray", v).Bool() {
			a := make([]any, v.Length())
			for i := range a {
				a[i] = fromJSDepth(v.Index(i), depth+1)
			}
			return a
		}
		keys := jsObject.Call("keys", v)
		o := make(map[string]any, keys.Length())
		for i := range keys.Length() {
			k := keys.Index(i).String()
			if x := v.Get(k); x.Type() != js.TypeUndefined && x.Type() != js.TypeFunction && x.Type() != js.TypeSymbol {
				o[k] = fromJSDepth(x, depth+1)
			}
		}
		return o
	}
	return nil
}

// toJS converts a reply's value tree (see package protocol) to a JavaScript
// value: numbers, strings and booleans as themselves, JSON text as the value
// JSON.parse makes of it, a nil slice or map as null, slices as arrays, maps
// as objects with their keys in order. It panics
// on another type, which the tests rule out.
func toJS(x any) js.Value {
	switch x := x.(type) {
	case nil:
		return js.Null()
	case bool, int, int64, uint64, float64, string:
		return js.ValueOf(x)
	case protocol.JSONText:
		if len(x) == 0 {
			return js.Null()
		}
		return jsJSON.Call("parse", string(x))
	case []float64:
		if x == nil {
			return js.Null()
		}
		return floatArray(x)
	case [][]float64:
		if x == nil {
			return js.Null()
		}
		a := jsArray.New(len(x))
		for i, row := range x {
			a.SetIndex(i, toJS(row))
		}
		return a
	case []string:
		if x == nil {
			return js.Null()
		}
		a := jsArray.New(len(x))
		for i, s := range x {
			a.SetIndex(i, s)
		}
		return a
	case []any:
		if x == nil {
			return js.Null()
		}
		a := jsArray.New(len(x))
		for i, e := range x {
			a.SetIndex(i, toJS(e))
		}
		return a
	case map[string]string:
		if x == nil {
			return js.Null()
		}
		o := jsObject.New()
		for _, k := range sortedKeys(x) {
			o.Set(k, x[k])
		}
		return o
	case map[string]any:
		if x == nil {
			return js.Null()
		}
		o := jsObject.New()
		for _, k := range sortedKeys(x) {
			o.Set(k, toJS(x[k]))
		}
		return o
	}
	panic("worker: a reply holds a value of an unexpected type")
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// floatArray returns x as a JavaScript array of the same numbers: short ones
// element by element, long ones (a model's weights) copied in one go through
// a Float64Array, which keeps every bit.
func floatArray(x []float64) js.Value {
	if len(x) < 16 {
		a := jsArray.New(len(x))
		for i, f := range x {
			a.SetIndex(i, f)
		}
		return a
	}
	b := jsUint8Array.New(8 * len(x))
	js.CopyBytesToJS(b, unsafe.Slice((*byte)(unsafe.Pointer(&x[0])), 8*len(x)))
	return jsArray.Call("from", jsFloat64Array.New(b.Get("buffer")))
}
