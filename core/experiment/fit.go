package experiment

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"hnnplay/core/data"
	"hnnplay/core/fit"
	"hnnplay/core/hnn"
	"hnnplay/core/internal/jsontext"
	"hnnplay/core/lstsq"
	"hnnplay/core/metric"
	"hnnplay/core/number"
	"hnnplay/core/system"
)

// Result is a fitted and scored network with what it was made from. Its
// JSON (MarshalJSON) is what `hnnplay fit -json` prints and what the page
// reports as window.hnnplay.state().fit.
type Result struct {
	Settings Settings
	Model    *hnn.Model
	Fit      *fit.Result // rank, residual and the times of the stages
	// Errors are the test errors of Ĥ (see metric.Evaluate); Corrected those
	// of the corrected Ĥ + (h/2)∇_qĤ·∇_pĤ in limited-data mode, else nil.
	Errors    metric.Errors
	Corrected *metric.Errors
	// Inside and Outside split Errors between the test states inside the
	// training region (TrainBox) and those outside it; nil without a
	// region, or for a part without test states.
	Inside, Outside *PartErrors
	// DataFingerprint hashes the training set (states, targets and energies
	// as used); HiddenFingerprint the sampled hidden layer (W and b). Equal
	// fingerprints on two machines mean bit-identical data and hidden layers.
	DataFingerprint, HiddenFingerprint string
	TrainPoints, TestPoints            int
	TrainSource, TestSource            string
	DataSeconds                        float64 // generating the data (not part of the fit's time)
	EvalSeconds                        float64 // scoring on the test set (neither)
	// Solver names the least-squares method ("cod" unless a caller chose
	// another); Threads is the number of threads the fit ran on.
	Solver  string
	Threads int
	// Saved is where the command line wrote the model, if it did.
	Saved string
	// Upload is what an uploaded file gave (see UploadData); nil for
	// generated data.
	Upload *UploadReport
}

// FitConfig is the sampled network's configuration in s; solver nil is the
// default (lstsq.COD).
func FitConfig(s Settings, solver lstsq.Solver) fit.Config {
	return fit.Config{Width: s.Width, Sampler: s.Sampler, Rcond: s.Rcond, Seed: s.Seed, Solver: solver}
}

// Problem is the least-squares problem of d's training set and anchor.
func (d *Data) Problem() fit.Problem {
	return fit.Problem{Dof: d.Train.Dof, X: d.Train.X, Xdot: d.Train.Xdot, H: d.Train.H, X0: d.X0, H0: d.H0}
}

// Evaluate returns the test errors of m (see metric.Evaluate): against the
// test set's own energies when TestOwnH, else against the true system.
func (d *Data) Evaluate(m system.Hamiltonian) metric.Errors { return d.evaluateOn(m, d.Test) }

// evaluateOn is Evaluate on the states of set, a part of the test set.
func (d *Data) evaluateOn(m system.Hamiltonian, set *data.Set) metric.Errors {
	e := metric.Evaluate(m, set, d.Sys)
	if d.TestOwnH {
		e.H = metric.Evaluate(m, set, nil).H
	}
	return e
}

// ErrBadFit reports a fit that ran but gave an unusable network.
var ErrBadFit = errors.New("the fitted network is not finite on the test set")

// Fit samples the hidden layer, solves for the output layer on d's training
// set and scores the network on its test set. An invalid problem is an
// error; a network that is not finite on the test set is ErrBadFit, with a
// hint.
func Fit(s Settings, d *Data, solver lstsq.Solver) (*Result, error) {
	return FitWith(s, d, FitConfig(s, solver))
}

// FitWith is Fit with the fit's configuration given: FitConfig(s, solver)
// with, say, a Progress function.
func FitWith(s Settings, d *Data, cfg fit.Config) (*Result, error) {
	prob := d.Problem()
	if err := fit.Validate(prob, cfg); err != nil {
		return nil, err
	}
	res, err := fit.Fit(prob, cfg)
	if err != nil {
		return nil, fmt.Errorf("the fit failed: %w", err)
	}
	return Score(s, d, res)
}

// Score evaluates a fit of s on d and fills a Result.
func Score(s Settings, d *Data, res *fit.Result) (*Result, error) {
	t0 := time.Now()
	r := &Result{
		Settings: s, Model: res.Model, Fit: res,
		Errors:          d.Evaluate(res.Model),
		DataFingerprint: Fingerprint(d.Train.X, d.Train.Xdot, d.Train.H), HiddenFingerprint: Fingerprint(res.Model.W, res.Model.B),
		TrainPoints: d.Train.Len(), TestPoints: d.Test.Len(), TrainSource: d.TrainSource, TestSource: d.TestSource,
		Solver: "cod", Threads: 1, Upload: d.Upload,
	}
	if s.Snapshots > 0 {
		e := d.Evaluate(&data.CorrectedHamiltonian{Base: res.Model, Step: s.Snapshots})
		r.Corrected = &e
	}
	if s.HasTrainBox() {
		r.Inside, r.Outside = d.evaluateParts(res.Model, s.TrainBox)
	}
	r.EvalSeconds = time.Since(t0).Seconds()
	if !number.Finite(r.Errors.H, r.Errors.Grad) || !number.Finite(res.Model.C...) || !number.Finite(res.Model.C0) {
		return r, fmt.Errorf("%w (width %d, rcond %g); try a larger rcond or a smaller width", ErrBadFit, s.Width, s.Rcond)
	}
	return r, nil
}

// MarshalJSON writes the result as a flat report: the settings of the data
// and the network, the fit's diagnostics, the test errors and the
// fingerprints. Numbers that are not finite are null.
func (r *Result) MarshalJSON() ([]byte, error) {
	s := r.Settings
	var o jsontext.Object
	o.Members(DataJSON(s, r.TrainPoints, r.TestPoints, r.TrainSource, r.TestSource))
	o.Int("width", int64(s.Width))
	o.String("sampler", string(s.Sampler))
	o.Number("rcond", s.Rcond)
	o.Uint("seed", s.Seed)
	o.String("solver", r.Solver)
	o.Int("threads", int64(r.Threads))
	if f := r.Fit; f != nil {
		o.Number("fit_seconds", f.Total.Seconds())
		o.Number("sample_seconds", f.Sample.Seconds())
		o.Number("assemble_seconds", f.Assemble.Seconds())
		o.Number("solve_seconds", f.Solve.Seconds())
		o.Int("workers", int64(f.Blocks))
		o.Int("rank", int64(f.Rank))
		o.Number("residual", f.Residual)
	}
	o.Number("data_seconds", r.DataSeconds)
	o.Number("eval_seconds", r.EvalSeconds)
	writeErrors(&o, r.Errors)
	if c := r.Corrected; c != nil {
		o.Raw("corrected", errorsJSON(*c))
	}
	for _, p := range []struct {
		key string
		e   *PartErrors
	}{{"inside", r.Inside}, {"outside", r.Outside}} {
		if p.e != nil {
			o.Raw(p.key, p.e.json())
		}
	}
	o.String("data_fingerprint", r.DataFingerprint)
	o.String("hidden_fingerprint", r.HiddenFingerprint)
	o.String("link", LinkOf(s, GroupData, GroupNetwork))
	if r.Upload != nil {
		o.Raw("upload", r.Upload.json(r))
	}
	if r.Saved != "" {
		o.String("saved", r.Saved)
	}
	return o.Bytes(), nil
}

// DataJSON writes the data settings of s as JSON object members shared by
// every report: the system, its parameters, its formula (the custom
// system's), the box ("domain") and the
// training region in it ("train_domain", if any), the sources
// and sizes of the sets, the data seed, the noise and, in limited-data mode,
// the observation step.
func DataJSON(s Settings, trainPoints, testPoints int, trainSource, testSource string) []byte {
	var o jsontext.Object
	o.String("system", s.System)
	o.Strings("params", slices.Sorted(maps.Keys(s.Params)), s.Params)
	if s.Formula != "" {
		o.String("formula", s.Formula)
	}
	var dom jsontext.Object
	dom.Numbers("lo", s.Box.Lo)
	dom.Numbers("hi", s.Box.Hi)
	o.Raw("domain", dom.Bytes())
	if s.HasTrainBox() {
		var tr jsontext.Object
		tr.Numbers("lo", s.TrainBox.Lo)
		tr.Numbers("hi", s.TrainBox.Hi)
		o.Raw("train_domain", tr.Bytes())
	}
	o.String("train", trainSource)
	o.String("test", testSource)
	o.Int("points", int64(trainPoints))
	o.Int("test_points", int64(testPoints))
	o.Uint("data_seed", s.DataSeed)
	o.Number("noise", s.Noise)
	if s.Snapshots > 0 {
		o.Number("snapshot_h", s.Snapshots)
	}
	return o.Bytes()
}

// writeErrors writes test errors as the members "rel_l2_H", "rel_l2_grad"
// and "rel_l2_xdot" (null where not finite).
func writeErrors(o *jsontext.Object, e metric.Errors) {
	o.Number("rel_l2_H", e.H)
	o.Number("rel_l2_grad", e.Grad)
	o.Number("rel_l2_xdot", e.Xdot)
}

// errorsJSON writes test errors as an object of writeErrors's members.
func errorsJSON(e metric.Errors) []byte {
	var o jsontext.Object
	writeErrors(&o, e)
	return o.Bytes()
}
