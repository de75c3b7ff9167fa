package adam

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"hnnplay/core/hnn"
)

// Config holds the hyper-parameters of the baseline. DefaultConfig returns
// the paper's single-pendulum and Lotka–Volterra settings.
type Config struct {
	Width       int     // M, number of hidden tanh units
	LR          float64 // Adam learning rate
	Batch       int     // B, rows per step (the last batch of a pass may be shorter)
	WeightDecay float64 // L2-style decay added to the gradient, g += wd·θ, as torch.optim.Adam
	Beta1       float64 // first-moment decay
	Beta2       float64 // second-moment decay
	Eps         float64 // added to √v̂ in the denominator
	Seed        uint64  // seed of the PCG stream that draws the initial parameters
}

// DefaultConfig returns width 1000, learning rate 5e-4, batch 2048, weight
// decay 1e-13, PyTorch's default betas (0.9, 0.999) and eps 1e-8, and the
// paper's first model seed 992472.
func DefaultConfig() Config {
	return Config{
		Width:       1000,
		LR:          5e-4,
		Batch:       2048,
		WeightDecay: 1e-13,
		Beta1:       0.9,
		Beta2:       0.999,
		Eps:         1e-8,
		Seed:        992472,
	}
}

func (c Config) validate() error {
	switch {
	case c.Width <= 0:
		return fmt.Errorf("adam: width %d not positive", c.Width)
	case c.Batch <= 0:
		return fmt.Errorf("adam: batch %d not positive", c.Batch)
	case !(c.LR >= 0) || math.IsInf(c.LR, 0):
		return fmt.Errorf("adam: invalid learning rate %v", c.LR)
	case !(c.WeightDecay >= 0) || math.IsInf(c.WeightDecay, 0):
		return fmt.Errorf("adam: invalid weight decay %v", c.WeightDecay)
	case !(c.Beta1 >= 0 && c.Beta1 < 1):
		return fmt.Errorf("adam: beta1 %v outside [0, 1)", c.Beta1)
	case !(c.Beta2 >= 0 && c.Beta2 < 1):
		return fmt.Errorf("adam: beta2 %v outside [0, 1)", c.Beta2)
	case !(c.Eps >= 0) || math.IsInf(c.Eps, 0):
		return fmt.Errorf("adam: invalid eps %v", c.Eps)
	}
	return nil
}

// Trainer fits an hnn.Model to (x, ẋ) data by Adam. It is not safe for
// concurrent use.
type Trainer struct {
	cfg  Config
	d2   int       // D = 2d
	m    int       // M
	k    int       // number of training rows
	x    []float64 // K×D inputs (a copy)
	y    []float64 // K×D target gradients J⁻¹ẋ = (−ṗ, q̇)
	x0   []float64 // anchor
	h0   float64   // H(x₀)
	c0   float64   // output bias; no gradient reaches it, so Adam never moves it
	step int       // completed steps

	// Parameters θ = [W (D×M row-major) | b (M) | c (M)], their gradient and
	// Adam's moment estimates, all of length (D+2)·M.
	theta, grad, m1, m2 []float64

	// Per-row scratch of length M (see lossGrad).
	t, cs, a []float64
	g, e     []float64 // length D
}

// NewTrainer returns a trainer for the K = len(X)/(2·dof) rows of X (states
// x = (q, p)) and Xdot (their time derivatives ẋ = (q̇, ṗ)), both flat K×2d
// row-major. The anchor x0 (length 2d) with known value h0 fixes the
// integration constant in Model. The data are copied.
//
// The parameters are initialised as PyTorch's nn.Linear defaults, drawn from
// a PCG stream seeded with (cfg.Seed, 0) in the order hidden weights
// (neuron-major, as torch's M×D weight), hidden biases, output weights,
// output bias:
//
//	W[i,m], b_m ~ U(−1/√D, 1/√D),   c_m, c₀ ~ U(−1/√M, 1/√M).
//
// It returns an error for inconsistent lengths or an invalid Config.
func NewTrainer(X, Xdot []float64, dof int, x0 []float64, h0 float64, cfg Config) (*Trainer, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if dof <= 0 {
		return nil, fmt.Errorf("adam: dof %d not positive", dof)
	}
	d2 := 2 * dof
	switch {
	case len(X) == 0:
		return nil, errors.New("adam: no training data")
	case len(X)%d2 != 0:
		return nil, fmt.Errorf("adam: len(X) = %d is not a multiple of 2·dof = %d", len(X), d2)
	case len(Xdot) != len(X):
		return nil, fmt.Errorf("adam: len(Xdot) = %d, want len(X) = %d", len(Xdot), len(X))
	case len(x0) != d2:
		return nil, fmt.Errorf("adam: len(x0) = %d, want %d", len(x0), d2)
	}
	m := cfg.Width
	t := &Trainer{
		cfg: cfg, d2: d2, m: m, k: len(X) / d2,
		x:  append([]float64(nil), X...),
		y:  make([]float64, len(X)),
		x0: append([]float64(nil), x0...),
		h0: h0,
	}
	// ‖J∇Ĥ − ẋ‖ = ‖∇Ĥ − J⁻¹ẋ‖ since J is orthogonal, so the loss is fitted
	// to the target gradient (−ṗ, q̇) directly.
	for r := 0; r < t.k; r++ {
		row, yr := Xdot[r*d2:(r+1)*d2], t.y[r*d2:(r+1)*d2]
		for j := 0; j < dof; j++ {
			yr[j] = -row[dof+j]
			yr[dof+j] = row[j]
		}
	}
	n := (d2 + 2) * m
	t.theta = make([]float64, n)
	t.grad = make([]float64, n)
	t.m1 = make([]float64, n)
	t.m2 = make([]float64, n)
	t.t = make([]float64, m)
	t.cs = make([]float64, m)
	t.a = make([]float64, m)
	t.g = make([]float64, d2)
	t.e = make([]float64, d2)

	rng := rand.New(rand.NewPCG(cfg.Seed, 0))
	uniform := func(bound float64) float64 { return -bound + 2*bound*rng.Float64() }
	w, b, c := t.params(t.theta)
	bw := 1 / math.Sqrt(float64(d2))
	for mm := 0; mm < m; mm++ {
		for i := 0; i < d2; i++ {
			w[i*m+mm] = uniform(bw)
		}
	}
	for mm := range b {
		b[mm] = uniform(bw)
	}
	bc := 1 / math.Sqrt(float64(m))
	for mm := range c {
		c[mm] = uniform(bc)
	}
	t.c0 = uniform(bc)
	return t, nil
}

// params splits a parameter-shaped slice into its W, b and c parts.
func (t *Trainer) params(p []float64) (w, b, c []float64) {
	nw := t.d2 * t.m
	return p[:nw], p[nw : nw+t.m], p[nw+t.m : nw+2*t.m]
}

// batch returns the rows [lo, hi) of step s: lo = s·B mod K and
// hi = min(lo + B, K), the paper's sequential batching without shuffling.
// A batch that would run past the end is truncated, not wrapped, so the
// batches need not tile the data.
func (t *Trainer) batch(s int) (lo, hi int) {
	k := uint64(t.k)
	lo = int((uint64(s) % k) * (uint64(t.cfg.Batch) % k) % k)
	hi = min(lo+t.cfg.Batch, t.k)
	return lo, hi
}

// Step performs one Adam step on the next batch and returns the batch loss
// evaluated before the update (as the PyTorch loop reports it). It does not
// allocate.
func (t *Trainer) Step() float64 {
	lo, hi := t.batch(t.step)
	loss := t.lossGrad(t.theta, t.grad, lo, hi)
	t.step++
	t.update()
	return loss
}

// StepFor performs steps until at least d has elapsed, and at least one
// step, and returns the number of steps taken. Meant for animations that
// spend a fixed budget per frame.
func (t *Trainer) StepFor(d time.Duration) int {
	start := time.Now()
	n := 0
	for {
		t.Step()
		n++
		if time.Since(start) >= d {
			return n
		}
	}
}

// Steps returns the number of steps taken so far.
func (t *Trainer) Steps() int { return t.step }

// Config returns the trainer's configuration.
func (t *Trainer) Config() Config { return t.cfg }

// update applies one step of torch.optim.Adam (non-amsgrad, non-maximize)
// with the gradient in t.grad and step number s = t.step ≥ 1:
//
//	g  = ∇θ + λθ
//	m ← m + (1−β₁)(g − m)                  (torch's lerp)
//	v ← β₂v + (1−β₂)g²
//	θ ← θ − (η/(1−β₁ˢ)) · m / (√v/√(1−β₂ˢ) + ε)
//
// in the order of operations of torch's single-tensor CPU code.
// c₀ is not part of θ: its gradient is None in PyTorch, so Adam skips it.
func (t *Trainer) update() {
	cfg := &t.cfg
	s := float64(t.step)
	stepSize := cfg.LR / (1 - math.Pow(cfg.Beta1, s))
	bc2Sqrt := math.Sqrt(1 - math.Pow(cfg.Beta2, s))
	b1, b2, wd, eps := 1-cfg.Beta1, cfg.Beta2, cfg.WeightDecay, cfg.Eps
	m1, m2, grad := t.m1[:len(t.theta)], t.m2[:len(t.theta)], t.grad[:len(t.theta)]
	lerpHigh := b1 >= 0.5 // torch's lerp switches formula at weight ½
	for i, th := range t.theta {
		g := grad[i]
		if wd != 0 {
			g += wd * th
		}
		m := m1[i] + b1*(g-m1[i])
		if lerpHigh {
			m = g - (g-m1[i])*(1-b1)
		}
		v := b2*m2[i] + (1-b2)*g*g
		m1[i], m2[i] = m, v
		t.theta[i] = th - stepSize*m/(math.Sqrt(v)/bc2Sqrt+eps)
	}
}

// Model returns a copy of the current network with the output bias set so
// that Ĥ(x₀) = H₀; training is unaffected and may continue.
func (t *Trainer) Model() *hnn.Model {
	n := hnn.New(t.d2, t.m)
	w, b, c := t.params(t.theta)
	copy(n.W, w)
	copy(n.B, b)
	copy(n.C, c)
	n.C0 = 0
	n.C0 = t.h0 - n.H(t.x0)
	return n
}
