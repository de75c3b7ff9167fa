package integrate_test

import (
	"errors"
	"math"
	"testing"

	"hnnplay/core/integrate"
	"hnnplay/core/system"
)

// mustNew builds a registered stepper or fails the test.
func mustNew(t testing.TB, name string, H system.Hamiltonian, separable bool) integrate.Stepper {
	t.Helper()
	s, err := integrate.New(name, H, separable)
	if err != nil {
		t.Fatalf("New(%q): %v", name, err)
	}
	return s
}

// run takes n steps of size h from a copy of x0 and returns the final state.
func run(t testing.TB, s integrate.Stepper, x0 []float64, h float64, n int) []float64 {
	t.Helper()
	x := append([]float64(nil), x0...)
	for k := range n {
		if err := s.Step(x, h); err != nil {
			t.Fatalf("step %d: %v", k, err)
		}
	}
	return x
}

func maxDiff(a, b []float64) float64 {
	m := 0.0
	for i := range a {
		m = math.Max(m, math.Abs(a[i]-b[i]))
	}
	return m
}

// solve2 returns M⁻¹b for a 2×2 row-major M.
func solve2(m [4]float64, b [2]float64) [2]float64 {
	det := m[0]*m[3] - m[1]*m[2]
	return [2]float64{(m[3]*b[0] - m[1]*b[1]) / det, (m[0]*b[1] - m[2]*b[0]) / det}
}

// mul2 returns M·b for a 2×2 row-major M.
func mul2(m [4]float64, b [2]float64) [2]float64 {
	return [2]float64{m[0]*b[0] + m[1]*b[1], m[2]*b[0] + m[3]*b[1]}
}

// reference integrates to time T with 2¹⁴ classical RK4 steps, whose error
// (~h⁴ ≈ 1e-16) is far below the errors being measured; RK4 itself is checked
// against exact solutions in the same test.
func reference(t testing.TB, H system.Hamiltonian, x0 []float64, T float64) []float64 {
	const n = 1 << 14
	return run(t, integrate.NewRK4(H), x0, T/n, n)
}

// TestOrder measures the order of convergence of every registered method: the
// error at a fixed time T = 2 for steps h, h/2, h/4 against an exact solution
// or a very fine reference, p = log₂(e(h/2)/e(h/4)), must be within 0.3 of
// Order. "/implicit" runs a separable H through the non-separable code paths,
// "/fd" hides the Hessian so Newton uses finite differences.
func TestOrder(t *testing.T) {
	const T = 2.0
	cases := []struct {
		name      string
		H         system.Hamiltonian
		separable bool
		x0        []float64
		h0        float64
		exact     func(dst, x0 []float64, t float64) // nil: use reference
	}{
		{"oscillator", oscillator{1.3}, true, []float64{1, 0.5}, 0.1, oscillator{1.3}.exact},
		{"pendulum", pendulum{}, true, []float64{1, 0}, 0.1, nil},
		{"pendulum/implicit", pendulum{}, false, []float64{1, 0}, 0.1, nil},
		{"henonHeiles", henonHeiles{}, true, []float64{0.1, -0.2, 0.3, 0.25}, 0.1, nil},
		// symplectic Euler reaches its asymptotic order 1 on quartic only below h ≈ 0.02.
		{"quartic", quartic{}, false, []float64{1, 0.5}, 0.025, quartic{}.exact},
		{"skew", skew{0.4}, false, []float64{0.5, -0.3, 0.2, 0.6}, 0.1, nil},
		{"skew/fd", gradOnly{skew{0.4}}, false, []float64{0.5, -0.3, 0.2, 0.6}, 0.1, nil},
	}
	for _, c := range cases {
		want := make([]float64, len(c.x0))
		if c.exact != nil {
			c.exact(want, c.x0, T)
		} else {
			want = reference(t, c.H, c.x0, T)
		}
		for _, name := range integrate.Names() {
			if integrate.NeedsSeparable(name) && !c.separable {
				continue
			}
			var e [3]float64
			for k := range e {
				h := c.h0 / float64(int(1)<<k)
				n := int(math.Round(T / h))
				e[k] = maxDiff(run(t, mustNew(t, name, c.H, c.separable), c.x0, h, n), want)
			}
			p1, p2 := math.Log2(e[0]/e[1]), math.Log2(e[1]/e[2])
			t.Logf("%-18s %-17s errors %.2e %.2e %.2e  orders %.2f %.2f", c.name, name, e[0], e[1], e[2], p1, p2)
			if want := float64(integrate.Order(name)); math.Abs(p2-want) > 0.3 {
				t.Errorf("%s on %s: observed order %.2f, want %.0f ± 0.3 (errors %.2e %.2e %.2e)", name, c.name, p2, want, e[0], e[1], e[2])
			}
		}
	}
}

// energyWindows integrates n steps and returns max |H − H₀| over each
// consecutive window of w steps.
func energyWindows(t testing.TB, s integrate.Stepper, H system.Hamiltonian, x0 []float64, h float64, n, w int) []float64 {
	t.Helper()
	x := append([]float64(nil), x0...)
	h0 := H.H(x)
	out := make([]float64, 0, n/w)
	m := 0.0
	for k := 1; k <= n; k++ {
		if err := s.Step(x, h); err != nil {
			t.Fatalf("step %d: %v", k, err)
		}
		m = math.Max(m, math.Abs(H.H(x)-h0))
		if k%w == 0 {
			out = append(out, m)
			m = 0
		}
	}
	return out
}

// TestEnergyPendulum runs 10⁵ steps of h = 0.1 on the pendulum from (1, 0),
// about 1600 periods. Every symplectic method keeps max |H − H₀| over the last
// window of 1000 steps at the level of the first window; RK4's error grows
// monotonically, to ~100 times its first window.
func TestEnergyPendulum(t *testing.T) {
	const (
		h = 0.1
		n = 100_000
		w = 1000
	)
	x0 := []float64{1, 0}
	for _, name := range integrate.Names() {
		for _, separable := range []bool{true, false} {
			if integrate.NeedsSeparable(name) && !separable {
				continue
			}
			if !separable && name != "symplectic-euler" && name != "yoshida4" {
				continue // the flag changes nothing else
			}
			s := mustNew(t, name, pendulum{}, separable)
			win := energyWindows(t, s, pendulum{}, x0, h, n, w)
			first, last := win[0], win[len(win)-1]
			peak := 0.0
			for _, v := range win {
				peak = math.Max(peak, v)
			}
			t.Logf("%-17s separable=%-5v energy error: first window %.3e, last window %.3e, max %.3e", name, separable, first, last, peak)
			if integrate.Symplectic(name) {
				if last > 1.5*first || peak > 2*first {
					t.Errorf("%s: energy error grows: first window %.3e, last %.3e, max %.3e", name, first, last, peak)
				}
				continue
			}
			if last < 50*first {
				t.Errorf("%s: energy error last window %.3e, want ≫ first %.3e", name, last, first)
			}
			for i := 10; i < len(win); i += 10 {
				if win[i] <= win[i-10] {
					t.Errorf("%s: energy error not growing: window %d %.3e ≤ window %d %.3e", name, i, win[i], i-10, win[i-10])
				}
			}
		}
	}
}

// TestEnergyNonSeparable checks that the symplectic methods valid for
// non-separable H keep its energy error bounded over 2·10⁴ steps.
func TestEnergyNonSeparable(t *testing.T) {
	const (
		h = 0.1
		n = 20_000
		w = 1000
	)
	for _, c := range []struct {
		name string
		H    system.Hamiltonian
		x0   []float64
	}{
		{"coupled", coupled{0.5}, []float64{1, 0.5}},
		{"skew", skew{0.4}, []float64{0.5, -0.3, 0.2, 0.6}},
		{"skew/fd", gradOnly{skew{0.4}}, []float64{0.5, -0.3, 0.2, 0.6}},
	} {
		for _, name := range []string{"symplectic-euler", "implicit-midpoint", "gauss4", "yoshida4"} {
			win := energyWindows(t, mustNew(t, name, c.H, false), c.H, c.x0, h, n, w)
			first, last := win[0], win[len(win)-1]
			peak := 0.0
			for _, v := range win {
				peak = math.Max(peak, v)
			}
			t.Logf("%-8s %-17s energy error: first window %.3e, last window %.3e, max %.3e", c.name, name, first, last, peak)
			if last > 1.5*first || peak > 2*first {
				t.Errorf("%s on %s: energy error grows: first window %.3e, last %.3e, max %.3e", name, c.name, first, last, peak)
			}
		}
	}
}

// TestQuadraticInvariant: Gauss–Legendre methods (midpoint, Gauss4, and
// compositions of midpoint) conserve quadratic invariants exactly, so on
// quartic, whose flow conserves r² = q² + p², r² drifts only by round-off.
func TestQuadraticInvariant(t *testing.T) {
	const n, h = 20_000, 0.1
	x0 := []float64{1, 0.5}
	r0 := x0[0]*x0[0] + x0[1]*x0[1]
	for _, name := range []string{"implicit-midpoint", "gauss4", "yoshida4"} {
		s := mustNew(t, name, quartic{}, false)
		x := append([]float64(nil), x0...)
		worst := 0.0
		for k := range n {
			if err := s.Step(x, h); err != nil {
				t.Fatalf("%s: step %d: %v", name, k, err)
			}
			worst = math.Max(worst, math.Abs(x[0]*x[0]+x[1]*x[1]-r0))
		}
		t.Logf("%-17s max |r² − r₀²| = %.1e over %d steps", name, worst, n)
		if worst > 1e-12 {
			t.Errorf("%s: r² drifts by %.2e, want round-off (≤ 1e-12)", name, worst)
		}
	}
}

// TestReversible steps n times with h and n times with −h: the symmetric
// methods return to x₀ up to round-off.
func TestReversible(t *testing.T) {
	const n, h = 1000, 0.1
	for _, c := range []struct {
		name      string
		H         system.Hamiltonian
		separable bool
		x0        []float64
	}{
		{"pendulum", pendulum{}, true, []float64{1, 0}},
		{"coupled", coupled{0.5}, false, []float64{1, 0.5}},
		{"skew", skew{0.4}, false, []float64{0.5, -0.3, 0.2, 0.6}},
		{"skew/fd", gradOnly{skew{0.4}}, false, []float64{0.5, -0.3, 0.2, 0.6}},
	} {
		for _, name := range []string{"implicit-midpoint", "gauss4", "yoshida4", "stormer-verlet"} {
			if integrate.NeedsSeparable(name) && !c.separable {
				continue
			}
			s := mustNew(t, name, c.H, c.separable)
			x := run(t, s, c.x0, h, n)
			moved := maxDiff(x, c.x0)
			back := run(t, s, x, -h, n)
			err := maxDiff(back, c.x0)
			t.Logf("%-9s %-17s |x(back) − x0| = %.1e (moved %.2f)", c.name, name, err, moved)
			if err > 1e-12 {
				t.Errorf("%s on %s: forward-backward error %.2e, want ≤ 1e-12", name, c.name, err)
			}
		}
	}
}

// TestAllocs checks that Step allocates nothing, for every method, with a
// closed-form Hessian and with the finite-difference fallback.
func TestAllocs(t *testing.T) {
	for _, c := range []struct {
		name      string
		H         system.Hamiltonian
		separable bool
		x0        []float64
	}{
		{"pendulum", pendulum{}, true, []float64{1, 0}},
		{"skew", skew{0.4}, false, []float64{0.5, -0.3, 0.2, 0.6}},
		{"skew/fd", gradOnly{skew{0.4}}, false, []float64{0.5, -0.3, 0.2, 0.6}},
	} {
		for _, name := range integrate.Names() {
			if integrate.NeedsSeparable(name) && !c.separable {
				continue
			}
			s := mustNew(t, name, c.H, c.separable)
			x := append([]float64(nil), c.x0...)
			var err error
			allocs := testing.AllocsPerRun(100, func() { err = s.Step(x, 0.01) })
			if err != nil {
				t.Fatalf("%s on %s: %v", name, c.name, err)
			}
			if allocs != 0 {
				t.Errorf("%s on %s: %v allocations per Step, want 0", name, c.name, allocs)
			}
		}
	}
}

// TestDiverged drives the explicit methods off to infinity on the stiff well
// H = p²/2 + q⁴/4: the step that would overflow returns ErrDiverged and
// leaves x at its last, finite value. Every method refuses a non-finite x.
func TestDiverged(t *testing.T) {
	for _, name := range []string{"symplectic-euler", "stormer-verlet", "yoshida4", "rk4"} {
		s := mustNew(t, name, well{}, true)
		x := []float64{10, 0}
		var err error
		k := 0
		for ; k < 100 && err == nil; k++ {
			prev := append([]float64(nil), x...)
			if err = s.Step(x, 1); err != nil && maxDiff(x, prev) != 0 {
				t.Errorf("%s: x changed by the failing step: %v → %v", name, prev, x)
			}
		}
		if !errors.Is(err, integrate.ErrDiverged) {
			t.Errorf("%s: after %d steps err = %v, want ErrDiverged", name, k, err)
		}
		if math.IsNaN(x[0]-x[0]) || math.IsNaN(x[1]-x[1]) {
			t.Errorf("%s: state %v not finite after ErrDiverged", name, x)
		}
		t.Logf("%-17s diverged at step %d, last finite state %.3g", name, k, x)
	}
	for _, name := range integrate.Names() {
		s := mustNew(t, name, pendulum{}, true)
		x := []float64{math.NaN(), 0}
		if err := s.Step(x, 0.1); !errors.Is(err, integrate.ErrDiverged) {
			t.Errorf("%s: Step from NaN: err = %v, want ErrDiverged", name, err)
		}
		x = []float64{0, math.Inf(1)}
		if err := s.Step(x, 0.1); !errors.Is(err, integrate.ErrDiverged) {
			t.Errorf("%s: Step from Inf: err = %v, want ErrDiverged", name, err)
		}
	}
}

// barrier is H = p²/2 − √(1 − q²): V′(q) = q/√(1 − q²) is stiff near |q| = 1
// and undefined beyond, where a Newton iterate of an absurd step lands.
type barrier struct{}

func (barrier) Dof() int              { return 1 }
func (barrier) H(x []float64) float64 { return x[1]*x[1]/2 - math.Sqrt(1-x[0]*x[0]) }
func (barrier) Grad(dst, x []float64) {
	dst[0], dst[1] = x[0]/math.Sqrt(1-x[0]*x[0]), x[1]
}
func (barrier) Hessian(dst, x []float64) {
	s := 1 - x[0]*x[0]
	dst[0], dst[1], dst[2], dst[3] = 1/(s*math.Sqrt(s)), 0, 0, 1
}

// TestNoConvergence: absurd steps on stiff Hamiltonians defeat Newton in every
// implicit method, which must say so and leave x unchanged. For symplectic
// Euler on quartic, u = h((q+u)² + p²)p has no real root at all; the others
// are sent outside the barrier's domain. A MaxIter too small for an ordinary
// step is reported the same way.
func TestNoConvergence(t *testing.T) {
	for _, c := range []struct {
		method string
		H      system.Hamiltonian
		x0     []float64
		h      float64
	}{
		{"symplectic-euler", quartic{}, []float64{10, 3}, 10},
		{"symplectic-euler", gradOnly{quartic{}}, []float64{10, 3}, 10},
		{"implicit-midpoint", barrier{}, []float64{0.5, 10}, 10},
		{"implicit-midpoint", gradOnly{barrier{}}, []float64{0.5, 10}, 10},
		{"gauss4", barrier{}, []float64{0.5, 10}, 10},
		{"gauss4", gradOnly{barrier{}}, []float64{0.5, 10}, 10},
		{"yoshida4", barrier{}, []float64{0.5, 10}, 10},
	} {
		s := mustNew(t, c.method, c.H, false)
		x := append([]float64(nil), c.x0...)
		err := s.Step(x, c.h)
		t.Logf("%T: %v", c.H, err)
		if !errors.Is(err, integrate.ErrNoConvergence) {
			t.Errorf("%s on %T: err = %v, want ErrNoConvergence", c.method, c.H, err)
		}
		if maxDiff(x, c.x0) != 0 {
			t.Errorf("%s on %T: x = %v after failed step, want %v", c.method, c.H, x, c.x0)
		}
	}

	se := integrate.NewSymplecticEuler(skew{0.4}, false)
	se.MaxIter = 1
	mp := integrate.NewImplicitMidpoint(pendulum{})
	mp.MaxIter = 1
	g4 := integrate.NewGauss4(pendulum{})
	g4.MaxIter = 1
	for _, c := range []struct {
		s  integrate.Stepper
		x0 []float64
	}{
		{se, []float64{0.5, -0.3, 0.2, 0.6}},
		{mp, []float64{1, 0.5}},
		{g4, []float64{1, 0.5}},
	} {
		x := append([]float64(nil), c.x0...)
		if err := c.s.Step(x, 0.1); !errors.Is(err, integrate.ErrNoConvergence) || maxDiff(x, c.x0) != 0 {
			t.Errorf("%T with MaxIter 1: err = %v, x = %v; want ErrNoConvergence and x unchanged", c.s, err, x)
		}
	}
}
