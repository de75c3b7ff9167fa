//go:build js && wasm

package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"syscall/js"

	"hnnplay/core/hnn"
	"hnnplay/wasm/protocol"
	"hnnplay/wasm/world"
)

// jsHost writes the status line and the axis labels into the page.
type jsHost struct {
	doc js.Value
}

func newHost(func() *Game) host { return &jsHost{doc: js.Global().Get("document")} }

func (h *jsHost) byID(id string) js.Value { return h.doc.Call("getElementById", id) }

// setStatus shows text in #status (role="status", aria-live="polite"); kind
// (ok, info, busy, error) becomes data-kind for styling.
func (h *jsHost) setStatus(kind, text string) {
	el := h.byID("status")
	if !el.Truthy() {
		return
	}
	el.Set("textContent", text)
	el.Get("dataset").Set("kind", kind)
}

// setLabels replaces the children of #axes, the overlay above the canvas,
// with absolutely positioned spans. Positions are set through the CSSOM,
// which the page's Content-Security-Policy allows (no inline style attributes).
func (h *jsHost) setLabels(labels []world.Label) {
	box := h.byID("axes")
	if !box.Truthy() {
		return
	}
	box.Call("replaceChildren")
	for _, l := range labels {
		span := h.doc.Call("createElement", "span")
		span.Set("className", "label "+l.Class+" align-"+l.Align)
		span.Set("textContent", l.Text)
		st := span.Get("style")
		st.Set("left", strconv.FormatFloat(l.X, 'f', 1, 64)+"px")
		st.Set("top", strconv.FormatFloat(l.Y, 'f', 1, 64)+"px")
		if l.Width > 0 {
			st.Set("width", strconv.FormatFloat(l.Width, 'f', 1, 64)+"px")
			span.Set("title", l.Text)
		}
		box.Call("appendChild", span)
	}
}

// modelChanged tells the page a new model is installed (it refreshes the
// section inputs), through a DOM event on window.
func (h *jsHost) modelChanged() {
	ev := js.Global().Get("CustomEvent").New("hnnplay:model")
	js.Global().Call("dispatchEvent", ev)
}

// exportAPI defines window.hnnplay, the page's handle on the app:
//
//	state() string                 JSON, see type state
//	setModel(replyJSON[, note]) string  install a trainer reply; "" or an error;
//	                               a note is shown (as an error) instead of the fit summary
//	setCompareModel(modelJSON|null) string  install (or remove) the comparison model, Adam's
//	                               network (hnn.Model JSON): every trajectory also follows its
//	                               flow, dotted; "" or an error
//	setSettings(viewJSON) string   integrator, step, speed, layers, section, playing
//	setStatus(kind, text)          show a message in #status (kind "error" sets state().error)
//	setTraining(bool)              the worker is (not) training
//	step(), reset(), clear()       the buttons of the same names
//	add(u, v)                      start a trajectory at plane point (u, v)
//	addRandom(n)                   start n trajectories at random points of the box
//	section() string               JSON {"names": [...], "values": {...}}
//
// The functions act at once. That is safe: Go's WebAssembly port runs a
// callback only while every goroutine is blocked, and ebiten's browser build
// never blocks inside Update or Draw, so a callback never lands in the middle
// of a frame; and doing it at once keeps the order of the page's calls.
// state() reads the snapshot the game publishes after each Update and Draw.
func exportAPI(g *Game) {
	str := func(args []js.Value, i int) string {
		if i < len(args) && args[i].Type() == js.TypeString {
			return args[i].String()
		}
		return ""
	}
	fn := func(f func(args []js.Value) any) js.Func {
		return js.FuncOf(func(_ js.Value, args []js.Value) (out any) {
			defer func() {
				if p := recover(); p != nil {
					out = fmt.Sprintf("internal error: %v", p)
				}
			}()
			return f(args)
		})
	}
	// Every command publishes the state at once, so state() reflects it.
	cmd := func(f func(args []js.Value) any) js.Func {
		return fn(func(args []js.Value) any {
			out := f(args)
			g.publish()
			return out
		})
	}
	api := js.Global().Get("Object").New()
	api.Set("state", fn(func([]js.Value) any { return g.State() }))
	api.Set("setModel", cmd(func(args []js.Value) any {
		res, err := parseResult(str(args, 0))
		if err != nil {
			g.setTraining(false)
			g.setStatus("error", err.Error())
			return err.Error()
		}
		// An optional note (an error) replaces the fit summary, e.g. the
		// values of a link that were replaced by defaults.
		g.SetModel(res)
		if note := str(args, 1); note != "" {
			g.setStatus("error", note)
		}
		return ""
	}))
	api.Set("setCompareModel", cmd(func(args []js.Value) any {
		text := str(args, 0)
		if text == "" || text == "null" {
			if err := g.SetCompare(nil); err != nil {
				return err.Error()
			}
			return ""
		}
		m := new(hnn.Model)
		if err := json.Unmarshal([]byte(text), m); err != nil {
			return "cannot read the comparison model: " + err.Error()
		}
		if err := g.SetCompare(m); err != nil {
			return err.Error()
		}
		return ""
	}))
	api.Set("setSettings", cmd(func(args []js.Value) any {
		v, err := parseView(g.view, str(args, 0))
		if err != nil {
			g.setStatus("error", err.Error())
			return err.Error()
		}
		g.ApplyView(v)
		return ""
	}))
	api.Set("setStatus", cmd(func(args []js.Value) any {
		// Directly, not queued: #status and state().error change together,
		// at once. (Go's wasm port runs callbacks only while the game loop is
		// idle, so this does not race with Update.)
		g.setStatus(str(args, 0), str(args, 1))
		return nil
	}))
	api.Set("setTraining", cmd(func(args []js.Value) any {
		g.setTraining(len(args) > 0 && args[0].Truthy())
		return nil
	}))
	api.Set("step", cmd(func([]js.Value) any { g.stepOnce = true; return nil }))
	api.Set("reset", cmd(func([]js.Value) any {
		if g.world != nil {
			g.world.Reset()
			if g.statusKind == "error" {
				g.setStatus("info", "Trajectories reset to their initial conditions.")
			}
		}
		return nil
	}))
	api.Set("clear", cmd(func([]js.Value) any {
		if g.world != nil {
			g.world.Clear()
			if g.statusKind == "error" {
				g.setStatus("info", "Trajectories cleared.")
			}
		}
		return nil
	}))
	api.Set("add", cmd(func(args []js.Value) any {
		if len(args) < 2 {
			return "add(u, v) needs two numbers"
		}
		u, v := args[0].Float(), args[1].Float()
		g.AddAt(u, v)
		return ""
	}))
	api.Set("addRandom", cmd(func(args []js.Value) any {
		n := 1
		if len(args) > 0 && args[0].Type() == js.TypeNumber {
			n = max(1, min(args[0].Int(), world.MaxTrajectories))
		}
		if g.world == nil {
			return ""
		}
		b, pl := g.world.Box, g.world.Plane
		for k := 0; k < n; k++ {
			u := b.Lo[pl.I] + (0.1+0.8*rand.Float64())*(b.Hi[pl.I]-b.Lo[pl.I])
			v := b.Lo[pl.J] + (0.1+0.8*rand.Float64())*(b.Hi[pl.J]-b.Lo[pl.J])
			g.world.AddAt(u, v)
		}
		return ""
	}))
	api.Set("section", fn(func([]js.Value) any {
		g.mu.Lock()
		s, names := g.snap.Section, g.snap.SectionOf
		g.mu.Unlock()
		if names == nil {
			names = []string{}
		}
		b, _ := json.Marshal(map[string]any{"names": names, "values": s})
		return string(b)
	}))
	js.Global().Set("hnnplay", api)

	// ebiten created its canvas during package initialisation. It gave it
	// tabindex=1, which puts it first in the tab order although it cannot be
	// used with the keyboard: take it out of the order, and describe it.
	if c := js.Global().Get("document").Call("querySelector", "body > canvas"); c.Truthy() {
		listenPointers(g, c)
		c.Set("id", "plot")
		c.Call("setAttribute", "tabindex", "-1")
		c.Call("setAttribute", "role", "img")
		c.Call("setAttribute", "aria-label", "Phase-space plot: level sets of the learned and the true Hamiltonian, the learned vector field and live trajectories; below, the energy error along each trajectory. Click or drag to start trajectories.")
	}
	js.Global().Call("dispatchEvent", js.Global().Get("CustomEvent").New("hnnplay:ready"))
}

// listenPointers feeds the canvas's DOM pointer events (mouse, touch, pen)
// to the game. offsetX/offsetY are relative to the canvas, wherever the page
// places it; they are CSS pixels, scaled to device pixels on the game loop.
func listenPointers(g *Game, canvas js.Value) {
	g.externalInput = true
	pos := func(e js.Value) (int, float64, float64) {
		return e.Get("pointerId").Int(), e.Get("offsetX").Float(), e.Get("offsetY").Float()
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
		g.pointerDown(id, x*g.scale, y*g.scale)
	})
	on("pointermove", func(e js.Value) {
		if e.Get("buttons").Int() == 0 {
			return
		}
		id, x, y := pos(e)
		g.pointerMove(id, x*g.scale, y*g.scale)
	})
	for _, name := range []string{"pointerup", "pointercancel"} {
		on(name, func(e js.Value) {
			id := e.Get("pointerId").Int()
			g.pointerUp(id)
		})
	}
}

// pollInput is unused in the browser: listenPointers feeds the game.
func pollInput(*Game) {}

// parseResult reads a trainer reply (JSON text) and checks it.
func parseResult(text string) (*protocol.Result, error) {
	return protocol.ParseResult([]byte(text))
}

// parseView applies view settings (JSON text) to a copy of v.
func parseView(v protocol.View, text string) (protocol.View, error) {
	return v.Apply([]byte(text))
}
