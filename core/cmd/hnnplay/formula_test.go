package main

import (
	"strings"
	"testing"
)

// -formula alone is the custom system; its fit matches the built-in
// pendulum's on the same box and seeds.
func TestFormula(t *testing.T) {
	args := []string{"-points", "500", "-test-points", "500", "-width", "100", "-domain", "-2pi,2pi,-1,1"}
	builtIn := runJSON(t, append([]string{"fit", "-system", "pendulum"}, args...)...)
	for _, flags := range [][]string{
		{"-formula", "p^2/2 + 1 - cos(q)"},
		{"-formula", "p^2/2 + 1 - cos(q)", "-system", "custom"},
		{"-formula", "p^2/(2*m) + 1 - cos(q)", "-param", "m=1"},
		{"-link", "system=custom&formula=p%5E2/2%20%2B%201%20-%20cos(q)"},
	} {
		m := runJSON(t, append(append([]string{"fit"}, flags...), args...)...)
		if m["system"] != "custom" || !strings.HasPrefix(m["formula"].(string), "p^2/") {
			t.Errorf("%v: system %v, formula %v", flags, m["system"], m["formula"])
		}
		if e, want := numberOf(t, m, "rel_l2_H"), numberOf(t, builtIn, "rel_l2_H"); !(e <= 1.05*want && e >= 0.95*want) {
			t.Errorf("%v: relative error of H %g, built-in pendulum's %g", flags, e, want)
		}
	}
	code, out, _ := runCLI(t, "fit", "-formula", "p^2/2 + q^2/2", "-points", "300", "-width", "50")
	if code != 0 || !strings.Contains(out, "H             p^2/2 + q^2/2") {
		t.Errorf("exit %d, output\n%s", code, out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-formula", "p^2/2", "-system", "pendulum"}, "-formula: H typed as a formula is the system custom's, but -system gives the system pendulum"},
		{[]string{"-formula", "p^2/2 + sin(q"}, "-formula: Formula: missing ) opened at column 12"},
		{[]string{"-formula", "p^2/2 + 1/q"}, "-formula: Formula: H is ∞ at q = 0, p = -2 (a state of the box)"},
		{[]string{"-formula", "p^2/(2*m)"}, "-formula: Formula: m at column 8 is not a variable"},
		{[]string{"-formula", "p^2/(2*m)", "-param", "m=x"}, `-param: System parameter: custom: parameter "m" must be a finite number, got "x"`},
	} {
		code, _, errs := runCLI(t, append([]string{"fit"}, c.args...)...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, errs, c.want)
		}
	}
}
