package data

import (
	"fmt"
	"math/rand/v2"

	"hnnplay/core/system"
)

// TrainTestIn is TrainTest with the training states drawn in trainBox, a
// part of box, and the test states in the whole box, so that a test error
// measures extrapolation beyond the data too. From the same random stream:
// kTrain states uniformly in trainBox, then kTest in box, a test value equal
// to a training value of the same column redrawn. With trainBox equal to
// box it draws what TrainTest draws.
//
// Besides TrainTest's checks, trainBox must fit sys and have a finite width
// in every coordinate (a *BoxError otherwise).
func TrainTestIn(sys system.System, trainBox, box system.Box, kTrain, kTest int, seed uint64) (train, test *Set, err error) {
	if err := checkArgs(sys, box, kTrain, "kTrain", kTrain); err != nil {
		return nil, nil, err
	}
	if err := CheckBox(trainBox, 2*sys.Dof(), 0); err != nil {
		return nil, nil, fmt.Errorf("data: %s: training box: %w", sys.Name(), err)
	}
	if kTest <= 0 {
		return nil, nil, fmt.Errorf("data: kTest must be positive, got %d", kTest)
	}
	d := sys.Dof()
	rng := rand.New(rand.NewPCG(seed, sampleStream))
	train = &Set{Dof: d, X: make([]float64, kTrain*2*d)}
	test = &Set{Dof: d, X: make([]float64, kTest*2*d)}
	if err := drawColumns(rng, trainBox, train.X, kTrain, nil); err != nil {
		return nil, nil, err
	}
	if err := drawColumns(rng, box, test.X, kTest, train.X); err != nil {
		return nil, nil, err
	}
	if err := label(sys, train, ""); err != nil {
		return nil, nil, err
	}
	if err := label(sys, test, "test"); err != nil {
		return nil, nil, err
	}
	return train, test, nil
}

// Split returns the states of s inside box (bounds included) and those
// outside it, each with their targets and energies, in the order of s. A
// part without states has no rows (Len 0).
func (s *Set) Split(box system.Box) (in, out *Set) {
	in, out = &Set{Dof: s.Dof}, &Set{Dof: s.Dof}
	if s.H != nil {
		in.H, out.H = []float64{}, []float64{}
	}
	for k := range s.Len() {
		x, xdot := s.Row(k)
		part := out
		if box.Contains(x) {
			part = in
		}
		part.X = append(part.X, x...)
		part.Xdot = append(part.Xdot, xdot...)
		if s.H != nil {
			part.H = append(part.H, s.H[k])
		}
	}
	return in, out
}
