package data

import (
	"fmt"
	"math"
	"math/rand/v2"

	"hnnplay/core/system"
)

// Ring draws kTrain and then kTest states near the circular orbits of a
// central-force problem (system.Central): positions uniform in the ring
// r0 ≤ |q| ≤ r1, momenta those of the circular orbit through the position
// plus a deviation uniform in [−dp, dp]² (so the orbits through them stay
// close to the ring, and whole turns of them lie in the data). The states
// are drawn one after the other from rand.NewPCG(seed, c), as in Uniform,
// each from four uniform numbers: radius², angle, deviation of p_x, of p_y.
// A trained network is then trustworthy along those orbits, not merely on
// a patch of them.
func Ring(sys system.System, r0, r1, dp float64, kTrain, kTest int, seed uint64) (train, test *Set, err error) {
	c, ok := sys.(system.Central)
	if !ok || sys.Dof() != 2 {
		return nil, nil, fmt.Errorf("data: %s has no circular orbits to draw states near", sys.Name())
	}
	if !(0 < r0 && r0 < r1 && !math.IsInf(r1, 0)) || !(dp >= 0 && !math.IsInf(dp, 0)) {
		return nil, nil, fmt.Errorf("data: a ring needs 0 < r0 < r1 finite and dp ≥ 0, got %g, %g, %g", r0, r1, dp)
	}
	if kTrain <= 0 || kTest <= 0 {
		return nil, nil, fmt.Errorf("data: need positive numbers of states, got %d and %d", kTrain, kTest)
	}
	rng := rand.New(rand.NewPCG(seed, sampleStream))
	draw := func(k int) *Set {
		s := &Set{Dof: 2, X: make([]float64, 4*k)}
		for i := 0; i < k; i++ {
			r := math.Sqrt(r0*r0 + rng.Float64()*(r1*r1-r0*r0))
			th := 2 * math.Pi * rng.Float64()
			sin, cos := math.Sincos(th)
			pc := c.CircularMomentum(r)
			x := s.X[4*i : 4*i+4]
			x[0], x[1] = r*cos, r*sin
			x[2] = -pc*sin + dp*(2*rng.Float64()-1)
			x[3] = pc*cos + dp*(2*rng.Float64()-1)
		}
		return s
	}
	train, test = draw(kTrain), draw(kTest)
	if err := label(sys, train, ""); err != nil {
		return nil, nil, err
	}
	if err := label(sys, test, "test"); err != nil {
		return nil, nil, err
	}
	return train, test, nil
}
