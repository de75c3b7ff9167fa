package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"hnnplay/core/experiment"
	"hnnplay/core/hnn"
)

// fitKeys are the settings of a fit: the data and the network.
var fitKeys = experiment.Keys(experiment.GroupData, experiment.GroupNetwork)

func runFit(args []string, stdout io.Writer) error {
	fs := newFlagSet("fit", "Sample the hidden layer, solve the least-squares problem for the output layer\n"+
		"and report the relative L2 test errors of H, ∇H and ẋ, with fingerprints of the\n"+
		"training data and of the hidden layer. -link takes the settings of a page's link,\n"+
		"so `hnnplay fit -link '<link>' -json` trains what the page trained.", stdout)
	sf := addSettings(fs.FlagSet, withoutView(fitKeys)...)
	ff := addFiles(fs.FlagSet)
	solverName := addSolver(fs.FlagSet)
	threads := addThreads(fs.FlagSet)
	asJSON := fs.Bool("json", false, "print one JSON object")
	save := fs.String("save", "", "write the model as JSON to this `file`")
	if err := parse(fs, args); err != nil {
		return err
	}
	s, solver, undo, err := prepare(sf, *solverName, *threads)
	if err != nil {
		return err
	}
	defer undo()
	t0 := time.Now()
	d, err := ff.load(s)
	if err != nil {
		return err
	}
	dataSeconds := time.Since(t0).Seconds()
	r, err := experiment.Fit(s, d, solver)
	if err != nil {
		if errors.Is(err, experiment.ErrBadFit) || r != nil {
			return failed(err)
		}
		return err
	}
	r.DataSeconds, r.Solver, r.Threads = dataSeconds, *solverName, runtime.GOMAXPROCS(0)
	if *save != "" {
		if err := saveModel(*save, r.Model); err != nil {
			return err
		}
		r.Saved = *save
	}
	if *asJSON {
		b, err := r.MarshalJSON()
		if err != nil {
			return failed(err)
		}
		return writeRaw(stdout, b)
	}
	t := newTable(stdout)
	t.describe(s, d)
	t.row("network", "%s, width %d, seed %d, %s solver, rcond %g", s.Sampler, s.Width, s.Seed, r.Solver, s.Rcond)
	f := r.Fit
	t.row("fit", "%.3g s (sample %.3g, assemble %.3g, solve %.3g) on %d threads",
		f.Total.Seconds(), f.Sample.Seconds(), f.Assemble.Seconds(), f.Solve.Seconds(), r.Threads)
	t.row("rank", "%d of %d", f.Rank, s.Width+1)
	t.row("residual", "%.3g", f.Residual)
	t.errors("", r.Errors)
	if r.Corrected != nil {
		t.errors("corrected ", *r.Corrected)
	}
	t.row("fingerprints", "data %s, hidden layer %s", r.DataFingerprint, r.HiddenFingerprint)
	if r.Saved != "" {
		t.row("saved", "%s", r.Saved)
	}
	return t.flush()
}

// withoutView drops the keys that have no flag.
func withoutView(keys []string) []string {
	var out []string
	for _, k := range keys {
		if f := experiment.Lookup(k); f != nil && f.Flag != "" {
			out = append(out, k)
		}
	}
	return out
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
