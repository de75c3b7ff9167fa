package race

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"hnnplay/core/adam"
	"hnnplay/core/data"
	"hnnplay/core/fit"
	"hnnplay/core/metric"
	"hnnplay/core/system"
)

// pendulum returns a small single-pendulum problem.
func pendulum(t *testing.T, kTrain, kTest int) (sys system.System, train, test *data.Set) {
	t.Helper()
	sys = system.NewPendulum()
	train, test, err := data.TrainTest(sys, sys.Box(), kTrain, kTest, 3943)
	if err != nil {
		t.Fatal(err)
	}
	return sys, train, test
}

func config(width, steps int) Config {
	ac := adam.DefaultConfig()
	ac.Width, ac.Batch = 0, 64
	ac.LR = 1e-3
	return Config{Width: width, Fit: fit.Config{Seed: 992472}, Adam: ac, Steps: steps}
}

func newRace(t *testing.T, train, test *data.Set, sys system.System, cfg Config) *Race {
	t.Helper()
	x0 := sys.Anchor()
	r, err := New(train, test, sys, x0, sys.H(x0), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// fakeClock advances by tick on every reading.
type fakeClock struct {
	t    time.Time
	tick time.Duration
}

func (c *fakeClock) now() time.Time {
	c.t = c.t.Add(c.tick)
	return c.t
}

func relClose(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Abs(b) }

// Both methods learn from the very same training set and are scored on the
// very same test states: recompute everything independently and compare.
func TestSameDataForBoth(t *testing.T) {
	sys, train, test := pendulum(t, 300, 200)
	cfg := config(40, 12)
	r := newRace(t, train, test, sys, cfg)
	if r.Train() != train || r.Test() != test {
		t.Fatal("race does not hold the sets it was given")
	}
	sp, err := r.FitSampled()
	if err != nil {
		t.Fatal(err)
	}
	for !r.Done() {
		r.Advance(0)
	}
	curve := r.Curve()
	if len(curve) != 13 || curve[0].Steps != 0 || curve[12].Steps != 12 {
		t.Fatalf("curve %v: want 13 points, one per step from 0 to 12", curve)
	}

	// The sampled model is what fit.Fit gives on the training set...
	x0 := sys.Anchor()
	want, err := fit.Fit(fit.Problem{Dof: 1, X: train.X, Xdot: train.Xdot, H: train.H, X0: x0, H0: sys.H(x0)},
		fit.Config{Width: 40, Seed: 992472})
	if err != nil {
		t.Fatal(err)
	}
	got := r.Sampled().Model
	if !slices.Equal(got.W, want.Model.W) || !slices.Equal(got.C, want.Model.C) || got.C0 != want.Model.C0 {
		t.Error("sampled model differs from fit.Fit on the training set")
	}
	// ...and Adam's is what a trainer on the same training set gives.
	ac := cfg.Adam
	ac.Width = 40
	tr, err := adam.NewTrainer(train.X, train.Xdot, 1, x0, sys.H(x0), ac)
	if err != nil {
		t.Fatal(err)
	}
	for range 12 {
		tr.Step()
	}
	am, wm := r.AdamModel(), tr.Model()
	if !slices.Equal(am.W, wm.W) || !slices.Equal(am.B, wm.B) || !slices.Equal(am.C, wm.C) || am.C0 != wm.C0 {
		t.Error("Adam's model differs from a trainer on the training set")
	}

	// Both errors are the metric package's e_H on the test set.
	if e := metric.Evaluate(got, test, sys).H; !relClose(sp.RelL2H, e) {
		t.Errorf("sampled error %v, metric.Evaluate gives %v", sp.RelL2H, e)
	}
	if e := metric.Evaluate(am, test, sys).H; !relClose(curve[12].RelL2H, e) {
		t.Errorf("Adam's error %v, metric.Evaluate gives %v", curve[12].RelL2H, e)
	}
	s := r.Summary()
	if s.SampledError != sp.RelL2H || s.AdamFinalError != curve[12].RelL2H || s.AdamSteps != 12 {
		t.Errorf("summary %+v does not match the curve", s)
	}
}

// With a fake clock that ticks 1 ms per reading and evaluations and the fit
// that each "take" an hour of it, Adam's time is exactly its steps and the
// sampled time is exactly fit.Result.Total.
func TestTimesExcludeEvaluation(t *testing.T) {
	sys, train, test := pendulum(t, 300, 200)
	r := newRace(t, train, test, sys, config(40, 100))
	clock := &fakeClock{t: time.Unix(0, 0), tick: time.Millisecond}
	r.now = clock.now
	score := r.testErrs
	r.testErrs = func(m system.Hamiltonian) float64 {
		clock.t = clock.t.Add(time.Hour)
		return score(m)
	}
	r.fit = func(p fit.Problem, c fit.Config) (*fit.Result, error) {
		res, err := fit.Fit(p, c)
		clock.t = clock.t.Add(time.Hour)
		if res != nil {
			res.Total = 4 * time.Millisecond
		}
		return res, err
	}
	sp, err := r.FitSampled()
	if err != nil {
		t.Fatal(err)
	}
	if sp.Seconds != 0.004 || sp.Steps != 0 {
		t.Errorf("sampled point %+v, want 0.004 s at 0 steps", sp)
	}
	for {
		p, done := r.Advance(5 * time.Millisecond)
		if p.Steps%5 != 0 || p.Seconds != float64(p.Steps)/1000 {
			t.Errorf("point %+v: want a multiple of 5 steps at 1 ms each", p)
		}
		if done {
			break
		}
	}
	s := r.Summary()
	if s.AdamSteps != 100 || s.AdamSeconds != 0.1 || r.AdamTime() != 100*time.Millisecond {
		t.Errorf("Adam: %d steps in %v s, want 100 in 0.1 s", s.AdamSteps, s.AdamSeconds)
	}
	if s.Reached || !s.SpeedupIsLowerBound || s.Speedup != 25 {
		t.Errorf("reached %v, speed-up %v (lower bound %v); want not reached, 100 ms / 4 ms = 25, lower bound",
			s.Reached, s.Speedup, s.SpeedupIsLowerBound)
	}
	text := s.Text()
	for _, want := range []string{"after 100 steps (0.1 s)", "the sampled " + sci(s.SampledError) + " (0.004 s)",
		"the speed-up is more than 25× (lower bound)"} {
		if !strings.Contains(text, want) {
			t.Errorf("text %q lacks %q", text, want)
		}
	}
}

// A scripted race where Adam reaches the sampled error at its fourth
// evaluation: the speed-up is the time of that evaluation over the fit time.
func TestReached(t *testing.T) {
	for _, stop := range []bool{true, false} {
		sys, train, test := pendulum(t, 100, 50)
		cfg := config(10, 30)
		cfg.StopWhenReached = stop
		r := newRace(t, train, test, sys, cfg)
		r.now = (&fakeClock{t: time.Unix(0, 0), tick: time.Millisecond}).now
		r.fit = func(p fit.Problem, c fit.Config) (*fit.Result, error) {
			res, err := fit.Fit(p, c)
			if res != nil {
				res.Total = 2 * time.Millisecond
			}
			return res, err
		}
		errs := []float64{1e-3, 1, 0.5, 0.01, 8e-4, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10}
		r.testErrs = func(system.Hamiltonian) float64 {
			e := errs[0]
			errs = errs[1:]
			return e
		}
		if _, err := r.FitSampled(); err != nil {
			t.Fatal(err)
		}
		for {
			if _, done := r.Advance(3 * time.Millisecond); done {
				break
			}
		}
		s := r.Summary()
		if !s.Reached || s.TimeToReach != 0.009 || s.StepsToReach != 9 || s.Speedup != 4.5 || s.SpeedupIsLowerBound {
			t.Errorf("stop=%v: %+v; want reached after 9 steps (0.009 s), speed-up 4.5", stop, s)
		}
		wantSteps := 30
		if stop {
			wantSteps = 9
		}
		if s.AdamSteps != wantSteps {
			t.Errorf("stop=%v: Adam took %d steps, want %d", stop, s.AdamSteps, wantSteps)
		}
		const want = "Adam reached the sampled error 1.0e-3 after 0.009 s (9 steps); the sampled fit took 0.002 s: 4.5× slower"
		if got := s.Text(); got != want {
			t.Errorf("text\n%q, want\n%q", got, want)
		}
	}
}

func TestBudget(t *testing.T) {
	sys, train, test := pendulum(t, 100, 50)
	cfg := config(10, 0)
	cfg.Budget = Budget{Seconds: 0.01}
	r := newRace(t, train, test, sys, cfg)
	r.now = (&fakeClock{t: time.Unix(0, 0), tick: time.Millisecond}).now
	p, done := r.Advance(time.Hour)
	if !done || p.Steps != 10 || p.Seconds != 0.01 {
		t.Errorf("Advance under a 10 ms budget: %+v done=%v; want 10 steps, 0.01 s, done", p, done)
	}
	if p2, done := r.Advance(time.Hour); !done || p2 != p || r.AdamSteps() != 10 {
		t.Errorf("Advance after the budget took more steps: %+v", p2)
	}
}

// With the real clock, the reported times fit inside the wall time around
// the calls that produced them.
func TestTimesWithinWallClock(t *testing.T) {
	sys, train, test := pendulum(t, 300, 300)
	cfg := config(40, 60)
	r := newRace(t, train, test, sys, cfg)
	t0 := time.Now()
	sp, err := r.FitSampled()
	if wall := time.Since(t0).Seconds(); err != nil || !(sp.Seconds > 0 && sp.Seconds <= wall) {
		t.Errorf("sampled time %v s, wall %v s (err %v)", sp.Seconds, wall, err)
	}
	if !(sp.RelL2H < 0.2) {
		t.Errorf("sampled error %v is implausibly large", sp.RelL2H)
	}
	prev := 0.0
	for {
		t0 := time.Now()
		p, done := r.Advance(time.Millisecond)
		if wall := time.Since(t0).Seconds(); !(p.Seconds-prev >= 0 && p.Seconds-prev <= wall) {
			t.Errorf("Adam's time grew by %v s in a call of %v s", p.Seconds-prev, wall)
		}
		prev = p.Seconds
		if done {
			break
		}
	}
	s := r.Summary()
	if s.Reached {
		t.Skipf("Adam reached the sampled error %v in %d steps", s.SampledError, s.AdamSteps)
	}
	if got := s.AdamSeconds / s.SampledSeconds; !relClose(s.Speedup, got) || !s.SpeedupIsLowerBound {
		t.Errorf("speed-up %v, want Adam time / sampled time = %v as a lower bound", s.Speedup, got)
	}
}

func TestRun(t *testing.T) {
	sys, train, test := pendulum(t, 200, 100)
	cfg := config(20, 25)
	r := newRace(t, train, test, sys, cfg)
	var pts []Point
	s, err := r.Run(func(p Point) { pts = append(pts, p) })
	if err != nil {
		t.Fatal(err)
	}
	curve := r.Curve()
	if len(pts) == 0 || pts[len(pts)-1] != curve[len(curve)-1] || len(curve) != len(pts)+1 {
		t.Errorf("progress saw %d points, curve has %d", len(pts), len(curve))
	}
	if s.AdamSteps != 25 || !s.Sampled || s.AdamSeconds != curve[len(curve)-1].Seconds {
		t.Errorf("summary %+v", s)
	}
}

func TestNewErrors(t *testing.T) {
	sys, train, test := pendulum(t, 20, 10)
	dp := system.NewDoublePendulum()
	dpTrain, _, _ := data.TrainTest(dp, dp.Box(), 20, 10, 1)
	noH := &data.Set{Dof: 1, X: test.X, Xdot: test.Xdot}
	x0 := sys.Anchor()
	for _, c := range []struct {
		name        string
		train, test *data.Set
		truth       system.Hamiltonian
		edit        func(*Config)
		want        string
	}{
		{"nil set", nil, test, sys, nil, "need a training and a test set"},
		{"dof", dpTrain, test, sys, nil, "degrees of freedom"},
		{"truth dof", train, test, dp, nil, "true system has 2"},
		{"no reference", train, noH, nil, nil, "no energies"},
		{"width", train, test, sys, func(c *Config) { c.Width = 0 }, "width must be at least 1"},
		{"fit width", train, test, sys, func(c *Config) { c.Fit.Width = 7 }, "sampled network's width 7"},
		{"adam width", train, test, sys, func(c *Config) { c.Adam.Width = 7 }, "Adam's width 7"},
		{"no limit", train, test, sys, func(c *Config) { c.Steps = 0 }, "step limit or a time budget"},
		{"sampler", train, test, sys, func(c *Config) { c.Fit.Sampler = "bogus" }, "unknown sampler"},
		{"lr", train, test, sys, func(c *Config) { c.Adam.LR = math.NaN() }, "learning rate"},
	} {
		cfg := config(5, 10)
		if c.edit != nil {
			c.edit(&cfg)
		}
		_, err := New(c.train, c.test, c.truth, x0, 0, cfg)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
	// A test set without H is fine when the truth is given.
	if _, err := New(train, noH, sys, x0, 0, config(5, 10)); err != nil {
		t.Errorf("test set without H and a truth: %v", err)
	}
}

func TestTextEarly(t *testing.T) {
	for _, c := range []struct {
		s    Summary
		want string
	}{
		{Summary{}, "the race has not started"},
		{Summary{AdamSteps: 3, AdamSeconds: 0.5, AdamBestError: 0.02},
			"Adam's best error after 3 steps (0.5 s) is 2.0e-2; the sampled network has not been fitted yet"},
		{Summary{Sampled: true, SampledSeconds: 0.27, SampledError: 2.1e-9},
			"the sampled network reached 2.1e-9 in 0.27 s; Adam has not taken a step yet"},
		{Summary{Sampled: true, SampledSeconds: 0.27, SampledError: 2.1e-9, AdamSteps: 15000, AdamSeconds: 12.3,
			AdamBestError: 2.2e-3, Speedup: 45.5, SpeedupIsLowerBound: true},
			"Adam's best error after 15000 steps (12.3 s) is 2.2e-3, still 1e6× worse than the sampled 2.1e-9 (0.27 s): the speed-up is more than 46× (lower bound)"},
		{Summary{Sampled: true, SampledSeconds: 0.5, SampledError: 1e-3, AdamSteps: 10, AdamSeconds: 0.1,
			AdamBestError: 0.1, Speedup: 0.2, SpeedupIsLowerBound: true},
			"Adam's best error after 10 steps (0.1 s) is 1.0e-1, still 100× worse than the sampled 1.0e-3 (0.5 s): Adam stopped before the sampled fit's time, so no speed-up can be claimed"},
		{Summary{Sampled: true, SampledSeconds: 0.5, SampledError: 1e-3, AdamSteps: 10, AdamSeconds: 0.1,
			Reached: true, TimeToReach: 0.1, StepsToReach: 10, Speedup: 0.2},
			"Adam reached the sampled error 1.0e-3 after 0.1 s (10 steps); the sampled fit took 0.5 s: Adam was 5× faster"},
	} {
		if got := c.s.Text(); got != c.want {
			t.Errorf("Text()\n got %q\nwant %q", got, c.want)
		}
	}
}

func TestRatioFormat(t *testing.T) {
	for v, want := range map[float64]string{2.6e6: "2.6e6", 78480: "7.8e4", 120.4: "120", 45: "45", 2.5: "2.5", 0.36: "0.36"} {
		if got := ratio(v); got != want {
			t.Errorf("ratio(%g) = %q, want %q", v, got, want)
		}
	}
}
