package main

import (
	"fmt"
	"io"
	"math"
	"time"

	"hnnplay/core/adam"
)

type adamReport struct {
	common
	Steps        int     `json:"steps"`
	LR           num     `json:"lr"`
	Batch        int     `json:"batch"`
	TrainSeconds float64 `json:"train_seconds"`
	Loss         num     `json:"loss"` // batch loss of the last step
	errorsJSON
	Saved string `json:"saved,omitempty"`
}

func runAdam(args []string, stdout io.Writer) error {
	fs := newFlagSet("adam", "Train the same one-hidden-layer tanh network by Adam on the vector-field loss\n"+
		"(the traditional HNN, SPEC §7.9) and report its test errors. train_seconds\n"+
		"counts the Adam steps only.", stdout)
	do := addDataFlags(fs.FlagSet)
	var width int
	var seed uint64
	addWidthSeed(fs.FlagSet, &width, &seed)
	ao := addAdamFlags(fs.FlagSet, "Adam steps", 0, "stop after this many `seconds` of training as well (0 = no limit)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	save := fs.String("save", "", "write the model as JSON to this `file`")
	if err := parse(fs, args); err != nil {
		return err
	}
	if width < 1 {
		return fmt.Errorf("-width must be at least 1, got %d", width)
	}
	if err := ao.check(false); err != nil {
		return err
	}
	p, err := do.load()
	if err != nil {
		return err
	}
	tr, err := adam.NewTrainer(p.train.X, p.train.Xdot, p.train.Dof, p.x0, p.h0, ao.config(width, seed))
	if err != nil {
		return err
	}
	budget := ao.budgetDuration()
	var spent time.Duration
	loss := math.NaN()
	start := time.Now()
	for tr.Steps() < ao.steps && (budget == 0 || spent < budget) {
		loss = tr.Step()
		spent = time.Since(start)
		if !finite(loss) {
			break
		}
	}
	m := tr.Model()
	r := adamReport{
		common: p.common(do, width, seed),
		Steps:  tr.Steps(), LR: num(ao.lr), Batch: ao.batch,
		TrainSeconds: spent.Seconds(), Loss: num(loss),
		errorsJSON: p.evaluate(m),
	}
	if *save != "" {
		if err := saveModel(*save, m); err != nil {
			return err
		}
		r.Saved = *save
	}
	if *asJSON {
		return writeJSON(stdout, r)
	}
	t := newTable(stdout)
	t.describe(r.common)
	t.row("network", "Adam, width %d, seed %d, lr %g, batch %d", r.Width, r.Seed, float64(r.LR), r.Batch)
	t.row("training", "%d steps in %.3g s, last batch loss %.3g", r.Steps, r.TrainSeconds, float64(r.Loss))
	t.errors("", r.errorsJSON)
	if r.Saved != "" {
		t.row("saved", "%s", r.Saved)
	}
	return t.flush()
}
