package integrate

import (
	"fmt"

	"hnnplay/core/system"
)

// method is one registry entry.
type method struct {
	name           string
	label          string
	order          int
	symplectic     bool
	needsSeparable bool
	build          func(H system.Hamiltonian, separable bool) (Stepper, error)
}

// methods is the registry, in the order a UI should list them.
var methods = []method{
	{"symplectic-euler", "Symplectic Euler (order 1)", 1, true, false,
		func(H system.Hamiltonian, sep bool) (Stepper, error) { return NewSymplecticEuler(H, sep), nil }},
	{"implicit-midpoint", "Implicit midpoint (order 2)", 2, true, false,
		func(H system.Hamiltonian, _ bool) (Stepper, error) { return NewImplicitMidpoint(H), nil }},
	{"stormer-verlet", "Störmer–Verlet (order 2, separable H only)", 2, true, true,
		func(H system.Hamiltonian, sep bool) (Stepper, error) { return NewStormerVerlet(H, sep) }},
	{"gauss4", "Gauss–Legendre (order 4)", 4, true, false,
		func(H system.Hamiltonian, _ bool) (Stepper, error) { return NewGauss4(H), nil }},
	{"yoshida4", "Yoshida triple jump (order 4)", 4, true, false,
		func(H system.Hamiltonian, sep bool) (Stepper, error) { return NewYoshida4(H, sep), nil }},
	{"rk4", "Runge–Kutta 4 (order 4, not symplectic)", 4, false, false,
		func(H system.Hamiltonian, _ bool) (Stepper, error) { return NewRK4(H), nil }},
}

func lookup(name string) (method, bool) {
	for _, m := range methods {
		if m.name == name {
			return m, true
		}
	}
	return method{}, false
}

// New returns the stepper registered under name for H. separable tells
// whether H = T(p) + V(q); it selects the explicit variants and is required by
// "stormer-verlet", which otherwise returns an error wrapping ErrNotSeparable.
// A learned Ĥ is never separable. An unknown name is an error.
func New(name string, H system.Hamiltonian, separable bool) (Stepper, error) {
	m, ok := lookup(name)
	if !ok {
		return nil, fmt.Errorf("integrate: unknown method %q", name)
	}
	return m.build(H, separable)
}

// Names returns the registered method names, in display order, in a new slice.
func Names() []string {
	names := make([]string, len(methods))
	for i, m := range methods {
		names[i] = m.name
	}
	return names
}

// Label returns a short human-readable label for the method, or "" for an
// unknown name.
func Label(name string) string {
	m, _ := lookup(name)
	return m.label
}

// Order returns the order of accuracy of the method, or 0 for an unknown name.
func Order(name string) int {
	m, _ := lookup(name)
	return m.order
}

// Symplectic reports whether the method is symplectic (false for an unknown
// name).
func Symplectic(name string) bool {
	m, _ := lookup(name)
	return m.symplectic
}

// NeedsSeparable reports whether the method is only valid for separable H, so
// a UI can disable it for a learned Ĥ.
func NeedsSeparable(name string) bool {
	m, _ := lookup(name)
	return m.needsSeparable
}
