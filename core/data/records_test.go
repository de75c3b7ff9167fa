package data

import (
	"encoding/csv"
	"io"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// FuzzRecords: without quotes, the in-place splitter reads what
// encoding/csv (with ReadCSV's options) reads, on the same lines, for text
// without carriage returns and blank-looking lines, which the splitter
// skips.
func FuzzRecords(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "# c\n\n1, 2 ,3\n4\n", "x", ",\n,,\n", "t,q,p\n0,1,0\n0.1,1,0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if strings.ContainsAny(text, "\"\r") {
			return
		}
		for _, ln := range strings.Split(text, "\n") {
			if ln != "" && strings.TrimSpace(ln) == "" {
				return
			}
		}
		cr := csv.NewReader(strings.NewReader(text))
		cr.Comment = '#'
		cr.FieldsPerRecord = -1
		cr.TrimLeadingSpace = true
		rs := newRecords(text)
		for {
			want, werr := cr.Read()
			got, gerr := rs.read()
			if werr != nil {
				if werr == io.EOF && gerr == io.EOF {
					return
				}
				if werr != io.EOF && gerr != nil {
					return // both refuse the text
				}
				t.Fatalf("%q: csv %v, records %q %v", text, werr, got, gerr)
			}
			if gerr != nil {
				t.Fatalf("%q: csv %q, records %v", text, want, gerr)
			}
			for i := range got {
				got[i] = strings.TrimLeftFunc(got[i], unicode.IsSpace)
			}
			line, _ := cr.FieldPos(0)
			if !slices.Equal(got, want) || line != rs.line {
				t.Fatalf("%q: csv %q on line %d, records %q on line %d", text, want, line, got, rs.line)
			}
		}
	})
}
