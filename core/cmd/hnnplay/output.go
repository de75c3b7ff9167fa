package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"hnnplay/core/experiment"
	"hnnplay/core/metric"
)

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
func (t *table) describe(s experiment.Settings, d *experiment.Data) {
	t.row("system", "%s", systemText(s.System, s.Params))
	if s.Formula != "" {
		t.row("H", "%s", s.Formula)
	}
	parts := make([]string, len(s.Box.Lo))
	for i := range parts {
		parts[i] = fmt.Sprintf("[%.4g, %.4g]", s.Box.Lo[i], s.Box.Hi[i])
	}
	t.row("domain", "%s", strings.Join(parts, " × "))
	if s.HasTrainBox() {
		for i := range parts {
			parts[i] = fmt.Sprintf("[%.4g, %.4g]", s.TrainBox.Lo[i], s.TrainBox.Hi[i])
		}
		t.row("train region", "%s (test points in the whole domain)", strings.Join(parts, " × "))
	}
	src := d.TrainSource
	if src == "uniform" || src == "snapshots" {
		src = fmt.Sprintf("%s, data seed %d", src, s.DataSeed)
	}
	if s.Snapshots > 0 {
		src += fmt.Sprintf(", h = %g", s.Snapshots)
	}
	if s.Noise > 0 {
		src += fmt.Sprintf(", noise %g", s.Noise)
	}
	t.row("train", "%d points (%s)", d.Train.Len(), src)
	t.row("test", "%d points (%s)", d.Test.Len(), d.TestSource)
}

func (t *table) errors(prefix string, e metric.Errors) {
	t.row(prefix+"rel L2 H", "%.3g", e.H)
	t.row(prefix+"rel L2 ∇H", "%.3g", e.Grad)
	t.row(prefix+"rel L2 ẋ", "%.3g", e.Xdot)
}

// systemText names a system with the parameters set: "pendulum (f=10,m=2)".
func systemText(name string, params map[string]string) string {
	if len(params) == 0 {
		return name
	}
	var p []string
	for _, k := range slices.Sorted(maps.Keys(params)) {
		p = append(p, k+"="+params[k])
	}
	return name + " (" + strings.Join(p, ",") + ")"
}
