package data

import (
	"math"
	"math/rand/v2"
	"testing"

	"hnnplay/core/system"
)

// noHessian hides the Hessian of a system, forcing the finite-difference path.
type noHessian struct{ system.Hamiltonian }

func TestCorrectedH(t *testing.T) {
	// Pendulum at (π/2, 1): ∇H = (1, 1), so H_corr = H + h/2 = 1.5 + 0.05.
	c := &CorrectedHamiltonian{Base: system.NewPendulum(), Step: 0.1}
	if h := c.H([]float64{math.Pi / 2, 1}); math.Abs(h-1.55) > 1e-15 {
		t.Errorf("H_corr = %v, want 1.55", h)
	}
	if c.Dof() != 1 {
		t.Errorf("Dof = %d", c.Dof())
	}
	// Double pendulum at x: dot product over both dofs.
	dp := system.NewDoublePendulum()
	x := []float64{0.3, -0.2, 0.5, 0.1}
	g := make([]float64, 4)
	dp.Grad(g, x)
	want := dp.H(x) + 0.2/2*(g[0]*g[2]+g[1]*g[3])
	if h := (&CorrectedHamiltonian{Base: dp, Step: 0.2}).H(x); math.Abs(h-want) > 1e-15 {
		t.Errorf("H_corr = %v, want %v", h, want)
	}
}

func TestCorrectedGrad(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, sys := range []system.System{system.NewPendulum(), system.NewDoublePendulum(), system.NewHenonHeiles(), system.NewKepler()} {
		d2 := 2 * sys.Dof()
		an := &CorrectedHamiltonian{Base: sys, Step: 0.3}
		fd := &CorrectedHamiltonian{Base: noHessian{sys}, Step: 0.3}
		ga, gf := make([]float64, d2), make([]float64, d2)
		b := sys.Box()
		for range 50 {
			x := make([]float64, d2)
			for i := range x {
				x[i] = b.Lo[i] + (b.Hi[i]-b.Lo[i])*rng.Float64()
			}
			an.Grad(ga, x)
			fd.Grad(gf, x)
			// Independent check: fourth-order differences of H_corr.
			y := append([]float64(nil), x...)
			scale := 1.0
			for _, v := range ga {
				scale = math.Max(scale, math.Abs(v))
			}
			for i := range d2 {
				dl := 1e-4 * math.Max(1, math.Abs(x[i]))
				at := func(s float64) float64 { y[i] = x[i] + s; v := an.H(y); y[i] = x[i]; return v }
				ref := (-at(2*dl) + 8*at(dl) - 8*at(-dl) + at(-2*dl)) / (12 * dl)
				tol := 1e-8
				if sys.Name() == "double-pendulum" {
					tol = 1e-6 // its Hessian is itself a finite difference
				}
				if math.Abs(ga[i]-ref) > tol*scale || math.Abs(gf[i]-ref) > 1e-7*scale {
					t.Fatalf("%s at %v: ∂H_corr/∂x%d analytic %v, central %v, reference %v", sys.Name(), x, i, ga[i], gf[i], ref)
				}
			}
		}
		x := b.Lo
		if n := testing.AllocsPerRun(10, func() { an.Grad(ga, x); fd.Grad(gf, x); _ = an.H(x) }); n != 0 {
			t.Errorf("%s: %v allocations per call", sys.Name(), n)
		}
	}
}
