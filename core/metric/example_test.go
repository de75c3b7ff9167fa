package metric_test

import (
	"fmt"

	"hnnplay/core/data"
	"hnnplay/core/metric"
	"hnnplay/core/system"
)

func Example() {
	truth := system.NewPendulum()
	test, err := data.Uniform(truth, truth.Box(), 1000, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	// A "model" whose gravity is 1% off.
	model := &system.Pendulum{M: 1, L: 1, G: 1.01, F: 1}
	e := metric.Evaluate(model, test, truth)
	fmt.Printf("relative L2 error of H %.4f, of ∇H %.4f, of ẋ %.4f\n", e.H, e.Grad, e.Xdot)

	fmt.Printf("%.1f\n", metric.RelL2([]float64{3, 4}, []float64{3, 3}))

	hs := []float64{1, 1.01, 0.99, 1, 1.02, 0.98, 1}
	maxAbs, maxRel := metric.EnergyError(hs)
	fmt.Printf("energy error %.2f (%.0f%%), per window %.2f\n", maxAbs, 100*maxRel, metric.Drift(hs, 3))
	// Output:
	// relative L2 error of H 0.0089, of ∇H 0.0077, of ẋ 0.0077
	// 0.2
	// energy error 0.02 (2%), per window [0.01 0.02 0.00]
}
