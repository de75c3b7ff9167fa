//go:build !(js && wasm)

package main

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
)

// pollInput turns ebiten's mouse and touch state into pointer events (the
// native build; the browser build listens to DOM pointer events instead).
func pollInput(g *Game) {
	mx, my := ebiten.CursorPosition()
	if inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) {
		g.pointerDown(-1, float64(mx), float64(my))
	} else if ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft) {
		g.pointerMove(-1, float64(mx), float64(my))
	} else {
		g.pointerUp(-1)
	}
	g.touchIDs = inpututil.AppendJustPressedTouchIDs(g.touchIDs[:0])
	for _, id := range g.touchIDs {
		x, y := ebiten.TouchPosition(id)
		g.pointerDown(int(id), float64(x), float64(y))
	}
	g.touchIDs = ebiten.AppendTouchIDs(g.touchIDs[:0])
	for _, id := range g.touchIDs {
		x, y := ebiten.TouchPosition(id)
		g.pointerMove(int(id), float64(x), float64(y))
	}
	for id := range g.ptrs {
		if id >= 0 && inpututil.IsTouchJustReleased(ebiten.TouchID(id)) {
			g.pointerUp(id)
		}
	}
}
