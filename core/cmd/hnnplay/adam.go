package main

import (
	"io"
	"math"
	"time"

	"hnnplay/core/adam"
	"hnnplay/core/experiment"
	"hnnplay/core/fit"
	"hnnplay/core/internal/jsontext"
	"hnnplay/core/number"
)

// adamKeys: the data, the network's width and seed, and Adam's settings.
var adamKeys = append(experiment.Keys(experiment.GroupData), append([]string{"width", "seed"}, experiment.Keys(experiment.GroupAdam)...)...)

func runAdam(args []string, stdout io.Writer) error {
	fs := newFlagSet("adam", "Train the same one-hidden-layer tanh network by Adam on the vector-field loss\n"+
		"(the traditional HNN, see docs/method.md) and report its test errors.\n"+
		"train_seconds counts the Adam steps only; -budget takes seconds here.", stdout)
	sf := addSettings(fs.FlagSet, adamKeys...)
	ff := addFiles(fs.FlagSet)
	maxMemory := addMaxMemory(fs.FlagSet)
	asJSON := fs.Bool("json", false, "print one JSON object")
	save := fs.String("save", "", "write the model with its settings and this report to this `file` (a model file, read by rollout -model)")
	if err := parse(fs, args); err != nil {
		return err
	}
	s, err := sf.settings()
	if err != nil {
		return err
	}
	job := experiment.Job{Name: "training by Adam", Adam: true, Threads: threadsOf(0)}
	c := s
	c.Sampler = fit.ASWIM // Adam samples nothing: no sampler's condition applies
	if err := checkJob(c, job, maxMemory.bytes, false); err != nil {
		return err
	}
	defer applyMemoryLimit(maxMemory.bytes)()
	d, err := ff.load(&s, job, maxMemory.bytes, false)
	if err != nil {
		return err
	}
	cfg := experiment.AdamConfig(s)
	tr, err := adam.NewTrainer(d.Train.X, d.Train.Xdot, d.Train.Dof, d.X0, d.H0, cfg)
	if err != nil {
		return err
	}
	budget := s.RaceBudget.Limit(0)
	var spent time.Duration
	loss := math.NaN()
	start := time.Now()
	for tr.Steps() < s.AdamSteps && (budget == 0 || spent < budget) {
		loss = tr.Step()
		spent = time.Since(start)
		if !number.Finite(loss) {
			break
		}
	}
	m := tr.Model()
	e := d.Evaluate(m)
	var o jsontext.Object
	o.Members(experiment.DataJSON(s, d.Train.Len(), d.Test.Len(), d.TrainSource, d.TestSource))
	o.Int("width", int64(s.Width))
	o.Uint("seed", s.Seed)
	o.String("trainer", "adam")
	o.Int("steps", int64(tr.Steps()))
	o.Number("lr", cfg.LR)
	o.Int("batch", int64(cfg.Batch))
	o.Number("train_seconds", spent.Seconds())
	o.Number("loss", loss)
	o.Number("rel_l2_H", e.H)
	o.Number("rel_l2_grad", e.Grad)
	o.Number("rel_l2_xdot", e.Xdot)
	if *save != "" {
		if err := saveModel(*save, s, m, o.Bytes()); err != nil {
			return err
		}
		o.String("saved", *save)
	}
	if *asJSON {
		return writeRaw(stdout, o.Bytes())
	}
	t := newTable(stdout)
	t.describe(s, d)
	t.row("network", "Adam, width %d, seed %d, lr %g, batch %d", s.Width, s.Seed, cfg.LR, cfg.Batch)
	t.row("training", "%d steps in %.3g s, last batch loss %.3g", tr.Steps(), spent.Seconds(), loss)
	t.errors("", e)
	if *save != "" {
		t.row("saved", "%s", *save)
	}
	return t.flush()
}

// writeRaw prints one line of JSON text.
func writeRaw(w io.Writer, b []byte) error {
	_, err := w.Write(append(b, '\n'))
	return err
}
