package experiment_test

import (
	"fmt"

	"hnnplay/core/experiment"
)

// A page's link, trained as the page trains it. The fingerprints are the
// same on every platform, in the page and on the command line.
func Example() {
	values, err := experiment.ParseLink("https://example.org/hnnplay/#system=pendulum&box=-pi,pi,-2,2&points=800&width=150")
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := experiment.Parse(values)
	if err != nil {
		fmt.Println(err)
		return
	}
	d, err := experiment.NewData(s)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := experiment.Fit(s, d, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("data", r.DataFingerprint, "hidden layer", r.HiddenFingerprint)
	fmt.Printf("relative error of H below 1e-5: %v\n", r.Errors.H < 1e-5)
	fmt.Println(experiment.LinkOf(s, experiment.GroupNetwork))
	// Output:
	// data 0c54194f99045cb8 hidden layer d46a0e8e722a54de
	// relative error of H below 1e-5: true
	// width=150&sampler=aswim&rcond=1e-13&seed=1
}

func ExampleParse() {
	_, err := experiment.Parse(map[string]string{"width": "0", "box": "1,0,-1,1"})
	fmt.Println(err)
	// Output:
	// Box: the lower bound of q (1) must be less than its upper bound (0); Width must be a whole number from 1 to 20000, got "0"
}
