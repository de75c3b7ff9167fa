//go:build js && wasm

// Command trainer is the WebAssembly program of the page's Web Worker
// (site/trainer.js). It exposes these functions on the worker's global object:
//
//	hnnplayTrainerInfo() string          // JSON: {systems, limits, defaults, ...}
//	hnnplayTrain(request string) string  // JSON reply, see package protocol
//	hnnplayRaceStart(request string) string  // the sampled fit of a comparison, see package racer
//	hnnplayRaceAdvance(ms number) string     // Adam for about ms milliseconds
//	hnnplayRaceStop() string                 // end the comparison
//
// and then waits forever. Each call runs synchronously: the worker's thread
// is busy, the page's is not. A comparison advances only when the worker's
// JavaScript calls hnnplayRaceAdvance, so pause and stop messages are read
// between slices. To cancel a fit the page terminates the worker.
package main

import (
	"syscall/js"

	"hnnplay/wasm/racer"
	"hnnplay/wasm/train"
)

func main() {
	str := func(args []js.Value) []byte {
		if len(args) < 1 || args[0].Type() != js.TypeString {
			return nil
		}
		return []byte(args[0].String())
	}
	js.Global().Set("hnnplayTrainerInfo", js.FuncOf(func(js.Value, []js.Value) any {
		return string(train.Info())
	}))
	js.Global().Set("hnnplayTrain", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return string(train.Handle(str(args)))
	}))
	session := racer.NewSession()
	js.Global().Set("hnnplayRaceStart", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return string(session.Start(str(args)))
	}))
	js.Global().Set("hnnplayRaceAdvance", js.FuncOf(func(_ js.Value, args []js.Value) any {
		ms := 50.0
		if len(args) > 0 && args[0].Type() == js.TypeNumber {
			ms = args[0].Float()
		}
		return string(session.Advance(ms))
	}))
	js.Global().Set("hnnplayRaceStop", js.FuncOf(func(js.Value, []js.Value) any {
		return string(session.Stop())
	}))
	select {}
}
