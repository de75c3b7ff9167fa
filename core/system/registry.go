package system

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"hnnplay/core/number"
)

// Param describes one parameter of a registered system for a user interface.
type Param struct {
	Name    string // key in New's params map (lower case)
	Default string // default value as text
	Doc     string // one-line description
}

// Title returns the name of a registered system for people ("Double
// pendulum"), or "" for an unknown name.
func Title(name string) string {
	if e := lookup(name); e != nil {
		return e.title
	}
	return ""
}

// Formula returns the Hamiltonian of a registered system written out with its
// parameters' symbols, e.g. "H = p²/(2ml²) + mgl(1 − cos fq)", or "" for an
// unknown name.
func Formula(name string) string {
	if e := lookup(name); e != nil {
		return e.formula
	}
	return ""
}

// Labeler is implemented by systems whose coordinates have names of their
// own (Lotka–Volterra's log populations, Kepler's x and y).
type Labeler interface {
	// Labels returns a short name per coordinate, in state order.
	Labels() []string
}

// Labels returns the names of sys's coordinates for axes and readouts: its
// own (see Labeler) or CoordNames with subscripts ("q₁", "p₁").
func Labels(sys System) []string {
	if l, ok := sys.(Labeler); ok {
		return l.Labels()
	}
	names := CoordNames(sys.Dof())
	for i, n := range names {
		r := []rune(n)
		if len(r) == 2 {
			names[i] = string(r[0]) + string('₀'+r[1]-'0')
		}
	}
	return names
}

// Names returns the registry names in a fixed display order.
func Names() []string {
	names := make([]string, len(registry))
	for i, e := range registry {
		names[i] = e.name
	}
	return names
}

// Describe returns the parameters of the named system, or nil if the name is
// not registered. For "lotka-volterra" the numeric defaults are those of the
// default (zero-centred) preset.
func Describe(name string) []Param {
	e := lookup(name)
	if e == nil {
		return nil
	}
	ps := make([]Param, len(e.params))
	for i, p := range e.params {
		ps[i] = p.Param
	}
	return ps
}

// New returns the named system with the given parameters; missing parameters
// keep their defaults (see Describe). Keys are the lower-case names of
// Describe; values are numbers as package number reads them (π allowed), except the Lotka–Volterra "preset"
// ("zero-centred" or "shifted"), which sets all four coefficients and the box
// before the other parameters override coefficients.
//
// It returns an error for an unknown name or parameter, for a value that is
// not a finite number, and for a non-positive mass, length or (Kepler) force
// constant. Parameters are checked in sorted key order, so the error for
// several bad parameters is deterministic.
//
// The custom system is DefaultFormula with params (see NewTyped, which
// takes the typed formula).
func New(name string, params map[string]string) (System, error) {
	e := lookup(name)
	if e == nil {
		return nil, fmt.Errorf("system: unknown system %q (known: %s)", name, strings.Join(Names(), ", "))
	}
	if e.make != nil {
		return e.make(params)
	}
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	preset := ""
	for _, k := range keys {
		i := slices.IndexFunc(e.params, func(p param) bool { return p.Name == k })
		if i < 0 {
			return nil, fmt.Errorf("system: %s: unknown parameter %q (known: %s)", name, k, strings.Join(e.paramNames(), ", "))
		}
		if e.params[i].preset {
			preset = params[k]
		}
	}
	sys, vals, err := e.build(preset)
	if err != nil {
		return nil, err
	}
	for _, k := range keys {
		i := slices.IndexFunc(e.params, func(p param) bool { return p.Name == k })
		p := e.params[i]
		if p.preset {
			continue
		}
		s := params[k]
		v, err := number.Parse(s)
		if err != nil {
			return nil, fmt.Errorf("system: %s: parameter %q must be a finite number, got %q", name, k, s)
		}
		if p.positive && !(v > 0) {
			return nil, fmt.Errorf("system: %s: parameter %q must be positive, got %v", name, k, v)
		}
		*vals[i] = v
	}
	return sys, nil
}

type param struct {
	Param
	positive bool // must be > 0
	preset   bool // a string choice, not a number
}

type entry struct {
	name, title, formula string
	params               []param
	// build returns the default system for the preset ("" = default) and,
	// for each params[i] that is numeric, a pointer to its field.
	build func(preset string) (System, []*float64, error)
	// make, if not nil, builds the system with its parameters instead
	// (the custom system, whose parameters are its formula's names).
	make func(params map[string]string) (System, error)
}

func (e *entry) paramNames() []string {
	ns := make([]string, len(e.params))
	for i, p := range e.params {
		ns[i] = p.Name
	}
	return ns
}

func lookup(name string) *entry {
	for i := range registry {
		if registry[i].name == name {
			return &registry[i]
		}
	}
	return nil
}

func num(name, def, doc string) param { return param{Param: Param{name, def, doc}} }
func pos(name, def, doc string) param {
	return param{Param: Param{name, def, doc}, positive: true}
}

var registry = []entry{
	{
		name: "spring", title: "Spring", formula: "H = k q²/2 + p²/(2m)",
		params: []param{
			num("k", "1", "spring stiffness k in H = k q²/2 + p²/(2m)"),
			pos("m", "1", "mass m (> 0)"),
		},
		build: func(string) (System, []*float64, error) {
			s := NewSpring()
			return s, []*float64{&s.K, &s.M}, nil
		},
	},
	{
		name: "pendulum", title: "Pendulum", formula: "H = p²/(2ml²) + mgl(1 − cos fq)",
		params: []param{
			pos("m", "1", "mass m (> 0)"),
			pos("l", "1", "length l (> 0)"),
			num("g", "1", "gravitational acceleration g"),
			num("f", "1", "frequency factor f in 1 − cos(f q)"),
		},
		build: func(string) (System, []*float64, error) {
			s := NewPendulum()
			return s, []*float64{&s.M, &s.L, &s.G, &s.F}, nil
		},
	},
	{
		name: "double-pendulum", title: "Double pendulum",
		formula: "H = [m₂l₂²p₁² + (m₁+m₂)l₁²p₂² − 2m₂l₁l₂p₁p₂ cos(q₁−q₂)] / [2m₂l₁²l₂²(m₁ + m₂ sin²(q₁−q₂))] − (m₁+m₂)gl₁ cos q₁ − m₂gl₂ cos q₂",
		params: []param{
			pos("m1", "1", "mass of the upper bob (> 0)"),
			pos("m2", "1", "mass of the lower bob (> 0)"),
			pos("l1", "1", "length of the upper rod (> 0)"),
			pos("l2", "1", "length of the lower rod (> 0)"),
			num("g", "1", "gravitational acceleration g"),
		},
		build: func(string) (System, []*float64, error) {
			s := NewDoublePendulum()
			return s, []*float64{&s.M1, &s.M2, &s.L1, &s.L2, &s.G}, nil
		},
	},
	{
		name: "henon-heiles", title: "Hénon–Heiles", formula: "H = (p₁² + p₂²)/2 + (q₁² + q₂²)/2 + α(q₁²q₂ − q₂³/3)",
		params: []param{
			num("alpha", "1", "coupling α of the cubic term α(q₁²q₂ − q₂³/3)"),
		},
		build: func(string) (System, []*float64, error) {
			s := NewHenonHeiles()
			return s, []*float64{&s.Alpha}, nil
		},
	},
	{
		name: "lotka-volterra", title: "Lotka–Volterra", formula: "H = δeᵖ − γp + βe^q − αq",
		params: []param{
			{Param: Param{"preset", PresetZeroCentred, "coefficients and box: zero-centred ([−2,2]²) or shifted ([0,8]²)"}, preset: true},
			num("alpha", "-2", "α in H = δeᵖ − γp + βe^q − αq"),
			num("beta", "-1", "β"),
			num("gamma", "-1", "γ"),
			num("delta", "-1", "δ"),
		},
		build: func(preset string) (System, []*float64, error) {
			var s *LotkaVolterra
			switch preset {
			case "", PresetZeroCentred:
				s = NewLotkaVolterra()
			case PresetShifted:
				s = NewLotkaVolterraShifted()
			default:
				return nil, nil, fmt.Errorf("system: lotka-volterra: parameter \"preset\" must be %q or %q, got %q", PresetZeroCentred, PresetShifted, preset)
			}
			return s, []*float64{nil, &s.Alpha, &s.Beta, &s.Gamma, &s.Delta}, nil
		},
	},
	{
		name: "kepler", title: "Kepler", formula: "H = |p|²/(2m) − k/|q|",
		params: []param{
			pos("m", "1", "mass m (> 0)"),
			pos("k", "1", "attractive force constant k in −k/|q| (> 0)"),
		},
		build: func(string) (System, []*float64, error) {
			s := NewKepler()
			return s, []*float64{&s.M, &s.K}, nil
		},
	},
	{
		name: Custom, title: "Your own H (formula)", formula: "H = " + DefaultFormula,
		make: newCustom,
	},
}

// Linkage is implemented by the systems that are rods swinging from a pivot
// (the pendulum and the double pendulum), so that a page can draw them.
type Linkage interface {
	// Joints returns the positions of the bobs in state x, one per rod
	// from the pivot out, with the pivot at the origin and y up.
	Joints(x []float64) [][2]float64
}

// Central is implemented by the central-force problems (Kepler), whose
// first two coordinates are a position in a plane around the centre: a
// page draws the orbits there and reads out the angular momentum, which,
// with the energy, their flow conserves.
type Central interface {
	// AngularMomentum returns x p_y − y p_x.
	AngularMomentum(x []float64) float64
	// CircularMomentum returns the speed of momentum of the circular
	// orbit of radius r.
	CircularMomentum(r float64) float64
}
