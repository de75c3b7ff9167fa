package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"hnnplay/core/metric"
	"hnnplay/core/system"
)

// num is a float64 that encodes NaN and ±Inf as JSON null.
type num float64

func (n num) MarshalJSON() ([]byte, error) {
	if !finite(float64(n)) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, float64(n), 'g', -1, 64), nil
}

func nums(v []float64) []num {
	out := make([]num, len(v))
	for i, x := range v {
		out[i] = num(x)
	}
	return out
}

// boxJSON is a box in a report.
type boxJSON struct {
	Lo []num `json:"lo"`
	Hi []num `json:"hi"`
}

// common is the part of every report that describes the system and data.
type common struct {
	System     string            `json:"system"`
	Params     map[string]string `json:"params"`
	Domain     boxJSON           `json:"domain"`
	Train      string            `json:"train"` // uniform, snapshots or a CSV path
	Test       string            `json:"test"`
	Points     int               `json:"points"`
	TestPoints int               `json:"test_points"`
	DataSeed   uint64            `json:"data_seed"`
	Noise      num               `json:"noise"`
	SnapshotH  num               `json:"snapshot_h,omitempty"`
	Width      int               `json:"width"`
	Seed       uint64            `json:"seed"`
}

func (p *problem) common(o *dataOpts, width int, seed uint64) common {
	params := map[string]string(p.params)
	if params == nil {
		params = map[string]string{}
	}
	return common{
		System: p.sys.Name(), Params: params,
		Domain: boxJSON{nums(p.box.Lo), nums(p.box.Hi)},
		Train:  p.source, Test: p.testSource,
		Points: p.train.Len(), TestPoints: p.test.Len(),
		DataSeed: o.dataSeed, Noise: num(o.noise), SnapshotH: num(o.snapshots),
		Width: width, Seed: seed,
	}
}

// errorsJSON are the test errors of a model.
type errorsJSON struct {
	H    num `json:"rel_l2_H"`
	Grad num `json:"rel_l2_grad"`
	Xdot num `json:"rel_l2_xdot"`
}

// evaluate returns the test errors of m: H against the test set's energies
// (its own from a CSV file, the system's otherwise), ∇H against the system's
// gradient and ẋ against the test targets.
func (p *problem) evaluate(m system.Hamiltonian) errorsJSON {
	e := metric.Evaluate(m, p.test, p.sys)
	if p.testOwnH {
		e.H = metric.Evaluate(m, p.test, nil).H
	}
	return errorsJSON{num(e.H), num(e.Grad), num(e.Xdot)}
}

// writeJSON prints v as one line of JSON, so that the reports of a sweep
// can be appended to one JSON-lines file.
func writeJSON(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return failed(err)
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// table prints aligned "key  value" lines.
type table struct{ tw *tabwriter.Writer }

func newTable(w io.Writer) *table { return &table{tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)} }

func (t *table) row(key, format string, args ...any) {
	fmt.Fprintf(t.tw, "%s\t%s\n", key, fmt.Sprintf(format, args...))
}

func (t *table) flush() error { return t.tw.Flush() }

// describe prints the system and data lines of a human report.
func (t *table) describe(c common) {
	name := c.System
	if len(c.Params) > 0 {
		name += " (" + paramFlag(c.Params).String() + ")"
	}
	t.row("system", "%s", name)
	parts := make([]string, len(c.Domain.Lo))
	for i := range parts {
		parts[i] = fmt.Sprintf("[%.4g, %.4g]", float64(c.Domain.Lo[i]), float64(c.Domain.Hi[i]))
	}
	t.row("domain", "%s", strings.Join(parts, " × "))
	src := c.Train
	if c.Train == "uniform" || c.Train == "snapshots" {
		src = fmt.Sprintf("%s, data seed %d", c.Train, c.DataSeed)
	}
	if c.SnapshotH > 0 {
		src += fmt.Sprintf(", h = %g", float64(c.SnapshotH))
	}
	if c.Noise > 0 {
		src += fmt.Sprintf(", noise %g", float64(c.Noise))
	}
	t.row("train", "%d points (%s)", c.Points, src)
	t.row("test", "%d points (%s)", c.TestPoints, c.Test)
}

func (t *table) errors(prefix string, e errorsJSON) {
	t.row(prefix+"rel L2 H", "%.3g", float64(e.H))
	t.row(prefix+"rel L2 ∇H", "%.3g", float64(e.Grad))
	t.row(prefix+"rel L2 ẋ", "%.3g", float64(e.Xdot))
}
