package adam

import (
	"math"
	"math/rand/v2"
	"testing"
)

// randomData returns K rows of states in [−2, 2]^D and arbitrary targets.
func randomData(rng *rand.Rand, k, dof int) (x, xdot []float64) {
	x = make([]float64, k*2*dof)
	xdot = make([]float64, k*2*dof)
	for i := range x {
		x[i] = 4*rng.Float64() - 2
		xdot[i] = 2*rng.Float64() - 1
	}
	return x, xdot
}

// loss returns the batch loss straight from the definition,
// 1/(n·D) Σ ‖J∇Ĥ(x_k) − ẋ_k‖², using hnn.Model.Grad for ∇Ĥ.
func (t *Trainer) directLoss(lo, hi int, xdot []float64) float64 {
	mod := t.Model()
	d := t.d2 / 2
	g := make([]float64, t.d2)
	var s float64
	for r := lo; r < hi; r++ {
		mod.Grad(g, t.x[r*t.d2:(r+1)*t.d2])
		xd := xdot[r*t.d2 : (r+1)*t.d2]
		for j := 0; j < d; j++ {
			rq := g[d+j] - xd[j]  // q̇̂ = ∂Ĥ/∂p
			rp := -g[j] - xd[d+j] // ṗ̂ = −∂Ĥ/∂q
			s += rq*rq + rp*rp
		}
	}
	return s / float64((hi-lo)*t.d2)
}

func TestLossMatchesDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, dof := range []int{1, 2} {
		x, xdot := randomData(rng, 20, dof)
		cfg := DefaultConfig()
		cfg.Width = 7
		tr, err := NewTrainer(x, xdot, dof, make([]float64, 2*dof), 0, cfg)
		if err != nil {
			t.Fatal(err)
		}
		got := tr.lossGrad(tr.theta, tr.grad, 3, 17)
		want := tr.directLoss(3, 17, xdot)
		if math.Abs(got-want) > 1e-14*want {
			t.Errorf("dof %d: loss %v, definition gives %v", dof, got, want)
		}
	}
}

// TestGradientFiniteDifference checks the hand-derived ∂L/∂θ against
// central differences of L for every parameter.
func TestGradientFiniteDifference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, dof := range []int{1, 2, 3} {
		x, xdot := randomData(rng, 12, dof)
		cfg := DefaultConfig()
		cfg.Width = 9
		cfg.Seed = uint64(dof)
		tr, err := NewTrainer(x, xdot, dof, make([]float64, 2*dof), 0, cfg)
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := 2, 11
		n := len(tr.theta)
		grad := make([]float64, n)
		tr.lossGrad(tr.theta, grad, lo, hi)
		scratch := make([]float64, n)
		theta := append([]float64(nil), tr.theta...)
		gmax := 0.0
		for _, g := range grad {
			gmax = math.Max(gmax, math.Abs(g))
		}
		const h = 1e-5
		worst := 0.0
		for p := range theta {
			orig := theta[p]
			theta[p] = orig + h
			lp := tr.lossGrad(theta, scratch, lo, hi)
			theta[p] = orig - h
			lm := tr.lossGrad(theta, scratch, lo, hi)
			theta[p] = orig
			fd := (lp - lm) / (2 * h)
			diff := math.Abs(fd - grad[p])
			worst = math.Max(worst, diff/math.Max(math.Abs(grad[p]), 1e-2*gmax))
			if diff > 1e-6*math.Max(math.Abs(grad[p]), 1e-2*gmax) {
				t.Errorf("dof %d, parameter %d: analytic %v, finite difference %v (rel %.2g)",
					dof, p, grad[p], fd, diff/math.Abs(grad[p]))
			}
		}
		t.Logf("dof %d: %d parameters, worst relative difference %.2g", dof, n, worst)
	}
}

// TestFusedMatchesGeneric checks the D = 2 fast path against the general one.
func TestFusedMatchesGeneric(t *testing.T) {
	x, xdot := randomData(rand.New(rand.NewPCG(14, 15)), 40, 1)
	cfg := DefaultConfig()
	cfg.Width = 33
	tr, err := NewTrainer(x, xdot, 1, []float64{0, 0}, 0, cfg)
	if err != nil {
		t.Fatal(err)
	}
	g2, gd := make([]float64, len(tr.grad)), make([]float64, len(tr.grad))
	l2 := tr.lossGrad2(tr.theta, g2, 5, 37)
	ld := tr.lossGradD(tr.theta, gd, 5, 37)
	if math.Abs(l2-ld) > 1e-15*ld {
		t.Errorf("loss: fused %v, generic %v", l2, ld)
	}
	for i := range g2 {
		if math.Abs(g2[i]-gd[i]) > 1e-13*(math.Abs(gd[i])+1e-3) {
			t.Errorf("gradient %d: fused %v, generic %v", i, g2[i], gd[i])
		}
	}
}
