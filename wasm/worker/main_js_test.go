//go:build js && wasm

package main

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"syscall/js"
	"testing"

	"hnnplay/core/hnn"
	"hnnplay/wasm/internal/valuetest"
	"hnnplay/wasm/protocol"
	"hnnplay/wasm/session"
)

func init() { register(js.Global()) }

// parse is JSON.parse(text), as the page's objects are made.
func parse(text string) js.Value { return jsJSON.Call("parse", text) }

// stringify is JSON.stringify(v), as the page hands a reply to the app.
func stringify(v js.Value) string { return jsJSON.Call("stringify", v).String() }

func call(name string, args ...any) js.Value { return js.Global().Call(name, args...) }

func TestFromJS(t *testing.T) {
	for _, text := range []string{
		`{"id":3,"points":2000,"width":"300","rcond":1e-13,"noise":null,"box":"-pi,pi,-1,1","params":{"m":"2","g":9.81}}`,
		`{"a":[1,"x",true,false,null,{"b":[]},[[2.5e-300]]],"n":-1e21,"s":"π \" \\ \u2028"}`,
		`[]`, `"x"`, `0.1`, `true`, `null`, `{}`,
	} {
		var want any
		if err := json.Unmarshal([]byte(text), &want); err != nil {
			t.Fatal(err)
		}
		if got := fromJS(parse(text)); !reflect.DeepEqual(got, want) {
			t.Errorf("fromJS(%s) = %#v, want %#v", text, got, want)
		}
	}
	// What JSON.stringify leaves out or writes as null.
	o := js.Global().Get("Object").New()
	o.Set("nan", math.NaN())
	o.Set("inf", math.Inf(-1))
	o.Set("undef", js.Undefined())
	o.Set("f", js.FuncOf(func(js.Value, []js.Value) any { return nil }))
	o.Set("x", "y")
	if got := fromJS(o); !reflect.DeepEqual(got, map[string]any{"nan": nil, "inf": nil, "x": "y"}) {
		t.Errorf("fromJS = %#v", got)
	}
	if got := fromJS(js.Undefined()); got != nil {
		t.Errorf("fromJS(undefined) = %#v", got)
	}
	// Nesting is bounded.
	deep := parse(strings.Repeat("[", 40) + strings.Repeat("]", 40))
	if b, err := json.Marshal(fromJS(deep)); err != nil || strings.Count(string(b), "[") != maxDepth {
		t.Errorf("fromJS of 40 nested arrays: %s, %v", b, err)
	}
}

// JSON.stringify of toJS(tree) is json.Marshal(tree), number spellings
// included, so every number arrives as itself.
func TestToJS(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	floats := func(n int) []float64 {
		x := make([]float64, n)
		for i := range x {
			x[i] = valuetest.Float(r)
			if i%7 == 3 {
				x[i] = math.Float64frombits(r.Uint64() &^ (1 << 62)) // finite, any bits
			}
		}
		return x
	}
	trees := []any{
		map[string]any{
			"n": nil, "b": true, "f": false, "i": 42, "i64": int64(-7), "u": uint64(1<<53 - 1), "x": 0.1, "tiny": 5e-324,
			"big": math.MaxFloat64, "s": `π "q" \ <&> ` + "\u2028\n\x01", "w": floats(1000), "short": floats(3),
			"pts": [][]float64{floats(2), floats(4), nil}, "strs": []string{"a", "é"}, "nilstrs": []string(nil),
			"params": map[string]string{"m": "2"}, "nilmap": map[string]any(nil), "nilf": []float64(nil),
			"list": []any{1, "x", map[string]any{"z": []any{}}}, "empty": []float64{},
		},
		session.Info(),
		map[string]any{"json": protocol.JSONText(`{"a":[1,2.5e-300,null,"π"],"b":{}}`), "empty": protocol.JSONText(nil)},
	}
	for range 20 {
		var rep protocol.Reply
		valuetest.Fill(&rep, r, 0.3)
		v, err := rep.Value()
		if err != nil {
			t.Fatal(err)
		}
		trees = append(trees, v)
	}
	for _, tree := range trees {
		want, err := json.Marshal(tree)
		if err != nil {
			t.Fatal(err)
		}
		got := stringify(toJS(tree))
		if err := valuetest.SameJSON(json.RawMessage(want), json.RawMessage(got)); err != nil {
			t.Fatal(err)
		}
	}
}

// The worker's functions, called as worker.js calls them.
func TestFit(t *testing.T) {
	info := stringify(call("hnnplayWorkerInfo"))
	if err := valuetest.SameJSON(session.Info(), json.RawMessage(info)); err != nil {
		t.Fatal(err)
	}

	const req = `{"id":5,"values":{"system":"pendulum","points":"300","width":"20","seed":"3","p.m":"1.5"}}`
	var stages []string
	progress := js.FuncOf(func(_ js.Value, args []js.Value) any {
		if p := args[0]; p.Get("id").Int() == 5 && p.Get("elapsed").Float() >= 0 {
			stages = append(stages, p.Get("stage").String())
		}
		return nil
	})
	defer progress.Release()
	reply := settle(t, call("hnnplayFit", parse(req), progress))
	if reply.Get("error").String() != "" || reply.Get("id").Int() != 5 {
		t.Fatalf("reply %s", stringify(reply))
	}
	if len(stages) < 3 || stages[0] != "sample" || !slices.Contains(stages, "solve") {
		t.Errorf("progress reported the stages %v", stages)
	}
	if fp := reply.Get("fit").Get("data_fingerprint"); fp.Type() != js.TypeString || len(fp.String()) != 16 {
		t.Fatalf("the fit report is not an object with fingerprints: %s", stringify(reply.Get("fit")))
	}
	res, err := protocol.ParseResult([]byte(stringify(reply))) // what the app does
	if err != nil {
		t.Fatal(err)
	}
	// The same fit natively: the same model, bit for bit.
	var tree any
	if err := json.Unmarshal([]byte(req), &tree); err != nil {
		t.Fatal(err)
	}
	var direct protocol.Reply
	b, _ := json.Marshal(session.New().Fit(tree))
	if err := json.Unmarshal(b, &direct); err != nil {
		t.Fatal(err)
	}
	if !sameModel(res.Model, direct.Model) || res.Settings.Params["m"] != "1.5" || len(res.Points) != 300 {
		t.Errorf("the model or the reply differs: %+v", res.Reply)
	}

	bad := settle(t, call("hnnplayFit", parse(`{"id":6,"values":{"width":"0"}}`)))
	if !strings.Contains(bad.Get("error").String(), "Width must be") || bad.Get("id").Int() != 6 || !bad.Get("model").IsUndefined() {
		t.Errorf("bad request: %s", stringify(bad))
	}
	if none := settle(t, call("hnnplayFit")); !strings.Contains(none.Get("error").String(), "cannot read the settings") {
		t.Errorf("no request: %s", stringify(none))
	}
}

// settle waits for the promise p and returns its value.
func settle(t *testing.T, p js.Value) js.Value {
	t.Helper()
	if p.Type() != js.TypeObject || p.Get("then").Type() != js.TypeFunction {
		t.Fatalf("%s is not a promise", stringify(p))
	}
	v, err := await(p)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// A fit on three workers: hnnplayDispatch (as worker.js's, here calling
// hnnplayFactor in place of the helpers) gets the blocks 1 and 2 packed as
// Float64Arrays; the model predicts what the one-worker fit's predicts, up
// to round-off. If the helpers fail, the coordinator factors their blocks
// itself: the same model, bit for bit.
func TestFitOnWorkers(t *testing.T) {
	// Large enough for helpers (session.minHelperCost).
	const req = `{"id":7,"values":{"system":"pendulum","points":"6000","width":"150","sampler":"aswim"}}`
	one, err := protocol.ParseResult([]byte(stringify(settle(t, call("hnnplayFit", parse(req), js.Null(), 1)))))
	if err != nil {
		t.Fatal(err)
	}
	jobs := 0
	count := js.FuncOf(func(_ js.Value, a []js.Value) any { jobs += a[0].Int(); return nil })
	defer count.Release()
	js.Global().Set("countJobs", count)
	js.Global().Set("hnnplayDispatch", js.Global().Get("Function").New("jobs",
		`countJobs(jobs.length); return Promise.resolve(jobs.map((j) => globalThis.hnnplayFactor(j)));`))
	three, err := protocol.ParseResult([]byte(stringify(settle(t, call("hnnplayFit", parse(req), js.Null(), 3)))))
	if err != nil {
		t.Fatal(err)
	}
	js.Global().Set("hnnplayDispatch", js.Global().Get("Function").New("jobs", `return Promise.reject(new Error("no helpers"));`))
	alone, err := protocol.ParseResult([]byte(stringify(settle(t, call("hnnplayFit", parse(req), js.Null(), 3)))))
	if err != nil {
		t.Fatal(err)
	}
	var workers struct {
		Workers int `json:"workers"`
	}
	json.Unmarshal(three.Fit, &workers)
	if jobs != 4 || workers.Workers != 3 { // two passes of A-SWIM, two helpers each
		t.Errorf("%d jobs dispatched, %d workers reported; want 4 and 3", jobs, workers.Workers)
	}
	if !sameModel(three.Model, alone.Model) {
		t.Errorf("the coordinator alone fitted another model than with its helpers")
	}
	d, scale := 0.0, 0.0
	for _, x := range [][]float64{{0.3, 0.2}, {-2, 1}, {4, -1.5}} {
		d = max(d, math.Abs(three.Model.H(x)-one.Model.H(x)))
		scale = max(scale, math.Abs(one.Model.H(x)))
	}
	if d > 1e-8*scale {
		t.Errorf("three workers and one predict H %g apart (scale %g)", d, scale)
	}
	if bad := factorJob(jsFloat64Array.New(5)); bad.Type() != js.TypeString {
		t.Errorf("a malformed job gives %s", stringify(bad))
	}
}

func sameModel(a, b *hnn.Model) bool {
	return a != nil && b != nil && a.D == b.D && a.M == b.M && reflect.DeepEqual(a.W, b.W) &&
		reflect.DeepEqual(a.B, b.B) && reflect.DeepEqual(a.C, b.C) && a.C0 == b.C0
}

func TestRace(t *testing.T) {
	start := call("hnnplayRaceStart", parse(`{"id":3,"values":{"system":"pendulum","points":"300","width":"40","seed":"2","adam_steps":"200","adam_batch":"64"}}`))
	var r session.RaceReply
	if err := json.Unmarshal([]byte(stringify(start)), &r); err != nil {
		t.Fatal(err)
	}
	if r.Error != "" || r.Phase != "start" || r.Result == nil || r.Adam == nil || r.Adam.Steps != 200 {
		t.Fatalf("start: %s", stringify(start))
	}
	if s := start.Get("summary"); s.Get("sampled").Type() != js.TypeBoolean || !s.Get("sampled").Bool() {
		t.Fatalf("the summary is not an object: %s", stringify(s))
	}
	if _, err := protocol.ParseResult([]byte(stringify(start.Get("result")))); err != nil {
		t.Fatal(err)
	}
	models := 0
	for k := 0; ; k++ {
		if k > 1000 {
			t.Fatal("the race does not end")
		}
		p := call("hnnplayRaceAdvance", 20)
		if e := p.Get("error").String(); e != "" {
			t.Fatal(e)
		}
		if m := p.Get("model"); !m.IsUndefined() {
			var n hnn.Model
			if err := json.Unmarshal([]byte(stringify(m)), &n); err != nil || n.M != 40 { // what setCompareModel does
				t.Fatalf("model: %v", err)
			}
			models++
		}
		if p.Get("done").Bool() {
			break
		}
	}
	stop := call("hnnplayRaceStop")
	if stop.Get("phase").String() != "stopped" || stop.Get("model").IsUndefined() || models == 0 {
		t.Errorf("stop: %s (%d models)", stringify(stop), models)
	}
	if e := call("hnnplayRaceAdvance", 20).Get("error").String(); !strings.Contains(e, "no comparison") {
		t.Errorf("advance after stop: %q", e)
	}
}

// The sweep reaches JavaScript as objects: its result is an object with a
// row per step and the orders, and the sweep ends after its last step.
func TestSweep(t *testing.T) {
	start := call("hnnplaySweepStart", parse(`{"id":7,"values":{"points":"200","test_points":"100","width":"30"}}`))
	if e := start.Get("error").String(); e != "" || start.Get("steps").Length() != 5 {
		t.Fatalf("start: %s", stringify(start))
	}
	var last js.Value
	for !start.Get("finished").Bool() {
		if last = call("hnnplaySweepStep"); last.Get("error").String() != "" || last.Get("finished").Bool() {
			break
		}
	}
	if last.Get("error").String() != "" || last.Get("done").Int() != 5 || last.Get("sweep").Get("rows").Length() != 5 ||
		last.Get("sweep").Get("order_H").Type() != js.TypeNumber || last.Get("id").Int() != 7 {
		t.Fatalf("last step: %s", stringify(last))
	}
	if e := call("hnnplaySweepStep").Get("error").String(); !strings.Contains(e, "no sweep") {
		t.Errorf("step after the end: %q", e)
	}
}

// BenchmarkReplyToJS: a large fit's reply (2-dof, width 5000, 2000 display
// points) from Go to a JavaScript object.
func BenchmarkReplyToJS(b *testing.B) {
	r := rand.New(rand.NewPCG(11, 12))
	m := hnn.New(4, 5000)
	for _, x := range [][]float64{m.W, m.B, m.C} {
		for i := range x {
			x[i] = valuetest.Float(r)
		}
	}
	pts := make([][]float64, 2000)
	for i := range pts {
		pts[i] = []float64{r.Float64(), r.Float64(), r.Float64(), r.Float64()}
	}
	rep := protocol.Reply{Type: "result", ID: 1, Model: m, Points: pts, Values: map[string]string{"system": "henon-heiles"}}
	for b.Loop() {
		v, err := rep.Value()
		if err != nil {
			b.Fatal(err)
		}
		toJS(v)
	}
}
