//go:build js && wasm

// Command trainer is the WebAssembly program of the page's Web Worker
// (site/trainer.js). It exposes these functions on the worker's global object:
//
//	hnnplayTrainerInfo() object          // {type: "ready", systems, samplers, limits, defaults}
//	hnnplayTrain(request object) object  // the fit's reply, see protocol.Reply
//	hnnplayRaceStart(request object) object  // the sampled fit of a comparison, see package racer
//	hnnplayRaceAdvance(ms number) object     // Adam for about ms milliseconds
//	hnnplayRaceStop() object                 // end the comparison
//
// and then waits forever. Requests and replies are plain JavaScript objects,
// not JSON text, so that this program links no JSON codec: the glue here
// converts them to and from Go value trees (see package protocol), and the
// page hands a reply's JSON.stringify to the app. Each call runs
// synchronously: the worker's thread is busy, the page's is not. A comparison
// advances only when the worker's JavaScript calls hnnplayRaceAdvance, so
// pause and stop messages are read between slices. To cancel a fit the page
// terminates the worker.
package main

import (
	"syscall/js"

	"hnnplay/wasm/racer"
	"hnnplay/wasm/train"
)

func main() {
	register(js.Global())
	select {}
}

// register sets the functions on g.
func register(g js.Value) {
	arg := func(args []js.Value) any {
		if len(args) < 1 {
			return nil
		}
		return fromJS(args[0])
	}
	g.Set("hnnplayTrainerInfo", js.FuncOf(func(js.Value, []js.Value) any {
		return toJS(train.Info())
	}))
	g.Set("hnnplayTrain", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return toJS(train.Handle(arg(args)))
	}))
	session := racer.NewSession()
	g.Set("hnnplayRaceStart", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return toJS(session.Start(arg(args)))
	}))
	g.Set("hnnplayRaceAdvance", js.FuncOf(func(_ js.Value, args []js.Value) any {
		ms := 50.0
		if len(args) > 0 && args[0].Type() == js.TypeNumber {
			ms = args[0].Float()
		}
		return toJS(session.Advance(ms))
	}))
	g.Set("hnnplayRaceStop", js.FuncOf(func(js.Value, []js.Value) any {
		return toJS(session.Stop())
	}))
}
