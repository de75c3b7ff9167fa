package experiment

import (
	"errors"
	"math"
	"strings"
	"testing"

	"hnnplay/core/system"
)

// A typed H trains as its built-in system does: the same box, settings and
// seeds give the same data up to round-off, so the same test error of H.
func TestTypedTrainsAsBuiltIn(t *testing.T) {
	for _, c := range []struct{ builtIn, formula string }{
		{"pendulum", "p^2/2 + 1 - cos(q)"},
		{"henon-heiles", "(p1^2 + p2^2)/2 + (q1^2 + q2^2)/2 + q1^2*q2 - q2^3/3"},
	} {
		s, err := Parse(map[string]string{"system": c.builtIn})
		if err != nil {
			t.Fatal(err)
		}
		v := Values(s)
		r1, _ := mustFit(t, v)
		v["system"], v["formula"] = system.Custom, c.formula
		r2, _ := mustFit(t, v)
		if r2.Settings.System != system.Custom || FormatBox(r2.Settings.Box) != FormatBox(r1.Settings.Box) {
			t.Fatalf("%s: typed system %s, box %s", c.builtIn, r2.Settings.System, FormatBox(r2.Settings.Box))
		}
		e1, e2 := r1.Errors.H, r2.Errors.H
		t.Logf("%s: relative error of H %.6g built in, %.6g typed", c.builtIn, e1, e2)
		if !(math.Abs(e2-e1) <= 0.05*e1) {
			t.Errorf("%s: relative error of H %.4g typed, %.4g built in: more than 5%% apart", c.builtIn, e2, e1)
		}
	}
}

func TestFormulaSetting(t *testing.T) {
	s, err := Parse(map[string]string{"system": "custom", "formula": " k*q^2/2 + p^2/2 ", "p.k": "3"})
	if err != nil {
		t.Fatal(err)
	}
	sys, err := s.NewSystem()
	if err != nil {
		t.Fatal(err)
	}
	if s.Formula != "k*q^2/2 + p^2/2" || sys.H([]float64{1, 2}) != 3.5 || FormatBox(s.Box) != "-pi,pi,-2,2" {
		t.Errorf("formula %q, H(1, 2) = %g, box %s", s.Formula, sys.H([]float64{1, 2}), FormatBox(s.Box))
	}
	link := LinkOf(s)
	if !strings.Contains(link, "system=custom&p.k=3&formula=k*q%5E2/2%20%2B%20p%5E2/2&box=") {
		t.Errorf("link %s", link)
	}
	back, err := Parse(mustLink(t, link))
	if err != nil || back.Formula != s.Formula || back.Params["k"] != "3" {
		t.Errorf("round trip: %q, %v", back.Formula, err)
	}

	// the default formula; another system has none and ignores one given
	if d, _ := Parse(map[string]string{"system": "custom"}); d.Formula != system.DefaultFormula {
		t.Errorf("default formula %q", d.Formula)
	}
	p, err := Parse(map[string]string{"system": "pendulum", "formula": "q*p"})
	if err != nil || p.Formula != "" || strings.Contains(LinkOf(p), "formula") || strings.Contains(LinkOf(Default()), "formula") {
		t.Errorf("pendulum: formula %q, link %s, %v", p.Formula, LinkOf(p), err)
	}

	// changing the system to custom and back; a formula of two degrees of
	// freedom takes a box of its own
	if err := p.Set("system", "custom"); err != nil || p.Formula != system.DefaultFormula {
		t.Fatalf("Set(system, custom): %q, %v", p.Formula, err)
	}
	if err := p.Set("formula", "(p1^2 + p2^2)/2 + q1^2/2 + q2^2"); err != nil || len(p.Box.Lo) != 4 {
		t.Fatalf("Set(formula): box %s, %v", FormatBox(p.Box), err)
	}
	if sys, err := p.NewSystem(); err != nil || sys.Dof() != 2 {
		t.Fatalf("2 dof: %v", err)
	}
	if err := p.Set("system", "spring"); err != nil || p.Formula != "" {
		t.Fatalf("Set(system, spring): %q, %v", p.Formula, err)
	}
}

func mustLink(t *testing.T, link string) map[string]string {
	t.Helper()
	v, err := ParseLink(link)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestFormulaErrors(t *testing.T) {
	for _, c := range []struct {
		values   map[string]string
		key, msg string
	}{
		{map[string]string{"system": "custom", "formula": "p^2/2 + 2q"}, "formula", "Formula: missing operator at column 10 before \"q\""},
		{map[string]string{"system": "custom", "formula": "p^2/2 + sin(q"}, "formula", "Formula: missing ) opened at column 12"},
		{map[string]string{"system": "custom", "formula": "p^2/(2*m)"}, "formula",
			"Formula: m at column 8 is not a variable (q, p), a function or a constant; give it a value as a parameter: p.m=… in a link, -param m=… on the command line"},
		{map[string]string{"system": "custom", "formula": "p^2/(2*m)", "p.m": "heavy"}, "p.m", `parameter "m" must be a finite number, got "heavy"`},
		{map[string]string{"system": "custom", "formula": "1"}, "formula", "Formula: H does not depend on the state"},
	} {
		s, err := Parse(c.values)
		var errs Errors
		if !errors.As(err, &errs) || errs[0].Key != c.key || !strings.Contains(errs[0].Msg, c.msg) {
			t.Errorf("%v: %v, want %s: %q", c.values, err, c.key, c.msg)
			continue
		}
		// the refused value is replaced by its default: the settings work
		if _, err := s.NewSystem(); err != nil {
			t.Errorf("%v: the settings returned do not work: %v", c.values, err)
		}
	}

	// H or ∇H not finite in the box: refused by Check, naming the state
	for _, c := range []struct{ formula, box, msg string }{
		{"p^2/2 + log(q)", "", "Formula: H is NaN at q = -3.142, p = -2 (a state of the box): change H or the box"},
		{"p^2/2 + 1/q", "-1,1,-1,1", "Formula: H is ∞ at q = 0, p = -1"},
		{"p^2/2 + sqrt(q)", "0,1,-1,1", "Formula: ∂H/∂q is ∞ at q = 0, p = -1"},
	} {
		s, err := Parse(map[string]string{"system": "custom", "formula": c.formula, "box": c.box})
		if err != nil {
			t.Fatal(err)
		}
		var fe *FieldError
		if err := Check(s, Limits{}); !errors.As(err, &fe) || fe.Key != "formula" || !strings.Contains(fe.Msg, c.msg) {
			t.Errorf("%s in %s: %v, want %q", c.formula, c.box, err, c.msg)
		}
	}
	s, _ := Parse(map[string]string{"system": "custom", "formula": "p^2/2 + log(q)", "box": "0.5,2,-1,1"})
	if err := Check(s, Limits{}); err != nil {
		t.Errorf("log(q) in q ∈ [0.5, 2]: %v", err)
	}
}
