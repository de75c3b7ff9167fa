package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"

	"hnnplay/core/data"
	"hnnplay/core/fit"
	"hnnplay/core/hnn"
)

type fitReport struct {
	common
	Sampler         string  `json:"sampler"`
	Solver          string  `json:"solver"`
	Rcond           num     `json:"rcond"`
	Threads         int     `json:"threads"`
	FitSeconds      float64 `json:"fit_seconds"`
	SampleSeconds   float64 `json:"sample_seconds"`
	AssembleSeconds float64 `json:"assemble_seconds"`
	SolveSeconds    float64 `json:"solve_seconds"`
	Rank            int     `json:"rank"`
	Residual        num     `json:"residual"`
	errorsJSON
	// Limited-data mode: the errors of the corrected Ĥ + (h/2)∇_qĤ·∇_pĤ.
	Corrected *errorsJSON `json:"corrected,omitempty"`
	Saved     string      `json:"saved,omitempty"`
}

func runFit(args []string, stdout io.Writer) error {
	fs := newFlagSet("fit", "Sample the hidden layer, solve the least-squares problem for the output layer\n"+
		"and report the relative L2 test errors of H, ∇H and ẋ.", stdout)
	do := addDataFlags(fs.FlagSet)
	fo := addFitFlags(fs.FlagSet)
	threads := addThreads(fs.FlagSet)
	asJSON := fs.Bool("json", false, "print one JSON object")
	save := fs.String("save", "", "write the model as JSON to this `file`")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := fo.check(); err != nil {
		return err
	}
	undo, err := applyThreads(*threads)
	if err != nil {
		return err
	}
	defer undo()
	p, err := do.load()
	if err != nil {
		return err
	}
	res, err := fitModel(p, fo)
	if err != nil {
		return err
	}
	r := fitReport{
		common:  p.common(do, fo.width, fo.seed),
		Sampler: fo.sampler, Solver: fo.solver, Rcond: num(fo.rcond),
		Threads:         runtime.GOMAXPROCS(0),
		FitSeconds:      res.Total.Seconds(),
		SampleSeconds:   res.Sample.Seconds(),
		AssembleSeconds: res.Assemble.Seconds(),
		SolveSeconds:    res.Solve.Seconds(),
		Rank:            res.Rank, Residual: num(res.Residual),
		errorsJSON: p.evaluate(res.Model),
	}
	if do.snapshots > 0 {
		e := p.evaluate(&data.CorrectedHamiltonian{Base: res.Model, Step: do.snapshots})
		r.Corrected = &e
	}
	if *save != "" {
		if err := saveModel(*save, res.Model); err != nil {
			return err
		}
		r.Saved = *save
	}
	if *asJSON {
		return writeJSON(stdout, r)
	}
	t := newTable(stdout)
	t.describe(r.common)
	t.row("network", "%s, width %d, seed %d, %s solver, rcond %g", r.Sampler, r.Width, r.Seed, r.Solver, float64(r.Rcond))
	t.row("fit", "%.3g s (sample %.3g, assemble %.3g, solve %.3g) on %d threads",
		r.FitSeconds, r.SampleSeconds, r.AssembleSeconds, r.SolveSeconds, r.Threads)
	t.row("rank", "%d of %d", r.Rank, r.Width+1)
	t.row("residual", "%.3g", float64(r.Residual))
	t.errors("", r.errorsJSON)
	if r.Corrected != nil {
		t.errors("corrected ", *r.Corrected)
	}
	if r.Saved != "" {
		t.row("saved", "%s", r.Saved)
	}
	return t.flush()
}

// fitModel runs the sampled fit; a failure of the computation gets exit
// status 1, an invalid problem status 2.
func fitModel(p *problem, fo *fitOpts) (*fit.Result, error) {
	prob, cfg := p.fitProblem(), fo.config()
	if err := fit.Validate(prob, cfg); err != nil {
		return nil, err
	}
	res, err := fit.Fit(prob, cfg)
	if err != nil {
		return nil, failed(err)
	}
	return res, nil
}

func saveModel(path string, m *hnn.Model) error {
	b, err := json.Marshal(m)
	if err != nil {
		return failed(err)
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// loadModel reads a model written by -save and checks it fits the system.
func loadModel(path string, dof int) (*hnn.Model, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m hnn.Model
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: not a model file: %v", path, err)
	}
	if m.D != 2*dof {
		return nil, fmt.Errorf("%s: the model has %d inputs, the system has %d coordinates", path, m.D, 2*dof)
	}
	return &m, nil
}
