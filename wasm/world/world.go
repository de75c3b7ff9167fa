package world

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"hnnplay/core/integrate"
	"hnnplay/core/number"
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

	// Compare is an optional second learned model (the network trained by
	// Adam in a comparison): every trajectory also follows its flow (see
	// Trajectory.Cmp), with the same integrator. nil: none.
	Compare HGrader

	Integrator string  // requested method (see integrate.Names)
	StepSize   float64 // h
	Trajs      []*Trajectory

	// Lag is the fraction of the requested steps the last Advance managed
	// within its time budget (1 when it kept up).
	Lag float64

	learnedStep, twinStep integrate.Stepper
	learnedMethod         string            // the method actually used for Ĥ
	twinMethod            string            // and for H
	cmpStep               integrate.Stepper // for Compare, nil without one
	nextID                int
	floor                 float64 // energy scale floor, see Trajectory.Drift
	section               map[string]float64
	events                []string
	scratch               []float64
	prev                  []float64 // a state before its step (Poincaré crossings)
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
	w.prev = make([]float64, 2*truth.Dof())
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
	names := system.CoordNames(w.Truth.Dof())
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
	names := system.CoordNames(w.Truth.Dof())
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
	names := system.CoordNames(w.Truth.Dof())
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
	var cs integrate.Stepper
	if w.Compare != nil {
		if cs, _, err = stepperFor(name, w.Compare, false); err != nil {
			return err
		}
	}
	w.Integrator, w.learnedStep, w.twinStep, w.learnedMethod, w.twinMethod = name, ls, ts, lm, tm
	w.cmpStep = cs
	if lm != name {
		if tm != name {
			w.Event(fmt.Sprintf("%s needs a separable H; both flows use %s", integrate.Label(name), integrate.Label(lm)))
		} else {
			w.Event(fmt.Sprintf("%s needs a separable H: the true flow uses it, the learned flow uses %s", integrate.Label(name), integrate.Label(lm)))
		}
	}
	return nil
}

// CatchUpMax is the longest learned trajectory (in steps) whose comparison
// flow restarts at the initial condition when the comparison model changes;
// a longer one branches off the learned flow's current state instead, since
// catching up would cost more than the frames have to spare.
const CatchUpMax = 1200

// SetCompare installs m as the comparison model, or removes it (nil). Each
// trajectory's comparison flow restarts at its initial condition and then
// catches up with the learned flow (see Advance), or, for a trajectory longer
// than CatchUpMax steps, starts at the learned flow's current state.
func (w *World) SetCompare(m HGrader) error {
	if m == nil {
		w.Compare, w.cmpStep = nil, nil
	} else {
		if m.Dof() != w.Truth.Dof() {
			return fmt.Errorf("the comparison model has %d degrees of freedom, the system %d", m.Dof(), w.Truth.Dof())
		}
		s, _, err := stepperFor(w.Integrator, m, false)
		if err != nil {
			return err
		}
		w.Compare, w.cmpStep = m, s
	}
	for _, t := range w.Trajs {
		if m == nil || t.Steps <= CatchUpMax {
			t.resetCmp(w.Plane)
		} else {
			t.branchCmp(w.Plane, w.Truth.H(t.X))
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
	if len(x0) != w.Dim() || !number.Finite(x0...) {
		return nil
	}
	if len(w.Trajs) >= MaxTrajectories {
		w.Trajs = append(w.Trajs[:0], w.Trajs[1:]...)
	}
	t := newTrajectory(w.nextID, x0, w.Truth.H(x0), w.floor, w.Plane)
	if c, ok := w.Truth.(system.Central); ok {
		t.Orbit, t.TwinOrbit, t.L0 = NewRing(OrbitLen, 2), NewRing(OrbitLen, 2), c.AngularMomentum(x0)
		t.Orbit.Push(x0[0], x0[1])
		t.TwinOrbit.Push(x0[0], x0[1])
	}
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
// trajectory. With a comparison model, each comparison flow takes the same
// steps, and those that restarted with a new model catch up in the time
// that is left (until stop). It returns the number of sweeps done.
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
			if w.Compare != nil && !t.CmpStopped && t.CmpSteps < t.Steps {
				w.stepCmp(t, h)
			}
		}
		done++
		if !any || (stop != nil && stop()) {
			break
		}
	}
	if w.Compare != nil && (stop == nil || !stop()) {
		w.catchUp(h, stop)
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
			if w.Compare != nil && !t.CmpStopped && t.CmpSteps == t.Steps {
				t.CmpEnergy.Push(t.Drift(w.Truth.H(t.Cmp)))
			}
		}
	}
	return done
}

// catchUp steps the comparison flows that are behind their learned
// trajectory, a few steps each per round, until all have caught up or stop
// reports true (checked after each round).
func (w *World) catchUp(h float64, stop func() bool) {
	for {
		any := false
		for _, t := range w.Trajs {
			for k := 0; k < 8 && !t.CmpStopped && t.CmpSteps < t.Steps; k++ {
				w.stepCmp(t, h)
				any = true
			}
		}
		if !any || (stop != nil && stop()) {
			return
		}
	}
}

// stepCmp advances the comparison flow of t by one step. It stops quietly
// (the status line belongs to the comparison) when the step fails or the
// state is far away.
func (w *World) stepCmp(t *Trajectory, h float64) {
	if err := w.robustStep(w.cmpStep, t.Cmp, h, true); err != nil {
		t.CmpStopped = true
		return
	}
	t.CmpSteps++
	t.CmpTrail.Push(w.Plane.Project(t.Cmp))
	if d := t.Drift(w.Truth.H(t.Cmp)); !(d <= t.CmpMaxDrift) {
		t.CmpMaxDrift = d
	}
	if w.far(t.Cmp) || !number.Finite(t.Cmp...) {
		t.CmpStopped = true
	}
}

// robustStep advances x by one step of s. When an implicit solve does not
// converge it retries the same step as 2, then 4 substeps of the same method
// (still symplectic and symmetric) before reporting the error; x is
// unchanged on error.
func (w *World) robustStep(s integrate.Stepper, x []float64, h float64, quiet bool) error {
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
	if !quiet {
		println("hnnplay: step failed:", err.Error()) // the details, for the console
	}
	return err
}

func (w *World) stepOne(t *Trajectory, h float64) {
	prev := w.prev[:copy(w.prev, t.X)]
	if err := w.robustStep(w.learnedStep, t.X, h, false); err != nil {
		t.Stopped, t.Failed = true, true
		t.Reason = stopMessage(t.ID, t.T, err, false)
		w.Event(t.Reason)
		return
	}
	t.Steps++
	t.T += h
	t.Trail.Push(w.Plane.Project(t.X))
	if pt, ok := crossing(prev, t.X); ok && len(t.Crossings) < MaxCrossings {
		t.Crossings = append(t.Crossings, pt)
	}
	if t.Orbit != nil {
		t.Orbit.Push(t.X[0], t.X[1])
	}
	if w.far(t.X) {
		t.Stopped = true
		t.Reason = fmt.Sprintf("trajectory %d left the plot far behind at t=%.3g and was stopped", t.ID, t.T)
		w.Event(t.Reason)
	}
	if !t.TwinStopped {
		copy(prev, t.Twin)
		if err := w.robustStep(w.twinStep, t.Twin, h, false); err != nil {
			t.TwinStopped = true
			w.Event(stopMessage(t.ID, t.T, err, true))
		} else {
			t.TwinTrail.Push(w.Plane.Project(t.Twin))
			if pt, ok := crossing(prev, t.Twin); ok && len(t.TwinCrossings) < MaxCrossings {
				t.TwinCrossings = append(t.TwinCrossings, pt)
			}
			if t.TwinOrbit != nil {
				t.TwinOrbit.Push(t.Twin[0], t.Twin[1])
			}
			if w.far(t.Twin) {
				t.TwinStopped = true
			}
		}
	}
	t.History.Push(t.Steps, t.T, t.X, t.Twin)
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

// OrbitLen is the length of the orbit trails: at h = 0.05 more than one
// turn of the circular Kepler orbit of radius 1 (period 2π).
const OrbitLen = 600

// OrbitDrift returns, for a central-force system, the largest relative
// drift of the energy and of the angular momentum along the running true
// twins: |H − H₀| / Scale (see Trajectory.Drift) and |L − L₀| / max(|L₀|,
// 1e-12); ok is false for other systems.
func (w *World) OrbitDrift() (energy, momentum float64, ok bool) {
	c, ok := w.Truth.(system.Central)
	if !ok {
		return 0, 0, false
	}
	for _, t := range w.Trajs {
		if t.TwinStopped {
			continue
		}
		energy = math.Max(energy, t.Drift(w.Truth.H(t.Twin)))
		momentum = math.Max(momentum, math.Abs(c.AngularMomentum(t.Twin)-t.L0)/math.Max(math.Abs(t.L0), 1e-12))
	}
	return energy, momentum, true
}

// Crossings counts the Poincaré crossings of all trajectories, of the
// learned flows and of their true twins.
func (w *World) Crossings() (learned, truth int) {
	for _, t := range w.Trajs {
		learned += len(t.Crossings)
		truth += len(t.TwinCrossings)
	}
	return learned, truth
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

// CompareStats summarises the comparison flows: how many are running, the
// steps of the oldest running one, how many steps the furthest behind lags
// its learned trajectory (catching up after a new model), and the largest
// energy drift (as Stats) over the running ones. All zero without a
// comparison model.
func (w *World) CompareStats() (running, steps, behind int, maxDrift float64) {
	if w.Compare == nil {
		return 0, 0, 0, 0
	}
	for _, t := range w.Trajs {
		if t.CmpStopped {
			continue
		}
		if running == 0 {
			steps = t.CmpSteps
		}
		running++
		behind = max(behind, t.Steps-t.CmpSteps)
		maxDrift = math.Max(maxDrift, t.CmpMaxDrift)
	}
	return running, steps, behind, maxDrift
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
