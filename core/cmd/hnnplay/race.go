package main

import (
	"io"
	"math"
	"runtime"

	"hnnplay/core/race"
)

type raceReport struct {
	common
	Sampler string `json:"sampler"`
	Solver  string `json:"solver"`
	Rcond   num    `json:"rcond"`
	Threads int    `json:"threads"`
	// Adam's settings and limits.
	MaxSteps      int     `json:"max_steps"`
	LR            num     `json:"lr"`
	Batch         int     `json:"batch"`
	BudgetSeconds float64 `json:"budget_seconds"`

	SampledSeconds    float64 `json:"sampled_seconds"`
	SampledError      num     `json:"sampled_rel_l2_H"`
	AdamSeconds       float64 `json:"adam_seconds"`
	AdamSteps         int     `json:"adam_steps"`
	AdamBestError     num     `json:"adam_best_rel_l2_H"`
	AdamFinalError    num     `json:"adam_final_rel_l2_H"`
	Reached           bool    `json:"reached"`
	TimeToReach       num     `json:"time_to_reach"`
	StepsToReach      int     `json:"steps_to_reach"`
	Speedup           num     `json:"speedup"`
	SpeedupLowerBound bool    `json:"speedup_lower_bound"`
	Diverged          bool    `json:"diverged"`
	Text              string  `json:"summary"`
	// Adam's test error of H over its training time.
	Curve []pointJSON `json:"curve"`
}

type pointJSON struct {
	Seconds float64 `json:"seconds"`
	Steps   int     `json:"steps"`
	RelL2H  num     `json:"rel_l2_H"`
}

func runRace(args []string, stdout io.Writer) error {
	fs := newFlagSet("race", "Fit the sampled network and train the same network by Adam on identical training\n"+
		"and test sets, then report both errors, both training times and the speed-up:\n"+
		"the time Adam needed to reach the sampled network's test error of H over the\n"+
		"sampled fit time, or, if it never did, Adam's whole time over the sampled time\n"+
		"as a lower bound. Data generation and evaluation are timed for neither.", stdout)
	do := addDataFlags(fs.FlagSet)
	fo := addFitFlags(fs.FlagSet)
	ao := addAdamFlags(fs.FlagSet, "most Adam steps (0 = no limit, only -budget)", 60, "Adam's training-time budget in `seconds` (0 = only -steps)")
	stop := fs.Bool("stop-when-reached", true, "stop Adam once it reaches the sampled error")
	threads := addThreads(fs.FlagSet)
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := fo.check(); err != nil {
		return err
	}
	if err := ao.check(true); err != nil {
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
	fc := fo.config()
	fc.Width = 0
	rc, err := race.New(p.train, p.test, p.sys, p.x0, p.h0, race.Config{
		Width: fo.width, Fit: fc, Adam: ao.config(0, fo.seed),
		Steps: ao.steps, Budget: ao.budgetDuration(), StopWhenReached: *stop,
	})
	if err != nil {
		return err
	}
	s, err := rc.Run(nil)
	if err != nil {
		return failed(err)
	}
	r := raceReport{
		common:  p.common(do, fo.width, fo.seed),
		Sampler: fo.sampler, Solver: fo.solver, Rcond: num(fo.rcond),
		Threads:  runtime.GOMAXPROCS(0),
		MaxSteps: ao.steps, LR: num(ao.lr), Batch: ao.batch, BudgetSeconds: ao.budget,
		SampledSeconds: s.SampledSeconds, SampledError: num(s.SampledError),
		AdamSeconds: s.AdamSeconds, AdamSteps: s.AdamSteps,
		AdamBestError: num(s.AdamBestError), AdamFinalError: num(s.AdamFinalError),
		Reached: s.Reached, StepsToReach: s.StepsToReach,
		Speedup: num(s.Speedup), SpeedupLowerBound: s.SpeedupIsLowerBound,
		Diverged: s.Diverged, Text: s.Text(),
	}
	if s.Reached {
		r.TimeToReach = num(s.TimeToReach)
	} else {
		r.TimeToReach = num(math.NaN()) // null
	}
	for _, pt := range rc.Curve() {
		r.Curve = append(r.Curve, pointJSON{pt.Seconds, pt.Steps, num(pt.RelL2H)})
	}
	if *asJSON {
		return writeJSON(stdout, r)
	}
	t := newTable(stdout)
	t.describe(r.common)
	t.row("sampled", "%s, width %d: rel L2 H %.3g in %.3g s (%d threads)", r.Sampler, r.Width, s.SampledError, s.SampledSeconds, r.Threads)
	t.row("Adam", "width %d, lr %g, batch %d: best rel L2 H %.3g after %d steps in %.3g s",
		r.Width, float64(r.LR), r.Batch, s.AdamBestError, s.AdamSteps, s.AdamSeconds)
	if s.Reached {
		t.row("speed-up", "%.3g× (Adam reached the sampled error after %.3g s, %d steps)", s.Speedup, s.TimeToReach, s.StepsToReach)
	} else {
		t.row("speed-up", "more than %.3g× (lower bound: Adam never reached the sampled error)", s.Speedup)
	}
	if err := t.flush(); err != nil {
		return err
	}
	_, err = io.WriteString(stdout, s.Text()+"\n")
	return err
}
