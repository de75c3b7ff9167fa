package main

import (
	"fmt"
	"os"

	"hnnplay/core/data"
	"hnnplay/core/fit"
	"hnnplay/core/system"
)

// setup is the system and box chosen by the data flags.
type setup struct {
	sys    system.System
	box    system.Box
	x0     []float64 // anchor
	h0     float64   // true H at the anchor
	params paramFlag
}

// problem adds the training and test sets.
type problem struct {
	setup
	train, test *data.Set
	source      string // how the training set was made: uniform, snapshots or the CSV path
	testSource  string
	// testOwnH: the test set came from a CSV file with its own H column,
	// which is then the reference for the error of H.
	testOwnH bool
}

// system resolves -system, -param and -domain.
func (o *dataOpts) setup() (*setup, error) {
	sys, err := system.New(o.system, o.params)
	if err != nil {
		return nil, err
	}
	box := sys.Box()
	if o.domain != "" {
		if box, err = parseDomain(o.domain, 2*sys.Dof()); err != nil {
			return nil, err
		}
	}
	x0 := sys.Anchor()
	return &setup{sys: sys, box: box, x0: x0, h0: sys.H(x0), params: o.params}, nil
}

// testSeed derives the seed of a test set drawn separately from its training
// set, so that the two are independent draws.
func testSeed(seed uint64) uint64 { return seed ^ 0x7465_7374_7365_6564 } // "testseed"

// load builds the training and test sets. States read from CSV files
// without an H column get the system's true H.
func (o *dataOpts) load() (*problem, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	s, err := o.setup()
	if err != nil {
		return nil, err
	}
	p := &problem{setup: *s, source: "uniform", testSource: "uniform"}
	sys, box := s.sys, s.box
	switch {
	case o.trainCSV != "":
		if p.train, err = readCSV(o.trainCSV, sys); err != nil {
			return nil, err
		}
		p.source = o.trainCSV
	case o.snapshots > 0:
		if p.train, err = data.Snapshots(sys, box, o.points, o.snapshots, o.dataSeed); err != nil {
			return nil, err
		}
		p.source = "snapshots"
	case o.testCSV != "":
		if p.train, err = data.Uniform(sys, box, o.points, o.dataSeed); err != nil {
			return nil, err
		}
	default:
		if p.train, p.test, err = data.TrainTest(sys, box, o.points, o.testPoints, o.dataSeed); err != nil {
			return nil, err
		}
	}
	switch {
	case o.testCSV != "":
		if p.test, err = readCSV(o.testCSV, sys); err != nil {
			return nil, err
		}
		p.testSource = o.testCSV
	case p.test == nil:
		if p.test, err = data.Uniform(sys, box, o.testPoints, testSeed(o.dataSeed)); err != nil {
			return nil, err
		}
	}
	if err := p.train.AddNoise(o.noise, o.dataSeed); err != nil {
		return nil, err
	}
	if o.testCSV != "" {
		p.testOwnH = p.test.H != nil
		fillH(p.test, sys)
	}
	if o.trainCSV != "" {
		fillH(p.train, sys)
	}
	return p, nil
}

// readCSV reads a data set for sys from path.
func readCSV(path string, sys system.System) (*data.Set, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := data.ReadCSV(f, sys.Dof())
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return s, nil
}

// fillH sets the true energies of a set that has none.
func fillH(s *data.Set, sys system.Hamiltonian) {
	if s.H != nil {
		return
	}
	s.H = make([]float64, s.Len())
	for k := range s.H {
		x, _ := s.Row(k)
		s.H[k] = sys.H(x)
	}
}

// fitProblem is the least-squares problem of the training set.
func (p *problem) fitProblem() fit.Problem {
	return fit.Problem{Dof: p.train.Dof, X: p.train.X, Xdot: p.train.Xdot, H: p.train.H, X0: p.x0, H0: p.h0}
}
