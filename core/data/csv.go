package data

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// ReadCSV reads a data set from comma-separated text with one state per line
// and the columns
//
//	q₁ … q_d, p₁ … p_d, q̇₁ … q̇_d, ṗ₁ … ṗ_d [, H]
//
// i.e. 4d columns, or 4d+1 when the true energy is included. If dof is 0, d
// is inferred from the first data row: a column count divisible by 4 means no
// H, one more than a multiple of 4 means H is present. Lines starting with
// '#' and blank lines are skipped, and so is a header: a first row none of
// whose fields is a number. Fields may be quoted and surrounded by spaces.
//
// Errors name the line: no data rows, a column count that does not fit dof
// or differs from the first data row, a field that is not a number, NaN or
// ±Inf.
func ReadCSV(r io.Reader, dof int) (*Set, error) {
	if dof < 0 {
		return nil, fmt.Errorf("data: csv: dof must be ≥ 0, got %d", dof)
	}
	text, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("data: csv: %w", err)
	}
	rs := newRecords(string(text))
	s := &Set{Dof: dof}
	cols, hasH := 0, false
	first := true
	for {
		rec, err := rs.read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("data: csv %v", err)
		}
		line := rs.line
		if first {
			first = false
			if isHeader(rec) {
				continue
			}
		}
		if cols == 0 {
			n := len(rec)
			switch {
			case s.Dof == 0 && n >= 4 && n%4 == 0:
				s.Dof = n / 4
			case s.Dof == 0 && n >= 5 && n%4 == 1:
				s.Dof, hasH = n/4, true
			case s.Dof == 0:
				return nil, fmt.Errorf("data: csv line %d: %d columns; want 4d or 4d+1 (q, p, q̇, ṗ[, H])", line, n)
			case n == 4*s.Dof:
			case n == 4*s.Dof+1:
				hasH = true
			default:
				return nil, fmt.Errorf("data: csv line %d: %d columns, want %d (or %d with H) for %d degrees of freedom", line, n, 4*s.Dof, 4*s.Dof+1, s.Dof)
			}
			cols = n
			if hasH {
				s.H = []float64{}
			}
		} else if len(rec) != cols {
			return nil, fmt.Errorf("data: csv line %d: %d columns, want %d like the first data row", line, len(rec), cols)
		}
		d2 := 2 * s.Dof
		for j, f := range rec {
			v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
			if errors.Is(err, strconv.ErrRange) && math.Abs(v) > 1 {
				return nil, fmt.Errorf("data: csv line %d, column %d: %q is out of the float64 range", line, j+1, f)
			}
			if err != nil && !errors.Is(err, strconv.ErrRange) {
				return nil, fmt.Errorf("data: csv line %d, column %d: %q is not a number", line, j+1, f)
			}
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("data: csv line %d, column %d: %q is not finite", line, j+1, f)
			}
			switch {
			case j < d2:
				s.X = append(s.X, v)
			case j < 2*d2:
				s.Xdot = append(s.Xdot, v)
			default:
				s.H = append(s.H, v)
			}
		}
	}
	if cols == 0 {
		return nil, errors.New("data: csv: no data rows")
	}
	return s, nil
}

// isHeader reports whether no field of rec parses as a number.
func isHeader(rec []string) bool {
	for _, f := range rec {
		if _, err := strconv.ParseFloat(strings.TrimSpace(f), 64); err == nil {
			return false
		}
	}
	return true
}

// WriteCSV writes s in the format of ReadCSV: a header line
// q1,…,qd,p1,…,pd,dq1,…,dqd,dp1,…,dpd[,H], then one line per state, every
// value in the shortest form that reads back exactly. It returns an error if s
// is not valid (see Set.Validate) or writing fails.
func WriteCSV(w io.Writer, s *Set) error {
	if err := s.Validate(); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	d, d2 := s.Dof, 2*s.Dof
	var buf []byte
	for _, pre := range []string{"q", "p", "dq", "dp"} {
		for i := 1; i <= d; i++ {
			if len(buf) > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, pre...)
			buf = strconv.AppendInt(buf, int64(i), 10)
		}
	}
	if s.H != nil {
		buf = append(buf, ",H"...)
	}
	buf = append(buf, '\n')
	bw.Write(buf)
	for k := range s.Len() {
		buf = buf[:0]
		for _, v := range s.X[k*d2 : (k+1)*d2] {
			buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
			buf = append(buf, ',')
		}
		for _, v := range s.Xdot[k*d2 : (k+1)*d2] {
			buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
			buf = append(buf, ',')
		}
		if s.H != nil {
			buf = strconv.AppendFloat(buf, s.H[k], 'g', -1, 64)
		} else {
			buf = buf[:len(buf)-1]
		}
		buf = append(buf, '\n')
		if _, err := bw.Write(buf); err != nil {
			return fmt.Errorf("data: csv: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("data: csv: %w", err)
	}
	return nil
}
