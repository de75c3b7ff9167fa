package formula

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

func compile(t testing.TB, text string, params map[string]float64) *Evaluator {
	t.Helper()
	e, err := Parse(text)
	if err != nil {
		t.Fatalf("Parse(%q): %v", text, err)
	}
	pr, err := e.Compile(params)
	if err != nil {
		t.Fatalf("Compile(%q): %v", text, err)
	}
	return pr.NewEvaluator()
}

func TestValues(t *testing.T) {
	x1 := []float64{0.5, -2} // q, p
	x2 := []float64{0.5, -0.25, 1.5, 2}
	cases := []struct {
		text string
		x    []float64
		want float64
	}{
		{"p^2/2 + 1 - cos(q)", x1, 2 + 1 - math.Cos(0.5)},
		{"-q^2", x1, -0.25},
		{"(-q)^2", x1, 0.25},
		{"2^3^2", x1, 512},
		{"2^-1", x1, 0.5},
		{"1 - 2 - 3", x1, -4},
		{"12 / 3 / 2", x1, 2},
		{"+q - -p", x1, -1.5},
		{"1e-3*q + 2.5E2", x1, 0.0005 + 250},
		{".5 + 3.", x1, 3.5},
		{"pi + e + π", x1, 2*math.Pi + math.E},
		{"q² · p³ × 2 ÷ 4 − 1", x1, 0.25*-8*2/4 - 1},
		{"sqrt(abs(p)) + exp(q) + log(q)", x1, math.Sqrt(2) + math.Exp(0.5) + math.Log(0.5)},
		{"sinh(q) + cosh(q) + tanh(q) + tan(q)", x1, math.Sinh(0.5) + math.Cosh(0.5) + math.Tanh(0.5) + math.Tan(0.5)},
		{"atan(p) + asin(q) + acos(q)", x1, math.Atan(-2) + math.Pi/2},
		{"q^p", x1, math.Pow(0.5, -2)},
		{"(p1^2 + p2^2)/2 + (q1^2 + q2^2)/2 + q1^2*q2 - q2^3/3", x2,
			(1.5*1.5+4)/2 + (0.25+0.0625)/2 + 0.25*-0.25 + 0.015625/3},
		{"q₁*p₂ + q₂", x2, 0.5*2 - 0.25},
		{"k*q^2/2 + p^2/(2*m)", x1, 3*0.25/2 + 4/(2*0.5)},
		{"7", x1, 7},
	}
	for _, c := range cases {
		ev := compile(t, c.text, map[string]float64{"k": 3, "m": 0.5})
		if got := ev.Eval(c.x[:ev.Dim()], nil, nil); math.Abs(got-c.want) > 1e-14*max(1, math.Abs(c.want)) {
			t.Errorf("%s = %.17g, want %.17g", c.text, got, c.want)
		}
	}
}

// derivatives are checked against central differences of the value (the
// gradient) and of the gradient (the Hessian).
var derivativeCases = []struct {
	text string
	x    []float64
}{
	{"p^2/2 + 1 - cos(q)", []float64{0.7, -0.3}},
	{"sin(q*p) + cos(q)^3", []float64{0.7, -0.3}},
	{"tan(q/2) * exp(p) - log(q + 2)", []float64{0.7, -0.3}},
	{"sqrt(q^2 + p^2 + 1) + abs(q - 3)", []float64{0.7, -0.3}},
	{"sinh(q) * cosh(p) / (1 + tanh(q*p)^2)", []float64{0.7, -0.3}},
	{"atan(q - p) + asin(q/2) * acos(p/2)", []float64{0.7, -0.3}},
	{"q^p + abs(p)^2.5 + (q+1)^1.5", []float64{0.7, -0.3}},
	{"1/(q^2 + 0.5) - p/(q + 3)", []float64{0.7, -0.3}},
	{"-q^4/4 + q^1 + q^0 + 2^q", []float64{0.7, -0.3}},
	{"(p1^2 + p2^2)/2 + (q1^2 + q2^2)/2 + q1^2*q2 - q2^3/3", []float64{0.3, -0.2, 0.4, 0.1}},
	{"p1*p2*cos(q1 - q2) / (1 + sin(q1 - q2)^2) - 2*cos(q1) - cos(q2)", []float64{0.3, -0.2, 0.4, 0.1}},
	{"exp(q1*p2) * log(2 + q2*p1) + sqrt(1 + p1^2*q1^2)", []float64{0.3, -0.2, 0.4, 0.1}},
	{"(p1^2 + p2^2)/2 - 1/sqrt(q1^2 + q2^2)", []float64{0.8, -0.6, 0.1, 1.1}},
}

func TestDerivatives(t *testing.T) {
	for _, c := range derivativeCases {
		ev := compile(t, c.text, nil)
		n := ev.Dim()
		g := make([]float64, n)
		h := make([]float64, n*n)
		v := ev.Eval(c.x, g, h)
		if v0 := ev.Eval(c.x, nil, nil); v0 != v {
			t.Errorf("%s: value %g with derivatives, %g without", c.text, v, v0)
		}
		g1 := make([]float64, n)
		if ev.Eval(c.x, g1, nil); !equal(g, g1) {
			t.Errorf("%s: gradient %v with the Hessian, %v without", c.text, g, g1)
		}
		xs := append([]float64(nil), c.x...)
		gp, gm := make([]float64, n), make([]float64, n)
		const d = 1e-5
		for j := range n {
			xs[j] = c.x[j] + d
			fp := ev.Eval(xs, gp, nil)
			xs[j] = c.x[j] - d
			fm := ev.Eval(xs, gm, nil)
			xs[j] = c.x[j]
			if fd := (fp - fm) / (2 * d); math.Abs(fd-g[j]) > 1e-7*max(1, math.Abs(g[j])) {
				t.Errorf("%s: ∂H/∂x%d = %.10g, central difference %.10g", c.text, j, g[j], fd)
			}
			for i := range n {
				fd := (gp[i] - gm[i]) / (2 * d)
				if math.Abs(fd-h[i*n+j]) > 1e-6*max(1, math.Abs(h[i*n+j])) {
					t.Errorf("%s: ∂²H/∂x%d∂x%d = %.10g, central difference %.10g", c.text, i, j, h[i*n+j], fd)
				}
			}
		}
	}
}

func equal(a, b []float64) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}

func TestStructure(t *testing.T) {
	cases := []struct {
		text      string
		dof       int
		separable bool
		params    string
	}{
		{"p^2/2 + 1 - cos(q)", 1, true, ""},
		{"q*p", 1, false, ""},
		{"-(p^2) - k*q", 1, true, "k"},
		{"(p1^2 + p2^2)/2 + alpha*(q1^2*q2 - q2^3/3)", 2, true, "alpha"},
		{"p1*p2*cos(q1 - q2) + b + a*b", 2, false, "b,a"},
		{"q1", 2, true, ""},
		{"3", 1, true, ""},
	}
	for _, c := range cases {
		e, err := Parse(c.text)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, p := range e.Params() {
			names = append(names, p.Name)
		}
		if e.Dof() != c.dof || e.Separable() != c.separable || strings.Join(names, ",") != c.params || e.Text() != c.text {
			t.Errorf("%s: dof %d, separable %v, params %v", c.text, e.Dof(), e.Separable(), names)
		}
		if e.UsesState() == (c.text == "3") {
			t.Errorf("%s: UsesState %v", c.text, e.UsesState())
		}
	}
}

func TestErrors(t *testing.T) {
	cases := []struct{ text, want string }{
		{"", "H is empty"},
		{"   ", "H is empty"},
		{"p^2 + foo(q)", "unknown function foo at column 7"},
		{"2*(q + p", "missing ) opened at column 3: found the end at column 9"},
		{"sin(q", "missing ) opened at column 4"},
		{"q + p + *", "expected a number or a name at column 9, found '*'"},
		{"q +", "expected a number or a name at column 4, found the end"},
		{"2q", "missing operator at column 2 before \"q\""},
		{"sin(q) cos(q)", "missing operator at column 8 before \"cos\""},
		{"(2 p)", "missing operator at column 4 before \"p\""},
		{"(q)(p)", "missing operator at column 4 before '('"},
		{"q + p)", "unmatched ) at column 6"},
		{"sin q", "sin at column 1 needs its argument in parentheses"},
		{"q + q3", "q3 at column 5: at most two degrees of freedom"},
		{"q + p1", "p1 at column 5 mixes q, p with q1, q2, p1, p2 (column 1)"},
		{"q $ p", "unexpected character '$' at column 3"},
		{"q − p²\x80", "a byte that is not UTF-8 at column 7"},
		{"1e999*q", "the number 1e999 at column 1 is too large"},
		{"1.2.3", `"1.2.3" at column 1 is not a number`},
		{strings.Repeat("(", 101) + "q" + strings.Repeat(")", 101), "nested too deeply at column 101"},
		{strings.Repeat("-", 200) + "q", "nested too deeply at column 101"},
		{strings.Repeat("q+", 600) + "q", "at most 1000 are read"},
	}
	for _, c := range cases {
		_, err := Parse(c.text)
		e, ok := err.(*Error)
		if !ok || !strings.Contains(e.Msg, c.want) {
			t.Errorf("Parse(%q) = %v, want an *Error containing %q", c.text, err, c.want)
			continue
		}
		if e.Offset < 0 || e.Offset > len(c.text) || e.Col != utf8.RuneCountInString(c.text[:e.Offset])+1 {
			t.Errorf("Parse(%q): offset %d, column %d", c.text, e.Offset, e.Col)
		}
	}
	e, err := Parse("k*q^2 + p^2/(2*mass)")
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Compile(map[string]float64{"k": 1})
	if ce, ok := err.(*Error); !ok || ce.Col != 16 || ce.Param != "mass" || !strings.Contains(ce.Msg, "mass at column 16 is not a variable (q, p)") {
		t.Errorf("missing parameter: %v", err)
	}
}

func TestEvalPanicsOnWrongLength(t *testing.T) {
	ev := compile(t, "q*p", nil)
	defer func() {
		if recover() == nil {
			t.Error("no panic for a state of length 3")
		}
	}()
	ev.Eval([]float64{1, 2, 3}, nil, nil)
}

func TestEvalAllocates(t *testing.T) {
	ev := compile(t, "(p1^2 + p2^2)/2 + q1^2*q2 - q2^3/3 + sin(q1)", nil)
	x, g, h := []float64{0.1, 0.2, 0.3, 0.4}, make([]float64, 4), make([]float64, 16)
	if a := testing.AllocsPerRun(100, func() { ev.Eval(x, g, h) }); a != 0 {
		t.Errorf("Eval allocates %v times", a)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"p^2/2 + 1 - cos(q)", "q1*p2 - sin(q₂)^2", "2q", "sin(", "((q)", "1e-3 * k + q", "q^p^q",
		"-q^-2", "asin(q)+acos(p)", "log(q) / sqrt(p)", "q × p ÷ 2 · 3 − 1²", "", ")", "1e999", "π*q", "a b", "\xff"} {
		f.Add(s)
	}
	for _, c := range derivativeCases {
		f.Add(c.text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		e, err := Parse(text)
		if err != nil {
			pe, ok := err.(*Error)
			if !ok {
				t.Fatalf("Parse(%q): %T %v, not an *Error", text, err, err)
			}
			if pe.Offset < 0 || pe.Offset > len(text) || pe.Col < 1 || pe.Col > utf8.RuneCountInString(text)+1 || !strings.Contains(pe.Msg+"column", "column") {
				t.Fatalf("Parse(%q): offset %d, column %d out of the text", text, pe.Offset, pe.Col)
			}
			return
		}
		values := map[string]float64{}
		for i, p := range e.Params() {
			values[p.Name] = 0.5 + float64(i)
		}
		pr, err := e.Compile(values)
		if err != nil {
			t.Fatalf("Compile(%q): %v", text, err)
		}
		ev := pr.NewEvaluator()
		n := ev.Dim()
		x := []float64{0.3, -0.7, 0.45, 0.2}[:n]
		g, h := make([]float64, n), make([]float64, n*n)
		v := ev.Eval(x, g, h)
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e6 {
			return
		}
		// central differences at two steps: where they agree, H is smooth
		// there and a finite gradient must agree too (a kink of abs or a
		// singularity nearby is skipped)
		cd := func(j int, d float64) float64 {
			xs := append([]float64(nil), x...)
			xs[j] += d
			fp := ev.Eval(xs, nil, nil)
			xs[j] -= 2 * d
			return (fp - ev.Eval(xs, nil, nil)) / (2 * d)
		}
		for j := range n {
			fd, fd2 := cd(j, 1e-5), cd(j, 1e-6)
			if !(math.Abs(fd-fd2) < 1e-4*max(1, math.Abs(fd))) || math.Abs(fd) > 1e4 {
				continue
			}
			if math.IsNaN(g[j]) || math.IsInf(g[j], 0) {
				continue // at a degenerate point (0^q at log 0): the system refuses states where ∇H is not finite
			}
			if !(math.Abs(fd-g[j]) < 1e-3*max(1, math.Abs(fd))) {
				t.Fatalf("%q: ∂H/∂x%d = %g, central difference %g", text, j, g[j], fd)
			}
		}
	})
}
