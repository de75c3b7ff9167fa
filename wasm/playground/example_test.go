package playground_test

import (
	"encoding/json"
	"fmt"
	"time"

	"hnnplay/wasm/playground"
)

// The life of the page's canvas without a browser: a model arrives, the
// frame loop ticks, a click starts a trajectory, the page reads the state.
func Example() {
	m, points, err := fitPendulum() // a real network: 200 points, width 20
	if err != nil {
		fmt.Println(err)
		return
	}
	reply, err := newReply("pendulum", m, points)
	if err != nil {
		fmt.Println(err)
		return
	}
	text, _ := json.Marshal(reply) // as the page hands it over

	still := time.Unix(0, 0)
	p := playground.New(nil, func() time.Time { return still })
	p.Layout(800, 600, 1) // CSS pixels at device scale 1
	if err := p.SetModelJSON(string(text), ""); err != nil {
		fmt.Println(err)
		return
	}
	plot := p.Regions().Plot
	p.PointerDown(1, plot.X+plot.W/2, plot.Y+plot.H/2) // a click in the middle
	p.PointerUp(1)
	for i := 0; i < 10; i++ { // ten frames
		p.Update()
		p.DrawStart()
		p.DrawEnd(0)
	}
	var s playground.Snapshot
	_ = json.Unmarshal([]byte(p.State()), &s)
	fmt.Printf("%s: %d trajectory, %d steps in %d frames, error %q\n", s.System, s.Trajectories, s.Steps, s.Frames, s.Error)
	x0 := p.World().Trajs[0].X0
	fmt.Printf("started at q = %.3g, p = %.3g\n", x0[0], x0[1])
	// Output:
	// pendulum: 1 trajectory, 20 steps in 10 frames, error ""
	// started at q = 0, p = 0
}

// Dots spaces the dots of a dotted line by arc length.
func ExampleDots() {
	xs := []float64{0, 7, 25, 31}
	playground.Dots(len(xs), func(i int) (float64, float64) { return xs[i], 0 }, 10, 100,
		func(x, y float64) { fmt.Print(x, " ") })
	fmt.Println()
	// Output: 0 10 20 30
}

// A Polyline keeps the points of a trail that are at least minStep apart
// (and the last), and cuts a dashed line into dashes.
func ExamplePolyline() {
	var p playground.Polyline
	emit := func(xs, ys []float64) { fmt.Println(xs) }
	xs := []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 8.5}
	p.Reset(0) // solid
	for i, x := range xs {
		p.Add(x, 0, 2, 100, i == len(xs)-1, emit)
	}
	p.Flush(emit)
	p.Reset(3) // dashes and gaps of 3 px
	for i, x := range xs {
		p.Add(x, 0, 0.5, 100, i == len(xs)-1, emit)
	}
	p.Flush(emit)
	// Output:
	// [0 2 4 6 8 8.5]
	// [0 1 2 3]
	// [6 7 8 8.5]
}
