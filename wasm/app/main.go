// Command app is the phase-space canvas of the page: an ebiten game that
// draws the learned and true Hamiltonian, the learned vector field and live
// trajectories. It does not train: the page's worker (wasm/worker) does, and
// hands the model over through window.hnnplay.setModel (bridge_js.go).
//
// The scene and its rules are wasm/playground, plain Go tested natively;
// this package draws it (draw_*.go), feeds it pointer input (input*.go) and
// connects it to the page (bridge_*.go).
package main

import (
	"log"

	"github.com/hajimehoshi/ebiten/v2"

	"hnnplay/wasm/playground"
)

func main() {
	host := newHost()
	pg := playground.New(host, nil)
	g := newGame(pg, newPointerSource(pg))
	exportAPI(pg, g)
	ebiten.SetWindowTitle("hnnplay")
	ebiten.SetWindowSize(960, 720)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetVsyncEnabled(true)
	if err := ebiten.RunGameWithOptions(g, &ebiten.RunGameOptions{InitUnfocused: true}); err != nil {
		log.Fatal(err)
	}
}
