package session

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"hnnplay/core/experiment"
	"hnnplay/wasm/internal/valuetest"
)

// sweepSeen is a SweepReply as the page reads it, its sweep decoded.
type sweepSeen struct {
	SweepReply
	Result struct {
		Rows []struct {
			H                 float64
			Errors, Corrected struct {
				RelL2H float64 `json:"rel_l2_H"`
			}
			Data string `json:"data_fingerprint"`
		}
		Order          *float64 `json:"order_H"`
		CorrectedOrder *float64 `json:"corrected_order_H"`
	}
}

func seeSweep(t *testing.T, v map[string]any) sweepSeen {
	t.Helper()
	var r sweepSeen
	if err := json.Unmarshal(text(t, v), &r.SweepReply); err != nil {
		t.Fatalf("reply %v: %v", v, err)
	}
	if len(r.Sweep) > 0 {
		if err := json.Unmarshal(r.Sweep, &r.Result); err != nil {
			t.Fatalf("sweep %s: %v", r.Sweep, err)
		}
	}
	return r
}

// The page's sweep is experiment.Sweep, one step per call: the same rows,
// fingerprints and orders as the command line's.
func TestSweep(t *testing.T) {
	values := map[string]string{"box": "-pi,pi,-1,1", "points": "1000", "test_points": "500", "width": "100"}
	req, _ := json.Marshal(map[string]any{"id": 5, "values": values})
	se := New()
	st := seeSweep(t, se.SweepStart(obj(t, string(req))))
	if st.Error != "" || st.Phase != "start" || st.ID != 5 || st.Done != 0 || st.Finished || len(st.Steps) != len(experiment.SweepSteps) {
		t.Fatalf("start: %+v", st)
	}
	var last sweepSeen
	for i := range experiment.SweepSteps {
		last = seeSweep(t, se.SweepStep())
		if last.Error != "" || last.Phase != "progress" || last.ID != 5 || last.Done != i+1 || len(last.Result.Rows) != i+1 ||
			last.Finished != (i == len(experiment.SweepSteps)-1) {
			t.Fatalf("step %d: %+v", i, last)
		}
	}
	s, _ := experiment.Parse(values)
	want, err := experiment.Sweep(context.Background(), s, experiment.SweepSteps, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range want.Rows {
		g := last.Result.Rows[i]
		if g.H != w.H || g.Errors.RelL2H != w.Errors.H || g.Corrected.RelL2H != w.Corrected.H || g.Data != w.DataFingerprint {
			t.Errorf("row %d: %+v, want %+v", i, g, w)
		}
	}
	if last.Result.Order == nil || *last.Result.Order != want.Order || *last.Result.CorrectedOrder != want.CorrectedOrder {
		t.Errorf("orders %v %v, want %v %v", last.Result.Order, last.Result.CorrectedOrder, want.Order, want.CorrectedOrder)
	}
	// Finished: no sweep is left.
	if e := seeSweep(t, se.SweepStep()); !strings.Contains(e.Error, "no sweep is running") || !e.Finished {
		t.Errorf("after the end: %+v", e)
	}
}

// Settings a sweep cannot take are refused on their field, with no sweep
// left; a stopped sweep takes no more steps.
func TestSweepRefusedAndStopped(t *testing.T) {
	se := New()
	for _, c := range []struct{ req, key, msg string }{
		{`{"id":2,"values":{"sampler":"swim","points":"50"}}`, "sampler", "use aswim"},
		{`{"id":2,"values":{"width":"20000","points":"50000"}}`, "width", "too large"},
		{`{"id":2,"values":{"width":"abc"}}`, "width", "Width"},
	} {
		e := seeSweep(t, se.SweepStart(obj(t, c.req)))
		if len(e.Errors) == 0 || e.Errors[0].Key != c.key || !strings.Contains(e.Error, c.msg) || !e.Finished || e.ID != 2 {
			t.Errorf("%s: %+v", c.req, e)
		}
		if se.sweep != nil {
			t.Errorf("%s: a sweep is left", c.req)
		}
	}
	if e := seeSweep(t, se.SweepStart(obj(t, `[1]`))); !strings.Contains(e.Error, "cannot read the settings") {
		t.Errorf("not an object: %+v", e)
	}
	st := seeSweep(t, se.SweepStart(obj(t, `{"id":4,"values":{"points":"50","test_points":"50","width":"10"}}`)))
	if st.Error != "" {
		t.Fatal(st.Error)
	}
	if p := seeSweep(t, se.SweepStep()); p.Error != "" || p.Done != 1 {
		t.Fatalf("step: %+v", p)
	}
	se.SweepStop()
	if e := seeSweep(t, se.SweepStep()); !strings.Contains(e.Error, "no sweep is running") {
		t.Errorf("after stop: %+v", e)
	}
}

// SweepReply.Value has the JSON of the SweepReply, for replies of every
// shape; a wall time that is not finite fails, and value makes that an error
// reply.
func TestSweepReplyValueIsItsJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	cases := []SweepReply{{}, sweepError("start", 3, errors.New(`bad "x" <&>`)),
		{Type: "sweep", Steps: []float64{0.1, 0.2}, Sweep: []byte(`{"order_H":null}`)}}
	for i := range 200 {
		var x SweepReply
		valuetest.Fill(&x, r, float64(i%4)/4)
		cases = append(cases, x)
	}
	if err := valuetest.CheckAll(cases); err != nil {
		t.Fatal(err)
	}
	bad := SweepReply{Phase: "progress", ID: 9, WallMs: math.NaN()}
	if e := seeSweep(t, bad.value()); !strings.Contains(e.Error, "cannot encode the reply") || e.ID != 9 || !e.Finished {
		t.Errorf("value: %+v", e)
	}
}
