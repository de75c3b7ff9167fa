package train

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"

	"hnnplay/core/fit"
	"hnnplay/core/hnn"
	"hnnplay/wasm/internal/valuetest"
	"hnnplay/wasm/protocol"
)

// handle calls Handle with the request the JSON text req is the JSON.stringify of.
func handle(t *testing.T, req string) map[string]any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(req), &v); err != nil {
		t.Fatalf("request %s: %v", req, err)
	}
	return Handle(v)
}

// text is the JSON.stringify of a reply value.
func text(t *testing.T, v map[string]any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("reply %v: %v", v, err)
	}
	return b
}

func decode(t *testing.T, v map[string]any) protocol.Reply {
	t.Helper()
	var r protocol.Reply
	if err := json.Unmarshal(text(t, v), &r); err != nil {
		t.Fatalf("reply %v: %v", v, err)
	}
	return r
}

func TestHandleBadInput(t *testing.T) {
	for _, c := range []struct{ req, want string }{
		{`{"id":7,"width":"0"}`, "Width must be a whole number from 1 to 5000"},
		{`{"id":7,"width":"1000000"}`, "Width"},
		{`{"id":7,"box":"1,0,-1,1"}`, "lower bound of q"},
		{`{"id":7,"box":"NaN,1,-1,1"}`, "lower bound of q"},
		{`{"id":7,"points":"NaN"}`, "Points"},
		{`"not an object"`, "cannot read the settings: the request is a string, not an object"},
		{`{"id":7,"width":[300]}`, "cannot read the settings: width: an array is neither text nor a number"},
		{`{"id":7.5}`, "cannot read the settings: id: 7.5 is not a whole number"},
	} {
		r := decode(t, handle(t, c.req))
		if !strings.Contains(r.Error, c.want) {
			t.Errorf("%s: error %q, want %q", c.req, r.Error, c.want)
		}
		if r.Model != nil {
			t.Errorf("%s: error reply carries a model", c.req)
		}
	}
}

// fakeFit returns a network that is exactly the pendulum's kinetic energy
// plus garbage, enough to exercise the plumbing without the real solver.
func fakeFit(p fit.Problem, c fit.Config) (*fit.Result, error) {
	m := hnn.New(2*p.Dof, c.Width)
	for i := range m.C {
		m.W[i] = 0.1 * float64(i+1)
		m.W[c.Width+i] = 0.2
		m.C[i] = 0.01
	}
	return &fit.Result{Model: m, Rank: c.Width}, nil
}

func TestRunFillsReply(t *testing.T) {
	defer func(f func(fit.Problem, fit.Config) (*fit.Result, error)) { fitFunc = f }(fitFunc)
	fitFunc = fakeFit
	r := decode(t, handle(t, `{"id":4,"system":"henon-heiles","points":"3000","width":"20","seed":"5","noise":"0.01"}`))
	if r.Error != "" {
		t.Fatal(r.Error)
	}
	if r.ID != 4 || r.Dof != 2 || len(r.Box) != 8 || r.Width != 20 || r.TrainPoints != 3000 || r.Rank != 20 {
		t.Fatalf("reply %+v", r)
	}
	if len(r.Points) != protocol.DefaultLimits.DisplayPoints || len(r.Points[0]) != 4 {
		t.Fatalf("%d display points", len(r.Points))
	}
	if r.RelL2H <= 0 || r.RelL2Grad <= 0 {
		t.Fatalf("errors %v %v", r.RelL2H, r.RelL2Grad)
	}
	res, err := protocol.ParseResult(text(t, handle(t, `{"id":5,"system":"pendulum","width":"10"}`)))
	if err != nil {
		t.Fatal(err)
	}
	if res.Model.M != 10 || res.Sys.Name() != "pendulum" {
		t.Fatalf("%+v", res)
	}
}

func TestRunRecoversPanics(t *testing.T) {
	defer func(f func(fit.Problem, fit.Config) (*fit.Result, error)) { fitFunc = f }(fitFunc)
	fitFunc = func(fit.Problem, fit.Config) (*fit.Result, error) { panic("index out of range") }
	r := decode(t, handle(t, `{"id":9}`))
	if r.ID != 9 || !strings.Contains(r.Error, "training failed unexpectedly") {
		t.Fatalf("%+v", r)
	}
	fitFunc = func(fit.Problem, fit.Config) (*fit.Result, error) { return nil, errors.New("singular") }
	r = decode(t, handle(t, `{"id":10}`))
	if !strings.Contains(r.Error, "the fit failed: singular") {
		t.Fatalf("%+v", r)
	}
}

func TestSubsample(t *testing.T) {
	x := make([]float64, 2*10)
	for i := range x {
		x[i] = float64(i)
	}
	s := subsample(x, 2, 4)
	if len(s) != 4 || s[0][0] != 0 || s[1][0] != 4 {
		t.Fatal(s)
	}
	if len(subsample(x, 2, 100)) != 10 {
		t.Fatal("should keep all")
	}
}

// Info has the JSON the worker used to send.
func TestInfoJSON(t *testing.T) {
	old := struct {
		Type     string                `json:"type"`
		Systems  []protocol.SystemInfo `json:"systems"`
		Samplers []string              `json:"samplers"`
		Limits   protocol.Limits       `json:"limits"`
		Defaults map[string]string     `json:"defaults"`
	}{
		Type:     "ready",
		Systems:  protocol.Systems(),
		Samplers: protocol.Samplers,
		Limits:   protocol.DefaultLimits,
		Defaults: map[string]string{
			"system": "pendulum", "points": strconv.Itoa(protocol.DefaultPoints), "width": strconv.Itoa(protocol.DefaultWidth), "sampler": "aswim", "rcond": "1e-13", "noise": "0", "seed": "1",
		},
	}
	info := Info()
	if err := valuetest.Check(info); err != nil {
		t.Fatalf("Info holds %v", err)
	}
	if err := valuetest.SameJSON(old, info); err != nil {
		t.Fatal(err)
	}
}

// Handle's reply is the Value of Run's.
func TestHandleIsRunValue(t *testing.T) {
	defer func(f func(fit.Problem, fit.Config) (*fit.Result, error)) { fitFunc = f }(fitFunc)
	fitFunc = fakeFit
	const req = `{"id":4,"system":"henon-heiles","params":{"alpha":"0.5"},"points":"300","width":"7","seed":"5","noise":"0.01","rcond":1e-12}`
	got := handle(t, req)
	if err := valuetest.Check(got); err != nil {
		t.Fatalf("the reply holds %v", err)
	}
	var typed protocol.Request
	if err := json.Unmarshal([]byte(req), &typed); err != nil {
		t.Fatal(err)
	}
	want := Run(typed, protocol.DefaultLimits)
	if want.Error != "" {
		t.Fatal(want.Error)
	}
	// The wall times differ between the two runs.
	want.Seconds, want.DataSeconds, want.EvalSeconds = 0, 0, 0
	for _, k := range []string{"seconds", "data_seconds", "eval_seconds"} {
		delete(got, k)
	}
	if err := valuetest.SameJSON(want, got); err != nil {
		t.Fatal(err)
	}
}
