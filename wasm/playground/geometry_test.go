package playground_test

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"hnnplay/wasm/playground"
	"hnnplay/wasm/world"
)

type runs [][]float64 // the xs of each emitted run

func (r *runs) emit(xs, ys []float64) { *r = append(*r, slices.Clone(xs)) }

func TestPolylineDecimates(t *testing.T) {
	var p playground.Polyline
	var got runs
	p.Reset(0)
	xs := []float64{0, 1, 2, 3, 4, 5, 6, 6.5}
	for i, x := range xs {
		p.Add(x, 0, 2.5, 100, i == len(xs)-1, got.emit)
	}
	p.Flush(got.emit)
	// kept: 0, then the first point at least 2.5 further (3), then 6, and
	// the last point whatever its distance
	if want := (runs{{0, 3, 6, 6.5}}); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("runs %v, want %v", got, want)
	}
}

func TestPolylineCutsAtJumps(t *testing.T) {
	var p playground.Polyline
	var got runs
	p.Reset(0)
	for i, x := range []float64{0, 1, 2, 50, 51, 52, 200} {
		p.Add(x, 0, 0.5, 10, i == 6, got.emit)
	}
	p.Flush(got.emit)
	// the lone point after the last jump is no line
	if want := (runs{{0, 1, 2}, {50, 51, 52}}); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("runs %v, want %v", got, want)
	}
}

func TestPolylineDashes(t *testing.T) {
	var p playground.Polyline
	var got runs
	p.Reset(3)
	for x := 0.0; x <= 14; x++ {
		p.Add(x, 0, 0.5, 100, x == 14, got.emit)
	}
	p.Flush(got.emit)
	// dashes of 3 px, gaps of 3 px: [0, 3] on, [3, 6] off, [6, 9] on, …
	if want := (runs{{0, 1, 2, 3}, {6, 7, 8, 9}, {12, 13, 14}}); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("runs %v, want %v", got, want)
	}
}

func TestDots(t *testing.T) {
	line := func(xs ...float64) func(int) (float64, float64) {
		return func(i int) (float64, float64) { return xs[i], 0 }
	}
	var got []float64
	dot := func(x, y float64) { got = append(got, x) }
	playground.Dots(4, line(0, 7, 25, 31), 10, 100, dot)
	if want := []float64{0, 10, 20, 30}; !slices.Equal(got, want) {
		t.Fatalf("dots at %v, want %v", got, want)
	}
	// a jump restarts the spacing at its end
	got = got[:0]
	playground.Dots(5, line(0, 12, 500, 505, 511), 10, 100, dot)
	if want := []float64{0, 10, 500, 510}; !slices.Equal(got, want) {
		t.Fatalf("dots at %v, want %v", got, want)
	}
	got = got[:0]
	playground.Dots(5, line(0, math.NaN(), 3, 13, 14), 10, 100, dot)
	if want := []float64{3, 13}; !slices.Equal(got, want) { // a dot needs a step after it
		t.Fatalf("dots across a NaN at %v, want %v", got, want)
	}
	got = got[:0]
	playground.Dots(0, nil, 10, 100, dot)
	playground.Dots(1, line(5), 10, 100, dot)
	if len(got) != 0 {
		t.Fatalf("dots %v of fewer than two points", got)
	}
}

func TestDashes(t *testing.T) {
	var got [][4]float64
	playground.Dashes(0, 0, 0, 85, 8, func(x0, y0, x1, y1 float64) { got = append(got, [4]float64{x0, y0, x1, y1}) })
	// 85 px in 10 pieces of 8.5 px, every other one drawn
	if len(got) != 5 || got[0] != [4]float64{0, 0, 0, 8.5} || got[4] != [4]float64{0, 68, 0, 76.5} {
		t.Fatalf("dashes %v", got)
	}
}

func TestEnergyScale(t *testing.T) {
	for _, c := range []struct{ d, want float64 }{
		{0, world.EnergyDecadeLo}, {-1, world.EnergyDecadeLo}, {math.NaN(), world.EnergyDecadeLo},
		{1e-20, world.EnergyDecadeLo}, {1e-3, -3}, {1, 0}, {1e6, world.EnergyDecadeHi}, {math.Inf(1), world.EnergyDecadeHi},
	} {
		if got := playground.EnergyLog(c.d); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("EnergyLog(%v) = %v, want %v", c.d, got, c.want)
		}
	}
	e := world.Rect{X: 10, Y: 100, W: 300, H: 120}
	if top, bottom, mid := playground.EnergyY(e, world.EnergyDecadeHi), playground.EnergyY(e, world.EnergyDecadeLo), playground.EnergyY(e, -6); top != 100 || bottom != 220 || mid != 160 {
		t.Fatalf("top %v, bottom %v, 10⁻⁶ at %v", top, bottom, mid)
	}
}
