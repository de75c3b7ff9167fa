package metric

import (
	"math"
	"testing"
)

func TestTrajectoryDistance(t *testing.T) {
	a := []float64{0, 0, 1, 1, 3, 4}
	b := []float64{0, 0, 1, 2, 0, 0}
	got := TrajectoryDistance(a, b, 2)
	want := []float64{0, 1, 5}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("TrajectoryDistance = %v, want %v", got, want)
		}
	}
	if d := TrajectoryDistance([]float64{1e300, 1e300}, []float64{-1e300, -1e300}, 2); math.Abs(d[0]/(2e300*math.Sqrt2)-1) > 1e-15 {
		t.Errorf("overflowing distance = %v", d)
	}
	for _, f := range []func(){
		func() { TrajectoryDistance(a, b[:4], 2) },
		func() { TrajectoryDistance(a, b, 4) },
		func() { TrajectoryDistance(a, b, 0) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("bad lengths did not panic")
				}
			}()
			f()
		}()
	}
}
