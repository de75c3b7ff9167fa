package data

import (
	"encoding/csv"
	"io"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// FuzzRecords: records reads what encoding/csv (with the options ReadCSV
// had when it used it) reads, on the same lines, and refuses what it
// refuses, for text without carriage returns and blank-looking lines, which
// records skips.
func FuzzRecords(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "# c\n\n1, 2 ,3\n4\n", "x", ",\n,,\n", "t,q,p\n0,1,0\n0.1,1,0",
		`"a","b ""c""",d` + "\n1,\"2\n3\",4\n# x\n5", `a,"b`, `a"b`, `"a"b`, ` "a", "b"` + "\n\"\"", "\"a,\n\n\",b\nc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if strings.ContainsAny(text, "\r") {
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
			// Fields are compared as their readers take them: trimmed.
			for i := range got {
				got[i] = strings.TrimLeftFunc(got[i], unicode.IsSpace)
			}
			for i := range want {
				want[i] = strings.TrimLeftFunc(want[i], unicode.IsSpace)
			}
			line, _ := cr.FieldPos(0)
			if !slices.Equal(got, want) || line != rs.line {
				t.Fatalf("%q: csv %q on line %d, records %q on line %d", text, want, line, got, rs.line)
			}
		}
	})
}
