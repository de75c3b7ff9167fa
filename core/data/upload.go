package data

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// MaxFileBytes is the largest data file ReadFile reads: 20 MB, about 300 000
// states of one degree of freedom. The page checks a file's size against it
// before reading the file.
const MaxFileBytes = 20_000_000

// StepTolerance is how far, relative to the first time step of a file of
// trajectories, any other step may be: 10⁻³, room for times written with
// six significant digits.
const StepTolerance = 1e-3

// The formats of a data file (File.Format).
const (
	FormatDerivatives  = "derivatives"  // one state per line with its derivatives: q…, p…, q̇…, ṗ…[, H]
	FormatTrajectories = "trajectories" // states along trajectories at equal time steps: [id,] t, q…, p…
)

// File is a data set read from text by ReadFile.
type File struct {
	// Format is FormatDerivatives or FormatTrajectories.
	Format string
	// Set holds the samples: for derivatives the states with their
	// derivatives (and H when the file has the column); for trajectories
	// one snapshot pair per two consecutive rows of a trajectory, in the
	// form of Snapshots (X = (q_{n+1}, p_n), Xdot = (x_{n+1} − x_n)/h, no H).
	Set *Set
	// Step is the time step h of trajectories, the mean of the file's
	// steps (which agree within StepTolerance) rounded to 12 significant
	// digits; 0 for derivatives.
	Step float64
	// Trajectory is, for each row of Set, the trajectory (counted from 0)
	// of its pair; nil for derivatives.
	Trajectory []int
	// Trajectories counts the trajectories (0 for derivatives); Rows the
	// file's data lines.
	Trajectories, Rows int
}

// About describes f in words: "4 trajectories of 101 states (400 pairs),
// 1 degree of freedom, time step h = 0.1".
func (f *File) About() string {
	dof := fmt.Sprintf("%d degree of freedom", f.Set.Dof)
	if f.Set.Dof != 1 {
		dof += "s"
	}
	if f.Format == FormatTrajectories {
		tr := "1 trajectory"
		if f.Trajectories != 1 {
			tr = fmt.Sprintf("%d trajectories", f.Trajectories)
		}
		return fmt.Sprintf("%s, %d states (%d pairs), %s, time step h = %s", tr, f.Rows, f.Set.Len(), dof,
			strconv.FormatFloat(f.Step, 'g', 6, 64))
	}
	cols := "q, p, q̇, ṗ"
	if f.Set.H != nil {
		cols += ", H"
	}
	return fmt.Sprintf("%d states with derivatives (%s), %s", f.Set.Len(), cols, dof)
}

// ReadFile reads a data file in either format, deciding by its first line:
//
//   - a header (a first line none of whose fields is a number) that names a
//     time column, "t" or "time", makes a file of trajectories (see
//     ReadTrajectories);
//   - any other file, with or without a header, holds states with their
//     derivatives, q…, p…, q̇…, ṗ…[, H] (see ReadCSV).
//
// So a file without a header is always read as states with derivatives:
// trajectories need the header that names their time column.
//
// Text longer than MaxFileBytes, a file without data lines, and every error
// of the two readers, are errors naming the line (and the column, for a
// field), with what to change.
func ReadFile(text string) (*File, error) {
	if len(text) > MaxFileBytes {
		return nil, fmt.Errorf("the file is %.1f MB; at most %d MB are read: use fewer rows", float64(len(text))/1e6, MaxFileBytes/1_000_000)
	}
	rs := newRecords(text)
	rec, err := rs.read()
	if err == io.EOF {
		return nil, errors.New("line 1: the file is empty: it needs a line per state")
	}
	if err != nil {
		return nil, err
	}
	if isHeader(rec) {
		if _, _, ok := headerColumns(rec); ok {
			return ReadTrajectories(text)
		}
		line := rs.line
		if _, err := rs.read(); err == io.EOF {
			return nil, fmt.Errorf("line %d: the file ends after its header: add a line per state", line+1)
		}
	}
	s, err := ReadCSV(strings.NewReader(text), 0)
	if err != nil {
		msg := strings.TrimPrefix(strings.TrimPrefix(err.Error(), "data: csv "), "data: csv: ")
		if strings.Contains(msg, "columns; want 4d") {
			msg += "; for trajectories, start the file with a header naming the columns, e.g. t,q,p or id,t,q,p"
		}
		return nil, errors.New(msg)
	}
	return &File{Format: FormatDerivatives, Set: s, Rows: s.Len()}, nil
}

// headerColumns finds the time column ("t" or "time") and the trajectory
// column ("id", "traj" or "trajectory"; −1 if none) of a header, case and
// spaces ignored; ok is false without a time column.
func headerColumns(rec []string) (tcol, idcol int, ok bool) {
	tcol, idcol = -1, -1
	for j, f := range rec {
		switch strings.ToLower(strings.TrimSpace(f)) {
		case "t", "time":
			if tcol < 0 {
				tcol = j
			}
		case "id", "traj", "trajectory":
			if idcol < 0 {
				idcol = j
			}
		}
	}
	return tcol, idcol, tcol >= 0
}

// ReadTrajectories reads states along trajectories. The first line is a
// header naming the columns: a time column "t" (or "time"), optionally a
// trajectory column "id" (or "traj", "trajectory") whose value, any text,
// changes from one trajectory to the next, and the state's 2d coordinates
// q₁ … q_d, p₁ … p_d in this order in the other columns (any names). Without
// an id column the file is one trajectory. Lines starting with '#' are
// skipped.
//
// Within each trajectory the time must grow by the same step h (within
// StepTolerance relative to the first step of the file). Every two
// consecutive rows x_n, x_{n+1} of a trajectory give one pair, stored as
// Snapshots stores its pairs: X = (q_{n+1}, p_n), Xdot = (x_{n+1} − x_n)/h,
// with h the mean of the steps (see File.Step).
//
// Errors name the line (and the column of a field): no header with a time
// column, no data lines, a column count other than the header's, a field
// that is not a number or not finite, a time step that is not positive or
// differs from the first (both steps given), a trajectory of one row, a
// trajectory whose rows are not together.
func ReadTrajectories(text string) (*File, error) {
	if len(text) > MaxFileBytes {
		return nil, fmt.Errorf("the file is %.1f MB; at most %d MB are read: use fewer rows", float64(len(text))/1e6, MaxFileBytes/1_000_000)
	}
	rs := newRecords(text)
	head, err := rs.read()
	if err == io.EOF {
		return nil, errors.New("line 1: the file is empty: it needs a header (e.g. t,q,p) and a line per state")
	}
	if err != nil {
		return nil, err
	}
	headLine := rs.line
	tcol, idcol, ok := headerColumns(head)
	if !isHeader(head) || !ok {
		return nil, fmt.Errorf("line %d: trajectories need a header naming a time column t, e.g. t,q,p or id,t,q,p", headLine)
	}
	names := append([]string(nil), head...) // head is reused by the next read
	cols := len(names)
	dim := cols - 1
	if idcol >= 0 {
		dim--
	}
	if dim < 2 || dim%2 != 0 {
		return nil, fmt.Errorf("line %d: %d state columns besides t and id; want an even number, q₁…q_d then p₁…p_d", headLine, dim)
	}
	d := dim / 2
	f := &File{Format: FormatTrajectories, Set: &Set{Dof: d}}
	var (
		states   []float64 // the current trajectory's states, row after row
		times    []float64
		lines    []int
		first    = -1.0 // the file's first step
		firstAt  int    // its line
		sum      float64
		steps    int
		id       string
		seen     = map[string]int{} // a trajectory's id → its first line
		x        = make([]float64, dim)
		finished [][]float64 // the finished trajectories' states
	)
	end := func() error {
		if len(times) == 0 {
			return nil
		}
		if len(times) == 1 {
			what := "the file has one row"
			if idcol >= 0 {
				what = fmt.Sprintf("trajectory %q has one row", id)
			}
			return fmt.Errorf("line %d: %s; a trajectory needs at least two (a pair of states h apart)", lines[0], what)
		}
		finished = append(finished, states)
		states, times, lines = nil, times[:0], lines[:0]
		f.Trajectories++
		return nil
	}
	for {
		rec, err := rs.read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		line := rs.line
		if len(rec) != cols {
			return nil, fmt.Errorf("line %d: %d columns, want %d like the header (%s)", line, len(rec), cols, strings.Join(names, ","))
		}
		f.Rows++
		if idcol >= 0 {
			if v := strings.TrimSpace(rec[idcol]); v != id || f.Rows == 1 {
				if err := end(); err != nil {
					return nil, err
				}
				if at, dup := seen[v]; dup {
					return nil, fmt.Errorf("line %d: trajectory %q began on line %d and other rows came between: keep each trajectory's rows together", line, v, at)
				}
				id, seen[v] = v, line
			}
		}
		var t float64
		k := 0
		for j, s := range rec {
			if j == idcol {
				continue
			}
			v, err := parseField(s)
			if err != nil {
				return nil, fmt.Errorf("line %d, column %d (%s): %v", line, j+1, strings.TrimSpace(names[j]), err)
			}
			if j == tcol {
				t = v
			} else {
				x[k] = v
				k++
			}
		}
		if n := len(times); n > 0 {
			h := t - times[n-1]
			if !(h > 0) || math.IsInf(h, 0) {
				return nil, fmt.Errorf("line %d: the time %s does not grow from %s on line %d: sort each trajectory by time", line,
					fmtNum(t), fmtNum(times[n-1]), lines[n-1])
			}
			if first < 0 {
				first, firstAt = h, line
			} else if math.Abs(h-first) > StepTolerance*first {
				return nil, fmt.Errorf("line %d: the time step is %s (from t = %s on line %d), but %s on line %d: the steps must be equal",
					line, fmtNum(h), fmtNum(times[n-1]), lines[n-1], fmtNum(first), firstAt)
			}
			sum += h
			steps++
		}
		times = append(times, t)
		lines = append(lines, line)
		states = append(states, x...)
	}
	if err := end(); err != nil {
		return nil, err
	}
	if f.Rows == 0 {
		return nil, fmt.Errorf("line %d: the file ends after its header: add a line per state", headLine+1)
	}
	// the mean step, to 12 digits: steps of 0.1 written in decimal give 0.1
	h, _ := strconv.ParseFloat(strconv.FormatFloat(sum/float64(steps), 'g', 12, 64), 64)
	f.Step = h
	s := f.Set
	s.X = make([]float64, 0, (f.Rows-f.Trajectories)*dim)
	s.Xdot = make([]float64, 0, (f.Rows-f.Trajectories)*dim)
	f.Trajectory = make([]int, 0, f.Rows-f.Trajectories)
	for i, tr := range finished {
		n := len(tr) / dim
		for r := range n - 1 {
			a, b := tr[r*dim:(r+1)*dim], tr[(r+1)*dim:(r+2)*dim]
			s.X = append(s.X, b[:d]...) // x̄ = (q_{n+1}, p_n)
			s.X = append(s.X, a[d:]...)
			for c := range dim {
				s.Xdot = append(s.Xdot, (b[c]-a[c])/h)
			}
			f.Trajectory = append(f.Trajectory, i)
		}
	}
	for r := range s.Len() {
		if _, xd := s.Row(r); !finite(xd) {
			return nil, fmt.Errorf("line %d: the difference quotients of trajectory %d overflow: rescale the data", headLine, f.Trajectory[r]+1)
		}
	}
	return f, nil
}

// parseField reads one number of a data file.
func parseField(s string) (float64, error) {
	s = strings.TrimSpace(s)
	v, err := strconv.ParseFloat(s, 64)
	switch {
	case errors.Is(err, strconv.ErrRange) && math.Abs(v) > 1:
		return 0, fmt.Errorf("%q is out of the float64 range", s)
	case err != nil && !errors.Is(err, strconv.ErrRange):
		return 0, fmt.Errorf("%q is not a number", s)
	case math.IsNaN(v) || math.IsInf(v, 0):
		return 0, fmt.Errorf("%q is not finite", s)
	}
	return v, nil
}

func finite(v []float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }
