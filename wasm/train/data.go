package train

import (
	"math"

	"hnnplay/core/data"
	"hnnplay/core/hnn"
	"hnnplay/core/system"
)

func makeData(sys system.System, box system.Box, kTrain, kTest int, seed uint64) (train, test *data.Set, err error) {
	return data.TrainTest(sys, box, kTrain, kTest, seed)
}

func addNoise(s *data.Set, sigma float64, seed uint64) error {
	return s.AddNoise(sigma, seed)
}

// evaluate returns the relative L2 errors of Ĥ, ∇Ĥ and ẋ̂ = J∇Ĥ over the test
// set (one norm over all points, SPEC §4.3; absolute if the truth is zero).
// ‖ẋ̂ − ẋ‖ = ‖∇Ĥ − ∇H‖ since J is orthogonal, but the xdot error is taken
// against the stored targets, which may carry noise.
func evaluate(m *hnn.Model, test *data.Set) (eH, eGrad, eXdot float64) {
	d2 := 2 * test.Dof
	k := test.Len()
	g := make([]float64, d2)
	var nH, dH, nG, dG, nX, dX float64
	for i := 0; i < k; i++ {
		x, xdot := test.Row(i)
		h := m.HGrad(g, x)
		if test.H != nil {
			dH += (h - test.H[i]) * (h - test.H[i])
			nH += test.H[i] * test.H[i]
		}
		d := d2 / 2
		for j := 0; j < d; j++ {
			// ∇H = (−ṗ, q̇) from the targets; ẋ̂ = (∂Ĥ/∂p, −∂Ĥ/∂q).
			tq, tp := -xdot[d+j], xdot[j]
			dG += (g[j]-tq)*(g[j]-tq) + (g[d+j]-tp)*(g[d+j]-tp)
			nG += tq*tq + tp*tp
			xq, xp := g[d+j], -g[j]
			dX += (xq-xdot[j])*(xq-xdot[j]) + (xp-xdot[d+j])*(xp-xdot[d+j])
			nX += xdot[j]*xdot[j] + xdot[d+j]*xdot[d+j]
		}
	}
	return rel(dH, nH), rel(dG, nG), rel(dX, nX)
}

func rel(diff2, norm2 float64) float64 {
	if norm2 < 1e-30 {
		return math.Sqrt(diff2)
	}
	return math.Sqrt(diff2 / norm2)
}
