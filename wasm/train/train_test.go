package train

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"hnnplay/core/fit"
	"hnnplay/core/hnn"
	"hnnplay/wasm/protocol"
)

func decode(t *testing.T, b []byte) protocol.Reply {
	t.Helper()
	var r protocol.Reply
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("reply %s: %v", b, err)
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
		{`not json`, "cannot read the settings"},
	} {
		r := decode(t, Handle([]byte(c.req)))
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
	r := decode(t, Handle([]byte(`{"id":4,"system":"henon-heiles","points":"3000","width":"20","seed":"5","noise":"0.01"}`)))
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
	res, err := protocol.ParseResult(Handle([]byte(`{"id":5,"system":"pendulum","width":"10"}`)))
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
	r := decode(t, Handle([]byte(`{"id":9}`)))
	if r.ID != 9 || !strings.Contains(r.Error, "training failed unexpectedly") {
		t.Fatalf("%+v", r)
	}
	fitFunc = func(fit.Problem, fit.Config) (*fit.Result, error) { return nil, errors.New("singular") }
	r = decode(t, Handle([]byte(`{"id":10}`)))
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
