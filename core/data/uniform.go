package data

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"hnnplay/core/system"
)

// Uniform draws k states i.i.d. uniformly in box and labels them with the
// exact vector field ẋ = J∇H(x) and the energy H(x) of sys.
//
// The generator is rand.NewPCG(seed, c) for a fixed c. As in the paper's code,
// values are drawn column by column, all k values of q₁, then of p₁, then
// q₂, p₂, …, each as Lo + (Hi − Lo)·U[0, 1).
//
// It returns an error if box does not fit sys (see system.Box.Validate) or k
// is not positive.
func Uniform(sys system.System, box system.Box, k int, seed uint64) (*Set, error) {
	if err := checkArgs(sys, box, k, "k"); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(seed, sampleStream))
	s := &Set{Dof: sys.Dof(), X: make([]float64, k*2*sys.Dof())}
	drawColumns(rng, box, s.X, k, nil)
	label(sys, s)
	return s, nil
}

// TrainTest draws a training set of kTrain states and then, from the same
// random stream, a test set of kTest states, both as in Uniform. As in the
// paper, a test value that coincides exactly with a training value of the same
// column is redrawn, so no test state equals a training state.
func TrainTest(sys system.System, box system.Box, kTrain, kTest int, seed uint64) (train, test *Set, err error) {
	if err := checkArgs(sys, box, kTrain, "kTrain"); err != nil {
		return nil, nil, err
	}
	if kTest <= 0 {
		return nil, nil, fmt.Errorf("data: kTest must be positive, got %d", kTest)
	}
	d := sys.Dof()
	rng := rand.New(rand.NewPCG(seed, sampleStream))
	train = &Set{Dof: d, X: make([]float64, kTrain*2*d)}
	test = &Set{Dof: d, X: make([]float64, kTest*2*d)}
	drawColumns(rng, box, train.X, kTrain, nil)
	drawColumns(rng, box, test.X, kTest, train.X)
	label(sys, train)
	label(sys, test)
	return train, test, nil
}

func checkArgs(sys system.System, box system.Box, k int, name string) error {
	if err := box.Validate(2 * sys.Dof()); err != nil {
		return fmt.Errorf("data: %s: %w", sys.Name(), err)
	}
	if k <= 0 {
		return fmt.Errorf("data: %s must be positive, got %d", name, k)
	}
	return nil
}

// drawColumns fills the k×2d matrix x column by column in the order
// q₁, p₁, q₂, p₂, …. If avoid (a K'×2d matrix) is non-nil, values equal to
// one in the same column of avoid are redrawn.
func drawColumns(rng *rand.Rand, box system.Box, x []float64, k int, avoid []float64) {
	d2 := len(box.Lo)
	d := d2 / 2
	var seen []float64
	for j := range d {
		for _, c := range []int{j, d + j} {
			lo, w := box.Lo[c], box.Hi[c]-box.Lo[c]
			if avoid != nil {
				seen = seen[:0]
				for r := 0; r < len(avoid); r += d2 {
					seen = append(seen, avoid[r+c])
				}
				slices.Sort(seen)
			}
			for r := range k {
				v := lo + w*rng.Float64()
				for avoid != nil {
					if _, found := slices.BinarySearch(seen, v); !found {
						break
					}
					v = lo + w*rng.Float64()
				}
				x[r*d2+c] = v
			}
		}
	}
}

// label fills Xdot = J∇H(X) and H.
func label(sys system.Hamiltonian, s *Set) {
	d2 := 2 * s.Dof
	k := len(s.X) / d2
	s.Xdot = make([]float64, len(s.X))
	s.H = make([]float64, k)
	for r := range k {
		x := s.X[r*d2 : (r+1)*d2]
		system.VectorField(sys, s.Xdot[r*d2:(r+1)*d2], x)
		s.H[r] = sys.H(x)
	}
}
