package world

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"hnnplay/core/integrate"
	"hnnplay/core/system"
)

// MaxTrajectories bounds the live trajectories; adding one more drops the oldest.
const MaxTrajectories = 40

// GridSize is the resolution of the per-model grid (nodes per side).
const GridSize = 129

// World is the scene: a true system, a learned Ĥ, the plane drawn, and the
// trajectories. It is single-threaded, like the frame loop that drives it.
type World struct {
	Truth   system.System
	Learned HGrader
	Box     system.Box
	Points  [][]float64 // training points to draw (full states)
	Plane   Plane
	Grid    *Grid

	Integrator string  // requested method (see integrate.Names)
	StepSize   float64 // h
	Trajs      []*Trajectory

	// Lag is the fraction of the requested steps the last Advance managed
	// within its time budget (1 when it kept up).
	Lag float64

	learnedStep, twinStep integrate.Stepper
	learnedMethod         string // the method actually used for Ĥ
	twinMethod            string // and for H
	nextID                int
	floor                 float64 // energy scale floor, see Trajectory.Drift
	section               map[string]float64
	events                []string
	scratch               []float64
}

// New returns a world for a trained model. base holds the coordinates not on
// the plane (nil: the system's anchor, clipped into the box).
func New(truth system.System, learned HGrader, box system.Box, points [][]float64, integrator string, h float64) (*World, error) {
	if learned.Dof() != truth.Dof() {
		return nil, fmt.Errorf("the model has %d degrees of freedom, the system %d", learned.Dof(), truth.Dof())
	}
	if err := box.Validate(2 * truth.Dof()); err != nil {
		return nil, err
	}
	w := &World{Truth: truth, Learned: learned, Box: box.Clone(), Points: points, StepSize: h, Lag: 1, nextID: 1,
		section: map[string]float64{}}
	w.scratch = make([]float64, 2*truth.Dof())
	w.floor = energyFloor(truth, box)
	w.setPlane(defaultBase(truth, box))
	if err := w.SetIntegrator(integrator); err != nil {
		return nil, err
	}
	return w, nil
}

// defaultBase is the anchor clipped into the box: a sensible section (for
// Kepler the circular orbit's momentum, for the others the origin).
func defaultBase(truth system.System, box system.Box) []float64 {
	b := truth.Anchor()
	for i := range b {
		b[i] = math.Max(box.Lo[i], math.Min(box.Hi[i], b[i]))
	}
	return b
}

// energyFloor is 1 % of the spread of the true H over the box, estimated
// from a fixed quasi-random sample (cheap: H is analytic).
func energyFloor(truth system.System, box system.Box) float64 {
	r := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, len(box.Lo))
	lo, hi := math.Inf(1), math.Inf(-1)
	for k := 0; k < 2048; k++ {
		for i := range x {
			x[i] = box.Lo[i] + r.Float64()*(box.Hi[i]-box.Lo[i])
		}
		h := truth.H(x)
		if !math.IsNaN(h) && !math.IsInf(h, 0) {
			lo, hi = math.Min(lo, h), math.Max(hi, h)
		}
	}
	if !(hi > lo) {
		return 1e-12
	}
	return math.Max(0.01*(hi-lo), 1e-12)
}

func (w *World) setPlane(base []float64) {
	w.Plane = NewPlane(w.Box, base)
	w.Grid = NewGrid(w.Plane, GridSize, GridSize)
}

// Dim returns the state dimension 2d.
func (w *World) Dim() int { return 2 * w.Truth.Dof() }

// SectionNames returns the names of the coordinates fixed by the section
// (empty for a 1-dof system), e.g. ["q2", "p2"].
func (w *World) SectionNames() []string {
	names := coordNames(w.Truth.Dof())
	out := []string{}
	for i, n := range names {
		if i != w.Plane.I && i != w.Plane.J {
			out = append(out, n)
		}
	}
	return out
}

// Section returns the current value of each fixed coordinate.
func (w *World) Section() map[string]float64 {
	names := coordNames(w.Truth.Dof())
	out := map[string]float64{}
	for i, n := range names {
		if i != w.Plane.I && i != w.Plane.J {
			out[n] = w.Plane.Base[i]
		}
	}
	return out
}

// SetSection moves the plane: values maps coordinate names (q2, p2, …) to the
// values of the fixed coordinates. Unknown names and the plane's own axes are
// ignored. The grid is recomputed if anything changed; it reports whether it did.
func (w *World) SetSection(values map[string]float64) bool {
	names := coordNames(w.Truth.Dof())
	base := append([]float64(nil), w.Plane.Base...)
	changed := false
	for i, n := range names {
		if i == w.Plane.I || i == w.Plane.J {
			continue
		}
		if v, ok := values[n]; ok && !math.IsNaN(v) && !math.IsInf(v, 0) && v != base[i] {
			base[i] = v
			changed = true
		}
	}
	if changed {
		w.setPlane(base)
	}
	return changed
}

func coordNames(d int) []string {
	if d == 1 {
		return []string{"q", "p"}
	}
	n := make([]string, 0, 2*d)
	for _, c := range []string{"q", "p"} {
		for i := 1; i <= d; i++ {
			n = append(n, fmt.Sprintf("%s%d", c, i))
		}
	}
	return n
}

// SetIntegrator selects the method for both flows. A learned Ĥ is never
// separable: a method that needs separability (stormer-verlet) falls back to
// implicit-midpoint for it, and for a non-separable true H as well; the
// fallback is reported as an event.
func (w *World) SetIntegrator(name string) error {
	ls, lm, err := stepperFor(name, w.Learned, false)
	if err != nil {
		return err
	}
	ts, tm, err := stepperFor(name, w.Truth, w.Truth.Separable())
	if err != nil {
		return err
	}
	w.Integrator, w.learnedStep, w.twinStep, w.learnedMethod, w.twinMethod = name, ls, ts, lm, tm
	if lm != name {
		if tm != name {
			w.Event(fmt.Sprintf("%s needs a separable H; both flows use %s", integrate.Label(name), integrate.Label(lm)))
		} else {
			w.Event(fmt.Sprintf("%s needs a separable H: the true flow uses it, the learned flow uses %s", integrate.Label(name), integrate.Label(lm)))
		}
	}
	return nil
}

// Methods returns the methods actually used for the learned and the true flow.
func (w *World) Methods() (learned, truth string) { return w.learnedMethod, w.twinMethod }

func stepperFor(name string, h system.Hamiltonian, separable bool) (integrate.Stepper, string, error) {
	s, err := integrate.New(name, h, separable)
	if errors.Is(err, integrate.ErrNotSeparable) {
		s, err = integrate.New("implicit-midpoint", h, false)
		return s, "implicit-midpoint", err
	}
	if err != nil {
		return nil, "", err
	}
	return s, name, nil
}

// Event queues a message for the status line.
func (w *World) Event(msg string) { w.events = append(w.events, msg) }

// Events returns and clears the queued messages.
func (w *World) Events() []string {
	e := w.events
	w.events = nil
	return e
}

// Add starts a trajectory at the full state x0 and returns it. When
// MaxTrajectories are live the oldest is dropped.
func (w *World) Add(x0 []float64) *Trajectory {
	if len(x0) != w.Dim() || !finite(x0) {
		return nil
	}
	if len(w.Trajs) >= MaxTrajectories {
		w.Trajs = append(w.Trajs[:0], w.Trajs[1:]...)
	}
	t := newTrajectory(w.nextID, x0, w.Truth.H(x0), w.floor, w.Plane)
	w.nextID++
	w.Trajs = append(w.Trajs, t)
	return t
}

// AddAt starts a trajectory at plane point (u, v), the other coordinates
// taken from the section.
func (w *World) AddAt(u, v float64) *Trajectory {
	x := make([]float64, w.Dim())
	w.Plane.Lift(x, u, v)
	return w.Add(x)
}

// Reset puts every trajectory back at its initial condition.
func (w *World) Reset() {
	for _, t := range w.Trajs {
		t.reset(w.Plane)
	}
	w.Lag = 1
}

// Clear removes every trajectory.
func (w *World) Clear() {
	w.Trajs = nil
	w.nextID = 1
	w.Lag = 1
}

// Adopt takes over the trajectories of an older world of the same system:
// their initial conditions restart under this world's model, so a retrained
// network can be compared on the same starts. Incompatible worlds (another
// system or dimension) leave this world empty.
func (w *World) Adopt(old *World) {
	if old == nil || old.Truth.Name() != w.Truth.Name() || old.Dim() != w.Dim() {
		return
	}
	for _, t := range old.Trajs {
		w.Add(t.X0)
	}
	// Keep the section the user chose.
	w.SetSection(old.Section())
}

// Advance integrates every running trajectory by up to steps steps of size
// StepSize, all in lock step, checking stop after each sweep so a frame never
// waits on a long computation; then it records one energy sample per
// trajectory. It returns the number of sweeps done.
func (w *World) Advance(steps int, stop func() bool) int {
	done := 0
	h := w.StepSize
	for s := 0; s < steps; s++ {
		any := false
		for _, t := range w.Trajs {
			if t.Stopped {
				continue
			}
			any = true
			w.stepOne(t, h)
		}
		done++
		if !any || (stop != nil && stop()) {
			break
		}
	}
	if steps > 0 {
		w.Lag = float64(done) / float64(steps)
		for _, t := range w.Trajs {
			if t.Stopped {
				continue
			}
			d := t.Drift(w.Truth.H(t.X))
			t.MaxDrift = math.Max(t.MaxDrift, d)
			t.Energy.Push(d)
			if !t.TwinStopped {
				t.TwinEnergy.Push(t.Drift(w.Truth.H(t.Twin)))
			}
		}
	}
	return done
}

// robustStep advances x by one step of s. When an implicit solve does not
// converge it retries the same step as 2, then 4 substeps of the same method
// (still symplectic and symmetric) before reporting the error; x is
// unchanged on error.
func (w *World) robustStep(s integrate.Stepper, x []float64, h float64) error {
	err := s.Step(x, h)
	if err == nil || !errors.Is(err, integrate.ErrNoConvergence) {
		return err
	}
	save := w.scratch
	for n := 2; n <= 4; n *= 2 {
		copy(save, x)
		var e error
		for k := 0; k < n && e == nil; k++ {
			e = s.Step(x, h/float64(n))
		}
		if e == nil {
			return nil
		}
		copy(x, save)
		err = e
	}
	println("hnnplay: step failed:", err.Error()) // the details, for the console
	return err
}

func (w *World) stepOne(t *Trajectory, h float64) {
	if err := w.robustStep(w.learnedStep, t.X, h); err != nil {
		t.Stopped, t.Failed = true, true
		t.Reason = stopMessage(t.ID, t.T, err, false)
		w.Event(t.Reason)
		return
	}
	t.Steps++
	t.T += h
	t.Trail.Push(w.Plane.Project(t.X))
	if w.far(t.X) {
		t.Stopped = true
		t.Reason = fmt.Sprintf("trajectory %d left the plot far behind at t=%.3g and was stopped", t.ID, t.T)
		w.Event(t.Reason)
	}
	if !t.TwinStopped {
		if err := w.robustStep(w.twinStep, t.Twin, h); err != nil {
			t.TwinStopped = true
			w.Event(stopMessage(t.ID, t.T, err, true))
		} else {
			t.TwinTrail.Push(w.Plane.Project(t.Twin))
			if w.far(t.Twin) {
				t.TwinStopped = true
			}
		}
	}
}

// far reports whether x is more than 20 box widths from the box in any
// coordinate: there the learned Ĥ is pure extrapolation and nothing is drawn.
func (w *World) far(x []float64) bool {
	for i, v := range x {
		wd := w.Box.Hi[i] - w.Box.Lo[i]
		if v < w.Box.Lo[i]-20*wd || v > w.Box.Hi[i]+20*wd {
			return true
		}
	}
	return false
}

// Stats summarises the live trajectories for the page's state(): how many
// exist, the steps of the oldest running one, and the largest energy drift
// (see Trajectory.Drift) over running learned trajectories.
func (w *World) Stats() (count, steps int, maxDrift float64) {
	count = len(w.Trajs)
	for _, t := range w.Trajs {
		if t.Stopped {
			continue
		}
		if steps == 0 {
			steps = t.Steps // Trajs is oldest first
		}
		maxDrift = math.Max(maxDrift, t.MaxDrift)
	}
	return count, steps, maxDrift
}

// Failed reports whether any trajectory stopped on an integrator error.
func (w *World) Failed() bool {
	for _, t := range w.Trajs {
		if t.Failed {
			return true
		}
	}
	return false
}
