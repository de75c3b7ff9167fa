package main

import (
	"bytes"
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
	maxMemory := addMaxMemory(fs.FlagSet)
	asJSON := fs.Bool("json", false, "print one JSON object")
	save := fs.String("save", "", "write the model with its settings and this report to this `file` (a model file, read by rollout -model)")
	if err := parse(fs, args); err != nil {
		return err
	}
	s, solver, job, undo, err := prepare(sf, *solverName, *threads, "fit", false, maxMemory.bytes)
	if err != nil {
		return err
	}
	defer undo()
	t0 := time.Now()
	d, err := ff.load(&s, job, maxMemory.bytes, true)
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
		report, err := r.MarshalJSON()
		if err != nil {
			return failed(err)
		}
		if err := saveModel(*save, s, r.Model, report); err != nil {
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
	for _, p := range []struct {
		name, where string
		e           *experiment.PartErrors
	}{{"inside", "inside", r.Inside}, {"outside", "outside", r.Outside}} {
		if p.e != nil {
			t.row(p.name, "%d test points %s the training region", p.e.Points, p.where)
			t.errors(p.name+" ", p.e.Errors)
		}
	}
	if r.Upload != nil {
		t.row("your data", "%s", r.Upload.Text(r))
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

// saveModel writes m, trained with s, to path as a model file (see
// experiment.WriteModelFile) with the training's report.
func saveModel(path string, s experiment.Settings, m *hnn.Model, report []byte) error {
	var b bytes.Buffer
	if err := experiment.WriteModelFile(&b, s, m, report, nil); err != nil {
		return failed(err)
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// loadModel reads the model file at path (see experiment.ReadModelFile).
func loadModel(path string) (*experiment.ModelFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	mf, err := experiment.ReadModelFile(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return mf, nil
}
