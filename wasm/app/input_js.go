//go:build js && wasm

package main

import (
	"syscall/js"

	"hnnplay/wasm/playground"
)

// domPointers is the page's pointer source: the canvas's DOM pointer events
// (mouse, touch, pen), delivered to the playground as they come. Polling
// ebiten would lose a click whose press and release fall between two ticks,
// and DOM events carry canvas-relative coordinates (offsetX/offsetY, CSS
// pixels wherever the page places the canvas, scaled here to device pixels).
//
// Delivering at once is safe: Go's WebAssembly port runs a callback only
// while every goroutine is blocked, and ebiten's browser build never blocks
// inside Update or Draw, so an event never lands in the middle of a tick.
type domPointers struct{}

func (domPointers) poll(pointerSink) {}

// newPointerSource listens to the pointer events of ebiten's canvas.
func newPointerSource(pg *playground.Playground) pointerSource {
	canvas := plotCanvas()
	if !canvas.Truthy() {
		return domPointers{}
	}
	pos := func(e js.Value) (int, float64, float64) {
		s := pg.Scale()
		return e.Get("pointerId").Int(), e.Get("offsetX").Float() * s, e.Get("offsetY").Float() * s
	}
	on := func(name string, f func(e js.Value)) {
		canvas.Call("addEventListener", name, js.FuncOf(func(_ js.Value, args []js.Value) any {
			if len(args) > 0 {
				f(args[0])
			}
			return nil
		}))
	}
	on("pointerdown", func(e js.Value) {
		if e.Get("button").Int() != 0 {
			return
		}
		id, x, y := pos(e)
		if canvas.Get("setPointerCapture").Truthy() {
			canvas.Call("setPointerCapture", id)
		}
		pg.PointerDown(id, x, y)
	})
	on("pointermove", func(e js.Value) {
		id, x, y := pos(e)
		if e.Get("buttons").Int() == 0 {
			pg.Hover(x, y) // the readout under a hovering mouse
			return
		}
		pg.PointerMove(id, x, y)
	})
	on("pointerleave", func(js.Value) { pg.HoverEnd() })
	for _, name := range []string{"pointerup", "pointercancel"} {
		on(name, func(e js.Value) { pg.PointerUp(e.Get("pointerId").Int()) })
	}
	return domPointers{}
}
