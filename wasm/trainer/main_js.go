//go:build js && wasm

// Command trainer is the WebAssembly program of the page's Web Worker
// (site/trainer.js). It exposes two functions on the worker's global object:
//
//	hnnplayTrainerInfo() string   // JSON: {systems, limits, defaults, ...}
//	hnnplayTrain(request string) string // JSON reply, see package protocol
//
// and then waits forever. A fit runs synchronously inside hnnplayTrain: the
// worker's thread is busy, the page's is not. To cancel a fit the page
// terminates the worker.
package main

import (
	"syscall/js"

	"hnnplay/wasm/train"
)

func main() {
	js.Global().Set("hnnplayTrainerInfo", js.FuncOf(func(js.Value, []js.Value) any {
		return string(train.Info())
	}))
	js.Global().Set("hnnplayTrain", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 1 || args[0].Type() != js.TypeString {
			return string(train.Handle(nil))
		}
		return string(train.Handle([]byte(args[0].String())))
	}))
	select {}
}
