package data

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"hnnplay/core/system"
)

func TestCSVRoundTrip(t *testing.T) {
	for _, withH := range []bool{true, false} {
		s, err := Uniform(system.NewHenonHeiles(), system.NewHenonHeiles().Box(), 37, 2)
		if err != nil {
			t.Fatal(err)
		}
		if !withH {
			s.H = nil
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, s); err != nil {
			t.Fatal(err)
		}
		header, _, _ := strings.Cut(buf.String(), "\n")
		wantHeader := "q1,q2,p1,p2,dq1,dq2,dp1,dp2"
		if withH {
			wantHeader += ",H"
		}
		if header != wantHeader {
			t.Errorf("header %q, want %q", header, wantHeader)
		}
		for _, dof := range []int{0, 2} {
			got, err := ReadCSV(bytes.NewReader(buf.Bytes()), dof)
			if err != nil {
				t.Fatal(err)
			}
			if got.Dof != 2 || !equal(got.X, s.X) || !equal(got.Xdot, s.Xdot) || !equal(got.H, s.H) || (got.H == nil) != (s.H == nil) {
				t.Fatalf("round trip (H %v, dof %d) differs", withH, dof)
			}
		}
	}
}

func equal(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestReadCSV(t *testing.T) {
	in := "# pendulum data\n" +
		"q, p, qdot, pdot\n" +
		"\n" +
		"1, 2, 3, 4\n" +
		"# a comment\n" +
		"  5,6,7,\"8\"\r\n" +
		"-1e-3,0x1p-2,.5,9\n"
	s, err := ReadCSV(strings.NewReader(in), 0)
	if err != nil {
		t.Fatal(err)
	}
	want := &Set{Dof: 1, X: []float64{1, 2, 5, 6, -1e-3, 0.25}, Xdot: []float64{3, 4, 7, 8, 0.5, 9}}
	if s.Dof != 1 || !equal(s.X, want.X) || !equal(s.Xdot, want.Xdot) || s.H != nil {
		t.Errorf("got %+v, want %+v", s, want)
	}
	// 4d+1 columns with dof given: H present.
	s, err = ReadCSV(strings.NewReader("1,2,3,4,5\n6,7,8,9,10\n"), 1)
	if err != nil || !equal(s.H, []float64{5, 10}) {
		t.Errorf("H column: %+v, %v", s, err)
	}
	// Inference: 9 columns = d = 2 with H; 8 = d = 2 without.
	s, err = ReadCSV(strings.NewReader("1,2,3,4,5,6,7,8,9\n"), 0)
	if err != nil || s.Dof != 2 || len(s.H) != 1 {
		t.Errorf("9 columns: %+v, %v", s, err)
	}
	if err := s.Validate(); err != nil {
		t.Error(err)
	}
}

func TestReadCSVErrors(t *testing.T) {
	for _, c := range []struct {
		in   string
		dof  int
		want string
	}{
		{"", 0, "data: csv: no data rows"},
		{"# only a comment\n\n", 1, "no data rows"},
		{"q,p,qdot,pdot\n", 1, "no data rows"},
		{"1,2,3\n", 0, "data: csv line 1: 3 columns; want 4d or 4d+1"},
		{"1,2,3,4,5,6\n", 0, "line 1: 6 columns; want 4d or 4d+1"},
		{"1,2,3,4,5,6,7,8\n", 1, "data: csv line 1: 8 columns, want 4 (or 5 with H) for 1 degrees of freedom"},
		{"q,p,a,b\n1,2,3,4\n1,2,3,4,5\n", 0, "data: csv line 3: 5 columns, want 4 like the first data row"},
		{"1,2,3,4\n# c\n1,2,x,4\n", 1, `data: csv line 3, column 3: "x" is not a number`},
		{"1,2,3,4\n1,2,3,4\n1,NaN,3,4\n", 0, `data: csv line 3, column 2: "NaN" is not finite`},
		{"1,2,3,-Inf\n", 0, `line 1, column 4: "-Inf" is not finite`},
		{"1,2,3,1e400\n", 0, `line 1, column 4: "1e400" is out of the float64 range`},
		{"1,2,3,1e-400\n", 0, "no error"},
		{"1,2,\"3,4\n", 0, "data: csv line 1"},
		{"1,2,3,4\n", -1, "dof must be ≥ 0"},
	} {
		s, err := ReadCSV(strings.NewReader(c.in), c.dof)
		if c.want == "no error" {
			if err != nil || s.Xdot[1] != 0 {
				t.Errorf("ReadCSV(%q) = %v, %v; want underflow to 0", c.in, s, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.want) || s != nil {
			t.Errorf("ReadCSV(%q, %d) = %v, %v; want error containing %q", c.in, c.dof, s, err, c.want)
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteCSVErrors(t *testing.T) {
	if err := WriteCSV(&bytes.Buffer{}, &Set{Dof: 1}); err == nil {
		t.Error("empty set written")
	}
	s := &Set{Dof: 1, X: []float64{1, 2}, Xdot: []float64{3, 4}}
	if err := WriteCSV(failWriter{}, s); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("write error: %v", err)
	}
}

// FuzzReadCSV: no text panics ReadCSV; what it reads is a valid set that
// WriteCSV writes and ReadCSV reads back to the same bits.
func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"q,p,dq,dp\n0.1,0.2,0.3,0.4\n", "0.1,0.2,0.3,0.4,0.5\n1,2,3,4,5\n", "# c\n\n1,2,3,4,5,6,7,8\n",
		"q1,q2,p1,p2,dq1,dq2,dp1,dp2,H\n1,2,3,4,5,6,7,8,9\n", "\"1\", 2 ,3,4\n", "1,2,3\n", "1,2,3,4\n1,2,3\n",
		"1,NaN,3,4\n", "1,Inf,3,4\n", "1e400,2,3,4\n", "1e-400,2,3,4\n", "0x1p-3,2,3,4\n", "\"unterminated,2,3,4\n",
		"a,b,c,d\ne,f,g,h\n", "", "\n\n#\n", "1,2,3,4\r\n5,6,7,8\r\n", "-0,+1,.5,5.\n",
	} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(1))
	}
	f.Fuzz(func(t *testing.T, text string, dof uint8) {
		d := int(dof % 4)
		s, err := ReadCSV(strings.NewReader(text), d)
		if err != nil {
			if s != nil {
				t.Fatalf("a set with the error %v", err)
			}
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("ReadCSV(%q, %d) gave an invalid set: %v", text, d, err)
		}
		if d != 0 && s.Dof != d {
			t.Fatalf("dof %d, want %d", s.Dof, d)
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, s); err != nil {
			t.Fatal(err)
		}
		back, err := ReadCSV(&buf, s.Dof)
		if err != nil {
			t.Fatalf("written back: %v\n%s", err, buf.String())
		}
		if back.Dof != s.Dof || !equal(back.X, s.X) || !equal(back.Xdot, s.Xdot) || !equal(back.H, s.H) || (back.H == nil) != (s.H == nil) {
			t.Fatalf("round trip of %q differs", text)
		}
	})
}
