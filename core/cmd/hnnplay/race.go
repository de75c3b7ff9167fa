package main

import (
	"io"
	"runtime"

	"hnnplay/core/experiment"
	"hnnplay/core/internal/jsontext"
)

// raceKeys: everything but the view and the integration.
var raceKeys = experiment.Keys(experiment.GroupData, experiment.GroupNetwork, experiment.GroupAdam)

func runRace(args []string, stdout io.Writer) error {
	fs := newFlagSet("race", "Fit the sampled network and train the same network by Adam on identical training\n"+
		"and test sets, then report both errors, both training times and the speed-up:\n"+
		"the time Adam needed to reach the sampled network's test error of H over the\n"+
		"sampled fit time, or, if it never did, Adam's whole time over the sampled time\n"+
		"as a lower bound. Data generation and evaluation are timed for neither.\n"+
		"-budget 100x,60 gives Adam 100 times the sampled fit's time, at most 60 s.", stdout)
	sf := addSettings(fs.FlagSet, raceKeys...)
	ff := addFiles(fs.FlagSet)
	solverName := addSolver(fs.FlagSet)
	threads := addThreads(fs.FlagSet)
	maxMemory := addMaxMemory(fs.FlagSet)
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := parse(fs, args); err != nil {
		return err
	}
	s, solver, job, undo, err := prepare(sf, *solverName, *threads, "race", true, maxMemory.bytes)
	if err != nil {
		return err
	}
	defer undo()
	d, err := ff.load(&s, job, maxMemory.bytes, true)
	if err != nil {
		return err
	}
	rc, err := experiment.NewRace(s, d, solver)
	if err != nil {
		return err
	}
	sum, err := rc.Run(nil)
	if err != nil {
		return failed(err)
	}
	cfg := rc.Config()
	if *asJSON {
		var o jsontext.Object
		o.Members(experiment.DataJSON(s, d.Train.Len(), d.Test.Len(), d.TrainSource, d.TestSource))
		o.Int("width", int64(s.Width))
		o.Uint("seed", s.Seed)
		o.String("sampler", string(s.Sampler))
		o.String("solver", *solverName)
		o.Number("rcond", s.Rcond)
		o.Int("threads", int64(runtime.GOMAXPROCS(0)))
		o.Int("max_steps", int64(s.AdamSteps))
		o.Number("lr", cfg.Adam.LR)
		o.Int("batch", int64(cfg.Adam.Batch))
		o.String("budget", s.RaceBudget.String())
		b, _ := sum.MarshalJSON()
		o.Members(b)
		var curve []byte
		curve = append(curve, '[')
		for i, p := range rc.Curve() {
			if i > 0 {
				curve = append(curve, ',')
			}
			var po jsontext.Object
			po.Number("seconds", p.Seconds)
			po.Int("steps", int64(p.Steps))
			po.Number("rel_l2_H", p.RelL2H)
			curve = append(curve, po.Bytes()...)
		}
		o.Raw("curve", append(curve, ']'))
		return writeRaw(stdout, o.Bytes())
	}
	t := newTable(stdout)
	t.describe(s, d)
	t.row("sampled", "%s, width %d: rel L2 H %.3g in %.3g s (%d threads)", s.Sampler, s.Width, sum.SampledError, sum.SampledSeconds, runtime.GOMAXPROCS(0))
	t.row("Adam", "width %d, lr %g, batch %d: best rel L2 H %.3g after %d steps in %.3g s",
		s.Width, cfg.Adam.LR, cfg.Adam.Batch, sum.AdamBestError, sum.AdamSteps, sum.AdamSeconds)
	if sum.Reached {
		t.row("speed-up", "%.3g× (Adam reached the sampled error after %.3g s, %d steps)", sum.Speedup, sum.TimeToReach, sum.StepsToReach)
	} else {
		t.row("speed-up", "more than %.3g× (lower bound: Adam never reached the sampled error)", sum.Speedup)
	}
	if err := t.flush(); err != nil {
		return err
	}
	_, err = io.WriteString(stdout, sum.Text()+"\n")
	return err
}
