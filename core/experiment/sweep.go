package experiment

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"hnnplay/core/internal/jsontext"
	"hnnplay/core/lstsq"
	"hnnplay/core/metric"
	"hnnplay/core/number"
)

// SweepSteps are the observation steps h of a sweep unless a caller gives
// others: the paper's demonstration on the single pendulum, doubling from
// 0.05 to 0.8.
var SweepSteps = []float64{0.05, 0.1, 0.2, 0.4, 0.8}

// MaxSweepSteps is the most steps one sweep takes.
const MaxSweepSteps = 20

// SweepRow is the fit of one observation step h of a sweep: a fit of the
// sweep's settings with Snapshots = h, scored on the test set (the same for
// every h).
type SweepRow struct {
	H float64
	// Errors are the test errors of Ĥ, Corrected those of the corrected
	// H_corr = Ĥ + (h/2)∇_qĤ·∇_pĤ (see Result).
	Errors, Corrected metric.Errors
	FitSeconds        float64
	// DataFingerprint and HiddenFingerprint are the fit's (see Result):
	// equal on two machines, the same data and hidden layer.
	DataFingerprint, HiddenFingerprint string
}

// SweepResult is the limited-data experiment of docs/method.md (“The
// correction”): the error of Ĥ and of H_corr against the observation step h.
// Its JSON (MarshalJSON) is what `hnnplay sweep -json` prints and what the
// page reports as window.hnnplay.sweep().result.
type SweepResult struct {
	Settings Settings // the settings of every fit but Snapshots
	Rows     []SweepRow
	// Order and CorrectedOrder are the observed orders of the errors of H
	// of Ĥ and of H_corr in h (metric.Order over the rows): about 1 and 2,
	// the paper's O(h) and O(h²). NaN with fewer than two rows.
	Order, CorrectedOrder float64
}

// CheckSweep refuses a sweep of s over hs that cannot run, as a FieldError
// naming the field to change ("snapshots" for the steps): no steps, too
// many, a step out of the snapshot field's bounds or 0, or settings that
// snapshot data do not allow (Check, with lim, at the largest step).
func CheckSweep(s Settings, hs []float64, lim Limits) error {
	f := Lookup("snapshots")
	if len(hs) == 0 {
		return &FieldError{"snapshots", "the sweep needs at least one observation step h"}
	}
	if len(hs) > MaxSweepSteps {
		return &FieldError{"snapshots", fmt.Sprintf("the sweep takes at most %d observation steps, got %d", MaxSweepSteps, len(hs))}
	}
	for i, h := range hs {
		if !(h > 0 && h <= f.Max) {
			return &FieldError{"snapshots", fmt.Sprintf("observation step %d of the sweep is %s: each h must be above 0 and at most %s",
				i+1, number.Format(h), number.Format(f.Max))}
		}
	}
	s.Snapshots = slices.Max(hs)
	return Check(s, lim)
}

// SweepFit fits s with Snapshots = h on its own data and scores it: one row
// of a sweep.
func SweepFit(s Settings, h float64, solver lstsq.Solver) (SweepRow, error) {
	s.Snapshots = h
	d, err := NewData(s)
	if err != nil {
		return SweepRow{}, err
	}
	r, err := Fit(s, d, solver)
	if err != nil {
		return SweepRow{}, fmt.Errorf("h = %s: %w", number.Format(h), err)
	}
	return SweepRow{H: h, Errors: r.Errors, Corrected: *r.Corrected, FitSeconds: r.Fit.Total.Seconds(),
		DataFingerprint: r.DataFingerprint, HiddenFingerprint: r.HiddenFingerprint}, nil
}

// NewSweepResult gathers the rows of a sweep of s and their orders.
func NewSweepResult(s Settings, rows []SweepRow) *SweepResult {
	s.Snapshots = 0
	hs, e, ec := make([]float64, len(rows)), make([]float64, len(rows)), make([]float64, len(rows))
	for i, r := range rows {
		hs[i], e[i], ec[i] = r.H, r.Errors.H, r.Corrected.H
	}
	return &SweepResult{Settings: s, Rows: rows, Order: metric.Order(hs, e), CorrectedOrder: metric.Order(hs, ec)}
}

// Sweep fits s once for each observation step h of hs (SweepFit) and
// returns the errors of Ĥ and of H_corr against h with their orders.
// progress, if non-nil, is told each row as it is made. Sweep stops between
// fits when ctx is done, returning ctx's error; settings CheckSweep refuses
// are a FieldError.
func Sweep(ctx context.Context, s Settings, hs []float64, solver lstsq.Solver, progress func(SweepRow)) (*SweepResult, error) {
	if err := CheckSweep(s, hs, Limits{}); err != nil {
		return nil, err
	}
	var rows []SweepRow
	for _, h := range hs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r, err := SweepFit(s, h, solver)
		if err != nil {
			return nil, err
		}
		rows = append(rows, r)
		if progress != nil {
			progress(r)
		}
	}
	return NewSweepResult(s, rows), nil
}

// Note says, when the observed orders are not near 1 and 2, what limits
// them, for a reader: the network's own error (a floor at small h, which a
// larger width or more points lowers), or steps too large for a first-order
// correction. It is "" when the orders are as expected or there are fewer
// than two rows.
func (r *SweepResult) Note() string {
	n := len(r.Rows)
	if n < 2 || (math.Abs(r.Order-1) <= 0.25 && math.Abs(r.CorrectedOrder-2) <= 0.4) {
		return ""
	}
	var why []string
	small, large := r.Rows[0], r.Rows[n-1]
	for _, w := range r.Rows {
		if w.H < small.H {
			small = w
		}
		if w.H > large.H {
			large = w
		}
	}
	if !(small.Corrected.H < small.Errors.H/3) {
		why = append(why, fmt.Sprintf("at h = %s the corrected error %.2g is not well below Ĥ's %.2g: the network's own error "+
			"is the floor there, not h; a larger width or more points lowers it", number.Format(small.H), small.Corrected.H, small.Errors.H))
	}
	if !(large.Corrected.H < large.Errors.H) || !(large.Errors.H < 0.3) {
		why = append(why, fmt.Sprintf("at h = %s (error of Ĥ %.2g, of H_corr %.2g) the pairs are too far apart for a first-order "+
			"correction; smaller steps stay in its range", number.Format(large.H), large.Errors.H, large.Corrected.H))
	}
	if len(why) == 0 {
		return "the orders are not 1 and 2 over these steps; more steps or a larger network may show them"
	}
	return strings.Join(why, "; ")
}

// ParseSweepSteps reads a comma-separated list of observation steps
// ("0.05,0.1,0.2"), each a number as in a link (number.Parse); an error
// names the position of the bad entry. The steps are checked by CheckSweep.
func ParseSweepSteps(text string) ([]float64, error) {
	parts := strings.Split(text, ",")
	if len(parts) > MaxSweepSteps {
		return nil, fmt.Errorf("at most %d observation steps, got %d", MaxSweepSteps, len(parts))
	}
	hs := make([]float64, len(parts))
	for i, p := range parts {
		v, err := number.Parse(strings.TrimSpace(p))
		if err != nil {
			return nil, fmt.Errorf("observation step %d of %q: %v", i+1, text, err)
		}
		hs[i] = v
	}
	return hs, nil
}

// MarshalJSON writes the sweep as the data settings (DataJSON, without the
// step), the network's, the rows (h, the errors of Ĥ, those of H_corr as
// "corrected", the fit's time and fingerprints), the orders "order_H" and
// "corrected_order_H", the Note if there is one ("note") and the link of the
// settings. Numbers that are not
// finite are null.
func (r *SweepResult) MarshalJSON() ([]byte, error) {
	s := r.Settings
	var o jsontext.Object
	o.Members(DataJSON(s, s.Points, s.TestPoints, "snapshots", "uniform"))
	o.Int("width", int64(s.Width))
	o.String("sampler", string(s.Sampler))
	o.Number("rcond", s.Rcond)
	o.Uint("seed", s.Seed)
	rows := []byte{'['}
	for i, w := range r.Rows {
		if i > 0 {
			rows = append(rows, ',')
		}
		var ro jsontext.Object
		ro.Number("h", w.H)
		ro.Raw("errors", errorsJSON(w.Errors))
		ro.Raw("corrected", errorsJSON(w.Corrected))
		ro.Number("fit_seconds", w.FitSeconds)
		ro.String("data_fingerprint", w.DataFingerprint)
		ro.String("hidden_fingerprint", w.HiddenFingerprint)
		rows = append(rows, ro.Bytes()...)
	}
	o.Raw("rows", append(rows, ']'))
	o.Number("order_H", r.Order)
	o.Number("corrected_order_H", r.CorrectedOrder)
	if note := r.Note(); note != "" {
		o.String("note", note)
	}
	o.String("link", LinkOf(s, GroupData, GroupNetwork))
	return o.Bytes(), nil
}
