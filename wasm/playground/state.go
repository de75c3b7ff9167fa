package playground

import (
	"encoding/json"
	"fmt"
	"math"

	"hnnplay/core/experiment"
)

// Snapshot is the JSON of window.hnnplay.state(), the contract with the
// page's browser tests.
type Snapshot struct {
	Frames       int             `json:"frames"`
	Trained      bool            `json:"trained"`
	Training     bool            `json:"training"`
	Fit          json.RawMessage `json:"fit"` // the fit's report (experiment.Result's JSON), null before a model
	Trajectories int             `json:"trajectories"`
	Steps        int             `json:"steps"`
	// MaxEnergyDrift is the largest |H(x(t)) − H(x₀)| / max(|H(x₀)|, 1 % of
	// the spread of H over the training box), true H, over the running
	// trajectories of the learned flow (see world.Trajectory.Drift).
	MaxEnergyDrift float64 `json:"max_energy_drift"`
	Error          string  `json:"error"`
	// News is the passing message of the scene shown beside the status
	// line (a trajectory left the plot), "" when there is none.
	News   string `json:"news"`
	System string `json:"system"`
	// Beyond the contract, for the page and the curious:
	Integrator string             `json:"integrator"`
	Playing    bool               `json:"playing"`
	Section    map[string]float64 `json:"section"`
	SectionOf  []string           `json:"section_names"` // in coordinate order
	Lag        float64            `json:"lag"`           // fraction of the requested steps done last frame
	// Mean Go time per Update and per Draw (ms, exponential average): what
	// the frame costs before the GPU (or SwiftShader) renders it.
	UpdateMs float64 `json:"update_ms"`
	DrawMs   float64 `json:"draw_ms"`
	Vertices int     `json:"vertices"` // drawn in the last frame
	// Plot is the phase-space plot's rectangle in CSS pixels.
	Plot CSSRect `json:"plot"`
	// Embed: the page is in embed mode; Visible: the canvas is on screen
	// (while it is not, nothing moves); Drawn: the level sets of the model
	// on the plot are drawn.
	Embed bool `json:"embed"`
	// Lesson is the open lesson of the guided tour (1-based), 0 for none.
	Lesson  int  `json:"lesson"`
	Visible bool `json:"visible"`
	Drawn   bool `json:"drawn"`
	// LevelSetWidth is the width of the learned level sets in CSS pixels,
	// the thinnest lines of the plot (trajectories and the field are
	// thicker); presentation mode makes it at least 3.
	LevelSetWidth float64 `json:"level_set_width"`
	// Neurons and Pairs are what the sampling layer draws: the neurons whose
	// hyperplane w·x + b = 0 crosses the plot, and the sampled pairs of
	// training points (none for ELM); both 0 while the layer is off.
	Neurons int `json:"neurons"`
	Pairs   int `json:"pairs"`
	// Poincare counts the crossings of the Poincaré section q₂ = 0 (two
	// degrees of freedom) of the learned flows and of their true twins.
	Poincare Crossings `json:"poincare"`
	// Arms is how many pendulums the arms layer draws in each of its two
	// panels (one per trajectory), 0 while it is off or for other systems.
	Arms int `json:"arms"`
	// Orbit is, for a central-force problem, the largest relative drift of
	// the energy and of the angular momentum along the true flows.
	Orbit OrbitDrift `json:"orbit"`
	// Starts are the initial states of the trajectories, oldest first.
	Starts [][]float64 `json:"starts"`
	// Drawing: a drag on the plot draws the data region (SetDrawing).
	// Region is the training region of the model on the plot, as the
	// train_box setting's text; "" when its data fill the box.
	Drawing bool   `json:"drawing"`
	Region  string `json:"region"`
	// Compare describes the comparison flow (the network trained by Adam in
	// a "Compare with gradient descent" run), drawn dotted beside each
	// trajectory. trajectories and max_energy_drift above stay those of the
	// sampled network's flow.
	Compare CompareSnapshot `json:"compare"`
}

// OrbitDrift is state().orbit (zero for other systems).
type OrbitDrift struct {
	Energy   float64 `json:"energy_drift"`
	Momentum float64 `json:"momentum_drift"`
}

// Crossings is state().poincare.
type Crossings struct {
	Learned int `json:"learned"`
	True    int `json:"true"`
}

// CSSRect is a rectangle in CSS pixels.
type CSSRect struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
	W float64 `json:"w"`
	H float64 `json:"h"`
}

// CompareSnapshot is state().compare.
type CompareSnapshot struct {
	Model        bool `json:"model"` // a comparison model is installed
	Width        int  `json:"width"`
	Trajectories int  `json:"trajectories"` // running comparison flows
	Steps        int  `json:"steps"`        // steps of the oldest running one
	// Behind is how many steps the furthest-behind comparison flow still
	// has to catch up after a new model (0 when all are in step).
	Behind         int     `json:"behind"`
	MaxEnergyDrift float64 `json:"max_energy_drift"` // as max_energy_drift, over the running comparison flows
}

// State returns the JSON of the last published snapshot. It is published
// after every Update, Draw and command.
func (p *Playground) State() string {
	p.mu.Lock()
	s := p.snap
	p.mu.Unlock()
	if s.SectionOf == nil {
		s.SectionOf = []string{}
	}
	b, err := json.Marshal(s)
	if err != nil { // a NaN somewhere: report rather than fail
		return fmt.Sprintf(`{"frames":%d,"error":%q}`, s.Frames, err.Error())
	}
	return string(b)
}

// Section returns the JSON {"names": [...], "values": {...}} of the
// section (the coordinates off the plane) of the last published snapshot.
func (p *Playground) Section() string {
	p.mu.Lock()
	s, names := p.snap.Section, p.snap.SectionOf
	p.mu.Unlock()
	if names == nil {
		names = []string{}
	}
	b, _ := json.Marshal(map[string]any{"names": names, "values": s})
	return string(b)
}

// publish replaces the snapshot. Vertices stays 0 until the next DrawEnd.
func (p *Playground) publish() {
	s := Snapshot{Frames: p.frames, Training: p.training, Playing: p.view.Playing, Integrator: p.view.Integrator, Lag: 1,
		UpdateMs: math.Round(p.updateMs*1000) / 1000, DrawMs: math.Round(p.drawMs*1000) / 1000}
	if p.statusKind == "error" {
		s.Error = p.statusText
	}
	s.News = p.newsText
	r := p.regions.Plot
	s.Plot = CSSRect{r.X / p.scale, r.Y / p.scale, r.W / p.scale, r.H / p.scale}
	s.Embed, s.Visible, s.Lesson = p.view.Embed, p.visible, p.view.Lesson
	s.Drawing = p.drawing
	s.LevelSetWidth = p.Style().LearnedWidth / p.scale
	s.Starts = [][]float64{}
	if l, _, _ := p.Layers(); l != nil {
		s.Drawn = true
		if p.view.Layers[experiment.LayerSampling] && l.Sampling != nil {
			s.Neurons, s.Pairs = l.Neurons, l.Pairs
		}
	}
	if p.res != nil {
		s.Trained = true
		s.System = systemName(p.res)
		s.Fit = fitOf(p.res)
		s.Region = experiment.FormatBox(p.res.Settings.TrainBox)
	}
	if w := p.world; w != nil {
		s.Trajectories, s.Steps, s.MaxEnergyDrift = w.Stats()
		s.Poincare.Learned, s.Poincare.True = w.Crossings()
		if _, _, ok := p.ArmsPanels(); ok {
			s.Arms = len(w.Trajs)
		}
		if e, l, ok := w.OrbitDrift(); ok {
			s.Orbit = OrbitDrift{finiteOrMax(e), finiteOrMax(l)}
		}
		s.MaxEnergyDrift = finiteOrMax(s.MaxEnergyDrift)
		s.Section = w.Section()
		for _, t := range w.Trajs {
			s.Starts = append(s.Starts, t.X0)
		}
		s.SectionOf = w.SectionNames()
		s.Lag = w.Lag
		if p.compare != nil && w.Compare != nil {
			c := &s.Compare
			c.Model, c.Width = true, p.compare.M
			c.Trajectories, c.Steps, c.Behind, c.MaxEnergyDrift = w.CompareStats()
			c.MaxEnergyDrift = finiteOrMax(c.MaxEnergyDrift)
		}
	}
	p.mu.Lock()
	p.snap = s
	p.mu.Unlock()
}

// finiteOrMax keeps the JSON valid: a diverged drift shows as the largest float.
func finiteOrMax(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return math.MaxFloat64
	}
	return x
}
