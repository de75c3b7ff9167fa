package data

import (
	"fmt"
	"math"
	"math/rand/v2"

	"hnnplay/core/system"
)

// Snapshots builds the limited-data training set (docs/method.md, “Limited
// data: training from snapshots”) from k pairs of states one observation
// step h apart.
//
// The states x_n = (q_n, p_n) are drawn uniformly in box exactly as Uniform
// draws its states (same seed, same values); x_{n+1} = φ_h(x_n) is the exact
// flow of sys over time h, computed by the reference integrator described
// below. The set holds
//
//	X    = x̄_n = (q_{n+1}, p_n)        (symplectic-Euler evaluation points)
//	Xdot = (x_{n+1} − x_n)/h           (finite-difference targets)
//
// and H = nil: in this setting only states are observed. A Hamiltonian Ĥ
// fitted to it makes symplectic Euler,
//
//	q_{n+1} = q_n + h ∂_pĤ(q_{n+1}, p_n),   p_{n+1} = p_n − h ∂_qĤ(q_{n+1}, p_n),
//
// reproduce the data, so Ĥ approximates the modified Hamiltonian
// H − (h/2)∇_qH·∇_pH + O(h²), not H; CorrectedHamiltonian removes the O(h)
// term.
//
// Reference integrator: classical RK4 over [0, h] with n equal steps,
// n = 16, 32, 64, … doubled until the results for n and 2n differ by at most
// 15·10⁻¹³·max(1, ‖x‖∞) in every component (RK4's global error falls by 16
// per doubling, so the 2n result is then accurate to about 10⁻¹³); the 2n
// result is used. More than 2¹⁶ steps, or a non-finite state (e.g. a Kepler
// orbit through the origin), is an error naming the sample (a *SampleError).
//
// It returns an error if box does not fit sys, k is not positive or h is not a
// positive finite number.
func Snapshots(sys system.System, box system.Box, k int, h float64, seed uint64) (*Set, error) {
	if err := checkArgs(sys, box, k, "k", 0); err != nil {
		return nil, err
	}
	if !(h > 0) || math.IsInf(h, 0) {
		return nil, fmt.Errorf("data: observation step h must be a positive finite number, got %v", h)
	}
	d := sys.Dof()
	d2 := 2 * d
	rng := rand.New(rand.NewPCG(seed, sampleStream))
	s := &Set{Dof: d, X: make([]float64, k*d2), Xdot: make([]float64, k*d2)}
	if err := drawColumns(rng, box, s.X, k, nil); err != nil {
		return nil, err
	}
	f := newFlow(sys)
	next := make([]float64, d2)
	for r := range k {
		x := s.X[r*d2 : (r+1)*d2]
		if err := f.step(next, x, h); err != nil {
			return nil, &SampleError{System: sys.Name(), Row: r, X: append([]float64(nil), x...), Err: err}
		}
		xd := s.Xdot[r*d2 : (r+1)*d2]
		for i := range d2 {
			xd[i] = (next[i] - x[i]) / h
		}
		copy(x[:d], next[:d]) // x̄ = (q_{n+1}, p_n)
	}
	return s, nil
}

// flow is the reference integrator of Snapshots with its scratch space.
type flow struct {
	sys                     system.Hamiltonian
	a, b, y, k1, k2, k3, k4 []float64
}

const (
	flowTol      = 1e-13
	flowMinSteps = 16
	flowMaxSteps = 1 << 16
)

func newFlow(sys system.Hamiltonian) *flow {
	d2 := 2 * sys.Dof()
	buf := make([]float64, 7*d2)
	f := &flow{sys: sys}
	for i, p := range []*[]float64{&f.a, &f.b, &f.y, &f.k1, &f.k2, &f.k3, &f.k4} {
		*p = buf[i*d2 : (i+1)*d2 : (i+1)*d2]
	}
	return f
}

// step writes φ_h(x) into dst; see Snapshots for the accuracy control.
func (f *flow) step(dst, x []float64, h float64) error {
	coarse, fine := f.a, f.b
	f.rk4(coarse, x, h, flowMinSteps)
	for n := 2 * flowMinSteps; n <= flowMaxSteps; n *= 2 {
		f.rk4(fine, x, h, n)
		diff, scale := 0.0, 1.0
		for i, v := range fine {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("reference integrator produced a non-finite state")
			}
			diff = math.Max(diff, math.Abs(v-coarse[i]))
			scale = math.Max(scale, math.Abs(v))
		}
		if diff <= 15*flowTol*scale {
			copy(dst, fine)
			return nil
		}
		coarse, fine = fine, coarse
	}
	return fmt.Errorf("reference integrator did not reach relative accuracy %g within %d RK4 steps", flowTol, flowMaxSteps)
}

// rk4 integrates ẋ = J∇H(x) from x over time h with n classical RK4 steps.
func (f *flow) rk4(dst, x []float64, h float64, n int) {
	dt := h / float64(n)
	copy(dst, x)
	y, k1, k2, k3, k4 := f.y, f.k1, f.k2, f.k3, f.k4
	for range n {
		system.VectorField(f.sys, k1, dst)
		for i := range y {
			y[i] = dst[i] + dt/2*k1[i]
		}
		system.VectorField(f.sys, k2, y)
		for i := range y {
			y[i] = dst[i] + dt/2*k2[i]
		}
		system.VectorField(f.sys, k3, y)
		for i := range y {
			y[i] = dst[i] + dt*k3[i]
		}
		system.VectorField(f.sys, k4, y)
		for i := range dst {
			dst[i] += dt / 6 * (k1[i] + 2*k2[i] + 2*k3[i] + k4[i])
		}
	}
}
