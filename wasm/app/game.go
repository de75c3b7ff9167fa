package main

import (
	"image"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"hnnplay/wasm/playground"
	"hnnplay/wasm/world"
)

// Game is the ebiten side, and only routes: Update feeds pointer input to
// the playground and runs its tick, Draw draws it layer by layer (draw_*.go),
// Layout sizes the canvas in device pixels. Beyond that it holds GPU caches.
type Game struct {
	pg    *playground.Playground
	input pointerSource

	b  batch               // the triangles of the pass being drawn
	pl playground.Polyline // scratch for trails and curves

	static    *ebiten.Image // everything that does not move, see drawStatic
	staticKey staticKey

	layers   map[string]*ebiten.Image // the uploaded static layers
	uploaded *world.Layers            // what they were uploaded from

	energy    *ebiten.Image // the energy panel's curves, see drawEnergy
	energyKey int

	poincare poincare // the crossings drawn so far, see drawPoincare

	// captured, if set, receives the next frame's pixels (see Capture).
	captured func(w, h int, pix []byte)

	// paced stops the ticker of the slow frames while the worker trains
	// (see pace); nil at the display's rate.
	paced chan struct{}
}

// trainingFrame is the time between frames while the worker trains.
const trainingFrame = 200 * time.Millisecond

// pace slows the frames to one per trainingFrame while the worker trains,
// and back to the display's rate after: drawing (in software, without a
// GPU, or on a weak one) competes for the cores that the fit's workers use.
// The ticks between frames still run (ebiten catches up on them), so
// trajectories keep their speed, and input draws a frame at once.
func (g *Game) pace() {
	training := g.pg.Training()
	if training == (g.paced != nil) {
		return
	}
	if !training {
		close(g.paced)
		g.paced = nil
		ebiten.SetFPSMode(ebiten.FPSModeVsyncOn)
		return
	}
	stop := make(chan struct{})
	g.paced = stop
	ebiten.SetFPSMode(ebiten.FPSModeVsyncOffMinimum)
	go func() {
		t := time.NewTicker(trainingFrame)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				ebiten.ScheduleFrame()
			}
		}
	}()
}

// Capture asks for the pixels of the next frame: done receives its size in
// device pixels and premultiplied RGBA, row by row. The page composes them
// with the axes, labels and legend into a PNG (the canvas itself reads back
// blank: it is WebGL without preserveDrawingBuffer).
func (g *Game) Capture(done func(w, h int, pix []byte)) { g.captured = done }

func newGame(pg *playground.Playground, input pointerSource) *Game {
	return &Game{pg: pg, input: input}
}

// Update advances one tick.
func (g *Game) Update() error {
	g.input.poll(g.pg)
	g.pg.Update()
	g.pace()
	return nil
}

// Draw renders the frame: the static image is blitted, the moving parts
// (particles, trajectories, energy curves, a progress bar) go through one
// batch each.
func (g *Game) Draw(screen *ebiten.Image) {
	done := g.captured
	g.captured = nil
	if done != nil {
		// draw into an image of our own, read it back, then show it
		b := screen.Bounds()
		img := ebiten.NewImage(b.Dx(), b.Dy())
		defer img.Deallocate()
		g.draw(img)
		pix := make([]byte, 4*b.Dx()*b.Dy())
		img.ReadPixels(pix)
		screen.DrawImage(img, nil)
		done(b.Dx(), b.Dy(), pix)
		return
	}
	g.draw(screen)
}

func (g *Game) draw(screen *ebiten.Image) {
	frame := g.pg.DrawStart()
	g.drawStatic(screen)
	if g.pg.World() != nil {
		plot := sub(screen, g.pg.Regions().Plot)
		g.drawRegion(plot)
		g.drawParticles(plot)
		g.drawPoincare(plot)
		g.drawTrajectories(plot)
		g.drawArms(plot)
		g.drawOrbit(plot)
		g.drawEnergy(screen, frame)
	}
	if busy, progress := g.pg.Busy(); busy {
		g.drawBusy(screen, progress, frame)
	}
	g.pg.DrawEnd(g.b.takeVertices())
}

// LayoutF returns the canvas size in device pixels (see examples/highdpi).
func (g *Game) LayoutF(ow, oh float64) (float64, float64) {
	return g.pg.Layout(ow, oh, ebiten.Monitor().DeviceScaleFactor())
}

// Layout is required by ebiten.Game; LayoutF is used instead.
func (g *Game) Layout(ow, oh int) (int, int) {
	w, h := g.LayoutF(float64(ow), float64(oh))
	return int(w), int(h)
}

// sub returns the part of img inside r.
func sub(img *ebiten.Image, r world.Rect) *ebiten.Image {
	return img.SubImage(image.Rect(int(r.X), int(r.Y), int(r.X+r.W), int(r.Y+r.H))).(*ebiten.Image)
}
