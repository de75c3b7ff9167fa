package experiment

import (
	"fmt"
	"strings"

	"hnnplay/core/data"
	"hnnplay/core/internal/jsontext"
	"hnnplay/core/metric"
	"hnnplay/core/number"
	"hnnplay/core/system"
)

// MinTrainWidth is the narrowest training region, per coordinate, as a
// fraction of the box's width: narrower, the training states would all but
// coincide.
const MinTrainWidth = 1e-3

// HasTrainBox reports whether the training states come from a part of the
// box (TrainBox) rather than all of it.
func (s *Settings) HasTrainBox() bool { return len(s.TrainBox.Lo) > 0 }

// TrainingBox is the box the training states are drawn from: TrainBox, or
// Box when there is none.
func (s *Settings) TrainingBox() system.Box {
	if s.HasTrainBox() {
		return s.TrainBox
	}
	return s.Box
}

// parseTrainBox reads the training region as ParseBox reads a box ("" for
// none), and checks it against the box (see checkTrainBox).
func parseTrainBox(s *Settings, text string) error {
	s.TrainBox = system.Box{}
	if text == "" {
		return nil
	}
	sys, err := s.NewSystem()
	if err != nil {
		return nil // the system's own error is reported
	}
	b, err := ParseBox(text, 2*sys.Dof())
	if err != nil {
		return &FieldError{"train_box", "Training region" + strings.TrimPrefix(err.Error(), "Box")}
	}
	s.TrainBox = b
	if err := checkTrainBox(*s); err != nil {
		s.TrainBox = system.Box{}
		return err
	}
	return nil
}

// checkTrainBox refuses a training region that is not inside the box or is
// narrower than MinTrainWidth of it in a coordinate, naming the coordinate,
// as a FieldError on train_box; nil without a region.
func checkTrainBox(s Settings) error {
	if !s.HasTrainBox() {
		return nil
	}
	t, b := s.TrainBox, s.Box
	if len(t.Lo) != len(b.Lo) {
		return &FieldError{"train_box", fmt.Sprintf("Training region needs %d numbers (lo,hi for each of %s), like the box; got %d",
			2*len(b.Lo), strings.Join(system.CoordNames(len(b.Lo)/2), ", "), 2*len(t.Lo))}
	}
	names := system.CoordNames(len(b.Lo) / 2)
	for i := range b.Lo {
		if t.Lo[i] < b.Lo[i] || t.Hi[i] > b.Hi[i] {
			return &FieldError{"train_box", fmt.Sprintf("Training region: %s from %s to %s reaches outside the box's %s to %s; keep it inside the box",
				names[i], number.Format(t.Lo[i]), number.Format(t.Hi[i]), number.Format(b.Lo[i]), number.Format(b.Hi[i]))}
		}
		if t.Hi[i]-t.Lo[i] < MinTrainWidth*(b.Hi[i]-b.Lo[i]) {
			return &FieldError{"train_box", fmt.Sprintf("Training region: %s from %s to %s is too narrow: make it at least %g of the box's width %s",
				names[i], number.Format(t.Lo[i]), number.Format(t.Hi[i]), MinTrainWidth, number.Format(b.Hi[i]-b.Lo[i]))}
		}
	}
	return nil
}

// PartErrors are the test errors of Ĥ on a part of the test set: the states
// inside the training region, or those outside it.
type PartErrors struct {
	metric.Errors
	Points int // test states in the part
}

// evaluateParts returns the errors of m on the test states inside box and
// on those outside it; nil for a part without states.
func (d *Data) evaluateParts(m system.Hamiltonian, box system.Box) (inside, outside *PartErrors) {
	in, out := d.Test.Split(box)
	part := func(set *data.Set) *PartErrors {
		if set.Len() == 0 {
			return nil
		}
		return &PartErrors{Errors: d.evaluateOn(m, set), Points: set.Len()}
	}
	return part(in), part(out)
}

// json writes the part's errors as Result's JSON does, with its number of
// points: {"points":…,"rel_l2_H":…,"rel_l2_grad":…,"rel_l2_xdot":…}.
func (e *PartErrors) json() []byte {
	var o jsontext.Object
	o.Int("points", int64(e.Points))
	writeErrors(&o, e.Errors)
	return o.Bytes()
}
