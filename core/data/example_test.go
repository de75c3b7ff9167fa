package data_test

import (
	"fmt"
	"os"

	"hnnplay/core/data"
	"hnnplay/core/system"
)

func Example() {
	sys := system.NewSpring()
	train, test, err := data.TrainTest(sys, sys.Box(), 3, 2, 3943)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(train.Len(), "training and", test.Len(), "test states of", train.Dof, "dof")
	// Targets are exact: for the spring, q̇ = p and ṗ = −q.
	x, xdot := train.Row(0)
	fmt.Println(xdot[0] == x[1], xdot[1] == -x[0])

	set := &data.Set{Dof: 1, X: []float64{0.5, -1}, Xdot: []float64{-1, -0.5}, H: []float64{0.625}}
	if err := data.WriteCSV(os.Stdout, set); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 3 training and 2 test states of 1 dof
	// true true
	// q1,p1,dq1,dp1,H
	// 0.5,-1,-1,-0.5,0.625
}
