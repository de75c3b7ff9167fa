package data

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// records reads comma-separated text one record at a time, as ReadCSV and
// ReadFile take it: lines starting with '#' and blank lines skipped, a
// trailing "\r" dropped, fields trimmed by their readers. Text without a
// double quote is split in place, without copying (a 10 MB file would
// otherwise spend most of its time in allocation, in WebAssembly most of
// all); text with quotes goes through encoding/csv.
type records struct {
	text string
	pos  int
	line int // the line of the record last read
	next int // the line at pos
	buf  []string
	cr   *csv.Reader
}

func newRecords(text string) *records {
	r := &records{text: text, next: 1}
	if strings.IndexByte(text, '"') >= 0 {
		r.cr = csv.NewReader(strings.NewReader(text))
		r.cr.Comment = '#'
		r.cr.FieldsPerRecord = -1
		r.cr.TrimLeadingSpace = true
		r.cr.ReuseRecord = true
	}
	return r
}

// read returns the next record, valid until the next call, and io.EOF at
// the end. A quoting error names its line and column.
func (r *records) read() ([]string, error) {
	if r.cr != nil {
		rec, err := r.cr.Read()
		if err != nil {
			if err == io.EOF {
				return nil, err
			}
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("line %d, column %d: %v", pe.Line, pe.Column, pe.Err)
			}
			return nil, fmt.Errorf("line %d: %v", r.line+1, err)
		}
		r.line, _ = r.cr.FieldPos(0)
		return rec, nil
	}
	for r.pos < len(r.text) {
		end := strings.IndexByte(r.text[r.pos:], '\n')
		var ln string
		if end < 0 {
			ln, r.pos = r.text[r.pos:], len(r.text)
		} else {
			ln, r.pos = r.text[r.pos:r.pos+end], r.pos+end+1
		}
		r.line = r.next
		r.next++
		ln = strings.TrimSuffix(ln, "\r")
		if ln == "" || ln[0] == '#' || strings.TrimSpace(ln) == "" {
			continue
		}
		r.buf = r.buf[:0]
		for {
			i := strings.IndexByte(ln, ',')
			if i < 0 {
				r.buf = append(r.buf, ln)
				break
			}
			r.buf = append(r.buf, ln[:i])
			ln = ln[i+1:]
		}
		return r.buf, nil
	}
	return nil, io.EOF
}
