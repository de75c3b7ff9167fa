package playground_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"hnnplay/core/data"
	"hnnplay/core/experiment"
	"hnnplay/core/fit"
	"hnnplay/core/hnn"
	"hnnplay/core/system"
	"hnnplay/wasm/playground"
	"hnnplay/wasm/protocol"
	"hnnplay/wasm/world"
)

// clock is a fake Clock: every reading returns the time and then advances
// it by step (0: time stands still, every budget is kept).
type clock struct {
	t    time.Time
	step time.Duration
}

func (c *clock) now() time.Time {
	t := c.t
	c.t = c.t.Add(c.step)
	return t
}

// recorder is a Host that records what the playground shows.
type recorder struct {
	status  []string // "kind: text", oldest first
	news    []string
	readout string
	starts  int // StartsChanged calls
	labels  [][]world.Label
	models  int      // ModelChanged calls
	regions []string // RegionDrawn calls
}

func (r *recorder) SetStatus(kind, text string)                  { r.status = append(r.status, kind+": "+text) }
func (r *recorder) SetNews(text string)                          { r.news = append(r.news, text) }
func (r *recorder) SetReadout(text string)                       { r.readout = text }
func (r *recorder) StartsChanged()                               { r.starts++ }
func (r *recorder) SetLabels(labels []world.Label, _ world.Rect) { r.labels = append(r.labels, labels) }
func (r *recorder) ModelChanged()                                { r.models++ }
func (r *recorder) RegionDrawn(text string)                      { r.regions = append(r.regions, text) }

func (r *recorder) last() string {
	if len(r.status) == 0 {
		return ""
	}
	return r.status[len(r.status)-1]
}

var pendulum struct {
	once  sync.Once
	model *hnn.Model
	pts   [][]float64
	err   error
}

// fitPendulum returns a real network: the pendulum fitted (core/fit,
// A-SWIM) on 200 uniform states of its box (core/data) at width 20, and
// those states.
func fitPendulum() (*hnn.Model, [][]float64, error) {
	pendulum.once.Do(func() {
		sys, err := system.New("pendulum", nil)
		if err != nil {
			pendulum.err = err
			return
		}
		train, err := data.Uniform(sys, sys.Box(), 200, 1)
		if err != nil {
			pendulum.err = err
			return
		}
		x0 := sys.Anchor()
		res, err := fit.Fit(fit.ProblemFor(train, x0, sys.H(x0)), fit.Config{Width: 20, Seed: 1})
		if err != nil {
			pendulum.err = err
			return
		}
		pendulum.model = res.Model
		for k := 0; k < train.Len(); k++ {
			x, _ := train.Row(k)
			pendulum.pts = append(pendulum.pts, x)
		}
	})
	return pendulum.model, pendulum.pts, pendulum.err
}

// The fit's figures as the tests' replies report them.
const (
	fitSeconds = 0.25
	fitRank    = 19
	fitRelH    = 1.5e-3
	fitRelGrad = 2.5e-2
)

// newReply is the trainer's reply for model m of the named system on its
// default box, trained on points (reported as 200 points, sampled by
// A-SWIM), as the worker sends it. All that the tests know of the wire
// format of a reply is here and in result.
func newReply(name string, m *hnn.Model, points [][]float64) (protocol.Reply, error) {
	s, err := experiment.Parse(map[string]string{"system": name, "width": strconv.Itoa(m.M), "points": "200", "sampler": "aswim"})
	if err != nil {
		return protocol.Reply{}, err
	}
	report := fmt.Sprintf(`{"fit_seconds": %g, "rank": %d, "rel_l2_H": %g, "rel_l2_grad": %g}`, fitSeconds, fitRank, fitRelH, fitRelGrad)
	return protocol.Reply{Type: "result", ID: 1, Model: m, Points: points, Values: experiment.Values(s), Fit: protocol.JSONText(report)}, nil
}

// result checks a reply, as the app does before installing it.
func result(t testing.TB, r protocol.Reply) *protocol.Result {
	t.Helper()
	res, err := r.Check()
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// pendulumReply is the reply of fitPendulum's network.
func pendulumReply(t testing.TB) protocol.Reply {
	t.Helper()
	m, pts, err := fitPendulum()
	if err != nil {
		t.Fatal(err)
	}
	r, err := newReply("pendulum", m, pts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// pendulumResult is pendulumReply checked, ready for SetModel; each call
// returns a new Result (and so a new world when installed).
func pendulumResult(t testing.TB) *protocol.Result {
	t.Helper()
	return result(t, pendulumReply(t))
}

// zeroResult is a result for the named system with a zero network (Ĥ = 0)
// of width 3, not trained.
func zeroResult(t testing.TB, name string) *protocol.Result {
	t.Helper()
	sys, err := system.New(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := newReply(name, hnn.New(2*sys.Dof(), 3), nil)
	if err != nil {
		t.Fatal(err)
	}
	return result(t, r)
}

// layerTicks is how many ticks draw a model's layers: the grid at once,
// then one layer per tick.
const layerTicks = 6

// ready returns a playground on an 800×600 CSS-pixel canvas at device
// scale 2 with the pendulum installed, its grid filled and its layers
// rendered (time standing still).
func ready(t testing.TB) (*playground.Playground, *recorder, *clock) {
	t.Helper()
	h, c := &recorder{}, &clock{t: time.Unix(1e9, 0)}
	p := playground.New(h, c.now)
	p.Layout(800, 600, 2)
	p.SetModel(pendulumResult(t))
	for i := 0; i < layerTicks; i++ {
		p.Update()
	}
	if l, _, _ := p.Layers(); l == nil {
		t.Fatalf("no layers after %d ticks", layerTicks)
	}
	return p, h, c
}

// frames draws n empty frames.
func frames(p *playground.Playground, n int) {
	for i := 0; i < n; i++ {
		p.DrawStart()
		p.DrawEnd(0)
	}
}

func starts(w *world.World) string {
	s := ""
	for _, t := range w.Trajs {
		s += fmt.Sprintf("(%.4g, %.4g) ", t.X0[0], t.X0[1])
	}
	return s
}

func decode(t *testing.T, text string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(text), v); err != nil {
		t.Fatal(err)
	}
}

// drawn runs ticks until the level sets of the model are drawn (the status
// then shows the fit's summary).
func drawn(t *testing.T, p *playground.Playground) {
	t.Helper()
	for i := 0; i < 1000; i++ {
		if l, _, _ := p.Layers(); l != nil {
			return
		}
		p.Update()
	}
	t.Fatal("the level sets are not drawn after 1000 ticks")
}
