package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"hnnplay/core/adam"
	"hnnplay/core/fit"
	"hnnplay/core/lstsq"
	"hnnplay/core/lstsq/svd"
	"hnnplay/core/system"
)

// cmdFlags is a command's flag set with its usage text.
type cmdFlags struct {
	*flag.FlagSet
	printUsage func()
}

// newFlagSet returns a flag set that reports errors instead of printing them
// and prints its usage to stdout on -h.
// solvers maps -solver names to least-squares methods (nil: fit's default, COD).
var solvers = map[string]lstsq.Solver{"cod": nil, "svd": svd.Solve}

func newFlagSet(name, synopsis string, stdout io.Writer) *cmdFlags {
	fs := flag.NewFlagSet("hnnplay "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {} // the flag package calls it on every error
	return &cmdFlags{fs, func() {
		fmt.Fprintf(stdout, "usage: hnnplay %s [flags]\n\n%s\n\nflags:\n", name, synopsis)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}}
}

// parse parses args; -h prints the usage and returns errHelp, and stray
// arguments are an error.
func parse(fs *cmdFlags, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.printUsage()
			return errHelp
		}
		return fmt.Errorf("%v (see %s -h)", err, fs.Name())
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (see %s -h)", fs.Arg(0), fs.Name())
	}
	return nil
}

// paramFlag collects repeated -param name=value flags.
type paramFlag map[string]string

func (p paramFlag) String() string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + p[k]
	}
	return strings.Join(parts, ",")
}

func (p paramFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	k, v = strings.TrimSpace(k), strings.TrimSpace(v)
	if !ok || k == "" || v == "" {
		return fmt.Errorf("want name=value, got %q", s)
	}
	if _, dup := p[k]; dup {
		return fmt.Errorf("parameter %q given twice", k)
	}
	p[k] = v
	return nil
}

// dataOpts are the flags that choose the system and the data.
type dataOpts struct {
	system     string
	params     paramFlag
	domain     string
	points     int
	testPoints int
	dataSeed   uint64
	noise      float64
	trainCSV   string
	testCSV    string
	snapshots  float64
}

func addDataFlags(fs *flag.FlagSet) *dataOpts {
	o := &dataOpts{params: paramFlag{}}
	fs.StringVar(&o.system, "system", "pendulum", "system: "+strings.Join(system.Names(), ", "))
	fs.Var(o.params, "param", "system parameter `name=value` (repeatable), e.g. f=10, alpha=1, preset=shifted")
	fs.StringVar(&o.domain, "domain", "", "box as `lo,hi,…` pairs per coordinate, q's then p's (numbers, pi, 2pi, -pi…); default the system's box")
	fs.IntVar(&o.points, "points", 10000, "training points")
	fs.IntVar(&o.testPoints, "test-points", 10000, "test points")
	fs.Uint64Var(&o.dataSeed, "data-seed", 3943, "seed of the data")
	fs.Float64Var(&o.noise, "noise", 0, "standard deviation of Gaussian noise added to the training targets ẋ")
	fs.StringVar(&o.trainCSV, "train-csv", "", "read the training set from this CSV `file` (q…, p…, q̇…, ṗ…[, H])")
	fs.StringVar(&o.testCSV, "test-csv", "", "read the test set from this CSV `file`; default: drawn from the system")
	fs.Float64Var(&o.snapshots, "snapshots", 0, "limited-data mode: train on snapshot pairs `h` apart (SPEC §6); 0 = exact derivatives")
	return o
}

// check validates the data flags that need no system.
func (o *dataOpts) check() error {
	if o.trainCSV == "" && o.points < 1 {
		return fmt.Errorf("-points must be at least 1, got %d", o.points)
	}
	if o.testCSV == "" && o.testPoints < 1 {
		return fmt.Errorf("-test-points must be at least 1, got %d", o.testPoints)
	}
	if !finite(o.noise) || o.noise < 0 {
		return fmt.Errorf("-noise must be a finite number ≥ 0, got %v", o.noise)
	}
	if !finite(o.snapshots) || o.snapshots < 0 {
		return fmt.Errorf("-snapshots must be a finite step h > 0 (or 0 for off), got %v", o.snapshots)
	}
	if o.snapshots > 0 && o.trainCSV != "" {
		return errors.New("-snapshots generates its own training data; it cannot be combined with -train-csv")
	}
	return nil
}

// fitOpts are the flags of the sampled network.
type fitOpts struct {
	width   int
	sampler string
	solver  string
	rcond   float64
	seed    uint64
}

func addWidthSeed(fs *flag.FlagSet, width *int, seed *uint64) {
	fs.IntVar(width, "width", 500, "hidden width M")
	fs.Uint64Var(seed, "seed", 992472, "seed of the network (sampler or Adam initialisation)")
}

func addFitFlags(fs *flag.FlagSet) *fitOpts {
	o := &fitOpts{}
	addWidthSeed(fs, &o.width, &o.seed)
	names := make([]string, 0, 4)
	for _, s := range fit.Samplers() {
		names = append(names, string(s))
	}
	fs.StringVar(&o.sampler, "sampler", string(fit.ASWIM), "hidden-layer sampler: "+strings.Join(names, ", "))
	fs.StringVar(&o.solver, "solver", "cod", "least-squares solver: cod or svd")
	fs.Float64Var(&o.rcond, "rcond", fit.DefaultRcond, "relative singular-value cut-off of the least-squares solve")
	return o
}

func (o *fitOpts) check() error {
	if o.width < 1 {
		return fmt.Errorf("-width must be at least 1, got %d", o.width)
	}
	if !slices.Contains(fit.Samplers(), fit.Sampler(o.sampler)) {
		return fmt.Errorf("unknown sampler %q (want aswim, swim, uswim or elm)", o.sampler)
	}
	if o.solver != "cod" && o.solver != "svd" {
		return fmt.Errorf("unknown solver %q (want cod or svd)", o.solver)
	}
	if !(o.rcond > 0 && o.rcond < 1) {
		return fmt.Errorf("-rcond must be in (0, 1), got %v", o.rcond)
	}
	return nil
}

func (o *fitOpts) config() fit.Config {
	return fit.Config{Width: o.width, Sampler: fit.Sampler(o.sampler), Solver: solvers[o.solver], Rcond: o.rcond, Seed: o.seed}
}

// adamOpts are Adam's flags (the width and seed come from elsewhere).
type adamOpts struct {
	steps  int
	lr     float64
	batch  int
	budget float64 // seconds
}

func addAdamFlags(fs *flag.FlagSet, stepsDoc string, budgetDefault float64, budgetDoc string) *adamOpts {
	o := &adamOpts{}
	def := adam.DefaultConfig()
	fs.IntVar(&o.steps, "steps", 15000, stepsDoc)
	fs.Float64Var(&o.lr, "lr", def.LR, "Adam learning rate")
	fs.IntVar(&o.batch, "batch", def.Batch, "Adam batch size")
	fs.Float64Var(&o.budget, "budget", budgetDefault, budgetDoc)
	return o
}

func (o *adamOpts) check(needLimit bool) error {
	if o.steps < 0 || (o.steps == 0 && !needLimit) {
		return fmt.Errorf("-steps must be at least 1, got %d", o.steps)
	}
	if !finite(o.lr) || o.lr <= 0 {
		return fmt.Errorf("-lr must be a positive finite number, got %v", o.lr)
	}
	if o.batch < 1 {
		return fmt.Errorf("-batch must be at least 1, got %d", o.batch)
	}
	if !finite(o.budget) || o.budget < 0 || o.budget > 1e6 {
		return fmt.Errorf("-budget must be a number of seconds in [0, 1e6], got %v", o.budget)
	}
	if needLimit && o.steps == 0 && o.budget == 0 {
		return errors.New("Adam needs -steps or -budget")
	}
	return nil
}

func (o *adamOpts) config(width int, seed uint64) adam.Config {
	c := adam.DefaultConfig()
	c.Width, c.LR, c.Batch, c.Seed = width, o.lr, o.batch, seed
	return c
}

func (o *adamOpts) budgetDuration() time.Duration {
	return time.Duration(o.budget * float64(time.Second))
}

// addThreads adds -threads; apply sets GOMAXPROCS and returns the undo.
func addThreads(fs *flag.FlagSet) *int {
	return fs.Int("threads", 0, "number of threads (GOMAXPROCS); 0 = all processors")
}

func applyThreads(n int) (undo func(), err error) {
	if n < 0 {
		return nil, fmt.Errorf("-threads must be ≥ 0, got %d", n)
	}
	if n == 0 {
		return func() {}, nil
	}
	old := runtime.GOMAXPROCS(n)
	return func() { runtime.GOMAXPROCS(old) }, nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// parseNumber reads a finite number, also written with π: "pi", "-pi",
// "2pi", "0.5pi", "2*pi".
func parseNumber(s string) (float64, error) {
	s = strings.TrimSpace(s)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if coef, ok := strings.CutSuffix(strings.ToLower(s), "pi"); ok {
			coef = strings.TrimSuffix(strings.TrimSpace(coef), "*")
			switch coef {
			case "", "+":
				v, err = math.Pi, nil
			case "-":
				v, err = -math.Pi, nil
			default:
				var c float64
				c, err = strconv.ParseFloat(coef, 64)
				v = c * math.Pi
			}
		}
	}
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	if !finite(v) {
		return 0, fmt.Errorf("%q is not a finite number", s)
	}
	return v, nil
}

// parseList reads a comma-separated list of exactly n numbers.
func parseList(flagName, s string, n int) ([]float64, error) {
	parts := strings.Split(s, ",")
	if len(parts) != n {
		return nil, fmt.Errorf("-%s needs %d comma-separated numbers, got %d in %q", flagName, n, len(parts), s)
	}
	out := make([]float64, n)
	for i, p := range parts {
		v, err := parseNumber(p)
		if err != nil {
			return nil, fmt.Errorf("-%s: %v", flagName, err)
		}
		out[i] = v
	}
	return out, nil
}

// parseDomain reads lo,hi pairs for the 2d coordinates of a system.
func parseDomain(s string, dim int) (system.Box, error) {
	v, err := parseList("domain", s, 2*dim)
	if err != nil {
		return system.Box{}, fmt.Errorf("%v (lo,hi for each of the %d coordinates, q's then p's)", err, dim)
	}
	b := system.Box{Lo: make([]float64, dim), Hi: make([]float64, dim)}
	for i := range dim {
		b.Lo[i], b.Hi[i] = v[2*i], v[2*i+1]
	}
	if err := b.Validate(dim); err != nil {
		return system.Box{}, fmt.Errorf("-domain: %v", strings.TrimPrefix(err.Error(), "system: "))
	}
	return b, nil
}
