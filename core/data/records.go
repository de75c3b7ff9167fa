package data

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// records reads comma-separated text one record at a time, as ReadCSV and
// ReadFile take it: lines starting with '#' and blank lines skipped, a
// trailing "\r" dropped, fields trimmed by their readers. Text without a
// double quote is split in place, without copying (a 10 MB file would
// otherwise spend most of its time in allocation, in WebAssembly most of
// all). Quoted fields are read as RFC 4180 (and encoding/csv, whose reading
// FuzzRecords compares) has them: "a ""b"", c" is one field, `a "b", c`; a
// quoted field may hold commas and line breaks. encoding/csv itself is not
// used: it would cost the page's worker 5 kB of its download.
type records struct {
	text   string
	pos    int
	line   int // the line of the record last read
	next   int // the line at pos
	quoted bool
	buf    []string
	field  []byte
}

func newRecords(text string) *records {
	return &records{text: text, next: 1, quoted: strings.IndexByte(text, '"') >= 0}
}

// read returns the next record, valid until the next call, and io.EOF at
// the end. A quoting error names its line and column.
func (r *records) read() ([]string, error) {
	for r.pos < len(r.text) {
		end := strings.IndexByte(r.text[r.pos:], '\n')
		var ln string
		start := r.pos
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
		if r.quoted && strings.IndexByte(ln, '"') >= 0 {
			r.pos, r.next = start, r.line
			return r.readQuoted()
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

// readQuoted reads the record at pos, which has a double quote: fields that
// start (after spaces) with a quote run to the closing quote, "" standing
// for a quote, across line breaks ("\r\n" read as "\n").
func (r *records) readQuoted() ([]string, error) {
	t := r.text
	r.buf = r.buf[:0]
	r.field = r.field[:0]
	lineStart := r.pos
	for {
		// One field from r.pos; leading white space skipped.
		for r.pos < len(t) {
			c, n := utf8.DecodeRuneInString(t[r.pos:])
			if c == '\n' || !unicode.IsSpace(c) {
				break
			}
			r.pos += n
		}
		if r.pos < len(t) && t[r.pos] == '"' {
			quoteLine, quoteCol := r.next, r.pos-lineStart+1
			r.pos++
			r.field = r.field[:0]
			for {
				i := strings.IndexByte(t[r.pos:], '"')
				if i < 0 {
					return nil, fmt.Errorf("line %d, column %d: extraneous or missing \" in quoted-field", quoteLine, quoteCol)
				}
				chunk := t[r.pos : r.pos+i]
				r.next += strings.Count(chunk, "\n")
				r.field = append(r.field, strings.ReplaceAll(chunk, "\r\n", "\n")...)
				if k := strings.LastIndexByte(chunk, '\n'); k >= 0 {
					lineStart = r.pos + k + 1
				}
				r.pos += i + 1
				if r.pos < len(t) && t[r.pos] == '"' { // "" is a quote
					r.field = append(r.field, '"')
					r.pos++
					continue
				}
				break
			}
			r.buf = append(r.buf, string(r.field))
			switch {
			case r.pos >= len(t):
				return r.buf, nil
			case t[r.pos] == ',':
				r.pos++
				continue
			case t[r.pos] == '\n':
				r.pos++
				r.next++
				return r.buf, nil
			case t[r.pos] == '\r' && r.pos+1 < len(t) && t[r.pos+1] == '\n':
				r.pos += 2
				r.next++
				return r.buf, nil
			}
			return nil, fmt.Errorf("line %d, column %d: extraneous or missing \" in quoted-field", r.next, r.pos-lineStart+1)
		}
		// An unquoted field: to the next comma or the line's end.
		end := r.pos
		for end < len(t) && t[end] != ',' && t[end] != '\n' {
			if t[end] == '"' {
				return nil, fmt.Errorf("line %d, column %d: bare \" in non-quoted-field", r.next, end-lineStart+1)
			}
			end++
		}
		f := t[r.pos:end]
		r.pos = end
		if r.pos >= len(t) || t[r.pos] == '\n' {
			r.buf = append(r.buf, strings.TrimSuffix(f, "\r"))
			if r.pos < len(t) {
				r.pos++
				r.next++
			}
			return r.buf, nil
		}
		r.buf = append(r.buf, f)
		r.pos++ // the comma
	}
}
