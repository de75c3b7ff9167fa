//go:build js && wasm

package main

import (
	"fmt"
	"strconv"
	"syscall/js"

	"hnnplay/wasm/playground"
	"hnnplay/wasm/world"
)

// jsHost writes the status line and the axis labels into the page.
type jsHost struct {
	doc js.Value
}

func newHost() playground.Host { return &jsHost{doc: js.Global().Get("document")} }

func (h *jsHost) byID(id string) js.Value { return h.doc.Call("getElementById", id) }

// SetStatus shows text in #status (role="status", aria-live="polite"); kind
// (ok, info, busy, error) becomes data-kind for styling.
func (h *jsHost) SetStatus(kind, text string) {
	el := h.byID("status")
	if !el.Truthy() {
		return
	}
	el.Set("textContent", text)
	el.Get("dataset").Set("kind", kind)
}

// SetNews shows a passing event of the scene in #news (aria-live="polite"),
// hidden when text is "".
func (h *jsHost) SetNews(text string) {
	el := h.byID("news")
	if !el.Truthy() {
		return
	}
	el.Set("textContent", text)
	el.Set("hidden", text == "")
}

// SetReadout shows the values under the pointer in #readout, hidden when
// text is "".
func (h *jsHost) SetReadout(text string) {
	el := h.byID("readout")
	if !el.Truthy() {
		return
	}
	el.Set("textContent", text)
	el.Set("hidden", text == "")
}

// StartsChanged tells the page the trajectories changed (its link holds
// their starts), through a DOM event on window.
func (h *jsHost) StartsChanged() {
	js.Global().Call("dispatchEvent", js.Global().Get("CustomEvent").New("hnnplay:starts"))
}

// RegionDrawn tells the page the data region drawn on the plot, through a
// DOM event on window whose detail is the train_box text.
func (h *jsHost) RegionDrawn(trainBox string) {
	init := js.Global().Get("Object").New()
	init.Set("detail", trainBox)
	js.Global().Call("dispatchEvent", js.Global().Get("CustomEvent").New("hnnplay:region", init))
}

// SetLabels replaces the children of #axes, the overlay above the canvas,
// with absolutely positioned spans, and places #overlay (the legend, the
// readout, an embed's toolbar) over the plot through the CSS variables
// --plot-x, --plot-y, --plot-w and --plot-h. Positions are set through the CSSOM,
// which the page's Content-Security-Policy allows (no inline style attributes).
func (h *jsHost) SetLabels(labels []world.Label, plot world.Rect) {
	box := h.byID("axes")
	if !box.Truthy() {
		return
	}
	box.Call("replaceChildren")
	px := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) + "px" }
	if o := h.byID("overlay"); o.Truthy() {
		r := plot
		st := o.Get("style")
		for k, v := range map[string]float64{"--plot-x": r.X, "--plot-y": r.Y, "--plot-w": r.W, "--plot-h": r.H} {
			st.Call("setProperty", k, px(v))
		}
	}
	for _, l := range labels {
		span := h.doc.Call("createElement", "span")
		span.Set("className", "label "+l.Class+" align-"+l.Align)
		span.Set("textContent", l.Text)
		st := span.Get("style")
		st.Set("left", px(l.X))
		st.Set("top", px(l.Y))
		if l.Width > 0 {
			st.Set("width", px(l.Width))
			span.Set("title", l.Text)
		}
		box.Call("appendChild", span)
	}
}

// ModelChanged tells the page a new model is installed (it refreshes the
// section inputs), through a DOM event on window.
func (h *jsHost) ModelChanged() {
	js.Global().Call("dispatchEvent", js.Global().Get("CustomEvent").New("hnnplay:model"))
}

// plotCanvas returns the canvas ebiten created during package
// initialisation, or undefined.
func plotCanvas() js.Value {
	return js.Global().Get("document").Call("querySelector", "body > canvas")
}

// exportAPI defines window.hnnplay, the page's handle on the app:
//
//	state() string                 JSON, see playground.Snapshot
//	setModel(replyJSON[, note]) string  install a worker reply; "" or an error;
//	                               a note is shown (as an error) instead of the fit summary
//	setCompareModel(modelJSON|null) string  install (or remove) the comparison model, Adam's
//	                               network (hnn.Model JSON): every trajectory also follows its
//	                               flow, dotted; "" or an error
//	setSettings(valuesJSON) string the view's settings as {key: text}, keyed as in
//	                               experiment.Fields (integrator, step, speed, layers,
//	                               playing, section.q2, …); "" or an error
//	setStatus(kind, text)          show a message in #status (kind "error" sets state().error)
//	setTraining(bool)              the worker is (not) training
//	step(), reset(), clear()       the buttons of the same names
//	add(u, v)                      start a trajectory at plane point (u, v)
//	addRandom(n)                   start n trajectories at random points of the box
//	section() string               JSON {"names": [...], "values": {...}}
//	setVisible(bool)               the canvas is (not) on screen: nothing moves while it is not
//	setDrawing(bool)               drawing mode: a drag on the plot draws the data region
//	capture() Promise              the next frame's pixels: {width, height, data} (premultiplied RGBA)
//	trajectoriesCSV() string       the trajectories' states, H and Ĥ (playground.TrajectoriesCSV)
//	modelFile() {text, error}      the model on the plot as a model file
//	loadModelFile(text) {loaded, error}  install a model file; loaded is JSON {values, fit}
//
// and dispatches hnnplay:ready, hnnplay:model (a new model is installed) and
// hnnplay:starts (the trajectories' starts changed) and hnnplay:region (a
// data region was drawn; detail: its train_box text) on window.
//
// The functions act at once, and every command publishes the state, so
// state() reflects it. That is safe: Go's WebAssembly port runs a callback
// only while every goroutine is blocked, and ebiten's browser build never
// blocks inside Update or Draw, so a callback never lands in the middle of
// a frame; and doing it at once keeps the order of the page's calls.
func exportAPI(pg *playground.Playground, g *Game) {
	str := func(args []js.Value, i int) string {
		if i < len(args) && args[i].Type() == js.TypeString {
			return args[i].String()
		}
		return ""
	}
	errText := func(err error) string {
		if err != nil {
			return err.Error()
		}
		return ""
	}
	api := js.Global().Get("Object").New()
	set := func(name string, f func(args []js.Value) any) {
		api.Set(name, js.FuncOf(func(_ js.Value, args []js.Value) (out any) {
			defer func() {
				if p := recover(); p != nil {
					out = fmt.Sprintf("internal error: %v", p)
				}
			}()
			return f(args)
		}))
	}
	set("state", func([]js.Value) any { return pg.State() })
	set("setModel", func(args []js.Value) any { return errText(pg.SetModelJSON(str(args, 0), str(args, 1))) })
	set("setCompareModel", func(args []js.Value) any { return errText(pg.SetCompareJSON(str(args, 0))) })
	set("setSettings", func(args []js.Value) any { return errText(pg.SetSettings(str(args, 0))) })
	set("setStatus", func(args []js.Value) any { pg.SetStatus(str(args, 0), str(args, 1)); return nil })
	set("setTraining", func(args []js.Value) any { pg.SetTraining(len(args) > 0 && args[0].Truthy()); return nil })
	set("step", func([]js.Value) any { pg.Step(); return nil })
	set("reset", func([]js.Value) any { pg.Reset(); return nil })
	set("clear", func([]js.Value) any { pg.Clear(); return nil })
	set("add", func(args []js.Value) any {
		if len(args) < 2 {
			return "add(u, v) needs two numbers"
		}
		pg.Add(args[0].Float(), args[1].Float())
		return ""
	})
	set("addRandom", func(args []js.Value) any {
		n := 1
		if len(args) > 0 && args[0].Type() == js.TypeNumber {
			n = args[0].Int()
		}
		pg.AddRandom(n)
		return ""
	})
	set("section", func([]js.Value) any { return pg.Section() })
	set("setVisible", func(args []js.Value) any { pg.SetVisible(len(args) == 0 || args[0].Truthy()); return nil })
	set("setDrawing", func(args []js.Value) any { pg.SetDrawing(len(args) > 0 && args[0].Truthy()); return nil })
	set("trajectoriesCSV", func([]js.Value) any { return pg.TrajectoriesCSV() })
	// modelFile() → {text, error}; loadModelFile(text) → {loaded (JSON of
	// {values, fit}), error}
	result := func(text string, err error, key string) any {
		o := js.Global().Get("Object").New()
		o.Set(key, text)
		o.Set("error", errText(err))
		return o
	}
	set("modelFile", func([]js.Value) any { t, err := pg.ModelFile(); return result(t, err, "text") })
	set("loadModelFile", func(args []js.Value) any { t, err := pg.LoadModelFile(str(args, 0)); return result(t, err, "loaded") })
	set("capture", func([]js.Value) any {
		// a Promise of {width, height, data: Uint8ClampedArray} (premultiplied RGBA)
		return js.Global().Get("Promise").New(js.FuncOf(func(_ js.Value, pr []js.Value) any {
			resolve := pr[0]
			g.Capture(func(w, h int, pix []byte) {
				data := js.Global().Get("Uint8ClampedArray").New(len(pix))
				js.CopyBytesToJS(data, pix)
				o := js.Global().Get("Object").New()
				o.Set("width", w)
				o.Set("height", h)
				o.Set("data", data)
				resolve.Invoke(o)
			})
			return nil
		}))
	})
	js.Global().Set("hnnplay", api)

	// ebiten gave its canvas tabindex=1, which puts it first in the tab
	// order although it cannot be used with the keyboard: take it out of the
	// order, and describe it.
	if c := plotCanvas(); c.Truthy() {
		c.Set("id", "plot")
		c.Call("setAttribute", "tabindex", "-1")
		c.Call("setAttribute", "role", "img")
		c.Call("setAttribute", "aria-label", "Phase-space plot: level sets of the learned and the true Hamiltonian, the learned vector field and live trajectories; below, the energy error along each trajectory. Click or drag to start trajectories.")
	}
	js.Global().Call("dispatchEvent", js.Global().Get("CustomEvent").New("hnnplay:ready"))
}
