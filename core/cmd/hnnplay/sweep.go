package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"

	"hnnplay/core/experiment"
	"hnnplay/core/number"
)

// sweepKeys are the settings of a sweep: a fit's, but the snapshot step,
// which the sweep varies (-h-values).
var sweepKeys = slices.DeleteFunc(withoutView(fitKeys), func(k string) bool { return k == "snapshots" })

func runSweep(args []string, stdout io.Writer) error {
	fs := newFlagSet("sweep", "Limited data: for each observation step h of -h-values, fit the network on snapshot\n"+
		"pairs h apart (as fit -snapshots h does) and report the relative L2 test error of H\n"+
		"of the fitted Ĥ, of order h, and of the corrected H_corr = Ĥ + (h/2)∇_qĤ·∇_pĤ, of\n"+
		"order h², with the orders observed: the least-squares slopes of log(error) against\n"+
		"log(h). The page's h-sweep gives the same numbers for the same -link.", stdout)
	sf := addSettings(fs.FlagSet, sweepKeys...)
	steps := fs.String("h-values", joinSteps(experiment.SweepSteps),
		fmt.Sprintf("the observation steps h, comma-separated (at most %d, each in (0, %s])",
			experiment.MaxSweepSteps, number.Format(experiment.Lookup("snapshots").Max)))
	solverName := addSolver(fs.FlagSet)
	threads := addThreads(fs.FlagSet)
	maxMemory := addMaxMemory(fs.FlagSet)
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := parse(fs, args); err != nil {
		return err
	}
	hs, err := experiment.ParseSweepSteps(*steps)
	if err != nil {
		return fmt.Errorf("-h-values: %v", err)
	}
	s, err := sf.settings()
	if err != nil {
		return err
	}
	if err := sweepFlagError(experiment.CheckSweep(s, hs, experiment.Limits{})); err != nil {
		return err
	}
	solver, err := solverOf(*solverName)
	if err != nil {
		return err
	}
	if err := checkThreads(*threads); err != nil {
		return err
	}
	largest := s // the memory of the largest step's fit, the most any fit needs
	largest.Snapshots = slices.Max(hs)
	job := experiment.Job{Name: "sweep", Fit: true, SVD: *solverName == "svd", Threads: threadsOf(*threads)}
	if err := checkMemory(largest, job, maxMemory.bytes, true); err != nil {
		return err
	}
	undoThreads, _ := applyThreads(*threads)
	defer undoThreads()
	defer applyMemoryLimit(maxMemory.bytes)()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	r, err := experiment.Sweep(ctx, s, hs, solver, nil)
	if err != nil {
		if errors.Is(err, experiment.ErrBadFit) {
			return failed(err)
		}
		return sweepFlagError(err)
	}
	if *asJSON {
		b, err := r.MarshalJSON()
		if err != nil {
			return failed(err)
		}
		return writeRaw(stdout, b)
	}
	return writeSweep(stdout, r)
}

// writeSweep prints the sweep as a table, h | error of Ĥ | error of H_corr,
// and the orders.
func writeSweep(w io.Writer, r *experiment.SweepResult) error {
	s := r.Settings
	fmt.Fprintf(w, "%s, box %s, %d snapshot pairs, %d test points; %s, width %d, seed %d\n\n",
		systemText(s.System, s.Params), experiment.FormatBox(s.Box), s.Points, s.TestPoints, s.Sampler, s.Width, s.Seed)
	t := newTable(w)
	t.row("h", "rel L2 H of Ĥ\trel L2 H of H_corr\tfit (s)")
	for _, row := range r.Rows {
		t.row(number.Format(row.H), "%.3e\t%.3e\t%.3f", row.Errors.H, row.Corrected.H, row.FitSeconds)
	}
	if err := t.flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\norder in h (slope of log error against log h): Ĥ %s (expect 1, O(h)), H_corr %s (expect 2, O(h²))\n",
		orderText(r.Order), orderText(r.CorrectedOrder))
	if note := r.Note(); note != "" && err == nil {
		_, err = fmt.Fprintf(w, "note: %s\n", note)
	}
	return err
}

// orderText writes an observed order with two decimals, or "–" when there
// is none (fewer than two steps).
func orderText(p float64) string {
	if math.IsNaN(p) {
		return "–"
	}
	return strconv.FormatFloat(p, 'f', 2, 64)
}

// joinSteps writes steps as -h-values takes them.
func joinSteps(hs []float64) string {
	parts := make([]string, len(hs))
	for i, h := range hs {
		parts[i] = number.Format(h)
	}
	return strings.Join(parts, ",")
}

// sweepFlagError names the flag of a sweep's FieldError: -h-values for the
// steps, the setting's flag otherwise.
func sweepFlagError(err error) error {
	var fe *experiment.FieldError
	if errors.As(err, &fe) && fe.Key == "snapshots" {
		return fmt.Errorf("-h-values: %s", fe.Msg)
	}
	return flagError(err)
}
