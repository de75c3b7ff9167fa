package data

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// oscillatorCSV writes trajectories of the harmonic oscillator H = (q² + p²)/2,
// q = A cos(t + φ), p = −A sin(t + φ), rows h apart, one per id.
func oscillatorCSV(header string, amps []float64, rows int, h float64) string {
	var b strings.Builder
	b.WriteString(header + "\n")
	for i, a := range amps {
		for n := range rows {
			t := float64(n) * h
			q, p := a*math.Cos(t+float64(i)), -a*math.Sin(t+float64(i))
			switch header {
			case "id,t,q,p":
				fmt.Fprintf(&b, "run%d,%.17g,%.17g,%.17g\n", i, t, q, p)
			case "t,q,p,id":
				fmt.Fprintf(&b, "%.17g,%.17g,%.17g,%d\n", t, q, p, i)
			default:
				fmt.Fprintf(&b, "%.17g,%.17g,%.17g\n", t, q, p)
			}
		}
	}
	return b.String()
}

func TestReadTrajectoriesOscillator(t *testing.T) {
	const h, rows = 0.1, 31
	amps := []float64{0.5, 1, 1.5}
	for _, header := range []string{"id,t,q,p", "t,q,p,id"} {
		f, err := ReadFile(oscillatorCSV(header, amps, rows, h))
		if err != nil {
			t.Fatalf("%s: %v", header, err)
		}
		if f.Format != FormatTrajectories || f.Trajectories != 3 || f.Rows != 3*rows || f.Set.Dof != 1 || f.Set.H != nil {
			t.Fatalf("%s: %+v", header, f)
		}
		if f.Step != h { // 0.1 exactly: the mean step to 12 digits
			t.Fatalf("%s: step %v, want %v", header, f.Step, h)
		}
		if f.Set.Len() != 3*(rows-1) || len(f.Trajectory) != f.Set.Len() {
			t.Fatalf("%s: %d pairs, %d trajectory indices", header, f.Set.Len(), len(f.Trajectory))
		}
		// Each pair is (q_{n+1}, p_n) with the difference quotients, from
		// the analytic solution.
		for r := range f.Set.Len() {
			i, n := f.Trajectory[r], r%(rows-1)
			if i != r/(rows-1) {
				t.Fatalf("pair %d in trajectory %d", r, i)
			}
			a, ph := amps[i], float64(i)
			t0, t1 := float64(n)*h, float64(n+1)*h
			q0, p0, q1, p1 := a*math.Cos(t0+ph), -a*math.Sin(t0+ph), a*math.Cos(t1+ph), -a*math.Sin(t1+ph)
			x, xd := f.Set.Row(r)
			want := []float64{q1, p0, (q1 - q0) / h, (p1 - p0) / h}
			got := append(append([]float64{}, x...), xd...)
			for c := range want {
				if math.Abs(got[c]-want[c]) > 1e-12 {
					t.Fatalf("%s: pair %d: %v, want %v", header, r, got, want)
				}
			}
		}
		if !strings.Contains(f.About(), "3 trajectories") || !strings.Contains(f.About(), "h = 0.1") {
			t.Fatalf("about %q", f.About())
		}
	}
	// One trajectory without an id column, times named "time", comments.
	f, err := ReadFile("# the oscillator\n" + strings.Replace(oscillatorCSV("t,q,p", []float64{1}, 11, 0.25), "t,q,p", "Time, q, p", 1))
	if err != nil || f.Trajectories != 1 || f.Set.Len() != 10 || f.Step != 0.25 {
		t.Fatalf("one trajectory: %+v, %v", f, err)
	}
}

// Times written with six digits (steps of 1/3) read with the mean step.
func TestReadTrajectoriesRoundedTimes(t *testing.T) {
	var b strings.Builder
	b.WriteString("t,q,p\n")
	for n := range 100 {
		fmt.Fprintf(&b, "%.6g,%g,%g\n", float64(n)/3, math.Cos(float64(n)/3), -math.Sin(float64(n)/3))
	}
	f, err := ReadFile(b.String())
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(f.Step-1.0/3) > 1e-6 {
		t.Fatalf("step %v", f.Step)
	}
}

func TestReadFileDerivatives(t *testing.T) {
	for _, c := range []struct {
		text string
		dof  int
		hasH bool
	}{
		{"q,p,dq,dp,H\n1,0,0,-1,0.5\n0,1,1,0,0.5\n", 1, true},
		{"1,0,0,-1\n0,1,1,0\n", 1, false},
		{"1,0,0,-1,0.5\n", 1, true},
		{"q1,q2,p1,p2,dq1,dq2,dp1,dp2\n1,2,3,4,5,6,7,8\n", 2, false},
	} {
		f, err := ReadFile(c.text)
		if err != nil {
			t.Fatalf("%q: %v", c.text, err)
		}
		if f.Format != FormatDerivatives || f.Set.Dof != c.dof || (f.Set.H != nil) != c.hasH || f.Step != 0 || f.Trajectory != nil {
			t.Fatalf("%q: %+v", c.text, f)
		}
	}
}

// WriteCSV's output reads back as the same set.
func TestReadFileWriteCSV(t *testing.T) {
	s := &Set{Dof: 1, X: []float64{0.1, -0.2, 1.0 / 3, 2}, Xdot: []float64{1, 2, 3, 4}, H: []float64{0.5, math.Pi}}
	var b strings.Builder
	if err := WriteCSV(&b, s); err != nil {
		t.Fatal(err)
	}
	f, err := ReadFile(b.String())
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(f.Set) != fmt.Sprint(s) {
		t.Fatalf("read %+v, wrote %+v", f.Set, s)
	}
}

func TestReadFileErrors(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"", "line 1: the file is empty"},
		{"# only a comment\n", "line 1: the file is empty"},
		{"q,p,dq,dp\n", "line 2: the file ends after its header"},
		{"t,q,p\n", "line 2: the file ends after its header"},
		{"1,2,3\n", "line 1: 3 columns; want 4d or 4d+1"},
		{"1,0,0,-1\n1,x,0,1\n", `line 2, column 2: "x" is not a number`},
		{"1,0,0,-1\n1,NaN,0,1\n", `line 2, column 2: "NaN" is not finite`},
		{"t,q,p\n0,1,0\n0.1,1,x\n", `line 3, column 3 (p): "x" is not a number`},
		{"t,q,p\n0,1,0\n0.1,1,Inf\n", `line 3, column 3 (p): "Inf" is not finite`},
		{"t,q,p\n0,1,0\n0.1,1e999,0\n", `line 3, column 2 (q): "1e999" is out of the float64 range`},
		{"t,q,p\n0,1,0\n0.1,1\n", "line 3: 2 columns, want 3 like the header (t,q,p)"},
		{"t,q,p\n0,1,0\n0.1,1,0\n0.3,1,0\n", "line 4: the time step is 0.2 (from t = 0.1 on line 3), but 0.1 on line 3: the steps must be equal"},
		{"t,q,p\n0,1,0\n0,1,0\n", "line 3: the time 0 does not grow from 0 on line 2"},
		{"t,q,p\n0,1,0\n", "line 2: the file has one row; a trajectory needs at least two"},
		{"id,t,q,p\na,0,1,0\na,1,1,0\nb,0,1,0\n", `line 4: trajectory "b" has one row`},
		{"id,t,q,p\na,0,1,0\na,1,1,0\nb,0,1,0\nb,1,1,0\na,2,1,0\na,3,1,0\n", `line 6: trajectory "a" began on line 2`},
		{"t,q,p,r\n0,1,0,1\n", "line 1: 3 state columns besides t and id; want an even number"},
		{"t,q,\"p\n", "line 1, column"},
		{strings.Repeat("1", MaxFileBytes+1), "at most 20 MB"},
	} {
		_, err := ReadFile(c.text)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			short := c.text
			if len(short) > 80 {
				short = short[:80]
			}
			t.Errorf("%q: error %v, want %q", short, err, c.want)
		}
	}
	if _, err := ReadTrajectories("q,p\n1,2\n"); err == nil || !strings.Contains(err.Error(), "line 1: trajectories need a header naming a time column") {
		t.Errorf("no time column: %v", err)
	}
}

// fuzzSeeds are good and bad files of both formats.
var fuzzSeeds = []string{
	"id,t,q,p\na,0,1,0\na,0.1,0.99,-0.1\nb,0,2,0\nb,0.1,1.98,-0.2\n",
	"t,q,p\n0,1,0\n0.1,1,0.1\n0.2,1,0.2\n",
	"t,q1,q2,p1,p2,id\n0,1,0,0,1,7\n0.5,1,0,0,1,7\n",
	"q,p,dq,dp,H\n1,0,0,-1,0.5\n",
	"1,0,0,-1\n0,1,1,0\n",
	"", "t\n", "t,q,p\n0,1,0\n0,1,0\n", "t,q,p\n0,1,0\n0.1,1,0\n0.3,1,0\n", "\"", "t,q,p\n0,\"1\n",
	"id,t,q,p\na,0,1,0\nb,0,1,0\n", "t,q,p\n0,1e308,0\n1e-300,-1e308,0\n",
}

func FuzzReadFile(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkRead(t, text, ReadFile)
	})
}

func FuzzReadTrajectories(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkRead(t, text, ReadTrajectories)
	})
}

// checkRead reads text: an error names a line; a file is a valid set whose
// pairs and trajectories agree.
func checkRead(t *testing.T, text string, read func(string) (*File, error)) {
	file, err := read(text)
	if err != nil {
		if !strings.Contains(err.Error(), "line ") {
			t.Fatalf("%q: error without a line: %v", text, err)
		}
		return
	}
	if err := file.Set.Validate(); err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	if file.Format == FormatTrajectories {
		if !(file.Step > 0) || len(file.Trajectory) != file.Set.Len() || file.Set.Len() != file.Rows-file.Trajectories {
			t.Fatalf("%q: %+v", text, file)
		}
	} else if file.Step != 0 || file.Trajectory != nil {
		t.Fatalf("%q: %+v", text, file)
	}
	_ = file.About()
}
