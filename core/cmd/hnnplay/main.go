// Command hnnplay trains Hamiltonian neural networks from the command line:
// sampled networks without backpropagation (Rahma, Datar, Dietrich 2024) and,
// for comparison, the same network trained by Adam.
//
// Usage:
//
//	hnnplay <command> [flags]
//
// The commands:
//
//	fit      sample the hidden layer, solve for the output layer, report test errors
//	adam     train the same network by Adam (the traditional HNN baseline)
//	rollout  integrate the learned and the true flow from one state and compare
//	race     sampled against Adam on identical data, timed alike
//	sweep    limited data: errors of Ĥ and of the corrected H_corr against the step h
//
// The settings of an experiment are the page's: every flag is declared once,
// with its default, bounds and help, in core/experiment's table, and -link
// takes the settings of a page's link (the flags given besides override
// them), so `hnnplay fit -link '<link>' -json` trains what the page trained,
// from the same bits. Without flags a command trains the page's first model.
//
// Every command draws its training and test states uniformly in a box of
// phase space (the system's default box, or -domain) and labels them with the
// exact vector field, or reads them from CSV files (-train-csv, -test-csv:
// columns q…, p…, q̇…, ṗ… and optionally H). Errors are relative L2 errors
// over the test set: of H (the paper's metric), of ∇H and of ẋ. "hnnplay
// <command> -h" lists the flags.
//
// Examples:
//
//	# the paper's single pendulum: its box, 10000 points, A-SWIM, width 1000
//	hnnplay fit -system pendulum -domain -2pi,2pi,-1,1 -points 10000 -test-points 10000 -width 1000
//
//	# a page's link
//	hnnplay fit -link 'https://example.org/hnnplay/#system=pendulum&width=300' -json
//
//	# a steeper pendulum on a smaller box, as JSON, and keep the model
//	hnnplay fit -system pendulum -param f=10 -domain -pi,pi,-0.5,0.5 -width 1500 -json -save pend.json
//
//	# limited data: snapshot pairs 0.1 apart, with the first-order correction
//	hnnplay fit -system pendulum -domain -pi,pi,-1,1 -points 2500 -width 200 -snapshots 0.1
//
//	# training points in a part of the box only: the errors inside it and outside it
//	hnnplay fit -system pendulum -train-box=-2,2,-1,1
//
//	# the errors of Ĥ, O(h), and of H_corr, O(h²), for h from 0.05 to 0.8
//	hnnplay sweep -domain -pi,pi,-1,1 -h-values 0.05,0.1,0.2,0.4,0.8
//
//	# learn from a CSV file and test on another
//	hnnplay fit -system spring -train-csv train.csv -test-csv test.csv
//
//	# energy drift of the learned flow over 10000 implicit-midpoint steps
//	hnnplay rollout -model pend.json -system pendulum -param f=10 -x0 0.1,0
//
//	# the race: time for Adam to reach the sampled network's error, with at
//	# most 100 times the sampled fit's time and at most a minute
//	hnnplay race -system pendulum -points 2000 -width 300 -steps 3000 -budget 100x,60 -json
//
// Before it allocates anything, every command estimates the memory it will
// need (core/experiment's Memory: the data, the least-squares matrices, the
// solver's workspace, Adam's state, the trajectories, the threads) and
// refuses a run that needs more than -max-memory, naming the flags to lower.
// -max-memory defaults to three quarters of the memory available (4 GB
// where that is unknown); it is also the Go runtime's soft memory limit
// (debug.SetMemoryLimit), so that the collector works harder as the heap
// nears it.
//
// Exit status: 0 on success; 2 for bad flags, bad values, runs too large
// for -max-memory and unreadable or malformed files; 1 when a computation
// fails; 3 for an internal error (a panic), each with one line on standard
// error. Running out of memory despite the estimate cannot be caught: the
// Go runtime then stops the program itself with "fatal error: out of
// memory" and its own status, 2 (or the system kills it).
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// command is one subcommand: run parses args and does the work, writing its
// report to stdout.
type command struct {
	name, summary string
	run           func(args []string, stdout io.Writer) error
}

var commands = []command{
	{"fit", "sample a network and solve for its output layer; report test errors", runFit},
	{"adam", "train the same network by Adam (the traditional HNN baseline)", runAdam},
	{"rollout", "integrate the learned and the true flow and compare them", runRollout},
	{"race", "sampled network against Adam on identical data, timed alike", runRace},
	{"sweep", "limited data: errors of Ĥ and of the corrected H_corr against the step h", runSweep},
}

// exitError carries the exit status of a failed command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// failed marks err as a failed computation (exit status 1) rather than bad
// input (status 2, the default for any other error).
func failed(err error) error { return &exitError{exitFailed, err} }

// errHelp reports that usage was printed on request.
var errHelp = errors.New("help requested")

// Exit statuses (see the package comment).
const (
	exitFailed   = 1 // a computation failed
	exitBadInput = 2 // bad flags, values or files, or a run too large
	exitInternal = 3 // a panic: a bug, reported on one line
)

// run executes the command line args (without the program name) and returns
// the exit status. Nothing it does panics: a panic on its goroutine is
// reported as an internal error, on one line, with status 3.
func run(args []string, stdout, stderr io.Writer) (code int) {
	name := "hnnplay"
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "%s: internal error: %s\n", name, oneLine(fmt.Sprint(p)))
			code = exitInternal
		}
	}()
	if len(args) == 0 {
		fmt.Fprintln(stderr, "hnnplay: missing command (fit, adam, rollout, race or sweep; hnnplay -h for help)")
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return 0
	}
	var cmd *command
	for i := range commands {
		if commands[i].name == args[0] {
			cmd = &commands[i]
		}
	}
	if cmd == nil {
		fmt.Fprintf(stderr, "hnnplay: unknown command %q (want fit, adam, rollout, race or sweep)\n", args[0])
		return 2
	}
	name = "hnnplay " + cmd.name
	defer func(w io.Writer) { warnings = w }(warnings)
	warnings = stderr
	err := cmd.run(args[1:], stdout)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errHelp):
		return 0
	}
	fmt.Fprintf(stderr, "%s: %s\n", name, oneLine(err.Error()))
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return exitBadInput
}

// oneLine joins the lines of a message so that every error is one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", "; ")), " ")
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: hnnplay <command> [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Hamiltonian neural networks trained without backpropagation, and Adam for comparison.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "commands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'hnnplay <command> -h' for the flags of a command.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Every command estimates the memory it needs before it starts and refuses a run")
	fmt.Fprintln(w, "larger than -max-memory (default: 3/4 of the memory available), naming the")
	fmt.Fprintln(w, "flags to lower; -max-memory is also the Go runtime's soft memory limit.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "exit status: 0 success; 1 a computation failed; 2 bad flags, values or files, or")
	fmt.Fprintln(w, "a run too large for -max-memory; 3 an internal error. Out of memory despite the")
	fmt.Fprintln(w, "estimate is the Go runtime's own \"fatal error: out of memory\", status 2.")
}
