package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"hnnplay/core/data"
	"hnnplay/core/experiment"
	"hnnplay/core/system"
)

// fileFlags name data files that replace the generated sets. Files are not
// settings of an experiment (a link cannot carry them), so they are options
// of the command line alone.
type fileFlags struct {
	train, test *string
	holdout     *float64 // the fraction of a -data file held back
}

func addFiles(fs *flag.FlagSet) *fileFlags {
	return &fileFlags{
		train: fs.String("train-csv", "", "read the training set from this CSV `file` (q…, p…, q̇…, ṗ…[, H]) instead of drawing it"),
		test:  fs.String("test-csv", "", "read the test set from this CSV `file` instead of drawing it"),
		holdout: fs.Float64("holdout", experiment.Holdout, "the `fraction` of a -data file held back as the test set "+
			"(whole trajectories when it has several)"),
	}
}

// load returns the data of s, with the sets the files give in place of the
// generated ones. States read without an H column get the system's true H;
// a test file's own H column is the reference for the error of H. With
// files, the memory of job is checked again against maxMemory with the
// files' numbers of points. With -data (s.Data), the file's data replace
// both sets, and s becomes the settings as trained (see upload).
func (ff *fileFlags) load(s *experiment.Settings, job experiment.Job, maxMemory float64, hasThreads bool) (*experiment.Data, error) {
	if s.Data != "" {
		return ff.upload(s, job, maxMemory, hasThreads)
	}
	d, err := ff.read(*s)
	if err != nil {
		return nil, err
	}
	if *ff.train != "" || *ff.test != "" {
		c := *s
		c.Points, c.TestPoints = d.Train.Len(), d.Test.Len()
		if err := checkMemory(c, job, maxMemory, hasThreads, "points", "test_points"); err != nil {
			return nil, fmt.Errorf("with %d training and %d test points from the files, %v", c.Points, c.TestPoints, err)
		}
	}
	return d, nil
}

func (ff *fileFlags) read(s experiment.Settings) (*experiment.Data, error) {
	if s.Snapshots > 0 && *ff.train != "" {
		return nil, errors.New("-snapshots generates its own training data; it cannot be combined with -train-csv")
	}
	if s.HasTrainBox() && *ff.train != "" {
		return nil, errors.New("-train-box draws the training points in a part of the box; it cannot be combined with -train-csv (clear -train-box)")
	}
	d, err := experiment.NewData(s)
	if err != nil {
		return nil, flagError(err)
	}
	if *ff.train != "" {
		if d.Train, err = readCSV(*ff.train, d.Sys); err != nil {
			return nil, err
		}
		fillH(d.Train, d.Sys)
		if err := d.Train.AddNoise(s.Noise, s.DataSeed); err != nil {
			return nil, err
		}
		d.TrainSource = *ff.train
	}
	if *ff.test != "" {
		if d.Test, err = readCSV(*ff.test, d.Sys); err != nil {
			return nil, err
		}
		d.TestOwnH = d.Test.H != nil
		fillH(d.Test, d.Sys)
		d.TestSource = *ff.test
	}
	return d, nil
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
