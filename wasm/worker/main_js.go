//go:build js && wasm

// Command worker is the WebAssembly program of the page's Web Worker
// (site/worker.js). It exposes these functions on the worker's global
// object:
//
//	hnnplayWorkerInfo() object           // {type: "ready", fields, systems, limits, display_points}
//	hnnplayCheck(request object) object  // the settings as read and the refused fields, see session.Check
//	hnnplayFit(request, progress, workers) Promise // of a fit's reply, see protocol.Reply
//	hnnplayFactor(job object) object     // a helper's factor of a block of rows (pool_js.go)
//	hnnplayData(request object) object   // the training set as CSV, see session.Data
//	hnnplayUpload({id, name, text}) object   // read and keep a data file, see session.Upload
//	hnnplayRaceStart(request object) object  // the sampled fit of a comparison, see session.RaceReply
//	hnnplayRaceAdvance(ms number) object     // Adam for about ms milliseconds
//	hnnplayRaceStop() object                 // end the comparison
//	hnnplaySweepStart(request object) object // check an h-sweep, see session.SweepStart
//	hnnplaySweepStep() object                // fit its next step h, see session.SweepStep
//	hnnplaySweepStop()                       // end the sweep
//
// and then waits forever. A request is {id, values: {key: text}}, the
// settings keyed as in experiment.Fields. Requests and replies are plain
// JavaScript objects, not JSON text, so that this program links no JSON
// codec: the glue here converts them to and from Go value trees (see package
// protocol), and the page hands a reply's JSON.stringify to the app. Each
// call runs synchronously: the worker's thread is busy, the page's is not. A
// comparison advances only when the worker's JavaScript calls
// hnnplayRaceAdvance, so pause and stop messages are read between slices;
// likewise a sweep between its fits (hnnplaySweepStep).
// To cancel a fit the page terminates the worker. hnnplayFit(request,
// progress, workers) calls progress({id, stage, elapsed, estimate}) as each
// stage of the fit begins (seconds; the estimate is 0 before the first fit);
// it splits the training rows into blocks for up to workers workers, this
// one and its helpers (hnnplayDispatch in worker.js, pool_js.go), and
// resolves to the reply.
package main

import (
	"syscall/js"

	"hnnplay/wasm/session"
)

func main() {
	register(js.Global())
	select {}
}

// register sets the functions on g.
func register(g js.Value) {
	arg := func(args []js.Value) any {
		if len(args) < 1 {
			return nil
		}
		return fromJS(args[0])
	}
	se := session.New()
	g.Set("hnnplayWorkerInfo", js.FuncOf(func(js.Value, []js.Value) any {
		return toJS(session.Info())
	}))
	g.Set("hnnplayCheck", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return toJS(se.Check(arg(args)))
	}))
	g.Set("hnnplayFit", js.FuncOf(func(_ js.Value, args []js.Value) any {
		se.Progress = nil
		if len(args) > 1 && args[1].Type() == js.TypeFunction {
			report := args[1]
			se.Progress = func(id int64, stage string, elapsed, estimate float64) {
				m := js.Global().Get("Object").New()
				m.Set("id", id)
				m.Set("stage", stage)
				m.Set("elapsed", elapsed)
				m.Set("estimate", estimate)
				report.Invoke(m)
			}
		}
		req := arg(args)
		workers := 1
		if len(args) > 2 && args[2].Type() == js.TypeNumber {
			workers = max(1, args[2].Int())
		}
		return promise(func() any {
			se.Workers, se.Factor = workers, dispatch
			defer func() { se.Workers, se.Factor = 0, nil }()
			return toJS(se.Fit(req))
		})
	}))
	g.Set("hnnplayFactor", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 1 {
			return factorJob(js.Undefined())
		}
		return factorJob(args[0])
	}))
	g.Set("hnnplayData", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return toJS(se.Data(arg(args)))
	}))
	g.Set("hnnplayUpload", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return toJS(se.Upload(arg(args)))
	}))
	g.Set("hnnplayRaceStart", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return toJS(se.RaceStart(arg(args)))
	}))
	g.Set("hnnplayRaceAdvance", js.FuncOf(func(_ js.Value, args []js.Value) any {
		ms := 50.0
		if len(args) > 0 && args[0].Type() == js.TypeNumber {
			ms = args[0].Float()
		}
		return toJS(se.RaceAdvance(ms))
	}))
	g.Set("hnnplayRaceStop", js.FuncOf(func(js.Value, []js.Value) any {
		return toJS(se.RaceStop())
	}))
	g.Set("hnnplaySweepStart", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return toJS(se.SweepStart(arg(args)))
	}))
	g.Set("hnnplaySweepStep", js.FuncOf(func(js.Value, []js.Value) any {
		return toJS(se.SweepStep())
	}))
	g.Set("hnnplaySweepStop", js.FuncOf(func(js.Value, []js.Value) any {
		se.SweepStop()
		return nil
	}))
}
