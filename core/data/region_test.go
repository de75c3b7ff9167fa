package data

import (
	"slices"
	"testing"

	"hnnplay/core/system"
)

// TrainTestIn draws the training states in the training box and the test
// states across the whole box, none equal to a training value; with the
// training box equal to the box it draws what TrainTest draws.
func TestTrainTestIn(t *testing.T) {
	sys := system.NewPendulum()
	box := system.Box{Lo: []float64{-6, -2}, Hi: []float64{6, 2}}
	part := system.Box{Lo: []float64{-1, 0}, Hi: []float64{2, 1}}
	train, test, err := TrainTestIn(sys, part, box, 300, 2000, 7)
	if err != nil {
		t.Fatal(err)
	}
	for k := range train.Len() {
		if x, _ := train.Row(k); !part.Contains(x) {
			t.Fatalf("training state %d at %v is outside %v", k, x, part)
		}
	}
	in, out := test.Split(part)
	if in.Len()+out.Len() != test.Len() || in.Len() == 0 || out.Len() < test.Len()/2 {
		t.Errorf("the test set splits into %d inside and %d outside of %d", in.Len(), out.Len(), test.Len())
	}
	for c := range 2 {
		seen := map[float64]bool{}
		for k := range train.Len() {
			seen[train.X[2*k+c]] = true
		}
		for k := range test.Len() {
			if seen[test.X[2*k+c]] {
				t.Fatalf("test value %v of column %d equals a training value", test.X[2*k+c], c)
			}
		}
	}
	a, b, err := TrainTest(sys, box, 300, 500, 7)
	if err != nil {
		t.Fatal(err)
	}
	c, d, err := TrainTestIn(sys, box, box, 300, 500, 7)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.X, c.X) || !slices.Equal(b.X, d.X) || !slices.Equal(b.H, d.H) {
		t.Error("TrainTestIn with the whole box draws other states than TrainTest")
	}
	if _, _, err := TrainTestIn(sys, system.Box{Lo: []float64{-1e308, 0}, Hi: []float64{1e308, 1}}, box, 10, 10, 1); err == nil {
		t.Error("a training box whose width overflows is accepted")
	}
}

// Split keeps each state with its targets and energy, in order, on the
// side its membership says; the bounds are inside.
func TestSplit(t *testing.T) {
	s := &Set{Dof: 1, X: []float64{0, 0, 1, 1, 2, 0, -1, 0.5}, Xdot: []float64{1, 2, 3, 4, 5, 6, 7, 8}, H: []float64{10, 11, 12, 13}}
	in, out := s.Split(system.Box{Lo: []float64{0, 0}, Hi: []float64{1, 1}})
	if !slices.Equal(in.X, []float64{0, 0, 1, 1}) || !slices.Equal(in.Xdot, []float64{1, 2, 3, 4}) || !slices.Equal(in.H, []float64{10, 11}) {
		t.Errorf("inside: %+v", in)
	}
	if !slices.Equal(out.X, []float64{2, 0, -1, 0.5}) || !slices.Equal(out.Xdot, []float64{5, 6, 7, 8}) || !slices.Equal(out.H, []float64{12, 13}) {
		t.Errorf("outside: %+v", out)
	}
	s.H = nil
	if in, _ := s.Split(system.Box{Lo: []float64{5, 5}, Hi: []float64{6, 6}}); in.Len() != 0 || in.H != nil {
		t.Errorf("an empty part: %+v", in)
	}
}
