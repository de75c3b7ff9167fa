package adam

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// pendulum returns K states uniform in [−2π, 2π]×[−1, 1] and their time
// derivatives under H = p²/2 + 1 − cos q: q̇ = p, ṗ = −sin q.
func pendulum(rng *rand.Rand, k int) (x, xdot []float64) {
	x, xdot = make([]float64, 2*k), make([]float64, 2*k)
	for r := 0; r < k; r++ {
		q, p := 4*math.Pi*rng.Float64()-2*math.Pi, 2*rng.Float64()-1
		x[2*r], x[2*r+1] = q, p
		xdot[2*r], xdot[2*r+1] = p, -math.Sin(q)
	}
	return x, xdot
}

func pendulumH(q, p float64) float64 { return p*p/2 + 1 - math.Cos(q) }

func newTestTrainer(t testing.TB, k, dof int, cfg Config) *Trainer {
	t.Helper()
	x, xdot := randomData(rand.New(rand.NewPCG(5, 6)), k, dof)
	tr, err := NewTrainer(x, xdot, dof, make([]float64, 2*dof), 0, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestPendulumLearns(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	x, xdot := pendulum(rng, 500)
	cfg := DefaultConfig()
	cfg.Width, cfg.Batch, cfg.LR = 64, 128, 1e-2
	tr, err := NewTrainer(x, xdot, 1, []float64{0, 0}, pendulumH(0, 0), cfg)
	if err != nil {
		t.Fatal(err)
	}
	first := tr.Step()
	var last float64
	for tr.Steps() < 400 {
		last = tr.Step()
	}
	if !(last < first/50) {
		t.Errorf("batch loss went from %.3g to %.3g, want a fall by more than 50×", first, last)
	}

	// Relative L2 error of H on fresh points, the paper's metric
	// (docs/method.md, “Error metrics”).
	mod := tr.Model()
	var num, den float64
	for i := 0; i < 2000; i++ {
		q, p := 4*math.Pi*rng.Float64()-2*math.Pi, 2*rng.Float64()-1
		h := pendulumH(q, p)
		d := mod.H([]float64{q, p}) - h
		num += d * d
		den += h * h
	}
	if e := math.Sqrt(num / den); !(e < 0.1) {
		t.Errorf("relative L2 error of H = %.3g, want < 0.1", e)
	} else {
		t.Logf("loss %.3g → %.3g after %d steps, relative L2 error of H %.3g", first, last, tr.Steps(), e)
	}
}

func TestModelAnchor(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Width, cfg.Batch = 20, 16
	for _, dof := range []int{1, 2} {
		x, xdot := randomData(rand.New(rand.NewPCG(8, 9)), 50, dof)
		x0 := make([]float64, 2*dof)
		for i := range x0 {
			x0[i] = 0.3 * float64(i+1)
		}
		const h0 = -1.75
		tr, err := NewTrainer(x, xdot, dof, x0, h0, cfg)
		if err != nil {
			t.Fatal(err)
		}
		for range 5 {
			tr.Step()
		}
		mod := tr.Model()
		if mod.D != 2*dof || mod.M != cfg.Width {
			t.Fatalf("model is %d×%d, want %d×%d", mod.D, mod.M, 2*dof, cfg.Width)
		}
		if got := mod.H(x0); math.Abs(got-h0) > 1e-14 {
			t.Errorf("dof %d: Ĥ(x₀) = %v, want %v", dof, got, h0)
		}
		// The copy is detached from training.
		mod.W[0] += 1
		if tr.theta[0] == mod.W[0] {
			t.Error("Model shares W with the trainer")
		}
	}
}

// TestBatchSequence checks the sequential batching of the paper's code
// (docs/method.md, “The baseline: the same network trained by Adam”): rows
// [s·B mod K, s·B mod K + B) truncated at K, and that Step trains on them.
func TestBatchSequence(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Width, cfg.Batch = 3, 2
	tr := newTestTrainer(t, 5, 1, cfg)
	want := [][2]int{{0, 2}, {2, 4}, {4, 5}, {1, 3}, {3, 5}, {0, 2}, {2, 4}}
	scratch := make([]float64, len(tr.grad))
	for s, w := range want {
		lo, hi := tr.batch(s)
		if lo != w[0] || hi != w[1] {
			t.Errorf("step %d: rows [%d, %d), want [%d, %d)", s, lo, hi, w[0], w[1])
		}
		loss := tr.lossGrad(tr.theta, scratch, w[0], w[1])
		if got := tr.Step(); got != loss {
			t.Errorf("step %d: Step returned %v, loss on rows [%d, %d) is %v", s, got, w[0], w[1], loss)
		}
	}
	if tr.Steps() != len(want) {
		t.Errorf("Steps() = %d, want %d", tr.Steps(), len(want))
	}

	// The paper's setting: K = 10000, B = 2048 never overflows and wraps with
	// a short batch.
	cfg.Batch = 2048
	tr = newTestTrainer(t, 10000, 1, cfg)
	for s, w := range map[int][2]int{4: {8192, 10000}, 5: {240, 2288}, 5000: {0, 2048}, 1 << 40: {5248, 7296}} {
		if lo, hi := tr.batch(s); lo != w[0] || hi != w[1] {
			t.Errorf("K=10000, B=2048, step %d: rows [%d, %d), want [%d, %d)", s, lo, hi, w[0], w[1])
		}
	}
}

func TestDeterministic(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Width, cfg.Batch, cfg.LR = 30, 40, 1e-3
	run := func(seed uint64) []float64 {
		cfg.Seed = seed
		tr := newTestTrainer(t, 100, 2, cfg)
		for range 25 {
			tr.Step()
		}
		m := tr.Model()
		return append(append(append(append([]float64(nil), m.W...), m.B...), m.C...), m.C0)
	}
	a, b, c := run(1), run(1), run(2)
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			t.Fatalf("same seed, parameter %d differs: %v vs %v", i, a[i], b[i])
		}
	}
	same := 0
	for i := range a {
		if a[i] == c[i] {
			same++
		}
	}
	if same > 0 {
		t.Errorf("seeds 1 and 2 share %d of %d parameters", same, len(a))
	}
}

// TestInit checks PyTorch's nn.Linear bounds: U(±1/√D) for the hidden layer,
// U(±1/√M) for the output layer.
func TestInit(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Width = 400
	tr := newTestTrainer(t, 10, 2, cfg)
	w, b, c := tr.params(tr.theta)
	check := func(name string, v []float64, bound float64) {
		var mean float64
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, x := range v {
			mean += x
			lo, hi = min(lo, x), max(hi, x)
		}
		mean /= float64(len(v))
		if lo < -bound || hi > bound {
			t.Errorf("%s in [%v, %v], want within ±%v", name, lo, hi, bound)
		}
		// Uniform on ±bound: the extremes come within a few percent, the mean
		// within a few standard errors bound/√(3n).
		if lo > -0.9*bound || hi < 0.9*bound || math.Abs(mean) > 5*bound/math.Sqrt(3*float64(len(v))) {
			t.Errorf("%s: range [%v, %v], mean %v do not look like U(±%v)", name, lo, hi, mean, bound)
		}
	}
	check("W", w, 1/math.Sqrt(4))
	check("b", b, 1/math.Sqrt(4))
	check("c", c, 1/math.Sqrt(400))
	if math.Abs(tr.c0) > 1/math.Sqrt(400) {
		t.Errorf("c0 = %v outside ±1/√M", tr.c0)
	}
}

// TestAdamUpdate compares one Adam update with the textbook form
// θ −= η m̂/(√v̂ + ε), m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ), g = ∇ + λθ.
func TestAdamUpdate(t *testing.T) {
	for _, beta1 := range []float64{0.9, 0.3} {
		cfg := DefaultConfig()
		cfg.Width, cfg.LR, cfg.WeightDecay, cfg.Beta1, cfg.Beta2, cfg.Eps = 4, 0.01, 0.05, beta1, 0.99, 1e-3
		tr := newTestTrainer(t, 3, 1, cfg)
		n := len(tr.theta)
		theta := append([]float64(nil), tr.theta...)
		m, v := make([]float64, n), make([]float64, n)
		rng := rand.New(rand.NewPCG(10, 11))
		for s := 1; s <= 5; s++ {
			for i := range tr.grad {
				tr.grad[i] = rng.NormFloat64()
			}
			for i := range theta {
				g := tr.grad[i] + cfg.WeightDecay*theta[i]
				m[i] = cfg.Beta1*m[i] + (1-cfg.Beta1)*g
				v[i] = cfg.Beta2*v[i] + (1-cfg.Beta2)*g*g
				mh := m[i] / (1 - math.Pow(cfg.Beta1, float64(s)))
				vh := v[i] / (1 - math.Pow(cfg.Beta2, float64(s)))
				theta[i] -= cfg.LR * mh / (math.Sqrt(vh) + cfg.Eps)
			}
			tr.step = s
			tr.update()
			for i := range theta {
				if d := math.Abs(tr.theta[i] - theta[i]); d > 1e-15*(1+math.Abs(theta[i])) {
					t.Fatalf("β₁ %v, step %d, parameter %d: %v, want %v", beta1, s, i, tr.theta[i], theta[i])
				}
			}
		}
	}
}

func TestStepAllocs(t *testing.T) {
	for _, dof := range []int{1, 2} {
		cfg := DefaultConfig()
		cfg.Width, cfg.Batch = 50, 64
		tr := newTestTrainer(t, 200, dof, cfg)
		if a := testing.AllocsPerRun(20, func() { tr.Step() }); a != 0 {
			t.Errorf("dof %d: Step allocates %v times per call", dof, a)
		}
	}
}

func TestStepFor(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Width, cfg.Batch = 10, 8
	tr := newTestTrainer(t, 20, 1, cfg)
	if n := tr.StepFor(0); n != 1 || tr.Steps() != 1 {
		t.Errorf("StepFor(0) took %d steps (Steps %d), want 1", n, tr.Steps())
	}
	start := time.Now()
	n := tr.StepFor(5 * time.Millisecond)
	if el := time.Since(start); el < 5*time.Millisecond || n < 1 || tr.Steps() != 1+n {
		t.Errorf("StepFor(5ms): %d steps in %v, Steps %d", n, el, tr.Steps())
	}
}

func TestNewTrainerErrors(t *testing.T) {
	x, xd := make([]float64, 8), make([]float64, 8)
	x0 := make([]float64, 2)
	good := DefaultConfig()
	mod := func(f func(*Config)) Config { c := good; f(&c); return c }
	for _, c := range []struct {
		name   string
		x, xd  []float64
		dof    int
		x0     []float64
		config Config
	}{
		{"dof 0", x, xd, 0, nil, good},
		{"no data", nil, nil, 1, x0, good},
		{"ragged X", x[:7], xd[:7], 1, x0, good},
		{"Xdot length", x, xd[:6], 1, x0, good},
		{"x0 length", x, xd, 1, x0[:1], good},
		{"width", x, xd, 1, x0, mod(func(c *Config) { c.Width = 0 })},
		{"batch", x, xd, 1, x0, mod(func(c *Config) { c.Batch = -1 })},
		{"lr", x, xd, 1, x0, mod(func(c *Config) { c.LR = math.NaN() })},
		{"weight decay", x, xd, 1, x0, mod(func(c *Config) { c.WeightDecay = -1 })},
		{"beta1", x, xd, 1, x0, mod(func(c *Config) { c.Beta1 = 1 })},
		{"beta2", x, xd, 1, x0, mod(func(c *Config) { c.Beta2 = -0.1 })},
		{"eps", x, xd, 1, x0, mod(func(c *Config) { c.Eps = math.Inf(1) })},
	} {
		if _, err := NewTrainer(c.x, c.xd, c.dof, c.x0, 0, c.config); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
	if _, err := NewTrainer(x, xd, 2, make([]float64, 4), 0, good); err != nil {
		t.Errorf("valid input: %v", err)
	}
}
