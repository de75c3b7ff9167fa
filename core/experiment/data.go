package experiment

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"hnnplay/core/data"
	"hnnplay/core/number"
	"hnnplay/core/system"
)

// Data is what an experiment learns from and is scored on.
type Data struct {
	Sys         system.System // the true system
	Train, Test *data.Set
	X0          []float64 // the anchor state, where Ĥ(x₀) = H₀ is imposed
	H0          float64
	// TrainSource and TestSource say where the sets came from: "uniform",
	// "snapshots", or a file name when a caller read them from files.
	TrainSource, TestSource string
	// TestOwnH: the test set's own energies (test.H, e.g. from a file) are
	// the reference for the error of H, not the system's.
	TestOwnH bool
	// Upload says what was trained on and held back when the data came
	// from an uploaded file (UploadData); nil for generated data.
	Upload *UploadReport
}

// testSeed derives the seed of a test set drawn apart from its training set
// (snapshot data), so that the two are independent draws.
func testSeed(seed uint64) uint64 { return seed ^ 0x7465_7374_7365_6564 } // "testseed"

// NewData generates the data of s: Points training states drawn uniformly in
// the box, or in its part TrainBox (or near circular orbits: Region), with the exact vector field as
// targets, or, in limited-data mode
// (Snapshots > 0), snapshot pairs h apart; then TestPoints test states in
// the whole box from the same stream (a separate one for snapshot data), none equal to a
// training state; then the noise on the training targets. Everything
// follows from DataSeed, so the page, the worker and the command line get
// the same numbers.
//
// A box that cannot be sampled, and data that are not finite, are a
// FieldError on the setting to blame: a system parameter that makes H or
// its gradient overflow at a state of the box (p.NAME), the box itself when
// the default parameters overflow there too, or the noise.
func NewData(s Settings) (*Data, error) {
	sys, err := s.NewSystem()
	if err != nil {
		return nil, &FieldError{"system", err.Error()}
	}
	d := &Data{Sys: sys, TrainSource: "uniform", TestSource: "uniform"}
	if s.Snapshots > 0 {
		d.TrainSource = "snapshots"
		if d.Train, err = data.Snapshots(sys, s.TrainingBox(), s.Points, s.Snapshots, s.DataSeed); err != nil {
			return nil, dataError(s, err, "cannot make the snapshot data")
		}
		if d.Test, err = data.Uniform(sys, s.Box, s.TestPoints, testSeed(s.DataSeed)); err != nil {
			return nil, dataError(s, err, "cannot make the test data")
		}
	} else if s.Region == RegionRing {
		d.TrainSource, d.TestSource = "ring", "ring"
		if d.Train, d.Test, err = data.Ring(sys, RingInner, RingOuter, RingSpread, s.Points, s.TestPoints, s.DataSeed); err != nil {
			return nil, dataError(s, err, "cannot make the data")
		}
	} else if d.Train, d.Test, err = data.TrainTestIn(sys, s.TrainingBox(), s.Box, s.Points, s.TestPoints, s.DataSeed); err != nil {
		return nil, dataError(s, err, "cannot make the data")
	}
	dim := 2 * sys.Dof()
	if r := firstNotFinite(d.Train, dim); r >= 0 { // snapshot targets (x_{n+1} − x_n)/h can overflow
		x := d.Train.X[r*dim : (r+1)*dim]
		if fe := blame(s, sys, x); fe != nil {
			return nil, fe
		}
		return nil, &FieldError{"box", fmt.Sprintf("Box: the training data are not finite at %s, a state of the box %s: use a smaller box",
			vecText(x), FormatBox(s.Box))}
	}
	if err := d.Train.AddNoise(s.Noise, s.DataSeed); err != nil {
		return nil, &FieldError{"noise", fmt.Sprintf("Noise: %v", err)}
	}
	if r := firstNotFinite(d.Train, dim); r >= 0 {
		return nil, &FieldError{"noise", fmt.Sprintf("Noise %s makes the training targets infinite at %s: lower it",
			number.Format(s.Noise), vecText(d.Train.X[r*dim:(r+1)*dim]))}
	}
	d.X0 = sys.Anchor()
	d.H0 = sys.H(d.X0)
	return d, nil
}

// dataError turns an error of package data into one on the setting to
// blame, or says what failed (context) otherwise.
func dataError(s Settings, err error, context string) error {
	sys, serr := s.NewSystem()
	if serr != nil {
		return &FieldError{"system", serr.Error()}
	}
	var be *data.BoxError
	if errors.As(err, &be) {
		kTrain := s.Points
		if s.Snapshots > 0 {
			kTrain = 0
		}
		return &FieldError{"box", boxError(be, system.CoordNames(sys.Dof()), kTrain).Error()}
	}
	var se *data.SampleError
	if errors.As(err, &se) {
		if fe := blame(s, sys, se.X); fe != nil {
			return fe
		}
	}
	return fmt.Errorf("%s: %v", context, err)
}

// blame returns the setting that makes H or its gradient not finite at the
// state x of the box, as a FieldError: the system parameters that, set back
// to their defaults one at a time (or, failing that, all at once), make
// them finite; else the box. It returns nil if both are finite at x.
func blame(s Settings, sys system.System, x []float64) *FieldError {
	bad := notFinite(sys, x)
	if bad == "" {
		return nil
	}
	keys := slices.Sorted(maps.Keys(s.Params))
	var culprits []string
	for _, k := range keys {
		p := maps.Clone(s.Params)
		delete(p, k)
		if alt, err := s.systemWith(p); err == nil && notFinite(alt, x) == "" {
			culprits = append(culprits, k)
		}
	}
	if len(culprits) == 0 && len(keys) > 0 {
		if alt, err := s.systemWith(nil); err == nil && notFinite(alt, x) == "" {
			culprits = keys
		}
	}
	if len(culprits) == 0 {
		return &FieldError{"box", fmt.Sprintf("Box: H or its gradient is %s at %s, a state of the box %s: use a smaller box",
			bad, vecText(x), FormatBox(s.Box))}
	}
	set := make([]string, len(culprits))
	advice := make([]string, len(culprits))
	for i, k := range culprits {
		set[i] = k + "=" + s.Params[k]
		advice[i] = paramAdvice(s.System, k, s.Params[k])
	}
	what := "System parameter " + set[0] + " makes"
	if len(set) > 1 {
		what = "System parameters " + strings.Join(set, ", ") + " make"
	}
	return &FieldError{"p." + culprits[0], fmt.Sprintf("%s H or its gradient %s at %s in the box: %s",
		what, bad, vecText(x), strings.Join(advice, ", "))}
}

// notFinite says how H or the gradient of sys is not finite at x
// ("infinite" or "NaN"), or "" if both are finite.
func notFinite(sys system.Hamiltonian, x []float64) string {
	g := make([]float64, len(x))
	sys.Grad(g, x)
	v := append(g, sys.H(x))
	if number.Finite(v...) {
		return ""
	}
	for _, y := range v {
		if math.IsInf(y, 0) {
			return "infinite"
		}
	}
	return "NaN"
}

// firstNotFinite returns the first row of set whose state, targets or
// energy is not finite, or −1.
func firstNotFinite(set *data.Set, dim int) int {
	for r := range set.Len() {
		if !number.Finite(set.X[r*dim:(r+1)*dim]...) || !number.Finite(set.Xdot[r*dim:(r+1)*dim]...) ||
			(set.H != nil && !number.Finite(set.H[r])) {
			return r
		}
	}
	return -1
}

// paramAdvice says which way to change the parameter name of the system
// from value: towards its default.
func paramAdvice(sys, name, value string) string {
	for _, p := range system.Describe(sys) {
		if p.Name != name {
			continue
		}
		v, err1 := number.Parse(value)
		def, err2 := number.Parse(p.Default)
		switch {
		case err1 != nil || err2 != nil:
			return fmt.Sprintf("change %s (default %s)", name, p.Default)
		case math.Abs(v) > math.Abs(def):
			return fmt.Sprintf("lower %s (default %s)", name, p.Default)
		default:
			return fmt.Sprintf("raise %s (default %s)", name, p.Default)
		}
	}
	return "change " + name
}

// vecText writes a state as "(0.5, -1.2)".
func vecText(x []float64) string {
	parts := make([]string, len(x))
	for i, v := range x {
		parts[i] = strconv.FormatFloat(v, 'g', 4, 64)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
