// Command app is the phase-space canvas of the page: an ebiten game that
// draws the learned and true Hamiltonian, the learned vector field and live
// trajectories. It does not train: the page's worker (wasm/trainer) does, and
// hands the model over through window.hnnplay.setModel (bridge_js.go).
package main

import (
	"log"

	"github.com/hajimehoshi/ebiten/v2"
)

func main() {
	var g *Game
	g = newGame(newHost(func() *Game { return g }))
	exportAPI(g)
	ebiten.SetWindowTitle("hnnplay")
	ebiten.SetWindowSize(960, 720)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetVsyncEnabled(true)
	if err := ebiten.RunGameWithOptions(g, &ebiten.RunGameOptions{InitUnfocused: true}); err != nil {
		log.Fatal(err)
	}
}
