package experiment

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"hnnplay/core/fit"
	"hnnplay/core/integrate"
	"hnnplay/core/number"
	"hnnplay/core/race"
	"hnnplay/core/system"
)

// Settings is one experiment: everything that decides the data, the fitted
// network, how its flow is integrated and how the race against Adam runs,
// plus what the page shows (View). It is what a page's link, the command
// line's flags and the worker's request each describe; Parse makes it from
// any of them, Values writes it back.
type Settings struct {
	// Data.
	System     string            // a registered system (see system.Names)
	Params     map[string]string // the system parameters the user set; nil or empty for none
	Formula    string            // the typed H of the custom system (system.Custom); "" for the others
	Box        system.Box        // the box the data are drawn from (and the plot's window)
	TrainBox   system.Box        // the part of Box the training states are drawn from; no bounds: all of Box
	Region     string            // RegionBox, or RegionRing: states near circular orbits
	Points     int               // training states K
	TestPoints int               // test states
	Noise      float64           // standard deviation of Gaussian noise on the training targets ẋ
	Snapshots  float64           // limited-data mode: observation step h of snapshot pairs; 0 for exact derivatives
	DataSeed   uint64            // seed of the training and test states and of the noise
	Data       string            // the name of an uploaded data file trained on instead (see UploadData); "" for generated data

	// The sampled network.
	Width   int
	Sampler fit.Sampler
	Rcond   float64
	Seed    uint64 // seed of the hidden layer (and of Adam's initial network)

	// Integration of the learned flow.
	Integrator string
	Step       float64

	// Adam, the baseline of a race.
	AdamSteps  int
	AdamLR     float64
	AdamBatch  int
	RaceBudget race.Budget

	View View
}

// View is what the page shows; it does not change the model.
type View struct {
	Speed   int                // integrator steps per frame
	Layers  []string           // the layers drawn, in the order of their options
	Playing bool               // trajectories move
	Section map[string]float64 // fixed coordinates of a 4-d system's section; missing ones are at the anchor
	Starts  [][]float64        // the initial states of the trajectories shown
	Energy  bool               // the energy strip under the plot is shown
	Present bool               // presentation mode: large type, thick lines, high contrast
	Embed   bool               // embedded in another page: the plot with a compact toolbar
	Hide    []string           // control groups hidden (classroom links)
	// Lesson is the open lesson of the guided tour (see Lessons), 1-based;
	// 0 when none is open.
	Lesson int
	// SelfTest is how many seconds the page drives itself with random
	// input after loading, reporting what goes wrong (0: it does not).
	SelfTest int
}

// Data regions (the options of the region field), and the ring's extent.
const (
	RegionBox  = "box"  // uniformly in the box
	RegionRing = "ring" // near the circular orbits of a central force (data.Ring)

	RingInner, RingOuter = 0.7, 1.3 // radii of the ring of positions
	RingSpread           = 0.25     // largest deviation of each momentum from the circular orbit's
)

// MaxStarts is the most trajectories a link holds (the page draws as many).
const MaxStarts = 40

// Layer names (the options of the layers field).
const (
	LayerLearned = "learned" // level sets of Ĥ
	LayerTrue    = "true"    // level sets of H
	LayerField   = "field"   // flowing particles of the learned vector field
	LayerPoints  = "points"  // training points
	LayerError   = "error"   // heat map of |Ĥ − H|
	// LayerSampling shows where the hidden layer was sampled: each neuron's
	// hyperplane w·x + b = 0 and the pair of training points behind it.
	LayerSampling = "sampling"
	// LayerPoincare shows, for a system of two degrees of freedom, where
	// the trajectories cross q₂ = 0 upwards: a Poincaré section.
	LayerPoincare = "poincare"
	// LayerArms draws the pendulums themselves (the pendulum, the double
	// pendulum): each trajectory's rods under the learned flow beside the
	// same under the true flow.
	LayerArms = "arms"
	// LayerOrbit draws, for a central-force problem (Kepler), the orbits
	// in the plane of the positions around the centre.
	LayerOrbit = "orbit"
)

// MaxSeed is the largest seed: 2⁵³ − 1, the largest whole number a
// JavaScript number holds exactly, so that a link keeps it.
const MaxSeed = 1<<53 - 1

// Fields is the table of settings, in the order of the page's form and of a
// link. Each setting is declared here once.
var Fields = []Field{
	{Key: "system", Flag: "system", Label: "System", Group: GroupData, Kind: Choice, Default: "pendulum",
		Options: systemOptions(), Help: "the physical system whose Hamiltonian H the network learns",
		parse:  func(s *Settings, t string) error { s.System = t; return nil },
		format: func(s *Settings) string { return s.System }},
	{Key: "params", Flag: "param", Label: "System parameter", Group: GroupData, Kind: Map, Prefix: "p.",
		Help:   "parameters of the system as name=value, e.g. f=10, alpha=1, preset=shifted; unset ones keep their defaults",
		parseM: parseParams, formatM: func(s *Settings) map[string]string { return maps.Clone(s.Params) }},
	{Key: "formula", Flag: "formula", Label: "Formula", Group: GroupData, Kind: Text, Default: system.DefaultFormula, Optional: true,
		Help:  formulaHelp,
		parse: parseFormula, format: func(s *Settings) string { return s.Formula }},
	{Key: "box", Flag: "domain", Label: "Box", Group: GroupData, Kind: Text,
		Help:  "lo,hi for each coordinate, the q's then the p's (numbers, pi, 2pi, -pi/2…); empty: the system's own box",
		parse: parseBoxField, format: func(s *Settings) string { return FormatBox(s.Box) }},
	{Key: "train_box", Flag: "train-box", Label: "Training region", Group: GroupData, Kind: Text, Optional: true,
		Help:  "the part of the box the training points come from, lo,hi per coordinate; empty = the whole box",
		parse: parseTrainBox, format: func(s *Settings) string { return FormatBox(s.TrainBox) }},
	intField("points", "points", "Points", GroupData, 1500, 10, 50000, "training points, drawn uniformly in the box",
		func(s *Settings) *int { return &s.Points }),
	intField("test_points", "test-points", "Test points", GroupData, 2000, 1, 1_000_000, "test points, drawn uniformly in the box after the training points",
		func(s *Settings) *int { return &s.TestPoints }),
	{Key: "region", Flag: "region", Label: "Data region", Group: GroupData, Kind: Choice, Default: RegionBox,
		Options: []Option{{RegionBox, "Uniform in the box"}, {RegionRing, "Near circular orbits (Kepler)"}},
		Help: "where the states are drawn: uniformly in the box, or, for a central force, near the circular orbits of " +
			"radius 0.7 to 1.3 (positions in that ring, momenta the circular orbit's ± 0.25), so that whole orbits lie in the data",
		parse:  func(s *Settings, t string) error { s.Region = t; return nil },
		format: func(s *Settings) string { return s.Region }},
	floatField("noise", "noise", "Noise", GroupData, 0, 0, 10, "standard deviation σ of Gaussian noise added to the training targets ẋ",
		func(s *Settings) *float64 { return &s.Noise }),
	floatField("snapshots", "snapshots", "Snapshot step", GroupData, 0, 0, 2, "limited data: learn from pairs of states h apart instead of exact derivatives; 0 = off",
		func(s *Settings) *float64 { return &s.Snapshots }),
	seedField("data_seed", "data-seed", "Data seed", GroupData, "seed of the training and test states and of the noise",
		func(s *Settings) *uint64 { return &s.DataSeed }),
	{Key: "data", Flag: "data", Label: "Your data", Group: GroupData, Kind: Text, Optional: true,
		Help: "a CSV file of your own to train on instead of generated data: states with derivatives (q…, p…, q̇…, ṗ…[, H]) " +
			"or trajectories under a header naming a time column (t, q…, p…[, id]); a link holds only the file's name",
		parse: parseDataName, format: func(s *Settings) string { return s.Data }},

	intField("width", "width", "Width", GroupNetwork, 200, 1, 20000, "hidden neurons M",
		func(s *Settings) *int { return &s.Width }),
	{Key: "sampler", Flag: "sampler", Label: "Sampler", Group: GroupNetwork, Kind: Choice, Default: string(fit.ASWIM),
		Options: []Option{{"elm", "ELM"}, {"uswim", "U-SWIM"}, {"swim", "SWIM"}, {"aswim", "A-SWIM"}},
		Help:    "how the hidden layer is chosen: random (ELM), from pairs of points (U-SWIM), pairs where the true H changes fastest (SWIM), or where a first fit's Ĥ does (A-SWIM)",
		parse:   func(s *Settings, t string) error { s.Sampler = fit.Sampler(t); return nil },
		format:  func(s *Settings) string { return string(s.Sampler) }},
	floatField("rcond", "rcond", "rcond", GroupNetwork, fit.DefaultRcond, 1e-16, 0.1, "relative cut-off of the least-squares solve: singular values below rcond·σ_max are dropped",
		func(s *Settings) *float64 { return &s.Rcond }),
	seedField("seed", "seed", "Seed", GroupNetwork, "seed of the hidden layer (and of Adam's initial network)",
		func(s *Settings) *uint64 { return &s.Seed }),

	{Key: "integrator", Flag: "integrator", Label: "Integrator", Group: GroupSimulate, Kind: Choice, Default: "implicit-midpoint",
		Options: integratorOptions(), Help: "how trajectories of the learned and the true flow are computed",
		parse:  func(s *Settings, t string) error { s.Integrator = t; return nil },
		format: func(s *Settings) string { return s.Integrator }},
	floatField("step", "h", "Step size", GroupSimulate, 0.05, 1e-4, 1, "time step h of the integrator",
		func(s *Settings) *float64 { return &s.Step }),

	intField("adam_steps", "steps", "Adam's steps", GroupAdam, 3000, 1, 10_000_000, "the most steps Adam takes",
		func(s *Settings) *int { return &s.AdamSteps }),
	floatField("adam_lr", "lr", "Adam's learning rate", GroupAdam, 5e-4, 1e-12, 1, "Adam's learning rate",
		func(s *Settings) *float64 { return &s.AdamLR }),
	intField("adam_batch", "batch", "Adam's batch", GroupAdam, 2048, 1, 50000, "training points per Adam step (at most all of them)",
		func(s *Settings) *int { return &s.AdamBatch }),
	{Key: "adam_budget", Flag: "budget", Label: "Adam's time limit", Group: GroupAdam, Kind: Text,
		Help: `Adam's time limit: "100x" = 100 × the sampled fit's time, "60" = 60 s of training, "100x, 60" = the smaller; empty = none`,
		parse: func(s *Settings, t string) error {
			b, err := race.ParseBudget(t)
			s.RaceBudget = b
			return err
		},
		format: func(s *Settings) string { return s.RaceBudget.String() }},

	intField("speed", "", "Speed", GroupView, 2, 1, 50, "integrator steps per frame",
		func(s *Settings) *int { return &s.View.Speed }),
	{Key: "layers", Label: "Layers", Group: GroupView, Kind: Set, Default: "learned,true,field",
		Options: []Option{{LayerLearned, "Level sets of the learned Ĥ"}, {LayerTrue, "Level sets of the true H"},
			{LayerField, "Learned vector field"}, {LayerPoints, "Training points"}, {LayerError, "Error |Ĥ − H|"},
			{LayerSampling, "Where it sampled: pairs and neurons"}, {LayerPoincare, "Poincaré section (4-d systems)"},
			{LayerArms, "The pendulums themselves"}, {LayerOrbit, "Orbits around the centre (Kepler)"}},
		Help:   "what the phase-space plot draws",
		parse:  func(s *Settings, t string) error { s.View.Layers = splitSet(t); return nil },
		format: func(s *Settings) string { return strings.Join(s.View.Layers, ",") }},
	boolField("playing", "Playing", "whether trajectories move", true, func(s *Settings) *bool { return &s.View.Playing }),
	{Key: "section", Label: "Section", Group: GroupView, Kind: Map, Prefix: "section.",
		Help:   "a 4-d system is shown on the (q₁, p₁) plane with the other coordinates fixed at these values (default: the anchor state)",
		parseM: parseSection, formatM: formatSection},
	{Key: "traj", Label: "Trajectories", Group: GroupView, Kind: Text,
		Help:  "the initial states of the trajectories, q's then p's, separated by semicolons, e.g. 1,0;2,0.5",
		parse: parseStarts, format: formatStarts},
	boolField("energy", "Energy strip", "the energy error along each trajectory, under the plot", true,
		func(s *Settings) *bool { return &s.View.Energy }),
	boolField("present", "Presentation mode", "large type, thick lines and strong colours, for a projector", false,
		func(s *Settings) *bool { return &s.View.Present }),
	boolField("embed", "Embedded", "the plot fills the page, with a compact toolbar: for a frame in another page", false,
		func(s *Settings) *bool { return &s.View.Embed }),
	{Key: "hide", Label: "Hidden controls", Group: GroupView, Kind: Set,
		Options: []Option{{"train", "Training settings"}, {"system", "System choice"}, {"race", "Comparison with gradient descent"},
			{"simulate", "Simulation settings"}, {"layers", "Layers"}, {"share", "Share and export"}, {"about", "Explanations"}},
		Help:   "control groups to hide, for a classroom link",
		parse:  func(s *Settings, t string) error { s.View.Hide = splitSet(t); return nil },
		format: func(s *Settings) string { return strings.Join(s.View.Hide, ",") }},
	intField("lesson", "", "Lesson", GroupView, 0, 0, NumLessons,
		"the lesson of the guided tour shown beside the plot (1 to the number of lessons; 0: none)",
		func(s *Settings) *int { return &s.View.Lesson }),
	intField("selftest", "", "Self-test", GroupView, 0, 0, 3600,
		"seconds of random clicks, drags, keys and settings that the page plays on itself, reporting console errors, stalled frames and inconsistent state (0: none)",
		func(s *Settings) *int { return &s.View.SelfTest }),
}

func intField(key, flag, label string, g Group, def, lo, hi int, help string, at func(*Settings) *int) Field {
	return Field{Key: key, Flag: flag, Label: label, Group: g, Kind: Int, Default: strconv.Itoa(def),
		Min: float64(lo), Max: float64(hi), Help: help,
		parse:  func(s *Settings, t string) error { v, err := strconv.Atoi(t); *at(s) = v; return err },
		format: func(s *Settings) string { return strconv.Itoa(*at(s)) }}
}

func seedField(key, flag, label string, g Group, help string, at func(*Settings) *uint64) Field {
	return Field{Key: key, Flag: flag, Label: label, Group: g, Kind: Int, Default: "1",
		Min: 0, Max: MaxSeed, Help: help,
		parse:  func(s *Settings, t string) error { v, err := strconv.ParseUint(t, 10, 64); *at(s) = v; return err },
		format: func(s *Settings) string { return strconv.FormatUint(*at(s), 10) }}
}

func floatField(key, flag, label string, g Group, def, lo, hi float64, help string, at func(*Settings) *float64) Field {
	return Field{Key: key, Flag: flag, Label: label, Group: g, Kind: Float, Default: number.Format(def),
		Min: lo, Max: hi, Help: help,
		parse:  func(s *Settings, t string) error { v, err := number.Parse(t); *at(s) = v; return err },
		format: func(s *Settings) string { return number.Format(*at(s)) }}
}

func boolField(key, label, help string, def bool, at func(*Settings) *bool) Field {
	return Field{Key: key, Label: label, Group: GroupView, Kind: Bool, Default: strconv.FormatBool(def), Help: help,
		parse:  func(s *Settings, t string) error { *at(s) = t == "true"; return nil },
		format: func(s *Settings) string { return strconv.FormatBool(*at(s)) }}
}

func systemOptions() []Option {
	var o []Option
	for _, n := range system.Names() {
		o = append(o, Option{n, system.Title(n)})
	}
	return o
}

func integratorOptions() []Option {
	var o []Option
	for _, n := range integrate.Names() {
		o = append(o, Option{n, integrate.Label(n)})
	}
	return o
}

func splitSet(t string) []string {
	if t == "" {
		return []string{}
	}
	return strings.Split(t, ",")
}

// NewSystem returns the system of s with its parameters (and, for the
// custom system, its formula).
func (s *Settings) NewSystem() (system.System, error) {
	sys, err := s.systemWith(s.Params)
	if err != nil {
		return nil, fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "system: "))
	}
	return sys, nil
}

func parseParams(s *Settings, values map[string]string) error {
	s.Params = nil
	if len(values) == 0 {
		return nil
	}
	s.Params = make(map[string]string, len(values))
	for k, v := range values {
		s.Params[k] = strings.TrimSpace(v)
	}
	if s.System == system.Custom {
		return checkFormulaParams(s)
	}
	if _, err := system.New(s.System, s.Params); err != nil {
		msg := strings.TrimPrefix(err.Error(), "system: ")
		key := "params"
		for _, k := range slices.Sorted(maps.Keys(values)) {
			if strings.Contains(msg, strconv.Quote(k)) {
				key = "p." + k
				break
			}
		}
		return &FieldError{key, "System parameter: " + msg}
	}
	return nil
}

func parseBoxField(s *Settings, text string) error {
	sys, err := s.NewSystem()
	if err != nil {
		return err
	}
	if text == "" {
		text = presetValue(s, "box")
	}
	if text == "" {
		s.Box = sys.Box().Clone()
		return nil
	}
	b, err := ParseBox(text, 2*sys.Dof())
	if err != nil {
		return &FieldError{"box", err.Error()}
	}
	s.Box = b
	return nil
}

// SectionNames returns the coordinates that a section of a system with dof
// degrees of freedom fixes: all but q₁ and p₁, which span the plot.
func SectionNames(dof int) []string {
	if dof < 2 {
		return nil
	}
	names := system.CoordNames(dof)
	return slices.DeleteFunc(names, func(n string) bool { return n == "q1" || n == "p1" })
}

func parseSection(s *Settings, values map[string]string) error {
	s.View.Section = map[string]float64{}
	if len(values) == 0 {
		return nil
	}
	sys, err := s.NewSystem()
	if err != nil {
		return nil // the system's own error is reported
	}
	allowed := SectionNames(sys.Dof())
	for _, k := range slices.Sorted(maps.Keys(values)) {
		if !slices.Contains(allowed, k) {
			if len(allowed) == 0 {
				return &FieldError{"section." + k, fmt.Sprintf("Section: %s has no section (it is 2-d), got section.%s", s.System, k)}
			}
			return &FieldError{"section." + k, fmt.Sprintf("Section: %s is not a fixed coordinate of %s (want %s)", k, s.System, strings.Join(allowed, ", "))}
		}
		v, err := number.Parse(values[k])
		if err != nil || math.Abs(v) > 1e6 {
			return &FieldError{"section." + k, fmt.Sprintf("Section value %s must be a number from -1e6 to 1e6, got %q", k, values[k])}
		}
		s.View.Section[k] = v
	}
	return nil
}

func formatSection(s *Settings) map[string]string {
	m := make(map[string]string, len(s.View.Section))
	for k, v := range s.View.Section {
		m[k] = number.Format(v)
	}
	return m
}

// parseStarts reads "q,p;q,p;…": at most MaxStarts states of the system's
// dimension.
func parseStarts(s *Settings, text string) error {
	s.View.Starts = nil
	if text == "" {
		return nil
	}
	sys, err := s.NewSystem()
	if err != nil {
		return nil // the system's own error is reported
	}
	dim := 2 * sys.Dof()
	parts := strings.Split(text, ";")
	if len(parts) > MaxStarts {
		return fmt.Errorf("are at most %d, got %d", MaxStarts, len(parts))
	}
	for i, part := range parts {
		nums := strings.Split(part, ",")
		if len(nums) != dim {
			return fmt.Errorf("need %d numbers each (q's then p's), got %d in %q (trajectory %d)", dim, len(nums), part, i+1)
		}
		x := make([]float64, dim)
		for j, n := range nums {
			v, err := number.Parse(n)
			if err != nil || math.Abs(v) > 1e6 {
				return fmt.Errorf("need numbers from -1e6 to 1e6: %q in trajectory %d", n, i+1)
			}
			x[j] = v
		}
		s.View.Starts = append(s.View.Starts, x)
	}
	return nil
}

func formatStarts(s *Settings) string {
	parts := make([]string, len(s.View.Starts))
	for i, x := range s.View.Starts {
		nums := make([]string, len(x))
		for j, v := range x {
			nums[j] = number.Format(v)
		}
		parts[i] = strings.Join(nums, ",")
	}
	return strings.Join(parts, ";")
}
