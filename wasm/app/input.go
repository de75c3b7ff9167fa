package main

// pointerSink takes pointer input (mouse, finger, pen) in device pixels;
// *playground.Playground is one. id tells pointers apart: a drag is the
// moves of one id between its down and its up.
type pointerSink interface {
	PointerDown(id int, x, y float64)
	PointerMove(id int, x, y float64)
	PointerUp(id int)
}

// pointerSource delivers the pointer input; the Game polls it at the start
// of every tick, without knowing which one it has: ebiten's mouse and
// touches polled (input_other.go, the native build) or the canvas's DOM
// pointer events (input_js.go, the page).
type pointerSource interface {
	// poll hands over the input since the last tick. A source driven by
	// events, which delivers them as they come, has nothing to do here.
	poll(to pointerSink)
}
