package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"hnnplay/core/data"
	"hnnplay/core/experiment"
)

// upload reads the data file s.Data (-data, or a link's data=NAME) in
// either format of data.ReadFile and makes the experiment's data from it
// (experiment.UploadData): the reference system is s's, -holdout of the
// rows are held back as the test set, the box is the data's. s becomes the
// settings as trained. The memory of job is checked with the file's
// numbers of rows.
func (ff *fileFlags) upload(s *experiment.Settings, job experiment.Job, maxMemory float64, hasThreads bool) (*experiment.Data, error) {
	path := s.Data
	if *ff.train != "" || *ff.test != "" {
		return nil, errors.New("-data gives both the training and the test set; it cannot be combined with -train-csv or -test-csv")
	}
	if h := *ff.holdout; !(h > 0 && h < 1) {
		return nil, fmt.Errorf("-holdout must be a fraction between 0 and 1 (not included), got %g", h)
	}
	text, err := readData(path)
	if err != nil {
		return nil, err
	}
	file, err := data.ReadFile(text)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	s2, d, err := experiment.UploadData(*s, &experiment.Upload{Name: path, File: file}, *ff.holdout, experiment.Limits{})
	if err != nil {
		return nil, flagError(err)
	}
	c := s2
	c.Points, c.TestPoints = d.Train.Len(), d.Test.Len()
	if err := checkMemory(c, job, maxMemory, hasThreads, "points", "test_points"); err != nil {
		return nil, fmt.Errorf("with %d training and %d test rows from %s, %v", c.Points, c.TestPoints, path, err)
	}
	*s = s2
	return d, nil
}

// readData reads the data file at path, refusing one larger than
// data.MaxFileBytes before reading it.
func readData(path string) (string, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("-data %s: no such file (a link holds only the name of an uploaded file: run in its directory or give its path with -data)", path)
	}
	if err != nil {
		return "", err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, data.MaxFileBytes+1))
	if err != nil {
		return "", fmt.Errorf("%s: %v", path, err)
	}
	if len(b) > data.MaxFileBytes {
		return "", fmt.Errorf("%s: the file is larger than %d MB, the most -data reads: use fewer rows", path, data.MaxFileBytes/1_000_000)
	}
	return string(b), nil
}
