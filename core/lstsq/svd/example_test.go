package svd_test

import (
	"fmt"

	"hnnplay/core/lstsq/svd"
)

func ExampleSolve() {
	// Fit y = a·x through (1, 2), (2, 4.1), (3, 5.9): one column, three rows;
	// the least-squares slope is Σxy/Σx² = 27.9/14.
	a := []float64{1, 2, 3}
	b := []float64{2, 4.1, 5.9}
	x := make([]float64, 1)
	res, err := svd.Solve(3, 1, a, b, 1e-13, x)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("slope %.4f, rank %d\n", x[0], res.Rank)
	// Output: slope 1.9929, rank 1
}
