package adam_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"hnnplay/core/adam"
)

// Train the baseline on the pendulum H = p²/2 + 1 − cos q from 500 observed
// (x, ẋ) pairs and anchor Ĥ at the origin, H(0) = 0.
func Example() {
	rng := rand.New(rand.NewPCG(1, 2))
	const k = 500
	x, xdot := make([]float64, 2*k), make([]float64, 2*k)
	for r := 0; r < k; r++ {
		q, p := 4*math.Pi*rng.Float64()-2*math.Pi, 2*rng.Float64()-1
		x[2*r], x[2*r+1] = q, p
		xdot[2*r], xdot[2*r+1] = p, -math.Sin(q) // q̇ = ∂H/∂p, ṗ = −∂H/∂q
	}

	cfg := adam.DefaultConfig() // the paper's: width 1000, lr 5e-4, batch 2048
	cfg.Width, cfg.Batch, cfg.LR = 64, 128, 1e-2
	tr, err := adam.NewTrainer(x, xdot, 1, []float64{0, 0}, 0, cfg)
	if err != nil {
		panic(err)
	}
	first := tr.Step()
	var last float64
	for tr.Steps() < 400 {
		last = tr.Step()
	}
	h := tr.Model()

	fmt.Println("steps:", tr.Steps())
	fmt.Println("loss fell more than 50-fold:", last < first/50)
	fmt.Println("Ĥ(0) = H(0):", math.Abs(h.H([]float64{0, 0})) < 1e-12)
	fmt.Printf("Ĥ(π, 0) = %.1f (true 2)\n", h.H([]float64{math.Pi, 0}))
	// Output:
	// steps: 400
	// loss fell more than 50-fold: true
	// Ĥ(0) = H(0): true
	// Ĥ(π, 0) = 2.0 (true 2)
}
