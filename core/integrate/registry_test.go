package integrate_test

import (
	"errors"
	"slices"
	"testing"

	"hnnplay/core/integrate"
)

func TestRegistry(t *testing.T) {
	names := integrate.Names()
	want := []string{"symplectic-euler", "implicit-midpoint", "stormer-verlet", "gauss4", "yoshida4", "rk4"}
	if !slices.Equal(names, want) {
		t.Errorf("Names() = %q, want %q", names, want)
	}
	names[0] = "scribbled"
	if integrate.Names()[0] != want[0] {
		t.Error("Names() returns a shared slice")
	}
	for _, name := range want {
		if integrate.Label(name) == "" {
			t.Errorf("%s: empty label", name)
		}
		if o := integrate.Order(name); o != 1 && o != 2 && o != 4 {
			t.Errorf("%s: order %d", name, o)
		}
		if got, want := integrate.Symplectic(name), name != "rk4"; got != want {
			t.Errorf("Symplectic(%q) = %v, want %v", name, got, want)
		}
		if got, want := integrate.NeedsSeparable(name), name == "stormer-verlet"; got != want {
			t.Errorf("NeedsSeparable(%q) = %v, want %v", name, got, want)
		}
		for _, separable := range []bool{true, false} {
			s, err := integrate.New(name, pendulum{}, separable)
			if separable || !integrate.NeedsSeparable(name) {
				if err != nil || s == nil {
					t.Errorf("New(%q, separable=%v) = %v, %v", name, separable, s, err)
				}
			} else if !errors.Is(err, integrate.ErrNotSeparable) {
				t.Errorf("New(%q, separable=false): err = %v, want ErrNotSeparable", name, err)
			}
		}
	}
	if _, err := integrate.New("euler", pendulum{}, true); err == nil {
		t.Error(`New("euler") succeeded, want unknown-method error`)
	}
	if integrate.Label("euler") != "" || integrate.Order("euler") != 0 || integrate.Symplectic("euler") {
		t.Error("unknown name has metadata")
	}
}
