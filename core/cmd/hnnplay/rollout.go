package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"hnnplay/core/experiment"
	"hnnplay/core/hnn"
	"hnnplay/core/integrate"
	"hnnplay/core/internal/jsontext"
	"hnnplay/core/metric"
	"hnnplay/core/number"
	"hnnplay/core/system"
)

type rolloutFit struct {
	Sampler    string  `json:"sampler"`
	Width      int     `json:"width"`
	Seed       uint64  `json:"seed"`
	Points     int     `json:"points"`
	Train      string  `json:"train"`
	FitSeconds float64 `json:"fit_seconds"`
	RelL2H     num     `json:"rel_l2_H"`
	RelL2Grad  num     `json:"rel_l2_grad"`
	RelL2Xdot  num     `json:"rel_l2_xdot"`
}

// num is a float64 that encodes NaN and ±Inf as JSON null.
type num float64

func (n num) MarshalJSON() ([]byte, error) { return jsontext.AppendNumber(nil, float64(n)), nil }

func nums(v []float64) []num {
	out := make([]num, len(v))
	for i, x := range v {
		out[i] = num(x)
	}
	return out
}

// boxJSON is a box in a report.
type boxJSON struct {
	Lo []num `json:"lo"`
	Hi []num `json:"hi"`
}

type rolloutReport struct {
	System     string            `json:"system"`
	Params     map[string]string `json:"params"`
	Domain     boxJSON           `json:"domain"`
	Model      string            `json:"model"` // the -model file, or "fit"
	Fit        *rolloutFit       `json:"fit,omitempty"`
	Integrator string            `json:"integrator"`
	H          num               `json:"h"`
	Steps      int               `json:"steps"`
	X0         []num             `json:"x0"`
	H0         num               `json:"H0"` // true H at x0
	// Warning says that x0 lies far outside the box the loaded model was
	// trained on, as standard error does.
	Warning string `json:"warning,omitempty"`

	// Along the learned trajectory: the true H's largest deviation from its
	// initial value (absolute and relative), its drift rate per unit time,
	// and the learned Ĥ's largest deviation (the integrator's own error).
	LearnedSteps       int     `json:"learned_steps"`
	LearnedFailure     string  `json:"learned_failure,omitempty"`
	LearnedEnergyError num     `json:"learned_energy_error"`
	LearnedEnergyRel   num     `json:"learned_energy_error_rel"`
	LearnedDriftRate   num     `json:"learned_drift_rate"`
	ModelEnergyError   num     `json:"model_energy_error"`
	TrueSteps          int     `json:"true_steps"`
	TrueFailure        string  `json:"true_failure,omitempty"`
	TrueEnergyError    num     `json:"true_energy_error"`
	TrueDriftRate      num     `json:"true_drift_rate"`
	EndDistance        num     `json:"end_distance"` // ‖x_learned − x_true‖ at the last common step
	MaxDistance        num     `json:"max_distance"`
	RolloutSeconds     float64 `json:"rollout_seconds"` // the learned trajectory
}

// maxRolloutValues bounds the states kept in memory: two trajectories of
// (steps+1)·2d numbers.
const maxRolloutValues = 1 << 25

// rolloutKeys: the data, the network and the integrator.
var rolloutKeys = experiment.Keys(experiment.GroupData, experiment.GroupNetwork, experiment.GroupSimulate)

// warnings is where a command writes its warnings, one line each: run sets
// it to its standard error.
var warnings io.Writer = os.Stderr

func runRollout(args []string, stdout io.Writer) error {
	fs := newFlagSet("rollout", "Fit a network (or load one with -model), integrate the learned and the true\n"+
		"flow from x0 with the same integrator, and report the true energy's drift along\n"+
		"both trajectories and the distance between them. Help is -help (-h is the step).", stdout)
	sf := addSettings(fs.FlagSet, rolloutKeys...)
	ff := addFiles(fs.FlagSet)
	solverName := addSolver(fs.FlagSet)
	modelPath := fs.String("model", "", "load the model from this `file` (written by fit -save) instead of fitting; the system, its parameters and the box are the file's, and flags or -link that disagree with it are refused")
	x0s := fs.String("x0", "", "initial state `q…,p…`; default: the box centre shifted by an eighth of the box in every coordinate (kepler: the anchor, a circular orbit)")
	steps := fs.Int("steps", 10000, "number of steps")
	maxMemory := addMaxMemory(fs.FlagSet)
	asJSON := fs.Bool("json", false, "print one JSON object")
	if helpRequested(args) {
		fs.printUsage()
		return errHelp
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	// With -model, the data and network settings are the file's; the flags
	// and the link given may only agree with them.
	var file *experiment.ModelFile
	var s experiment.Settings
	var err error
	if *modelPath != "" {
		if file, err = loadModel(*modelPath); err != nil {
			return err
		}
		if s, err = mergeModel(file, sf); err != nil {
			return err
		}
	} else if s, err = sf.settings(); err != nil {
		return err
	}
	if integrate.NeedsSeparable(s.Integrator) {
		return fmt.Errorf("-integrator %s needs a separable H, and a learned Ĥ is not separable", s.Integrator)
	}
	if *steps < 1 {
		return fmt.Errorf("-steps must be at least 1, got %d", *steps)
	}
	solver, err := solverOf(*solverName)
	if err != nil {
		return err
	}
	sys, err := s.NewSystem()
	if err != nil {
		return err
	}
	dim := 2 * sys.Dof()
	if *steps > maxRolloutValues/dim-1 {
		return fmt.Errorf("-steps %d is too many for %d coordinates (limit %d)", *steps, dim, maxRolloutValues/dim-1)
	}
	job := experiment.Job{Name: "rollout", Fit: file == nil, SVD: *solverName == "svd", RolloutSteps: *steps, Threads: threadsOf(0)}
	if file != nil {
		if err := checkMemory(s, job, maxMemory.bytes, false); err != nil {
			return err
		}
	} else if err := checkJob(s, job, maxMemory.bytes, false); err != nil {
		return err
	}
	defer applyMemoryLimit(maxMemory.bytes)()
	x0 := defaultX0(sys, s.Box)
	if *x0s != "" {
		if x0, err = parseList("x0", *x0s, dim); err != nil {
			return err
		}
	}
	if h0 := sys.H(x0); !number.Finite(h0) {
		return fmt.Errorf("the true H is not finite at -x0 %v", x0)
	}
	warning := ""
	if file != nil {
		if far := file.Outside(x0, experiment.OutsideMargin); len(far) > 0 {
			warning = fmt.Sprintf("x0 = %s lies outside the box the model was trained on, %s, by more than %g %% of its width in %s: the network was not trained there",
				fmtVec(x0), boxText(s.Box), 100*experiment.OutsideMargin, strings.Join(far, ", "))
			fmt.Fprintf(warnings, "hnnplay rollout: warning: %s\n", warning)
		}
	}
	h := s.Step

	r := rolloutReport{
		System: s.System, Params: s.Params,
		Domain: boxJSON{nums(s.Box.Lo), nums(s.Box.Hi)},
		Model:  *modelPath, Integrator: s.Integrator, H: num(h), Steps: *steps,
		X0: nums(x0), H0: num(sys.H(x0)), Warning: warning,
	}
	if r.Params == nil {
		r.Params = map[string]string{}
	}
	var model *hnn.Model
	if file != nil {
		model = file.Model
	} else {
		d, err := ff.load(&s, job, maxMemory.bytes, false)
		if err != nil {
			return err
		}
		res, err := experiment.Fit(s, d, solver)
		if err != nil {
			if res != nil {
				return failed(err)
			}
			return err
		}
		model = res.Model
		r.Model = "fit"
		r.Fit = &rolloutFit{
			Sampler: string(s.Sampler), Width: s.Width, Seed: s.Seed, Points: d.Train.Len(), Train: d.TrainSource,
			FitSeconds: res.Fit.Total.Seconds(), RelL2H: num(res.Errors.H), RelL2Grad: num(res.Errors.Grad), RelL2Xdot: num(res.Errors.Xdot),
		}
	}

	learnedStepper, err := integrate.New(s.Integrator, model, false)
	if err != nil {
		return err
	}
	trueStepper, err := integrate.New(s.Integrator, sys, sys.Separable())
	if err != nil {
		return err
	}
	start := time.Now()
	learned, lerr := integrate.Rollout(learnedStepper, x0, h, *steps, nil)
	r.RolloutSeconds = time.Since(start).Seconds()
	truth, terr := integrate.Rollout(trueStepper, x0, h, *steps, nil)
	if lerr != nil {
		r.LearnedFailure = lerr.Error()
	}
	if terr != nil {
		r.TrueFailure = terr.Error()
	}
	r.LearnedSteps, r.TrueSteps = len(learned)/dim-1, len(truth)/dim-1

	window := max(1, (*steps+1)/20)
	energies := func(H system.Hamiltonian, traj []float64) []float64 {
		hs := make([]float64, len(traj)/dim)
		for t := range hs {
			hs[t] = H.H(traj[t*dim : (t+1)*dim])
		}
		return hs
	}
	hs := energies(sys, learned)
	maxAbs, maxRel := metric.EnergyError(hs)
	r.LearnedEnergyError, r.LearnedEnergyRel = num(maxAbs), num(maxRel)
	r.LearnedDriftRate = num(metric.DriftRate(hs, window) / math.Abs(h))
	maxAbs, _ = metric.EnergyError(energies(model, learned))
	r.ModelEnergyError = num(maxAbs)
	hs = energies(sys, truth)
	maxAbs, _ = metric.EnergyError(hs)
	r.TrueEnergyError = num(maxAbs)
	r.TrueDriftRate = num(metric.DriftRate(hs, window) / math.Abs(h))
	n := min(len(learned), len(truth))
	dist := metric.TrajectoryDistance(learned[:n], truth[:n], dim)
	r.EndDistance = num(dist[len(dist)-1])
	r.MaxDistance = num(slices.Max(dist))

	if *asJSON {
		return writeJSON(stdout, r)
	}
	t := newTable(stdout)
	t.row("system", "%s", systemText(r.System, r.Params))
	if r.Fit != nil {
		t.row("model", "%s, width %d, %d points, fitted in %.3g s, rel L2 H %.3g",
			r.Fit.Sampler, r.Fit.Width, r.Fit.Points, r.Fit.FitSeconds, float64(r.Fit.RelL2H))
	} else {
		t.row("model", "%s", r.Model)
	}
	t.row("rollout", "%s, h = %g, %d steps from x0 = %s (H = %.6g)", r.Integrator, h, r.Steps, fmtVec(x0), float64(r.H0))
	t.row("learned: max |H−H0|", "%.3g (relative %.3g), drift rate %.3g per unit time",
		float64(r.LearnedEnergyError), float64(r.LearnedEnergyRel), float64(r.LearnedDriftRate))
	t.row("learned: max |Ĥ−Ĥ0|", "%.3g", float64(r.ModelEnergyError))
	t.row("true: max |H−H0|", "%.3g, drift rate %.3g per unit time", float64(r.TrueEnergyError), float64(r.TrueDriftRate))
	t.row("distance", "%.3g at the end, %.3g at most", float64(r.EndDistance), float64(r.MaxDistance))
	if r.LearnedFailure != "" {
		t.row("learned failed", "after %d steps: %s", r.LearnedSteps, r.LearnedFailure)
	}
	if r.TrueFailure != "" {
		t.row("true failed", "after %d steps: %s", r.TrueSteps, r.TrueFailure)
	}
	t.row("time", "%.3g s for the learned trajectory", r.RolloutSeconds)
	return t.flush()
}

// helpRequested reports whether args ask for help with a bare -h: rollout's
// -h is the time step, so "-h" counts as help only without a number after it.
func helpRequested(args []string) bool {
	for i, a := range args {
		if a == "--" {
			return false
		}
		if a != "-h" && a != "--h" {
			continue
		}
		if i+1 == len(args) {
			return true
		}
		if _, err := strconv.ParseFloat(args[i+1], 64); err != nil && strings.HasPrefix(args[i+1], "-") {
			return true
		}
	}
	return false
}

// defaultX0 is a state inside the box on a bounded orbit for every default
// box: the centre shifted by an eighth of the box in every coordinate
// (pendulum (π/2, 1/4), Hénon–Heiles 1/4 everywhere); for Kepler, whose box
// centre has no momentum, the anchor's circular orbit.
func defaultX0(sys system.System, box system.Box) []float64 {
	if sys.Name() == "kepler" {
		return sys.Anchor()
	}
	x := make([]float64, len(box.Lo))
	for i := range x {
		lo, hi := box.Lo[i], box.Hi[i]
		x[i] = (lo+hi)/2 + (hi-lo)/8
	}
	return x
}

func fmtVec(x []float64) string {
	parts := make([]string, len(x))
	for i, v := range x {
		parts[i] = strconv.FormatFloat(v, 'g', 4, 64)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// mergeModel returns the settings of a rollout of the model file f: its data
// and network settings, and the rest from the flags and the link given. A
// data or network setting given that disagrees with the file's is refused,
// naming both: "the model was trained on lotka-volterra, -system says
// pendulum".
func mergeModel(f *experiment.ModelFile, sf *settingFlags) (experiment.Settings, error) {
	given, from, err := sf.given()
	if err != nil {
		return experiment.Settings{}, err
	}
	s, err := f.Merge(given)
	var mm *experiment.Mismatch
	if errors.As(err, &mm) {
		who := from[mm.Key]
		if p := experiment.Lookup("params"); mm.Key == p.Key {
			for k, w := range from {
				if strings.HasPrefix(k, p.Prefix) {
					who = w
				}
			}
		}
		return s, errors.New(mm.Says(who))
	}
	return s, firstError(err, from)
}

// boxText writes a box as intervals: "[-2pi, 2pi] × [-1, 1]".
func boxText(b system.Box) string {
	parts := make([]string, len(b.Lo))
	for i := range parts {
		parts[i] = "[" + number.Format(b.Lo[i]) + ", " + number.Format(b.Hi[i]) + "]"
	}
	return strings.Join(parts, " × ")
}
