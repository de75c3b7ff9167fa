package experiment

import (
	"fmt"

	"hnnplay/core/data"
	"hnnplay/core/system"
)

// Data is what an experiment learns from and is scored on.
type Data struct {
	Sys         system.System // the true system
	Train, Test *data.Set
	X0          []float64 // the anchor state, where Ĥ(x₀) = H₀ is imposed
	H0          float64
	// TrainSource and TestSource say where the sets came from: "uniform",
	// "snapshots", or a file name when a caller read them from files.
	TrainSource, TestSource string
	// TestOwnH: the test set's own energies (test.H, e.g. from a file) are
	// the reference for the error of H, not the system's.
	TestOwnH bool
}

// testSeed derives the seed of a test set drawn apart from its training set
// (snapshot data), so that the two are independent draws.
func testSeed(seed uint64) uint64 { return seed ^ 0x7465_7374_7365_6564 } // "testseed"

// NewData generates the data of s: Points training states drawn uniformly in
// the box with the exact vector field as targets, or, in limited-data mode
// (Snapshots > 0), snapshot pairs h apart; then TestPoints test states from
// the same stream (a separate one for snapshot data), none equal to a
// training state; then the noise on the training targets. Everything
// follows from DataSeed, so the page, the worker and the command line get
// the same numbers.
func NewData(s Settings) (*Data, error) {
	sys, err := s.NewSystem()
	if err != nil {
		return nil, &FieldError{"system", err.Error()}
	}
	d := &Data{Sys: sys, TrainSource: "uniform", TestSource: "uniform"}
	if s.Snapshots > 0 {
		d.TrainSource = "snapshots"
		if d.Train, err = data.Snapshots(sys, s.Box, s.Points, s.Snapshots, s.DataSeed); err != nil {
			return nil, fmt.Errorf("cannot make the snapshot data: %v", err)
		}
		if d.Test, err = data.Uniform(sys, s.Box, s.TestPoints, testSeed(s.DataSeed)); err != nil {
			return nil, fmt.Errorf("cannot make the test data: %v", err)
		}
	} else if d.Train, d.Test, err = data.TrainTest(sys, s.Box, s.Points, s.TestPoints, s.DataSeed); err != nil {
		return nil, fmt.Errorf("cannot make the data: %v", err)
	}
	if err := d.Train.AddNoise(s.Noise, s.DataSeed); err != nil {
		return nil, &FieldError{"noise", fmt.Sprintf("Noise: %v", err)}
	}
	d.X0 = sys.Anchor()
	d.H0 = sys.H(d.X0)
	return d, nil
}
