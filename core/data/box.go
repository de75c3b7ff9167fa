package data

import (
	"fmt"
	"math"

	"hnnplay/core/system"
)

// BoxError is a box that Uniform, TrainTest or Snapshots cannot sample: a
// coordinate whose width hi − lo overflows float64, or, for TrainTest, one
// that is too narrow for test values that differ from the training values
// (see Distinct).
type BoxError struct {
	Coord  int     // the coordinate, from 0: the q's, then the p's
	Lo, Hi float64 // its bounds
	// Values is about how many distinct values the coordinate can take
	// (Distinct), and Need the fewest TrainTest needs; both are 0 when the
	// width overflows.
	Values, Need float64
}

func (e *BoxError) Error() string {
	if e.Need == 0 {
		return fmt.Sprintf("box coordinate %d: the width of [%v, %v] overflows float64", e.Coord, e.Lo, e.Hi)
	}
	return fmt.Sprintf("box coordinate %d: [%v, %v] holds about %.0f distinct float64 values, fewer than the %.0f that test values apart from the training values need",
		e.Coord, e.Lo, e.Hi, e.Values, e.Need)
}

// Distinct returns about how many distinct values lo + (hi − lo)·u takes
// for u uniform in [0, 1): the width over the spacing of float64 numbers at
// the bound of larger magnitude (where the values are coarsest and each
// carries the most probability), at most 2⁵³ (the resolution of u). It is 0
// unless lo < hi with a finite width. A box one unit in the last place wide
// gives 1.
func Distinct(lo, hi float64) float64 {
	w := hi - lo
	if !(w > 0) || math.IsInf(w, 0) {
		return 0
	}
	big := math.Max(math.Abs(lo), math.Abs(hi))
	spacing := math.Nextafter(big, math.Inf(1)) - big
	if math.IsInf(spacing, 0) { // big is the largest float64
		spacing = big - math.Nextafter(big, 0)
	}
	return math.Min(math.Floor(w/spacing), 1<<53)
}

// MinDistinct is the fewest distinct values (Distinct) TrainTest needs in
// every coordinate for kTrain training values: twice as many, so that a
// test value drawn at random equals a training value at most about half
// the time and its redraws end quickly.
func MinDistinct(kTrain int) float64 { return 2 * float64(kTrain) }

// CheckBox reports whether box can be sampled for kTrain training values
// that test values must differ from (kTrain 0: no test values apart, as in
// Uniform): each coordinate finite with lo < hi (system.Box.Validate), a
// finite width hi − lo, and at least MinDistinct(kTrain) distinct values.
// The last two are a *BoxError.
func CheckBox(box system.Box, dim, kTrain int) error {
	if err := box.Validate(dim); err != nil {
		return err
	}
	for i := range dim {
		lo, hi := box.Lo[i], box.Hi[i]
		if math.IsInf(hi-lo, 0) {
			return &BoxError{Coord: i, Lo: lo, Hi: hi}
		}
		if kTrain > 0 {
			if v, need := Distinct(lo, hi), MinDistinct(kTrain); v < need {
				return &BoxError{Coord: i, Lo: lo, Hi: hi, Values: v, Need: need}
			}
		}
	}
	return nil
}
