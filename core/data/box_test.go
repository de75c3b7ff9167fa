package data

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"hnnplay/core/system"
)

func TestDistinct(t *testing.T) {
	one := math.Nextafter(1, 2)
	for _, c := range []struct {
		lo, hi, want float64
	}{
		{1, one, 1},
		{1e15, 1e15 + 1, 8}, // float64 numbers are 1/8 apart there
		{0, 1, 1 << 52},
		{-1, 1, 1 << 53},
		{0, 5e-324, 1},
		{1, 1, 0},
		{2, 1, 0},
		{-1e308, 1e308, 0}, // the width overflows
		{math.NaN(), 1, 0},
		{0, math.Inf(1), 0},
		{math.MaxFloat64 / 2, math.MaxFloat64, 1<<52 - 1},
	} {
		if got := Distinct(c.lo, c.hi); got != c.want {
			t.Errorf("Distinct(%v, %v) = %v, want %v", c.lo, c.hi, got, c.want)
		}
	}
}

// Boxes that cannot be sampled are refused before anything is drawn,
// naming the coordinate; the normal ones pass.
func TestCheckBox(t *testing.T) {
	sys := system.NewPendulum()
	one := math.Nextafter(1, 2)
	for _, c := range []struct {
		box          system.Box
		kTrain       int
		coord        int
		values, need float64
	}{
		{system.Box{Lo: []float64{-1e308, -1}, Hi: []float64{1e308, 1}}, 0, 0, 0, 0},
		{system.Box{Lo: []float64{-1, -math.MaxFloat64}, Hi: []float64{1, math.MaxFloat64}}, 10, 1, 0, 0},
		{system.Box{Lo: []float64{1, -1}, Hi: []float64{one, 1}}, 10, 0, 1, 20},
		{system.Box{Lo: []float64{-1, 1e15}, Hi: []float64{1, 1e15 + 1}}, 5, 1, 8, 10},
	} {
		err := CheckBox(c.box, 2, c.kTrain)
		var be *BoxError
		if !errors.As(err, &be) || be.Coord != c.coord || be.Values != c.values || be.Need != c.need {
			t.Errorf("CheckBox(%v, %d) = %v, want a BoxError on coordinate %d with %v values for %v", c.box, c.kTrain, err, c.coord, c.values, c.need)
		}
		if c.need > 0 {
			if _, _, err := TrainTest(sys, c.box, c.kTrain, 10, 1); !errors.As(err, &be) {
				t.Errorf("TrainTest(%v) = %v, want a BoxError", c.box, err)
			}
		} else if _, err := Uniform(sys, c.box, 10, 1); !errors.As(err, &be) {
			t.Errorf("Uniform(%v) = %v, want a BoxError", c.box, err)
		}
	}
	if err := CheckBox(system.Box{Lo: []float64{1, -1}, Hi: []float64{one, 1}}, 2, 0); err != nil {
		t.Errorf("a one-ulp box without test values apart: %v", err)
	}
	if err := CheckBox(sys.Box(), 2, 50000); err != nil {
		t.Errorf("the pendulum's box: %v", err)
	}
}

// Whatever the box, the redraws of a test value end: a column that gives
// only training values is an error after MaxRedraws redraws.
func TestRedrawsEnd(t *testing.T) {
	one := math.Nextafter(1, 2)
	box := system.Box{Lo: []float64{1, -1}, Hi: []float64{one, 1}}
	avoid := []float64{1, 0, one, 0} // both values q can take
	done := make(chan error, 1)
	go func() {
		rng := rand.New(rand.NewPCG(1, sampleStream))
		done <- drawColumns(rng, box, make([]float64, 2*5), 5, avoid)
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "box coordinate 0") || !strings.Contains(err.Error(), "too narrow") {
			t.Errorf("drawColumns = %v, want an error on coordinate 0", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("drawColumns did not return")
	}
}

// Where the system's H overflows, the data are an error naming the state.
func TestNotFinite(t *testing.T) {
	sys, err := system.New("henon-heiles", map[string]string{"alpha": "1e308"})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = TrainTest(sys, sys.Box(), 100, 10, 1)
	var se *SampleError
	if !errors.As(err, &se) || !errors.Is(err, ErrNotFinite) || len(se.X) != 4 || se.Set != "" ||
		!strings.Contains(err.Error(), "henon-heiles: sample") {
		t.Errorf("TrainTest = %v, want a SampleError of the training set", err)
	}
	if _, err := Uniform(sys, sys.Box(), 100, 1); !errors.Is(err, ErrNotFinite) {
		t.Errorf("Uniform = %v", err)
	}
}

// FuzzTrainTest: whatever the box and sizes (NaN, ±Inf, huge, equal or
// one ulp apart bounds), TrainTest returns data or an error, within seconds
// and without panicking; data lie in the box, with no test value equal to a
// training value of its column.
func FuzzTrainTest(f *testing.F) {
	one := math.Nextafter(1, 2)
	for _, c := range [][4]float64{
		{-math.Pi, math.Pi, -1, 1}, {-1e308, 1e308, -1, 1}, {1, one, -1, 1}, {1, 1, -1, 1}, {-1, 1, math.NaN(), 1},
		{math.Inf(-1), 0, -1, 1}, {1e15, 1e15 + 1, -1, 1}, {0, 5e-324, 0, 1e-300}, {-math.MaxFloat64, -1e308, 1e307, 1e308},
		{1, math.Nextafter(one, 2), 1, math.Nextafter(math.Nextafter(one, 2), 2)},
	} {
		f.Add(c[0], c[1], c[2], c[3], uint16(100), uint16(50), uint64(1))
	}
	f.Add(0.0, 1.0, 0.0, 1.0, uint16(0), uint16(3), uint64(2))
	sys := system.NewSpring()
	f.Fuzz(func(t *testing.T, qlo, qhi, plo, phi float64, kTrain, kTest uint16, seed uint64) {
		box := system.Box{Lo: []float64{qlo, plo}, Hi: []float64{qhi, phi}}
		kt, ke := int(kTrain%500), int(kTest%500)
		type result struct {
			train, test *Set
			err         error
		}
		done := make(chan result, 1)
		go func() {
			tr, te, err := TrainTest(sys, box, kt, ke, seed)
			done <- result{tr, te, err}
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("TrainTest(%v, %d, %d) did not return within 5 s", box, kt, ke)
		}
		if r.err != nil {
			return
		}
		if r.train.Len() != kt || r.test.Len() != ke {
			t.Fatalf("sizes %d, %d; want %d, %d", r.train.Len(), r.test.Len(), kt, ke)
		}
		for _, s := range []*Set{r.train, r.test} {
			if err := s.Validate(); err != nil {
				t.Fatal(err)
			}
			for k := range s.Len() {
				if x, _ := s.Row(k); !box.Contains(x) {
					t.Fatalf("%v lies outside %v", x, box)
				}
			}
		}
		for c := range 2 {
			seen := map[float64]bool{}
			for k := range kt {
				seen[r.train.X[2*k+c]] = true
			}
			for k := range ke {
				if seen[r.test.X[2*k+c]] {
					t.Fatalf("test value %v of column %d is a training value", r.test.X[2*k+c], c)
				}
			}
		}
	})
}
