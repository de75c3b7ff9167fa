package system

import (
	"fmt"
	"math"
)

// Dim returns the dimension of the box, len(Lo).
func (b Box) Dim() int { return len(b.Lo) }

// Validate reports whether b is a usable box in R^dim: Lo and Hi both of
// length dim, every bound finite and Lo[i] < Hi[i].
func (b Box) Validate(dim int) error {
	if len(b.Lo) != dim || len(b.Hi) != dim {
		return fmt.Errorf("system: box has %d lower and %d upper bounds, want %d each", len(b.Lo), len(b.Hi), dim)
	}
	for i := range dim {
		lo, hi := b.Lo[i], b.Hi[i]
		if math.IsNaN(lo) || math.IsInf(lo, 0) || math.IsNaN(hi) || math.IsInf(hi, 0) {
			return fmt.Errorf("system: box coordinate %d: bounds [%v, %v] must be finite", i, lo, hi)
		}
		if !(lo < hi) {
			return fmt.Errorf("system: box coordinate %d: lower bound %v must be less than upper bound %v", i, lo, hi)
		}
	}
	return nil
}

// Contains reports whether Lo[i] ≤ x[i] ≤ Hi[i] for every i. It returns false
// if x has the wrong length or contains NaN.
func (b Box) Contains(x []float64) bool {
	if len(x) != len(b.Lo) || len(x) != len(b.Hi) {
		return false
	}
	for i, v := range x {
		if !(b.Lo[i] <= v && v <= b.Hi[i]) {
			return false
		}
	}
	return true
}

// Clone returns a deep copy of b.
func (b Box) Clone() Box {
	return Box{Lo: append([]float64(nil), b.Lo...), Hi: append([]float64(nil), b.Hi...)}
}

// uniformBox returns the box with [lo, hi] in every q and [plo, phi] in every p
// coordinate of a d-dof system.
func uniformBox(d int, qlo, qhi, plo, phi float64) Box {
	b := Box{Lo: make([]float64, 2*d), Hi: make([]float64, 2*d)}
	for i := range d {
		b.Lo[i], b.Hi[i] = qlo, qhi
		b.Lo[d+i], b.Hi[d+i] = plo, phi
	}
	return b
}
