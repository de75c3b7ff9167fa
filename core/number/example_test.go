package number_test

import (
	"fmt"

	"hnnplay/core/number"
)

func ExampleParse() {
	for _, s := range []string{"-2pi", "pi/2", "1e-13", "NaN"} {
		v, err := number.Parse(s)
		fmt.Println(v, err)
	}
	// Output:
	// -6.283185307179586 <nil>
	// 1.5707963267948966 <nil>
	// 1e-13 <nil>
	// 0 "NaN" is not a finite number
}

func ExampleFormat() {
	fmt.Println(number.Format(-6.283185307179586), number.Format(0.75), number.Format(2.356194490192345))
	// Output: -2pi 0.75 3pi/4
}
