package data

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"hnnplay/core/number"
	"hnnplay/core/system"
)

// Uniform draws k states i.i.d. uniformly in box and labels them with the
// exact vector field ẋ = J∇H(x) and the energy H(x) of sys.
//
// The generator is rand.NewPCG(seed, c) for a fixed c. As in the paper's code,
// values are drawn column by column, all k values of q₁, then of p₁, then
// q₂, p₂, …, each as Lo + (Hi − Lo)·U[0, 1).
//
// It returns an error if box does not fit sys (see system.Box.Validate), if
// the width of a coordinate overflows (a *BoxError, see CheckBox), if k is
// not positive, or if H or the vector field is not finite at a state drawn
// (a *SampleError naming it).
func Uniform(sys system.System, box system.Box, k int, seed uint64) (*Set, error) {
	if err := checkArgs(sys, box, k, "k", 0); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(seed, sampleStream))
	s := &Set{Dof: sys.Dof(), X: make([]float64, k*2*sys.Dof())}
	if err := drawColumns(rng, box, s.X, k, nil); err != nil {
		return nil, err
	}
	if err := label(sys, s, ""); err != nil {
		return nil, err
	}
	return s, nil
}

// TrainTest draws a training set of kTrain states and then, from the same
// random stream, a test set of kTest states, both as in Uniform. As in the
// paper, a test value that coincides exactly with a training value of the same
// column is redrawn, so no test state equals a training state.
//
// Before drawing, it refuses a box in which a coordinate takes fewer than
// MinDistinct(kTrain) distinct values (a *BoxError, see CheckBox), where
// redraws could go on for long or forever; and a value still equal to a
// training value after MaxRedraws redraws is an error, whatever the box.
func TrainTest(sys system.System, box system.Box, kTrain, kTest int, seed uint64) (train, test *Set, err error) {
	return TrainTestIn(sys, box, box, kTrain, kTest, seed)
}

// checkArgs checks the box (see CheckBox, with kTrain the training values
// that test values must differ from) and the number of states k.
func checkArgs(sys system.System, box system.Box, k int, name string, kTrain int) error {
	if err := CheckBox(box, 2*sys.Dof(), kTrain); err != nil {
		return fmt.Errorf("data: %s: %w", sys.Name(), err)
	}
	if k <= 0 {
		return fmt.Errorf("data: %s must be positive, got %d", name, k)
	}
	return nil
}

// MaxRedraws bounds the redraws of one test value in TrainTest.
const MaxRedraws = 1000

// drawColumns fills the k×2d matrix x column by column in the order
// q₁, p₁, q₂, p₂, …. If avoid (a K'×2d matrix) is non-nil, values equal to
// one in the same column of avoid are redrawn, at most MaxRedraws times
// each.
func drawColumns(rng *rand.Rand, box system.Box, x []float64, k int, avoid []float64) error {
	d2 := len(box.Lo)
	d := d2 / 2
	// The column's values to avoid, as sorted bit patterns (ints: the
	// program sorts ints elsewhere, so this adds no sort code to the page).
	var seen []int
	for j := range d {
		for _, c := range []int{j, d + j} {
			lo, w := box.Lo[c], box.Hi[c]-box.Lo[c]
			if avoid != nil {
				seen = seen[:0]
				for r := 0; r < len(avoid); r += d2 {
					seen = append(seen, bits(avoid[r+c]))
				}
				slices.Sort(seen)
			}
			for r := range k {
				v := lo + w*rng.Float64()
				for redraws := 0; avoid != nil; redraws++ {
					if _, found := slices.BinarySearch(seen, bits(v)); !found {
						break
					}
					if redraws == MaxRedraws {
						return fmt.Errorf("data: box coordinate %d: [%v, %v] gave a training value %d times in a row for test value %d; it is too narrow for test values apart from the training values",
							c, box.Lo[c], box.Hi[c], MaxRedraws+1, r)
					}
					v = lo + w*rng.Float64()
				}
				x[r*d2+c] = v
			}
		}
	}
	return nil
}

// bits returns the bit pattern of v, the same for −0 and +0: equal finite
// values have equal patterns.
func bits(v float64) int {
	if v == 0 {
		return 0
	}
	return int(math.Float64bits(v))
}

// label fills Xdot = J∇H(X) and H. A state where either is not finite is
// a *SampleError of the set named set ("" for training, "test").
func label(sys system.System, s *Set, set string) error {
	d2 := 2 * s.Dof
	k := len(s.X) / d2
	s.Xdot = make([]float64, len(s.X))
	s.H = make([]float64, k)
	for r := range k {
		x := s.X[r*d2 : (r+1)*d2]
		xd := s.Xdot[r*d2 : (r+1)*d2]
		system.VectorField(sys, xd, x)
		s.H[r] = sys.H(x)
		if !number.Finite(s.H[r]) || !number.Finite(xd...) {
			return &SampleError{System: sys.Name(), Set: set, Row: r, X: append([]float64(nil), x...), Err: ErrNotFinite}
		}
	}
	return nil
}

// ErrNotFinite is the error of a *SampleError at a state where the system's
// H or its vector field is not finite.
var ErrNotFinite = errors.New("H or its gradient is not finite there")

// SampleError is a state at which data cannot be made: the system's H or
// vector field is not finite there (Err is ErrNotFinite), or, in Snapshots,
// the flow from it fails.
type SampleError struct {
	System string    // the system's name
	Set    string    // "" for the training set, "test" for the test set
	Row    int       // the state's row in its set
	X      []float64 // the state (for Snapshots, before the step)
	Err    error
}

func (e *SampleError) Error() string {
	sample := "sample"
	if e.Set != "" {
		sample = e.Set + " sample"
	}
	return fmt.Sprintf("data: %s: %s %d from %v: %v", e.System, sample, e.Row, e.X, e.Err)
}

func (e *SampleError) Unwrap() error { return e.Err }
