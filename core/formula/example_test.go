package formula_test

import (
	"fmt"

	"hnnplay/core/formula"
)

func Example() {
	e, err := formula.Parse("p^2/(2*m) + 1 - cos(q)")
	if err != nil {
		panic(err)
	}
	pr, err := e.Compile(map[string]float64{"m": 2})
	if err != nil {
		panic(err)
	}
	ev := pr.NewEvaluator()
	grad, hess := make([]float64, 2), make([]float64, 4)
	h := ev.Eval([]float64{0, 1}, grad, hess) // q = 0, p = 1
	fmt.Println(h, grad, hess)

	_, err = formula.Parse("p^2/2 + 1 - cos(2q)")
	fmt.Println(err)
	// Output:
	// 0.25 [0 0.5] [1 0 0 0.5]
	// missing operator at column 18 before "q": write products with *, e.g. 2*q
}
