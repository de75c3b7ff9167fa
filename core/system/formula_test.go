package system

import (
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"hnnplay/core/formula"
)

// A typed formula of a built-in system gives its H, ∇H and ∇²H.
func TestTypedMatchesBuiltIn(t *testing.T) {
	cases := []struct {
		text   string
		params map[string]string
		sys    System
	}{
		{"p^2/(2*m*l^2) + m*g*l*(1 - cos(f*q))", map[string]string{"m": "2", "l": "0.5", "g": "9.81", "f": "3", "unused": "1"},
			&Pendulum{M: 2, L: 0.5, G: 9.81, F: 3}},
		{"(p₁² + p₂²)/2 + (q₁² + q₂²)/2 + α*(q₁²*q₂ − q₂³/3)", map[string]string{"α": "0.7"}, &HenonHeiles{Alpha: 0.7}},
		{"k*q^2/2 + p^2/(2*m)", map[string]string{"k": "3", "m": "pi"}, &Spring{K: 3, M: math.Pi}},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range cases {
		f, err := NewTyped(c.text, c.params)
		if err != nil {
			t.Fatal(err)
		}
		if f.Dof() != c.sys.Dof() || f.Separable() != c.sys.Separable() || f.Name() != Custom || f.Text() != c.text {
			t.Errorf("%s: dof %d, separable %v, name %s", c.text, f.Dof(), f.Separable(), f.Name())
		}
		n := 2 * f.Dof()
		g1, g2 := make([]float64, n), make([]float64, n)
		h1, h2, h3 := make([]float64, n*n), make([]float64, n*n), make([]float64, n*n)
		for range 50 {
			x := make([]float64, n)
			for i := range x {
				x[i] = 4*rng.Float64() - 2
			}
			if a, b := f.H(x), c.sys.H(x); math.Abs(a-b) > 1e-13*max(1, math.Abs(b)) {
				t.Errorf("%s: H(%v) = %g, built-in %g", c.text, x, a, b)
			}
			f.Grad(g1, x)
			c.sys.Grad(g2, x)
			f.Hessian(h1, x)
			c.sys.(Hessianer).Hessian(h2, x)
			g3 := make([]float64, n)
			f.GradHessian(g3, h3, x)
			for i := range g1 {
				if math.Abs(g1[i]-g2[i]) > 1e-12*max(1, math.Abs(g2[i])) || g3[i] != g1[i] {
					t.Errorf("%s: ∇H(%v) = %v, built-in %v", c.text, x, g1, g2)
				}
			}
			for i := range h1 {
				if math.Abs(h1[i]-h2[i]) > 1e-12*max(1, math.Abs(h2[i])) || h3[i] != h1[i] {
					t.Errorf("%s: ∇²H(%v) = %v, built-in %v", c.text, x, h1, h2)
				}
			}
		}
	}
}

func TestTypedDefaults(t *testing.T) {
	s, err := New(Custom, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := s.(*Typed)
	if f.Text() != DefaultFormula || f.Dof() != 1 || !f.Separable() || Title(Custom) != "Your own H (formula)" {
		t.Errorf("New(custom) = %q, dof %d", f.Text(), f.Dof())
	}
	if b := f.Box(); b.Lo[0] != -math.Pi || b.Hi[0] != math.Pi || b.Lo[1] != -2 || b.Hi[1] != 2 {
		t.Errorf("box %v", b)
	}
	if a := f.Anchor(); len(a) != 2 || a[0] != 0 || a[1] != 0 || f.H(a) != 0 {
		t.Errorf("anchor %v, H %g", a, f.H(a))
	}
	g, _ := NewTyped("q1*p2", nil)
	if a := g.Anchor(); len(a) != 4 || g.Separable() || len(g.Box().Lo) != 4 {
		t.Errorf("2-dof anchor %v, box %v", a, g.Box())
	}
}

func TestTypedErrors(t *testing.T) {
	cases := []struct {
		text   string
		params map[string]string
		want   string
	}{
		{"p^2/2 + foo(q)", nil, "unknown function foo at column 9"},
		{"k*q^2 + p^2", nil, "k at column 1 is not a variable"},
		{"k*q^2 + p^2", map[string]string{"k": "x"}, `parameter "k" must be a finite number, got "x"`},
		{"2*pi - 1", nil, "H does not depend on the state"},
	}
	for _, c := range cases {
		_, err := NewTyped(c.text, c.params)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("NewTyped(%q, %v) = %v, want %q", c.text, c.params, err, c.want)
		}
	}
	if _, err := NewTyped("k*q^2 + p^2", nil); err == nil {
		t.Fatal("no error")
	} else if _, ok := err.(*formula.Error); !ok {
		t.Errorf("a parameter without a value: %T, want *formula.Error", err)
	}
}

func TestTypedCheckBox(t *testing.T) {
	box := uniformBox(1, -math.Pi, math.Pi, -2, 2)
	cases := []struct{ text, want string }{
		{DefaultFormula, ""},
		{"p^2/2 + 1/q", "H is ∞ at q = 0, p = -2 (a state of the box)"},
		{"p^2/2 + log(q)", "H is NaN at q = -3.142, p = -2"},
		{"p^2/2 + sqrt(q + pi)", "∂H/∂q is ∞ at q = -3.142, p = -2"},
		{"p^2/2 - 1/q^2", "H is −∞ at q = 0"},
	}
	for _, c := range cases {
		f, err := NewTyped(c.text, nil)
		if err != nil {
			t.Fatal(err)
		}
		err = f.CheckBox(box)
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%s: %v, want %q", c.text, err, c.want)
		}
	}
	f, _ := NewTyped("(p1^2 + p2^2)/2 + 1/(q1 - q2)", nil)
	if err := f.CheckBox(uniformBox(2, -1, 1, -1, 1)); err == nil || !strings.Contains(err.Error(), "H is ∞ at q₁ = -1, q₂ = -1, p₁ = -1, p₂ = -1") {
		t.Errorf("2-dof: %v", err)
	}
}

// Evaluations from several goroutines at once (run with -race) give the
// same values as one after another.
func TestTypedConcurrent(t *testing.T) {
	f, err := NewTyped("(p1^2 + p2^2)/2 + sin(q1)*q2", nil)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			g := make([]float64, 4)
			for i := range 1000 {
				x := []float64{float64(w), float64(i) / 1000, 0.5, -0.5}
				f.Grad(g, x)
				if want := math.Cos(x[0]) * x[1]; g[0] != want || f.H(x) != 0.25+math.Sin(x[0])*x[1] {
					t.Errorf("∂H/∂q₁ = %g, want %g", g[0], want)
					return
				}
			}
		})
	}
	wg.Wait()
}
