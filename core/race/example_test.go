package race_test

import (
	"fmt"

	"hnnplay/core/adam"
	"hnnplay/core/data"
	"hnnplay/core/fit"
	"hnnplay/core/race"
	"hnnplay/core/system"
)

// A small race on the single pendulum. The numbers depend on the machine, so
// the example has no fixed output; it prints something like
//
//	Adam's best error after 3000 steps (9.8 s) is 1.4e-2, still 2e5× worse than the sampled 6.9e-8 (0.088 s): the speed-up is more than 111× (lower bound)
func Example() {
	sys := system.NewPendulum()
	train, test, err := data.TrainTest(sys, sys.Box(), 2000, 2000, 3943)
	if err != nil {
		fmt.Println(err)
		return
	}
	ac := adam.DefaultConfig()
	ac.Width = 0 // the race's width
	x0 := sys.Anchor()
	r, err := race.New(train, test, sys, x0, sys.H(x0), race.Config{
		Width: 300, Fit: fit.Config{Seed: 992472}, Adam: ac,
		Steps: 3000, Budget: race.Budget{Ratio: 100, Seconds: 60}, StopWhenReached: true,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := r.Run(nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Text())
}
