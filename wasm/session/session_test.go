package session

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"runtime/debug"
	"strings"
	"testing"

	"hnnplay/core/experiment"
	"hnnplay/core/fit"
	"hnnplay/wasm/internal/valuetest"
	"hnnplay/wasm/protocol"
)

// obj is the request the JSON text req is the JSON.stringify of.
func obj(t *testing.T, req string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(req), &v); err != nil {
		t.Fatalf("request %s: %v", req, err)
	}
	return v
}

// text is the JSON.stringify of a reply value.
func text(t *testing.T, v any) []byte {
	t.Helper()
	if err := valuetest.Check(v); err != nil {
		t.Fatalf("reply %v holds %v", v, err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("reply %v: %v", v, err)
	}
	return b
}

func decodeFit(t *testing.T, v map[string]any) protocol.Reply {
	t.Helper()
	var r protocol.Reply
	if err := json.Unmarshal(text(t, v), &r); err != nil {
		t.Fatalf("reply %v: %v", v, err)
	}
	return r
}

func TestFitBadInput(t *testing.T) {
	for _, c := range []struct{ req, want, key string }{
		{`{"id":7,"values":{"width":"0"}}`, "Width must be a whole number from 1 to 20000", "width"},
		{`{"id":7,"values":{"width":"1000000"}}`, "Width", "width"},
		{`{"id":7,"values":{"box":"1,0,-1,1"}}`, "lower bound of q", "box"},
		{`{"id":7,"values":{"box":"NaN,1,-1,1"}}`, "lower bound of q", "box"},
		{`{"id":7,"values":{"points":"NaN"}}`, "Points", "points"},
		{`{"id":7,"values":{"points":"50000","width":"5000"}}`, "too large", "width"},
		{`{"id":7,"values":{"bogus":"1"}}`, `"bogus" is not a setting`, "bogus"},
		{`"not an object"`, "cannot read the settings: the request is a string, not an object", ""},
		{`{"id":7,"values":{"width":[300]}}`, "cannot read the settings: width: an array is neither text nor a number", ""},
		{`{"id":7.5}`, "cannot read the settings: id: 7.5 is not a whole number", ""},
	} {
		r := decodeFit(t, New().Fit(obj(t, c.req)))
		if !strings.Contains(r.Error, c.want) {
			t.Errorf("%s: error %q, want %q", c.req, r.Error, c.want)
		}
		if c.key != "" && (len(r.Errors) != 1 || r.Errors[0].Key != c.key) {
			t.Errorf("%s: field errors %+v, want one on %s", c.req, r.Errors, c.key)
		}
		if r.Model != nil || len(r.Fit) != 0 {
			t.Errorf("%s: error reply carries a model", c.req)
		}
	}
}

// A fit in the worker is the fit of package experiment, bit for bit, with
// its report, its settings and a subsample of the training states.
func TestFit(t *testing.T) {
	const req = `{"id":4,"values":{"system":"henon-heiles","p.alpha":"0.5","points":"3000","width":"20","seed":"5","noise":"0.01"}}`
	v := New().Fit(obj(t, req))
	r := decodeFit(t, v)
	if r.Error != "" {
		t.Fatal(r.Error)
	}
	if r.ID != 4 || len(r.Points) != DisplayPoints || len(r.Points[0]) != 4 || r.Values["p.alpha"] != "0.5" || r.Values["width"] != "20" {
		t.Fatalf("reply id %d, %d points, values %v", r.ID, len(r.Points), r.Values)
	}
	res, err := protocol.ParseResult(text(t, v))
	if err != nil {
		t.Fatal(err)
	}
	s, _ := experiment.Parse(map[string]string{"system": "henon-heiles", "p.alpha": "0.5", "points": "3000", "width": "20", "seed": "5", "noise": "0.01"})
	d, _ := experiment.NewData(s)
	want, err := experiment.Fit(s, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res.Model.C, want.Model.C) || res.RelL2H != want.Errors.H || res.Rank != want.Fit.Rank {
		t.Error("the worker's fit differs from experiment.Fit of the same settings")
	}
	var rep map[string]any
	if err := json.Unmarshal(r.Fit, &rep); err != nil || rep["data_fingerprint"] != want.DataFingerprint || rep["hidden_fingerprint"] != want.HiddenFingerprint {
		t.Errorf("fit report %v (%v)", rep, err)
	}
}

func TestFitRecoversPanics(t *testing.T) {
	se := New()
	se.fit = func(experiment.Settings, *experiment.Data, fit.Config) (*experiment.Result, error) {
		panic("index out of range")
	}
	r := decodeFit(t, se.Fit(obj(t, `{"id":9}`)))
	if r.ID != 9 || !strings.Contains(r.Error, "training failed unexpectedly") {
		t.Fatalf("%+v", r)
	}
	se.fit = func(experiment.Settings, *experiment.Data, fit.Config) (*experiment.Result, error) {
		return nil, errors.New("the fit failed: singular")
	}
	if r := decodeFit(t, se.Fit(obj(t, `{"id":10}`))); !strings.Contains(r.Error, "the fit failed: singular") {
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

// Info carries the table of settings as experiment.Fields declares it, and
// the systems.
func TestInfo(t *testing.T) {
	info := Info()
	if err := valuetest.Check(info); err != nil {
		t.Fatalf("Info holds %v", err)
	}
	var got struct {
		Type    string             `json:"type"`
		Fields  []experiment.Field `json:"fields"`
		Systems []struct {
			Name    string   `json:"name"`
			Dof     int      `json:"dof"`
			Box     string   `json:"box"`
			Section []string `json:"section"`
		} `json:"systems"`
		Limits experiment.Limits `json:"limits"`
	}
	if err := json.Unmarshal(text(t, info), &got); err != nil {
		t.Fatal(err)
	}
	if got.Type != "ready" || got.Limits != Limits || len(got.Fields) != len(experiment.Fields) || len(got.Systems) < 6 {
		t.Fatalf("info %+v", got)
	}
	for i, f := range got.Fields {
		w := experiment.Fields[i]
		if f.Key != w.Key || f.Flag != w.Flag || f.Default != w.Default || f.Min != w.Min || f.Max != w.Max ||
			f.Help != w.Help || f.Kind != w.Kind || !reflect.DeepEqual(f.Options, w.Options) || f.Prefix != w.Prefix || f.Optional != w.Optional {
			t.Errorf("field %d: %+v, declared %+v", i, f, w)
		}
	}
	for _, s := range got.Systems {
		if _, err := experiment.ParseBox(s.Box, 2*s.Dof); err != nil || (s.Dof == 2) != (len(s.Section) == 2) {
			t.Errorf("system %+v: %v", s, err)
		}
	}
}

// Check reads values as a fit would, and says which ones it refused.
func TestCheck(t *testing.T) {
	r := decodeFit(t, New().Check(obj(t, `{"id":2,"values":{"system":"henon-heiles","width":"0","points":"1e3","box":"","section.q2":"0.5"}}`)))
	if r.Type != "check" || r.ID != 2 || len(r.Errors) != 1 || r.Errors[0].Key != "width" || !strings.Contains(r.Error, "Width") {
		t.Fatalf("check %+v", r)
	}
	if r.Values["width"] != "400" || r.Values["points"] != "1000" || r.Values["system"] != "henon-heiles" || r.Values["section.q2"] != "0.5" ||
		r.Values["box"] != experiment.Presets["henon-heiles"].Values["box"] {
		t.Errorf("values %v", r.Values)
	}
	ok := decodeFit(t, New().Check(obj(t, `{"id":3,"values":{}}`)))
	if ok.Error != "" || len(ok.Errors) != 0 || ok.Values["system"] != "pendulum" {
		t.Errorf("defaults %+v", ok)
	}
	big := decodeFit(t, New().Check(obj(t, `{"id":4,"values":{"points":"50000","width":"5000"}}`)))
	if len(big.Errors) != 1 || big.Errors[0].Key != "width" || !strings.Contains(big.Error, "use width ≤") {
		t.Errorf("limits %+v", big)
	}
}

// A fit tells its stages to Progress, the second one with an estimate of its
// time learnt from the first; Data gives the training set as CSV.
func TestProgressAndData(t *testing.T) {
	se := New()
	type report struct {
		id       int64
		stage    string
		estimate float64
	}
	var got []report
	se.Progress = func(id int64, stage string, elapsed, estimate float64) {
		got = append(got, report{id, stage, estimate})
	}
	se.Fit(obj(t, `{"id":1,"values":{"points":"300","width":"30","sampler":"elm"}}`))
	if len(got) != 3 || got[0].id != 1 || got[0].stage != "sample" || got[2].stage != "solve" || got[0].estimate != 0 {
		t.Fatalf("first fit's progress %+v", got)
	}
	got = nil
	se.Fit(obj(t, `{"id":2,"values":{"points":"300","width":"30","sampler":"aswim"}}`))
	if len(got) != 6 || got[0].id != 2 || !(got[0].estimate > 0) {
		t.Fatalf("second fit's progress %+v", got)
	}
	r := se.Data(obj(t, `{"id":3,"values":{"points":"50","system":"henon-heiles"}}`))
	lines := strings.Split(strings.TrimSpace(r["csv"].(string)), "\n")
	if r["error"] != "" || r["id"] != int64(3) || len(lines) != 51 || lines[0] != "q1,q2,p1,p2,dq1,dq2,dp1,dp2,H" {
		t.Fatalf("data reply %v, %d lines, header %q", r["error"], len(lines), lines[0])
	}
	if bad := se.Data(obj(t, `{"id":4,"values":{"width":"0"}}`)); !strings.Contains(bad["error"].(string), "Width") {
		t.Fatalf("bad data request: %v", bad)
	}
}

// The reply says where the layer was sampled: for A-SWIM each neuron's pair
// of training states (the neuron is −½ at the first, +½ at the second) and
// a weight, from a refit; ELM's reply has no pairs.
func TestFitSampling(t *testing.T) {
	for _, sampler := range []string{"aswim", "uswim", "elm"} {
		v := New().Fit(obj(t, `{"id":1,"values":{"points":"300","width":"25","sampler":"`+sampler+`"}}`))
		res, err := protocol.ParseResult(text(t, v))
		if err != nil {
			t.Fatal(err)
		}
		s, m := res.Sampling, res.Model
		if sampler == "elm" {
			if s != nil {
				t.Errorf("ELM reply with pairs: %+v", s)
			}
			continue
		}
		if s == nil || len(s.From) != 25 || s.Refit != (sampler == "aswim") {
			t.Fatalf("%s: sampling %+v", sampler, s)
		}
		pre := func(n int, x []float64) float64 {
			z := m.B[n]
			for i, xi := range x {
				z += m.W[i*m.M+n] * xi
			}
			return z
		}
		for n := range s.From {
			if a, b := math.Tanh(pre(n, s.From[n])), math.Tanh(pre(n, s.To[n])); math.Abs(a+0.5) > 1e-9 || math.Abs(b-0.5) > 1e-9 {
				t.Fatalf("%s neuron %d: %g and %g at its pair", sampler, n, a, b)
			}
			if sampler == "uswim" && math.Abs(s.Weight[n]-1) > 1e-12 {
				t.Fatalf("U-SWIM weight %g", s.Weight[n])
			}
		}
	}
}

// A fit that needs more memory than the session allows is refused before
// anything is allocated, with the message of the command line but the
// form's labels; the box and the system's parameters are refused before
// sampling, naming what to change.
func TestFitRefusals(t *testing.T) {
	se := New()
	se.Limits.MaxMemory = 50e6
	se.fit = func(experiment.Settings, *experiment.Data, fit.Config) (*experiment.Result, error) {
		t.Fatal("the fit ran")
		return nil, nil
	}
	const big = `{"id":3,"values":{"points":"20000","width":"1000"}}`
	for _, r := range []protocol.Reply{decodeFit(t, se.Fit(obj(t, big))), decodeFit(t, se.Check(obj(t, big)))} {
		if !strings.HasPrefix(r.Error, "this fit needs about ") || !strings.HasSuffix(r.Error, ", more than the 50 MB allowed: lower Width or Points") ||
			len(r.Errors) != 1 || r.Errors[0].Key != "width" {
			t.Errorf("%s: %+v", r.Type, r)
		}
	}
	h := decodeFit(t, se.Check(obj(t, big))).Hints
	if !strings.HasPrefix(h["width"], "at most ") || strings.HasPrefix(h["width"], "at most 1000 ") {
		t.Errorf("width hint %q", h["width"])
	}
	for _, c := range []struct{ req, key, want string }{
		{`{"id":1,"values":{"box":"-1e308,1e308,-1,1"}}`, "box", "Box: q from -1e+308 to 1e+308 is too wide"},
		{`{"id":1,"values":{"box":"1,1.0000000000000002,-1,1"}}`, "box", "Box: q from 1 to 1.0000000000000002 is too narrow"},
		{`{"id":1,"values":{"system":"henon-heiles","p.alpha":"1e308"}}`, "p.alpha", "System parameter alpha=1e308 makes H or its gradient infinite at ("},
	} {
		r := decodeFit(t, New().Fit(obj(t, c.req)))
		if !strings.HasPrefix(r.Error, c.want) || len(r.Errors) != 1 || r.Errors[0].Key != c.key {
			t.Errorf("%s: %+v, want an error on %s starting %q", c.req, r, c.key, c.want)
		}
	}
}

// The worker's limits: MaxMemory bounds what its largest settings need,
// and New sets the runtime's memory limit under 2 GB.
func TestMemoryLimits(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	New()
	if got := debug.SetMemoryLimit(-1); got != MemoryLimit || MemoryLimit >= 2<<30 || MaxMemory >= MemoryLimit {
		t.Errorf("memory limit %d after New; MaxMemory %g, MemoryLimit %g", got, MaxMemory, float64(MemoryLimit))
	}
	largest, _ := experiment.Parse(map[string]string{"system": "henon-heiles", "points": "2290", "width": "4580", "test_points": "1000000", "adam_batch": "400"})
	if err := experiment.Check(largest, Limits); err != nil {
		t.Fatalf("the largest page fit: %v", err)
	}
	if e := experiment.Memory(largest, experiment.PageJob); e.Bytes > Limits.MaxMemory {
		t.Errorf("the largest fit the page allows needs %s, more than MaxMemory", experiment.FormatBytes(e.Bytes))
	}
}

// Helpers get only the fits worth their messages: a fit of cost below
// minHelperCost runs in one block here, a larger one is handed to Factor in
// Workers blocks, and the report says how many workers fitted.
func TestFitOnHelpersOnlyWhenLarge(t *testing.T) {
	se := New()
	var jobs []fit.Job
	se.Workers = 3
	se.Factor = func(j fit.Job) ([]fit.Factor, error) {
		jobs = append(jobs, j)
		fs := make([]fit.Factor, len(j.Blocks))
		for i, b := range j.Blocks {
			var err error
			if fs[i], err = fit.FactorRows(j.Problem, j.Layer, b); err != nil {
				return nil, err
			}
		}
		return fs, nil
	}
	for _, c := range []struct {
		points, width string
		workers, jobs int
	}{{"1500", "200", 1, 0}, {"6000", "150", 3, 2}} { // the default fit; a larger one (A-SWIM: two passes)
		jobs = nil
		s, err := experiment.Parse(map[string]string{"points": c.points, "width": c.width})
		if err != nil {
			t.Fatal(err)
		}
		if small := cost(s) < minHelperCost; small != (c.workers == 1) {
			t.Fatalf("%s points, width %s: cost %.3g, minHelperCost %.3g", c.points, c.width, cost(s), minHelperCost)
		}
		r := decodeFit(t, se.Fit(map[string]any{"id": 1.0, "values": map[string]any{"points": c.points, "width": c.width}}))
		var rep struct {
			Workers int `json:"workers"`
		}
		if err := json.Unmarshal(r.Fit, &rep); err != nil || r.Error != "" {
			t.Fatalf("%s points: %v %s", c.points, err, r.Error)
		}
		if rep.Workers != c.workers || len(jobs) != c.jobs {
			t.Errorf("%s points, width %s: %d workers reported, %d jobs handed out; want %d and %d",
				c.points, c.width, rep.Workers, len(jobs), c.workers, c.jobs)
		}
	}
}
