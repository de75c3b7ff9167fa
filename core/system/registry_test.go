package system

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestRegistryDefaults(t *testing.T) {
	want := []System{NewSpring(), NewPendulum(), NewDoublePendulum(), NewHenonHeiles(), NewLotkaVolterra(), NewKepler()}
	names := Names()
	if len(names) != len(want)+1 || names[len(want)] != Custom { // the custom system is tested in formula_test.go
		t.Fatalf("Names() = %v", names)
	}
	for i, name := range names[:len(want)] {
		s, err := New(name, nil)
		if err != nil {
			t.Fatalf("New(%q): %v", name, err)
		}
		if s.Name() != name {
			t.Errorf("New(%q).Name() = %q", name, s.Name())
		}
		if !reflect.DeepEqual(s, want[i]) {
			t.Errorf("New(%q) = %+v, want %+v", name, s, want[i])
		}
		ps := Describe(name)
		if len(ps) == 0 {
			t.Errorf("Describe(%q) is empty", name)
		}
		// Setting every parameter to its documented default changes nothing.
		def := map[string]string{}
		for _, p := range ps {
			if p.Name == "" || p.Doc == "" || p.Default == "" {
				t.Errorf("%s: incomplete parameter %+v", name, p)
			}
			def[p.Name] = p.Default
		}
		s2, err := New(name, def)
		if err != nil {
			t.Fatalf("New(%q, defaults): %v", name, err)
		}
		if !reflect.DeepEqual(s2, want[i]) {
			t.Errorf("New(%q, %v) = %+v, want %+v", name, def, s2, want[i])
		}
	}
	if Describe("nope") != nil {
		t.Error("Describe of an unknown name is not nil")
	}
	names[0] = "x"
	if Names()[0] != "spring" {
		t.Error("Names shares memory")
	}
}

func TestRegistryParams(t *testing.T) {
	s, err := New("pendulum", map[string]string{"f": "20", "g": " 9.81 ", "m": "2e0"})
	if err != nil {
		t.Fatal(err)
	}
	if p := s.(*Pendulum); *p != (Pendulum{M: 2, L: 1, G: 9.81, F: 20}) {
		t.Errorf("pendulum = %+v", *p)
	}
	s, err = New("lotka-volterra", map[string]string{"preset": "shifted", "alpha": "4"})
	if err != nil {
		t.Fatal(err)
	}
	lv := s.(*LotkaVolterra)
	if lv.Alpha != 4 || lv.Beta != 0.025 || lv.Gamma != 10 || lv.Delta != 0.07 || lv.Box().Hi[0] != 8 {
		t.Errorf("lotka-volterra shifted = %+v", *lv)
	}
	s, err = New("double-pendulum", map[string]string{"m1": "2", "l2": "0.5"})
	if err != nil {
		t.Fatal(err)
	}
	if dp := s.(*DoublePendulum); *dp != (DoublePendulum{M1: 2, M2: 1, L1: 1, L2: 0.5, G: 1}) {
		t.Errorf("double pendulum = %+v", *dp)
	}
	if _, err := New("spring", map[string]string{"k": "-1"}); err != nil {
		t.Errorf("negative stiffness is allowed: %v", err)
	}
}

func TestRegistryErrors(t *testing.T) {
	for _, c := range []struct {
		name   string
		params map[string]string
		want   string
	}{
		{"pendulumm", nil, `system: unknown system "pendulumm" (known: spring, pendulum, double-pendulum, henon-heiles, lotka-volterra, kepler, custom)`},
		{"", nil, `unknown system ""`},
		{"pendulum", map[string]string{"f": "NaN"}, `system: pendulum: parameter "f" must be a finite number, got "NaN"`},
		{"pendulum", map[string]string{"g": "inf"}, `parameter "g" must be a finite number, got "inf"`},
		{"pendulum", map[string]string{"g": ""}, `parameter "g" must be a finite number, got ""`},
		{"pendulum", map[string]string{"g": "1e999"}, `parameter "g" must be a finite number, got "1e999"`},
		{"spring", map[string]string{"k": "one"}, `system: spring: parameter "k" must be a finite number, got "one"`},
		{"pendulum", map[string]string{"L": "1"}, `system: pendulum: unknown parameter "L" (known: m, l, g, f)`},
		{"pendulum", map[string]string{"l": "0"}, `system: pendulum: parameter "l" must be positive, got 0`},
		{"spring", map[string]string{"m": "-1"}, `system: spring: parameter "m" must be positive, got -1`},
		{"double-pendulum", map[string]string{"m2": "0"}, `parameter "m2" must be positive`},
		{"kepler", map[string]string{"k": "-1"}, `system: kepler: parameter "k" must be positive, got -1`},
		{"lotka-volterra", map[string]string{"preset": "five"}, `system: lotka-volterra: parameter "preset" must be "zero-centred" or "shifted", got "five"`},
		{"henon-heiles", map[string]string{"alpha": "1", "beta": "2"}, `system: henon-heiles: unknown parameter "beta" (known: alpha)`},
		// Several bad keys: the first in sorted order is reported.
		{"pendulum", map[string]string{"m": "x", "f": "y"}, `parameter "f"`},
	} {
		s, err := New(c.name, c.params)
		if err == nil || !strings.Contains(err.Error(), c.want) || s != nil {
			t.Errorf("New(%q, %v) = %v, %v; want error containing %q", c.name, c.params, s, err, c.want)
		}
	}
}

// Every system has a title, a formula and a label per coordinate; the
// Lotka–Volterra labels follow which population is the prey.
func TestMetadata(t *testing.T) {
	for _, name := range Names() {
		sys, err := New(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		if Title(name) == "" || !strings.HasPrefix(Formula(name), "H = ") || len(Labels(sys)) != 2*sys.Dof() {
			t.Errorf("%s: title %q, formula %q, labels %q", name, Title(name), Formula(name), Labels(sys))
		}
	}
	if Title("nope") != "" || Formula("nope") != "" {
		t.Error("an unknown system has metadata")
	}
	if got := Labels(NewHenonHeiles()); strings.Join(got, " ") != "q₁ q₂ p₁ p₂" {
		t.Errorf("Hénon–Heiles labels %q", got)
	}
	// The prey grows when the predators are few: du/dt > 0 at small v for the prey u = e^q.
	for _, lv := range []*LotkaVolterra{NewLotkaVolterra(), NewLotkaVolterraShifted()} {
		g := make([]float64, 2)
		lv.Grad(g, []float64{0, -20}) // v = e^p ≈ 0
		qPrey := g[1] > 0             // q̇ = ∂H/∂p > 0 when the predators vanish: q is the prey
		if got := Labels(lv)[0]; (got == "q = ln prey") != qPrey {
			t.Errorf("δ = %v: q is labelled %q, but q̇ = %v with no predators", lv.Delta, got, g[1])
		}
	}
}

// The pendulums' bobs hang where their angles say, at their rods' lengths
// from the pivot and from each other; the other systems have no rods.
func TestJoints(t *testing.T) {
	p, _ := New("pendulum", map[string]string{"l": "2", "f": "1"})
	j := p.(Linkage).Joints([]float64{0, 0})
	if len(j) != 1 || j[0] != [2]float64{0, -2} {
		t.Errorf("the pendulum at rest: %v", j)
	}
	j = p.(Linkage).Joints([]float64{math.Pi / 2, 0})
	if math.Abs(j[0][0]-2) > 1e-12 || math.Abs(j[0][1]) > 1e-12 {
		t.Errorf("the pendulum at a right angle: %v", j)
	}
	d, _ := New("double-pendulum", map[string]string{"l1": "1.5", "l2": "0.5"})
	x := []float64{0.3, -1.1, 0.2, 0.4}
	j = d.(Linkage).Joints(x)
	if len(j) != 2 || math.Abs(math.Hypot(j[0][0], j[0][1])-1.5) > 1e-12 ||
		math.Abs(math.Hypot(j[1][0]-j[0][0], j[1][1]-j[0][1])-0.5) > 1e-12 ||
		math.Abs(math.Atan2(j[1][0]-j[0][0], j[0][1]-j[1][1])-x[1]) > 1e-12 {
		t.Errorf("the double pendulum at %v: %v", x, j)
	}
	for _, n := range []string{"spring", "kepler", "henon-heiles", "lotka-volterra"} {
		s, _ := New(n, nil)
		if _, ok := s.(Linkage); ok {
			t.Errorf("%s has rods", n)
		}
	}
}
