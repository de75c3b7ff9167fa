package playground_test

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"hnnplay/core/hnn"
	"hnnplay/wasm/playground"
	"hnnplay/wasm/protocol"
	"hnnplay/wasm/session"
	"hnnplay/wasm/world"
)

// A link's trajectories replace the shown ones, for the system they name;
// every change of the starts is told to the host (the page's link).
func TestStartsFromSettings(t *testing.T) {
	p, h, _ := ready(t)
	before := h.starts
	if err := p.SetSettings(`{"traj": "0.5,0.25;-1,0.125"}`); err != nil {
		t.Fatal(err)
	}
	p.Update()
	var s playground.Snapshot
	decode(t, p.State(), &s)
	if len(s.Starts) != 2 || s.Starts[0][0] != 0.5 || s.Starts[1][1] != 0.125 || s.Trajectories != 2 {
		t.Fatalf("starts %v, %d trajectories", s.Starts, s.Trajectories)
	}
	if h.starts == before {
		t.Error("no StartsChanged after the starts changed")
	}
	n := h.starts
	p.Clear()
	p.Update()
	if h.starts == n {
		t.Error("no StartsChanged after Clear")
	}
	// starts of another dimension are refused; of another system too
	if err := p.SetSettings(`{"traj": "1,2,3,4"}`); err == nil || !strings.Contains(err.Error(), "need 2 numbers") {
		t.Errorf("4-d starts on the pendulum: %v", err)
	}
	// before a model: the link's system, section and starts wait for it
	q := playground.New(nil, nil)
	q.Layout(800, 600, 1)
	if err := q.SetSettings(`{"system": "henon-heiles", "section.p2": "0.1", "traj": "0.1,0,0.2,0.1"}`); err != nil {
		t.Fatal(err)
	}
	q.SetModel(zeroResult(t, "henon-heiles"))
	if w := q.World(); len(w.Trajs) != 1 || w.Trajs[0].X0[2] != 0.2 || w.Section()["p2"] != 0.1 {
		t.Fatalf("world after the model: %d trajectories, section %v", len(w.Trajs), w.Section())
	}
}

// Off screen nothing moves; back on screen it does.
func TestInvisibleStops(t *testing.T) {
	p, _, _ := ready(t)
	p.Add(0.5, 0)
	p.SetVisible(false)
	for i := 0; i < 5; i++ {
		p.Update()
	}
	var s playground.Snapshot
	decode(t, p.State(), &s)
	if s.Steps != 0 || s.Visible {
		t.Fatalf("%d steps while invisible (visible %v)", s.Steps, s.Visible)
	}
	p.SetVisible(true)
	p.Update()
	if decode(t, p.State(), &s); s.Steps == 0 || !s.Visible {
		t.Fatalf("%d steps after becoming visible", s.Steps)
	}
}

// The readout gives the true H and the learned Ĥ at the point under the
// pointer, computed independently here.
func TestHoverReadout(t *testing.T) {
	p, h, _ := ready(t)
	r := p.Regions().Plot
	x, y := r.X+0.3*r.W, r.Y+0.6*r.H
	p.Hover(x, y)
	u, v := p.Frame().FromPx(x, y)
	w := p.World()
	hTrue := w.Truth.H([]float64{u, v})
	if !strings.HasPrefix(h.readout, "q = ") || !strings.Contains(h.readout, "H = "+num(hTrue)) {
		t.Fatalf("readout %q, want H = %s at (%v, %v)", h.readout, num(hTrue), u, v)
	}
	p.Hover(r.X-5, r.Y) // off the plot
	if h.readout != "" {
		t.Fatalf("readout %q off the plot", h.readout)
	}
}

// num writes v as the readout does: four significant digits, a true minus.
func num(v float64) string { return strings.Replace(strconv.FormatFloat(v, 'g', 4, 64), "-", "−", 1) }

// The energy strip can be hidden (the plot then takes its room), and
// presentation mode enlarges labels' margins and re-renders the layers with
// thicker lines.
func TestEnergyAndPresent(t *testing.T) {
	p, _, _ := ready(t)
	withEnergy := p.Regions()
	if err := p.SetSettings(`{"energy": "false"}`); err != nil {
		t.Fatal(err)
	}
	r := p.Regions()
	if r.Energy.H != 0 || !(r.Plot.H > withEnergy.Plot.H) {
		t.Fatalf("without the energy strip: %+v (before %+v)", r, withEnergy)
	}
	if err := p.SetSettings(`{"present": "true"}`); err != nil {
		t.Fatal(err)
	}
	r2 := p.Regions()
	if !(r2.Plot.X > r.Plot.X) || r2.Text != playground.PresentText {
		t.Fatalf("presentation regions %+v", r2)
	}
	if st := p.Style(); math.Abs(st.LearnedWidth-world.PresentWeight*world.StyleFor(p.Scale(), false).LearnedWidth) > 1e-12 || p.LineScale() != world.PresentWeight*p.Scale() {
		t.Fatalf("presentation style %+v, line scale %v", st, p.LineScale())
	}
	drawn(t, p)
}

// The trajectories' CSV has a row per kept step, from the start, with the
// true H and the learned Ĥ at each state, computed again here.
func TestTrajectoriesCSV(t *testing.T) {
	p, _, _ := ready(t)
	p.Add(0.5, 0)
	p.Add(-1, 0.25)
	for i := 0; i < 10; i++ {
		p.Update()
	}
	rows, err := csv.NewReader(strings.NewReader(p.TrajectoriesCSV())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if h := strings.Join(rows[0], ","); h != "trajectory,t,q,p,H,H_learned,twin_q,twin_p,twin_H,twin_H_learned" {
		t.Fatalf("header %q", h)
	}
	w := p.World()
	steps := w.Trajs[0].Steps
	if len(rows) != 1+2*(steps+1) {
		t.Fatalf("%d rows for 2 trajectories of %d steps", len(rows)-1, steps)
	}
	for _, r := range rows[1:] {
		x := []float64{atof(t, r[2]), atof(t, r[3])}
		if atof(t, r[4]) != w.Truth.H(x) || atof(t, r[5]) != pendulumResult(t).Model.H(x) {
			t.Fatalf("row %v: H or Ĥ is not that of the state", r)
		}
	}
	if first := rows[1]; first[1] != "0" || first[2] != "0.5" || first[6] != "0.5" {
		t.Fatalf("first row %v, want the start at t = 0", first)
	}
}

func atof(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// A model saved and loaded again is the same network, bit for bit, on the
// same plane; a bad file is refused with its reason and changes nothing.
func TestModelFileRoundTrip(t *testing.T) {
	p, h, _ := ready(t)
	text, err := p.ModelFile()
	if err != nil {
		t.Fatal(err)
	}
	before := p.World()
	q, _, _ := ready(t)
	out, err := q.LoadModelFile(text)
	if err != nil {
		t.Fatal(err)
	}
	m, m0 := q.World().Learned.(*hnn.Model), before.Learned.(*hnn.Model)
	same := slices.Equal(m.W, m0.W) && slices.Equal(m.B, m0.B) && slices.Equal(m.C, m0.C) && m.C0 == m0.C0
	if !same || !reflect.DeepEqual(q.World().Plane, before.Plane) || !reflect.DeepEqual(q.World().Points, before.Points) {
		t.Fatal("the loaded model or plane differs")
	}
	var r struct {
		Values map[string]string `json:"values"`
		Fit    map[string]any    `json:"fit"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.Values["system"] != "pendulum" || r.Fit["rank"] != float64(fitRank) {
		t.Fatalf("loaded %s (%v)", out, err)
	}
	if _, err := p.LoadModelFile(`{"d":2}`); err == nil || !strings.HasPrefix(h.last(), "error: ") || p.World() != before {
		t.Fatalf("a bad file: %v, status %q", err, h.last())
	}
}

// The sampling layer draws, from the worker's reply, every neuron's
// hyperplane (each crosses the plot: a SWIM neuron's passes through the
// midpoint of its pair) and, for a SWIM sampler, every pair; for ELM no
// pairs. Off, it reports nothing.
func TestSamplingLayer(t *testing.T) {
	for _, sampler := range []string{"aswim", "elm"} {
		v := session.New().Fit(map[string]any{"id": 1.0, "values": map[string]any{"points": "300", "width": "30", "sampler": sampler}})
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		res, err := protocol.ParseResult(b)
		if err != nil {
			t.Fatal(err)
		}
		c := &clock{t: time.Unix(1e9, 0)}
		p := playground.New(nil, c.now)
		p.Layout(800, 600, 1)
		p.SetModel(res)
		for i := 0; i < layerTicks; i++ {
			p.Update()
		}
		var s playground.Snapshot
		decode(t, p.State(), &s)
		if !s.Drawn || s.Neurons != 0 || s.Pairs != 0 {
			t.Fatalf("%s, layer off: drawn %v, neurons %d, pairs %d", sampler, s.Drawn, s.Neurons, s.Pairs)
		}
		if err := p.SetSettings(`{"layers":"learned,sampling"}`); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < layerTicks; i++ {
			p.Update()
		}
		decode(t, p.State(), &s)
		wantPairs := 30
		if sampler == "elm" {
			wantPairs = 0
		}
		if s.Pairs != wantPairs || sampler == "aswim" && s.Neurons != 30 || s.Neurons == 0 {
			t.Errorf("%s: %d neurons and %d pairs drawn", sampler, s.Neurons, s.Pairs)
		}
	}
}

// A four-dimensional system's plot says what it is: a slice through the
// fixed coordinates, or the Poincaré section; a plane phase space says
// nothing.
func TestPlaneNote(t *testing.T) {
	note := func(h *recorder) string {
		for _, l := range h.labels[len(h.labels)-1] {
			if l.Class == "plane" {
				return l.Text
			}
		}
		return ""
	}
	h := &recorder{}
	p := playground.New(h, (&clock{t: time.Unix(1e9, 0)}).now)
	p.Layout(800, 600, 1)
	p.SetModel(zeroResult(t, "henon-heiles"))
	for i := 0; i < layerTicks; i++ {
		p.Update()
	}
	if n := note(h); n != "a slice at q₂ = 0, p₂ = 0 (level sets); trajectories are projected onto it" {
		t.Errorf("Hénon–Heiles: %q", n)
	}
	if err := p.SetSettings(`{"layers":"poincare"}`); err != nil {
		t.Fatal(err)
	}
	p.Update()
	if n := note(h); n != "Poincaré section: dots where q₂ = 0 is crossed with p₂ > 0" {
		t.Errorf("with the Poincaré layer: %q", n)
	}
	q, hq, _ := ready(t)
	q.Update()
	if n := note(hq); n != "" {
		t.Errorf("the pendulum: %q", n)
	}
}

// The arms layer draws the pendulums in two panels inside the plot, the
// learned flow's and the true flow's, captioned; only for the pendulums.
func TestArmsPanels(t *testing.T) {
	for _, c := range []struct {
		system string
		ok     bool
	}{{"double-pendulum", true}, {"pendulum", true}, {"henon-heiles", false}} {
		h := &recorder{}
		p := playground.New(h, (&clock{t: time.Unix(1e9, 0)}).now)
		p.Layout(800, 600, 2)
		p.SetModel(zeroResult(t, c.system))
		if _, _, ok := p.ArmsPanels(); ok {
			t.Fatalf("%s: panels while the layer is off", c.system)
		}
		if err := p.SetSettings(`{"layers":"learned,arms"}`); err != nil {
			t.Fatal(err)
		}
		p.Add(0.5, 0.25)
		p.Update()
		l, tr, ok := p.ArmsPanels()
		var s playground.Snapshot
		decode(t, p.State(), &s)
		if ok != c.ok || ok && s.Arms != 1 || !ok && s.Arms != 0 {
			t.Fatalf("%s: panels %v, state arms %d", c.system, ok, s.Arms)
		}
		if !ok {
			continue
		}
		r := p.Regions().Plot
		for _, pan := range []world.Rect{l, tr} {
			if pan.W <= 0 || pan.X < r.X || pan.Y < r.Y || pan.X+pan.W > r.X+r.W || pan.Y+pan.H > r.Y+r.H {
				t.Errorf("%s: panel %+v outside the plot %+v", c.system, pan, r)
			}
		}
		if tr.X < l.X+l.W {
			t.Errorf("%s: the panels overlap: %+v %+v", c.system, l, tr)
		}
		captions := 0
		for _, lb := range h.labels[len(h.labels)-1] {
			if lb.Class == "inset" && (lb.Text == "learned Ĥ" || lb.Text == "true H") {
				captions++
			}
		}
		if captions != 2 {
			t.Errorf("%s: %d captions", c.system, captions)
		}
	}
}

// For Kepler, trained near circular orbits, random trajectories start where
// the data are (in the ring, near the circular momentum), and the orbit
// layer's panel shows the ring.
func TestKeplerRandomStartsInTheRing(t *testing.T) {
	v := session.New().Fit(map[string]any{"id": 1.0, "values": map[string]any{"system": "kepler", "width": "50", "points": "300"}})
	b, _ := json.Marshal(v)
	res, err := protocol.ParseResult(b)
	if err != nil {
		t.Fatal(err)
	}
	p := playground.New(nil, (&clock{t: time.Unix(1e9, 0)}).now)
	p.Layout(800, 600, 1)
	p.SetModel(res)
	p.AddRandom(20)
	for _, tr := range p.World().Trajs {
		x := tr.X0
		r := math.Hypot(x[0], x[1])
		pc := 1 / math.Sqrt(r)
		if r < 0.7 || r > 1.3 || math.Hypot(x[2]+pc*x[1]/r, x[3]-pc*x[0]/r) > 0.25*math.Sqrt2 {
			t.Errorf("a random start %v off the data's ring", x)
		}
	}
	if in, out, ok := p.Ring(); !ok || in != 0.7 || out != 1.3 {
		t.Errorf("ring %v %v %v", in, out, ok)
	}
	if err := p.SetSettings(`{"layers":"orbit"}`); err != nil {
		t.Fatal(err)
	}
	if _, r, ok := p.OrbitPanel(); !ok || r < 1.3 {
		t.Errorf("the orbit panel shows [−%g, %g]² (%v)", r, r, ok)
	}
}
