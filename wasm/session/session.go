// Package session is the work of the page's Web Worker, in plain Go: it
// reads a request (the page's settings, keyed as in experiment.Fields),
// fits the network the experiment describes, races it against Adam in
// slices, or sweeps its snapshot step h one fit at a time, and answers with
// value trees (see package protocol) that the
// worker's glue (wasm/worker) turns into JavaScript objects. Nothing here
// panics: a panic inside a fit or a race becomes an error reply.
//
// A fit and the sampled side of a race are built by package experiment from
// the same settings, exactly as `hnnplay fit` builds them, so a page's link
// reproduces on the command line.
package session

import (
	"errors"
	"strings"

	"fmt"
	"hnnplay/core/data"
	"hnnplay/core/fit"
	"runtime/debug"
	"time"

	"hnnplay/core/experiment"
	"hnnplay/core/system"
	"hnnplay/wasm/protocol"
)

// Limits are the browser's: the least-squares matrix of a fit holds at most
// 4.2e7 float64 numbers (336 MB; a fit needs about three times that at its
// peak, which a desktop tab holds and beyond which a phone's tab is killed),
// one Adam step does at most 8.5e6 multiply-adds (about 0.2 s in
// WebAssembly), so that pause and stop answer quickly, and the memory of a
// fit with Adam's state beside it, as experiment.Memory estimates it before
// anything is allocated, is at most MaxMemory.
var Limits = experiment.Limits{MaxEntries: 42_000_000, MaxStepWork: 8_500_000, MaxMemory: MaxMemory}

// MaxMemory is the most memory, in bytes, a fit in the worker may need:
// 1.5 GB. A wasm32 program addresses at most 4 GB, and browsers grant a
// tab's WebAssembly memory 4 GB at best (desktop Chrome and Firefox), 2 GB
// or less in older and mobile browsers. Go's heap on wasm grows by sbrk and
// never returns memory, and the runtime needs room beyond the live data for
// its collector's goal and its own structures, so 1.5 GB of estimated peak
// (which already counts garbage not yet collected) keeps the whole linear
// memory near 2 GB with MemoryLimit set. Within the fields' bounds,
// MaxEntries binds first (the largest fits it allows need about 0.7 GB, and
// a million test points 70 MB more); MaxMemory is what still holds if those
// bounds grow, with the same message as on the command line.
const MaxMemory = 1.5e9

// MemoryLimit is the Go runtime's soft memory limit in the worker (see
// debug.SetMemoryLimit), which New sets: some room above MaxMemory for the
// runtime, below 2 GB, so that the collector runs harder instead of growing
// the heap when a fit nears its estimate.
const MemoryLimit = 1.8e9

// DisplayPoints is the most training points a reply carries for drawing.
const DisplayPoints = 2000

// Session is a worker's state: its limits and at most one race. It is not
// safe for concurrent use (a worker is single-threaded).
type Session struct {
	Limits experiment.Limits
	now    func() time.Time
	cur    *racer
	sweep  *sweeper
	// upload is the data file the page uploaded last (see Upload).
	upload *experiment.Upload
	fit    func(experiment.Settings, *experiment.Data, fit.Config) (*experiment.Result, error) // a seam for tests

	// Progress, if set, is told the stages of a fit as it runs (see
	// fit.Config.Progress), with the fit's ID, the seconds since it began
	// and the session's estimate of its whole time (0 before any fit).
	Progress func(id int64, stage string, elapsed, estimate float64)
	// Workers and Factor, when set, are the fit.Config fields of Fit's fits
	// of at least minHelperCost: the page's worker sets them to fit on its
	// helper workers while a fit runs on a goroutine of its own (see
	// wasm/worker); the comparison and the h-sweep, which run
	// synchronously, leave them unset.
	Workers int
	Factor  func(fit.Job) ([]fit.Factor, error)
	rate    float64 // the fits' speed so far: cost (see cost) per second
}

// New returns a session with the browser's limits. The worker is a program
// of its own, so New also sets the runtime's soft memory limit to
// MemoryLimit (lowering it only).
func New() *Session {
	if old := debug.SetMemoryLimit(-1); old > MemoryLimit {
		debug.SetMemoryLimit(MemoryLimit)
	}
	return &Session{Limits: Limits, now: time.Now, fit: experiment.FitWith}
}

// Fit reads a request, the page's object as a value tree, fits and returns
// the reply as a value tree (see protocol.Reply.Value). It ends a running
// race first.
func (se *Session) Fit(req any) map[string]any {
	se.cur = nil
	r, err := protocol.RequestOf(req)
	var reply protocol.Reply
	if err != nil {
		reply = protocol.ErrorReply(r.ID, fmt.Errorf("cannot read the settings: %v", err))
	} else {
		reply = se.fitRequest(r)
	}
	v, err := reply.Value()
	if err != nil {
		v, _ = protocol.ErrorReply(r.ID, fmt.Errorf("cannot encode the result: %v", err)).Value()
	}
	return v
}

func (se *Session) fitRequest(r protocol.Request) (reply protocol.Reply) {
	defer func() {
		if p := recover(); p != nil {
			reply = protocol.ErrorReply(r.ID, fmt.Errorf("training failed unexpectedly (%v); try other settings", p))
			debug.FreeOSMemory()
		}
	}()
	s, d, dataTime, err := se.prepare(r)
	if err != nil {
		return protocol.ErrorReply(r.ID, err)
	}
	res, err := se.fit(s, d, se.config(r.ID, s))
	if err != nil {
		return protocol.ErrorReply(r.ID, err)
	}
	res.DataSeconds = dataTime.Seconds()
	se.learn(s, res.Fit.Total.Seconds())
	return se.reply(r.ID, res, d)
}

// Check reads a request and answers {type: "check", id, values, errors}:
// the settings as Parse reads them (every refused value replaced by its
// default), written back as text, and the refused fields. It is how the
// page reads a link and marks bad fields with the worker's own parser.
func (se *Session) Check(req any) map[string]any {
	r, err := protocol.RequestOf(req)
	if err != nil {
		v, _ := protocol.ErrorReply(r.ID, fmt.Errorf("cannot read the settings: %v", err)).Value()
		v["type"] = "check"
		return v
	}
	s, err := experiment.Parse(r.Values)
	if err == nil {
		err = experiment.Check(s, se.Limits)
	}
	rep := protocol.Reply{Type: "check", ID: r.ID}
	if err != nil {
		rep = protocol.ErrorReply(r.ID, err)
		rep.Type = "check"
	}
	rep.Values = experiment.Values(s)
	rep.Hints = experiment.Hints(s, se.Limits)
	v, _ := rep.Value()
	return v
}

// Data reads a request and answers {type: "data", id, csv, error}: the
// training set of its settings as CSV (data.WriteCSV: states, derivatives
// and true energies), for the page's "training data" download.
func (se *Session) Data(req any) map[string]any {
	r, err := protocol.RequestOf(req)
	var csv strings.Builder
	if err == nil {
		err = func() (err error) {
			defer func() {
				if p := recover(); p != nil {
					err = fmt.Errorf("cannot make the data (%v)", p)
				}
			}()
			_, d, _, err := se.prepare(r)
			if err != nil {
				return err
			}
			return data.WriteCSV(&csv, se.exportSet(r, d))
		}()
	}
	o := map[string]any{"type": "data", "id": r.ID, "error": "", "csv": csv.String()}
	if err != nil {
		o["error"], o["csv"] = err.Error(), ""
	}
	return o
}

// config is the fit's configuration for s, reporting its stages to
// Progress with the estimate of its time.
func (se *Session) config(id int64, s experiment.Settings) fit.Config {
	c := experiment.FitConfig(s, nil)
	c.Workers, c.Factor = se.Workers, se.Factor
	if cost(s) < minHelperCost {
		c.Workers, c.Factor = min(se.Workers, 1), nil // this worker alone
	}
	if se.Progress == nil {
		return c
	}
	t0, estimate := se.now(), 0.0
	if se.rate > 0 {
		estimate = cost(s) / se.rate
	}
	c.Progress = func(stage string) { se.Progress(id, stage, se.now().Sub(t0).Seconds(), estimate) }
	return c
}

// cost is the floating-point work of a fit of s, up to a constant: per pass
// (two for A-SWIM) the features (K·M·2d), the QR of the K×M features
// (2·K·M·n, n = min(K, M)), the folding of the reduced system's 2d
// triangles into one ((2d − 1)·(2/3)·M³) and its solve (about (4/3)·M³).
// minHelperCost is the least cost (see cost) of a fit handed to helper
// workers: below it, about 30 ms of work on one core, the fit is done
// sooner alone. Measured in headless Chromium on 2 cores: the default fit
// (cost 2.7·10⁸) took 0.056–0.111 s alone against 0.067–0.146 s on two
// workers, whose messages and competition for the cores its few
// milliseconds of factoring do not repay (BENCHMARKS.md).
const minHelperCost = 5e8

func cost(s experiment.Settings) float64 {
	sys, err := s.NewSystem()
	if err != nil {
		return 0
	}
	d2, k, m := float64(2*sys.Dof()), float64(s.Points), float64(s.Width)
	n := min(k, m)
	pass := k*m*d2 + 2*k*m*n + (2*d2+2)/3*m*m*m
	if s.Sampler == fit.ASWIM {
		return 2 * pass
	}
	return pass
}

// learn updates the speed of fits with one that took seconds.
func (se *Session) learn(s experiment.Settings, seconds float64) {
	if c := cost(s); c > 0 && seconds > 0 {
		r := c / seconds
		if se.rate == 0 {
			se.rate = r
		} else {
			se.rate = 0.5*se.rate + 0.5*r
		}
	}
}

// prepare validates the settings of r against the session's limits and
// generates their data.
func (se *Session) prepare(r protocol.Request) (experiment.Settings, *experiment.Data, time.Duration, error) {
	s, err := experiment.Parse(r.Values)
	if err != nil {
		return s, nil, 0, err
	}
	if s.Data != "" {
		return se.prepareUpload(s)
	}
	if err := experiment.Check(s, se.Limits); err != nil {
		return s, nil, 0, err
	}
	t0 := se.now()
	d, err := experiment.NewData(s)
	if err != nil {
		return s, nil, 0, err
	}
	return s, d, se.now().Sub(t0), nil
}

// reply is the reply of a fit: its model, settings, report and a subsample
// of the training states.
func (se *Session) reply(id int64, res *experiment.Result, d *experiment.Data) protocol.Reply {
	fit, err := res.MarshalJSON()
	if err != nil {
		return protocol.ErrorReply(id, fmt.Errorf("cannot encode the result: %v", err))
	}
	if _, err := protocol.ModelValue(res.Model); err != nil {
		return protocol.ErrorReply(id, fmt.Errorf("cannot encode the model: %v", err))
	}
	return protocol.Reply{
		Type: "result", ID: id, Model: res.Model, Values: experiment.Values(res.Settings), Fit: fit,
		Points:   subsample(d.Train.X, 2*d.Train.Dof, DisplayPoints),
		Sampling: samplingOf(res, d),
	}
}

// subsample returns at most n rows of the k×dim matrix x, evenly spaced
// (the rows are i.i.d. uniform, so every stride is an unbiased sample).
func subsample(x []float64, dim, n int) [][]float64 {
	k := len(x) / dim
	if n <= 0 || k == 0 {
		return nil
	}
	m := min(k, n)
	out := make([][]float64, m)
	for i := range out {
		j := i * k / m
		out[i] = append([]float64(nil), x[j*dim:(j+1)*dim]...)
	}
	return out
}

// Info returns what the worker sends when it starts, as a value tree: the
// table of settings (experiment.Fields), the systems with their names,
// formulas, boxes, coordinates and their labels, anchors, parameters and
// presets (experiment.Presets), and the browser's limits, so that the
// page builds its form, reads links and checks values with the numbers the
// worker uses.
func Info() map[string]any {
	fields := make([]any, 0, len(experiment.Fields))
	for _, f := range experiment.Fields {
		var o protocol.Object
		o.Set("key", f.Key)
		o.Str("flag", f.Flag)
		o.Set("label", f.Label)
		o.Set("group", string(f.Group))
		o.Set("kind", string(f.Kind))
		o.Set("default", f.Default)
		if f.Kind == experiment.Int || f.Kind == experiment.Float {
			o.Set("min", f.Min)
			o.Set("max", f.Max)
		}
		if len(f.Options) > 0 {
			opts := make([]any, len(f.Options))
			for i, op := range f.Options {
				opts[i] = map[string]any{"value": op.Value, "label": op.Label}
			}
			o.Set("options", opts)
		}
		o.Str("prefix", f.Prefix)
		o.Set("help", f.Help)
		if f.Optional {
			o.Set("optional", true)
		}
		v, _ := o.Done()
		fields = append(fields, v)
	}
	var systems []any
	for _, name := range system.Names() {
		sys, err := system.New(name, nil)
		if err != nil {
			continue
		}
		var params []any
		for _, p := range system.Describe(name) {
			params = append(params, map[string]any{"name": p.Name, "default": p.Default, "doc": p.Doc})
		}
		info := map[string]any{
			"name": name, "title": system.Title(name), "formula": system.Formula(name), "dof": sys.Dof(),
			"box": experiment.FormatBox(sys.Box()), "coords": system.CoordNames(sys.Dof()), "labels": system.Labels(sys),
			"anchor": sys.Anchor(), "params": params, "section": experiment.SectionNames(sys.Dof()),
		}
		if p, ok := experiment.Presets[name]; ok {
			pv := map[string]any{"values": p.Values}
			if len(p.Larger) > 0 {
				pv["larger"], pv["note"] = p.Larger, p.Note
			}
			info["preset"] = pv
		}
		systems = append(systems, info)
	}
	return map[string]any{
		"type":           "ready",
		"fields":         fields,
		"systems":        systems,
		"limits":         map[string]any{"max_entries": Limits.MaxEntries, "max_step_work": Limits.MaxStepWork, "max_memory": Limits.MaxMemory, "max_file_bytes": float64(data.MaxFileBytes)},
		"display_points": DisplayPoints,
	}
}

var errNoRace = errors.New("no comparison is running")
