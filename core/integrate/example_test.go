package integrate_test

import (
	"errors"
	"fmt"
	"math"

	"hnnplay/core/integrate"
)

// spring is H = (q² + p²)/2, whose flow is a rotation of period 2π.
type spring struct{}

func (spring) Dof() int                 { return 1 }
func (spring) H(x []float64) float64    { return (x[0]*x[0] + x[1]*x[1]) / 2 }
func (spring) Grad(dst, x []float64)    { dst[0], dst[1] = x[0], x[1] }
func (spring) Hessian(dst, x []float64) { dst[0], dst[1], dst[2], dst[3] = 1, 0, 0, 1 }

func ExampleNames() {
	for _, name := range integrate.Names() {
		fmt.Printf("%-17s symplectic=%-5v %s\n", name, integrate.Symplectic(name), integrate.Label(name))
	}
	// Output:
	// symplectic-euler  symplectic=true  Symplectic Euler (order 1)
	// implicit-midpoint symplectic=true  Implicit midpoint (order 2)
	// stormer-verlet    symplectic=true  Störmer–Verlet (order 2, separable H only)
	// gauss4            symplectic=true  Gauss–Legendre (order 4)
	// yoshida4          symplectic=true  Yoshida triple jump (order 4)
	// rk4               symplectic=false Runge–Kutta 4 (order 4, not symplectic)
}

// Integrate one period of the spring with each method and compare with the
// exact return to x₀ = (1, 0).
func ExampleRollout() {
	const n = 100
	h := 2 * math.Pi / n
	x0 := []float64{1, 0}
	for _, name := range integrate.Names() {
		s, err := integrate.New(name, spring{}, true)
		if err != nil {
			fmt.Println(name, err)
			continue
		}
		traj, err := integrate.Rollout(s, x0, h, n, nil)
		if err != nil {
			fmt.Println(name, err)
			continue
		}
		end := traj[2*n:]
		dist := math.Hypot(end[0]-x0[0], end[1]-x0[1])
		dH := fmt.Sprintf("%+.1e", spring{}.H(end)-spring{}.H(x0))
		if math.Abs(spring{}.H(end)-spring{}.H(x0)) < 1e-12 {
			dH = "round-off" // midpoint and Gauss4 conserve a quadratic H exactly
		}
		fmt.Printf("%-17s |x(2π) − x₀| = %.1e  H − H₀ = %s\n", name, dist, dH)
	}
	// Output:
	// symplectic-euler  |x(2π) − x₀| = 1.0e-03  H − H₀ = +3.3e-05
	// implicit-midpoint |x(2π) − x₀| = 2.1e-03  H − H₀ = round-off
	// stormer-verlet    |x(2π) − x₀| = 1.0e-03  H − H₀ = -5.3e-10
	// gauss4            |x(2π) − x₀| = 1.4e-07  H − H₀ = round-off
	// yoshida4          |x(2π) − x₀| = 6.5e-06  H − H₀ = round-off
	// rk4               |x(2π) − x₀| = 8.2e-07  H − H₀ = -4.3e-08
}

// Steps that fail leave the state at its last finite value.
func ExampleStepper_errors() {
	s, _ := integrate.New("rk4", spring{}, true)
	x := []float64{1, 0}
	err := s.Step(x, math.Inf(1))
	fmt.Println(errors.Is(err, integrate.ErrDiverged), x)
	// Output:
	// true [1 0]
}
