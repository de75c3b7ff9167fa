package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"

	"hnnplay/core/experiment"
	"hnnplay/core/lstsq"
	"hnnplay/core/lstsq/svd"
	"hnnplay/core/number"
	"hnnplay/core/system"
)

// cmdFlags is a command's flag set with its usage text.
type cmdFlags struct {
	*flag.FlagSet
	printUsage func()
}

// newFlagSet returns a flag set that reports errors instead of printing them
// and prints its usage to stdout on -h.
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

// settingFlags are the flags of an experiment's settings: one per field of
// experiment.Fields that the command uses, declared from the table (name,
// default, bounds, help), plus -link. Each flag keeps its text; settings()
// reads them with experiment.Parse, the parser the page uses.
type settingFlags struct {
	link  *string
	texts map[string]*textFlag // by field key
	maps  map[string]*mapFlag  // by field key
	keys  []string
}

// textFlag holds the text of one flag and whether it was given.
type textFlag struct {
	text string
	set  bool
}

func (f *textFlag) String() string     { return f.text }
func (f *textFlag) Set(s string) error { f.text, f.set = s, true; return nil }

// mapFlag collects repeated name=value flags (-param f=10).
type mapFlag struct{ values map[string]string }

func (m *mapFlag) String() string {
	if m == nil || len(m.values) == 0 {
		return ""
	}
	var parts []string
	for k, v := range m.values {
		parts = append(parts, k+"="+v)
	}
	return strings.Join(parts, ",")
}

func (m *mapFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	k, v = strings.TrimSpace(k), strings.TrimSpace(v)
	if !ok || k == "" || v == "" {
		return fmt.Errorf("want name=value, got %q", s)
	}
	if _, dup := m.values[k]; dup {
		return fmt.Errorf("%q given twice", k)
	}
	m.values[k] = v
	return nil
}

// addSettings declares the flags of the fields with the given keys.
func addSettings(fs *flag.FlagSet, keys ...string) *settingFlags {
	sf := &settingFlags{texts: map[string]*textFlag{}, maps: map[string]*mapFlag{}, keys: keys}
	sf.link = fs.String("link", "", "the settings of a page's `link` (the whole URL or the part after #); the other flags override them")
	for _, k := range keys {
		f := experiment.Lookup(k)
		if f == nil || f.Flag == "" {
			panic("hnnplay: no flag for setting " + k)
		}
		if f.Kind == experiment.Map {
			m := &mapFlag{values: map[string]string{}}
			sf.maps[k] = m
			fs.Var(m, f.Flag, "`name=value`: "+f.Help+" (repeatable)")
			continue
		}
		t := &textFlag{text: f.Default}
		sf.texts[k] = t
		fs.Var(t, f.Flag, flagUsage(f))
	}
	return sf
}

// flagUsage is a flag's help line: the field's help and its bounds or options.
func flagUsage(f *experiment.Field) string {
	u := f.Help
	switch f.Kind {
	case experiment.Int:
		u += fmt.Sprintf(" [%d, %d]", int64(f.Min), int64(f.Max))
	case experiment.Float:
		u += fmt.Sprintf(" [%s, %s]", number.Format(f.Min), number.Format(f.Max))
	case experiment.Choice:
		var v []string
		for _, o := range f.Options {
			v = append(v, o.Value)
		}
		u += ": " + strings.Join(v, ", ")
	}
	return u
}

// given returns the settings given on the command line, keyed as in a link:
// the link's, and over them the flags given explicitly (a -param replaces
// all the link's parameters); and, for each key, who gave it ("-link",
// "-system", …).
func (sf *settingFlags) given() (values, from map[string]string, err error) {
	values, from = map[string]string{}, map[string]string{}
	if *sf.link != "" {
		v, err := experiment.ParseLink(*sf.link)
		if err != nil {
			return nil, nil, fmt.Errorf("-link: %v", err)
		}
		for k, t := range v {
			values[k], from[k] = t, "-link"
		}
	}
	for k, t := range sf.texts {
		if t.set {
			values[k], from[k] = t.text, "-"+experiment.Lookup(k).Flag
		}
	}
	for k, m := range sf.maps {
		if len(m.values) == 0 {
			continue
		}
		f := experiment.Lookup(k)
		for key := range values {
			if strings.HasPrefix(key, f.Prefix) {
				delete(values, key)
				delete(from, key)
			}
		}
		for name, v := range m.values {
			values[f.Prefix+name], from[f.Prefix+name] = v, "-"+f.Flag
		}
	}
	if err := formulaSystem(values, from); err != nil {
		return nil, nil, err
	}
	return values, from, nil
}

// formulaSystem makes a -formula given without a system the custom
// system's (-formula alone is -system custom), and refuses it beside
// another system, which would ignore it.
func formulaSystem(values, from map[string]string) error {
	if from["formula"] != "-formula" {
		return nil
	}
	sys, ok := values["system"]
	if !ok {
		values["system"], from["system"] = system.Custom, "-formula"
		return nil
	}
	if strings.TrimSpace(strings.ToLower(sys)) != system.Custom {
		return fmt.Errorf("-formula: H typed as a formula is the system %s's, but %s gives the system %s: drop -formula or use -system %s",
			system.Custom, from["system"], sys, system.Custom)
	}
	return nil
}

// settings reads the link and then the flags that were given over it. An
// error names the flag (or the link) and what to change.
func (sf *settingFlags) settings() (experiment.Settings, error) {
	values, from, err := sf.given()
	if err != nil {
		return experiment.Settings{}, err
	}
	s, err := experiment.Parse(values)
	return s, firstError(err, from)
}

// firstError returns the first refused field of a Parse error, named after
// where its value came from (from: "-width" or "-link"), or err
// as it is when it is not a field's.
func firstError(err error, from map[string]string) error {
	var errs experiment.Errors
	if errors.As(err, &errs) && len(errs) > 0 {
		if who := from[errs[0].Key]; who != "" {
			return fmt.Errorf("%s: %s", who, errs[0].Msg)
		}
		return errors.New(errs[0].Msg)
	}
	return err
}

// prepare reads the settings, checks them, the solver's name and the
// memory of the job (a fit named name, with Adam if adam) on threads
// threads, and sets the threads and the runtime's memory limit: the common
// start of the commands that fit; undo restores both.
func prepare(sf *settingFlags, solverName string, threads int, name string, adam bool, maxMemory float64) (s experiment.Settings, solver lstsq.Solver, job experiment.Job, undo func(), err error) {
	if s, err = sf.settings(); err != nil {
		return
	}
	if solver, err = solverOf(solverName); err != nil {
		return
	}
	if err = checkThreads(threads); err != nil {
		return
	}
	job = experiment.Job{Name: name, Fit: true, Adam: adam, SVD: solverName == "svd", Threads: threadsOf(threads)}
	if err = checkJob(s, job, maxMemory, true); err != nil {
		return
	}
	undoThreads, _ := applyThreads(threads)
	undoMemory := applyMemoryLimit(maxMemory)
	undo = func() { undoMemory(); undoThreads() }
	return
}

// check reports a problem between fields, naming the flag to change.
func check(s experiment.Settings, lim experiment.Limits) error {
	return flagError(experiment.Check(s, lim))
}

// flagError names the flag of a setting's FieldError: "-width: …".
func flagError(err error) error {
	var fe *experiment.FieldError
	if errors.As(err, &fe) {
		if f := experiment.Lookup(fe.Key); f != nil && f.Flag != "" {
			return fmt.Errorf("-%s: %s", f.Flag, fe.Msg)
		}
	}
	return err
}

// solvers maps -solver names to least-squares methods (nil: the default,
// lstsq.COD). The SVD is the paper's method; it gives the same network up to
// round-off, more slowly, so it is a choice of the command line only.
var solvers = map[string]lstsq.Solver{"cod": nil, "svd": svd.Solve}

func addSolver(fs *flag.FlagSet) *string {
	return fs.String("solver", "cod", "least-squares solver: cod (complete orthogonal decomposition) or svd (the paper's)")
}

func solverOf(name string) (lstsq.Solver, error) {
	s, ok := solvers[name]
	if !ok {
		return nil, fmt.Errorf("unknown solver %q (want cod or svd)", name)
	}
	return s, nil
}

// maxThreads bounds -threads: more threads than processors only slow a
// fit down, each costs about 72 KiB (see experiment.Memory), and the Go
// runtime stops a program with more than 10000 threads.
const maxThreads = 1024

// addThreads adds -threads; applyThreads sets GOMAXPROCS and returns the undo.
func addThreads(fs *flag.FlagSet) *int {
	return fs.Int("threads", 0, fmt.Sprintf("number of threads (GOMAXPROCS); 0 = all processors [0, %d]", maxThreads))
}

// checkThreads refuses a -threads out of [0, maxThreads].
func checkThreads(n int) error {
	if n < 0 || n > maxThreads {
		return fmt.Errorf("-threads must be a whole number from 0 (all processors) to %d, got %d", maxThreads, n)
	}
	return nil
}

// threadsOf is the number of threads -threads n gives.
func threadsOf(n int) int {
	if n == 0 {
		return runtime.GOMAXPROCS(0)
	}
	return n
}

func applyThreads(n int) (undo func(), err error) {
	if err := checkThreads(n); err != nil {
		return nil, err
	}
	if n == 0 {
		return func() {}, nil
	}
	old := runtime.GOMAXPROCS(n)
	return func() { runtime.GOMAXPROCS(old) }, nil
}

// parseList reads a comma-separated list of exactly n numbers.
func parseList(flagName, s string, n int) ([]float64, error) {
	parts := strings.Split(s, ",")
	if len(parts) != n {
		return nil, fmt.Errorf("-%s needs %d comma-separated numbers, got %d in %q", flagName, n, len(parts), s)
	}
	out := make([]float64, n)
	for i, p := range parts {
		v, err := number.Parse(p)
		if err != nil {
			return nil, fmt.Errorf("-%s: %v", flagName, err)
		}
		out[i] = v
	}
	return out, nil
}
