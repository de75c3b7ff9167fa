package system_test

import (
	"fmt"
	"math"

	"hnnplay/core/system"
)

func Example() {
	s, err := system.New("pendulum", map[string]string{"f": "1"})
	if err != nil {
		fmt.Println(err)
		return
	}
	x := []float64{math.Pi / 2, 1} // (q, p)
	xdot := make([]float64, 2)
	system.VectorField(s, xdot, x)
	fmt.Printf("%s: H = %.3f, q̇ = %.3f, ṗ = %.3f\n", s.Name(), s.H(x), xdot[0], xdot[1])
	fmt.Println("box:", s.Box().Lo, s.Box().Hi)

	_, err = system.New("pendulum", map[string]string{"l": "-1"})
	fmt.Println(err)
	// Output:
	// pendulum: H = 1.500, q̇ = 1.000, ṗ = -1.000
	// box: [-6.283185307179586 -1] [6.283185307179586 1]
	// system: pendulum: parameter "l" must be positive, got -1
}

func ExampleDescribe() {
	for _, p := range system.Describe("double-pendulum") {
		fmt.Printf("%s=%s  %s\n", p.Name, p.Default, p.Doc)
	}
	// Output:
	// m1=1  mass of the upper bob (> 0)
	// m2=1  mass of the lower bob (> 0)
	// l1=1  length of the upper rod (> 0)
	// l2=1  length of the lower rod (> 0)
	// g=1  gravitational acceleration g
}

func ExampleCoordNames() {
	fmt.Println(system.CoordNames(1), system.CoordNames(2))
	// Output: [q p] [q1 q2 p1 p2]
}
