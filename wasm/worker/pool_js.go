//go:build js && wasm

package main

import (
	"fmt"
	"math"
	"syscall/js"
	"unsafe"

	"hnnplay/core/fit"
	"hnnplay/core/sample"
)

// The fit on several Web Workers. The page's worker (the coordinator) runs
// the fit; for each pass it hands blocks 1… of the training rows to its
// helper workers through worker.js's hnnplayDispatch, factors block 0
// itself meanwhile, then waits for the helpers' factors (see fit.Job). A
// helper runs this same program and answers with hnnplayFactor. A job and
// its factor each travel as one Float64Array, whose buffer worker.js
// transfers.

// floatsJS returns a new Float64Array holding x's bits.
func floatsJS(x []float64) js.Value {
	a := jsFloat64Array.New(len(x))
	if len(x) > 0 {
		js.CopyBytesToJS(jsUint8Array.New(a.Get("buffer")), unsafe.Slice((*byte)(unsafe.Pointer(&x[0])), 8*len(x)))
	}
	return a
}

// floatsGo returns the first n numbers of the Float64Array v, or nil if v
// is not one of at least n.
func floatsGo(v js.Value, n int) ([]float64, bool) {
	if v.Type() != js.TypeObject || !v.InstanceOf(jsFloat64Array) || v.Length() < n {
		return nil, false
	}
	x := make([]float64, n)
	if n > 0 {
		js.CopyBytesToGo(unsafe.Slice((*byte)(unsafe.Pointer(&x[0])), 8*n), jsUint8Array.New(v.Get("buffer"), v.Get("byteOffset"), 8*n))
	}
	return x, true
}

// jobJS packs block b of job for a helper in one Float64Array:
// [dof, m, k, the block's k states, their derivatives, W, b].
func jobJS(job fit.Job, b fit.Rows) js.Value {
	p, l := job.Problem, job.Layer
	x, xdot := p.X[b.Lo*l.D:b.Hi*l.D], p.Xdot[b.Lo*l.D:b.Hi*l.D]
	packed := make([]float64, 0, 3+2*len(x)+len(l.W)+len(l.B))
	packed = append(packed, float64(p.Dof), float64(l.M), float64(b.Hi-b.Lo))
	packed = append(append(append(append(packed, x...), xdot...), l.W...), l.B...)
	return floatsJS(packed)
}

// factorJob is a helper's work: the factor of a job packed by jobJS, packed
// as [Outside, R, C], or an error's text.
func factorJob(v js.Value) (reply js.Value) {
	defer func() {
		if p := recover(); p != nil {
			reply = js.ValueOf(fmt.Sprint("cannot factor the rows: ", p))
		}
	}()
	if v.Type() != js.TypeObject || !v.InstanceOf(jsFloat64Array) || v.Length() < 3 {
		return js.ValueOf("no rows to factor")
	}
	head, _ := floatsGo(v, 3)
	dof, m, k := int(head[0]), int(head[1]), int(head[2])
	d := 2 * dof
	if dof < 1 || m < 1 || k < 1 || v.Length() != 3+2*k*d+d*m+m {
		return js.ValueOf("the rows to factor are malformed")
	}
	all, _ := floatsGo(v, v.Length())
	all = all[3:]
	p := fit.Problem{Dof: dof, X: all[:k*d], Xdot: all[k*d : 2*k*d]}
	l := sample.Layer{D: d, M: m, W: all[2*k*d : 2*k*d+d*m], B: all[2*k*d+d*m:]}
	f, err := fit.FactorRows(p, l, fit.Rows{Lo: 0, Hi: k})
	if err != nil {
		return js.ValueOf(err.Error())
	}
	return floatsJS(append(append([]float64{f.Outside}, f.R...), f.C...))
}

// dispatch is the coordinator's fit.Config.Factor: blocks 1… go to the
// helpers, block 0 is factored here, then the helpers' factors are awaited.
// A helper that fails has its block factored here, so a fit never depends
// on the helpers but for speed.
func dispatch(job fit.Job) ([]fit.Factor, error) {
	fs := make([]fit.Factor, len(job.Blocks))
	var pending js.Value
	if len(job.Blocks) > 1 {
		jobs := jsArray.New()
		for _, b := range job.Blocks[1:] {
			jobs.Call("push", jobJS(job, b))
		}
		pending = js.Global().Call("hnnplayDispatch", jobs)
	}
	var err error
	if fs[0], err = fit.FactorRows(job.Problem, job.Layer, job.Blocks[0]); err != nil || len(job.Blocks) == 1 {
		return fs, err
	}
	replies, failed := await(pending)
	l := job.Layer
	for i, b := range job.Blocks[1:] {
		f := fit.Factor{N: l.M, M: l.M, Dim: l.D} // a block has at least M rows (fit.Split)
		var all []float64
		if failed == nil {
			all, _ = floatsGo(replies.Index(i), 1+l.M*l.M+l.M*l.D)
		}
		if all == nil || !(all[0] >= 0 && all[0] <= math.MaxFloat64) { // the helper failed: factor its block here
			if f, err = fit.FactorRows(job.Problem, l, b); err != nil {
				return nil, err
			}
		} else {
			f.Outside, f.R, f.C = all[0], all[1:1+l.M*l.M], all[1+l.M*l.M:]
		}
		fs[i+1] = f
	}
	return fs, nil
}

// await blocks the calling goroutine until the promise p settles (the
// JavaScript event loop runs meanwhile) and returns its value or its error.
func await(p js.Value) (js.Value, error) {
	type settled struct {
		v   js.Value
		err error
	}
	ch := make(chan settled, 1)
	then := js.FuncOf(func(_ js.Value, a []js.Value) any {
		ch <- settled{v: a[0]}
		return nil
	})
	defer then.Release()
	catch := js.FuncOf(func(_ js.Value, a []js.Value) any {
		ch <- settled{err: fmt.Errorf("%v", a[0])}
		return nil
	})
	defer catch.Release()
	p.Call("then", then, catch)
	s := <-ch
	return s.v, s.err
}

// promise returns a Promise of f's result, which f computes on a goroutine
// of its own, so that it can await other promises.
func promise(f func() any) js.Value {
	var exec js.Func
	exec = js.FuncOf(func(_ js.Value, a []js.Value) any {
		resolve, reject := a[0], a[1]
		go func() {
			defer exec.Release()
			defer func() {
				if p := recover(); p != nil {
					reject.Invoke(fmt.Sprint(p))
				}
			}()
			resolve.Invoke(f())
		}()
		return nil
	})
	return js.Global().Get("Promise").New(exec)
}
