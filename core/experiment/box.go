package experiment

import (
	"errors"
	"fmt"
	"strings"

	"hnnplay/core/data"
	"hnnplay/core/number"
	"hnnplay/core/system"
)

// ParseBox reads the box text "lo,hi,lo,hi,…": one pair per coordinate, the
// q's first, then the p's, for a state of dimension dim. Brackets and spaces
// are ignored; commas or semicolons separate numbers, which are read by
// number.Parse ("-2pi,2pi,-1,1"). Messages follow the field's label ("Box
// needs …").
func ParseBox(text string, dim int) (system.Box, error) {
	clean := strings.NewReplacer("[", "", "]", "", "(", "", ")", "", ";", ",").Replace(text)
	fields := strings.Split(clean, ",")
	if len(fields) == 1 && strings.TrimSpace(fields[0]) == "" {
		fields = nil
	}
	names := system.CoordNames(dim / 2)
	if len(fields) != 2*dim {
		return system.Box{}, fmt.Errorf("Box needs %d numbers (lo,hi for each of %s), got %d in %q",
			2*dim, strings.Join(names, ", "), len(fields), text)
	}
	b := system.Box{Lo: make([]float64, dim), Hi: make([]float64, dim)}
	for i := 0; i < dim; i++ {
		lo, err := number.Parse(fields[2*i])
		if err != nil {
			return system.Box{}, fmt.Errorf("Box, lower bound of %s: %v", names[i], err)
		}
		hi, err := number.Parse(fields[2*i+1])
		if err != nil {
			return system.Box{}, fmt.Errorf("Box, upper bound of %s: %v", names[i], err)
		}
		if !(lo < hi) {
			return system.Box{}, fmt.Errorf("Box: the lower bound of %s (%s) must be less than its upper bound (%s)",
				names[i], number.Format(lo), number.Format(hi))
		}
		b.Lo[i], b.Hi[i] = lo, hi
	}
	if err := b.Validate(dim); err != nil {
		return system.Box{}, fmt.Errorf("Box: %s", strings.TrimPrefix(err.Error(), "system: box "))
	}
	if err := data.CheckBox(b, dim, 0); err != nil {
		return system.Box{}, boxError(err, names, 0)
	}
	return b, nil
}

// checkBox refuses a box that data.TrainTest cannot sample for the points
// of s (too narrow a coordinate for test values apart from the training
// values), as a FieldError on the box.
func checkBox(s Settings, dim int) error {
	kTrain := s.Points
	if s.Snapshots > 0 {
		kTrain = 0 // the test set is drawn apart, and may equal training states
	}
	if err := data.CheckBox(s.Box, dim, kTrain); err != nil {
		return &FieldError{"box", boxError(err, system.CoordNames(dim/2), kTrain).Error()}
	}
	return nil
}

// boxError says what is wrong with a coordinate of a box that data.CheckBox
// refused, naming it.
func boxError(err error, names []string, kTrain int) error {
	var be *data.BoxError
	if !errors.As(err, &be) || be.Coord >= len(names) {
		return fmt.Errorf("Box: %s", strings.TrimPrefix(err.Error(), "system: box "))
	}
	c, lo, hi := names[be.Coord], number.Format(be.Lo), number.Format(be.Hi)
	if be.Need == 0 {
		return fmt.Errorf("Box: %s from %s to %s is too wide: its width %s − (%s) overflows float64; keep it below 1.7e308", c, lo, hi, hi, lo)
	}
	values := "values"
	if be.Values == 1 {
		values = "value"
	}
	return fmt.Errorf("Box: %s from %s to %s is too narrow: it holds about %.0f distinct float64 %s, and %d training points need %.0f so that test points can differ from them; widen it",
		c, lo, hi, be.Values, values, kTrain, be.Need)
}

// FormatBox writes b as ParseBox reads it, to the last bit.
func FormatBox(b system.Box) string {
	parts := make([]string, 0, 2*len(b.Lo))
	for i := range b.Lo {
		parts = append(parts, number.Format(b.Lo[i]), number.Format(b.Hi[i]))
	}
	return strings.Join(parts, ",")
}
