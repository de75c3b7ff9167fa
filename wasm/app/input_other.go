//go:build !(js && wasm)

package main

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"hnnplay/wasm/playground"
)

// ebitenPointers polls ebiten's mouse (pointer id -1) and touches (their
// ids): the native build's pointer source.
type ebitenPointers struct {
	touches []ebiten.TouchID // scratch
}

func newPointerSource(*playground.Playground) pointerSource { return &ebitenPointers{} }

func (e *ebitenPointers) poll(to pointerSink) {
	mx, my := ebiten.CursorPosition()
	if inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) {
		to.PointerDown(-1, float64(mx), float64(my))
	} else if ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft) {
		to.PointerMove(-1, float64(mx), float64(my))
	} else {
		to.PointerUp(-1)
	}
	e.touches = inpututil.AppendJustPressedTouchIDs(e.touches[:0])
	for _, id := range e.touches {
		x, y := ebiten.TouchPosition(id)
		to.PointerDown(int(id), float64(x), float64(y))
	}
	e.touches = ebiten.AppendTouchIDs(e.touches[:0])
	for _, id := range e.touches {
		x, y := ebiten.TouchPosition(id)
		to.PointerMove(int(id), float64(x), float64(y))
	}
	e.touches = inpututil.AppendJustReleasedTouchIDs(e.touches[:0])
	for _, id := range e.touches {
		to.PointerUp(int(id))
	}
}
