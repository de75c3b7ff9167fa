package world

import (
	"errors"
	"fmt"
	"math"

	"hnnplay/core/integrate"
)

// Sizes of the per-trajectory histories.
const (
	TrailLen  = 300 // plane points of the trail, one per step
	EnergyLen = 600 // energy samples, one per frame
)

// Trajectory is one initial condition followed twice: by the flow of the
// learned Ĥ (the one that matters) and by the flow of the true H (its twin,
// drawn fainter), with the same integrator and step.
type Trajectory struct {
	ID     int // 1, 2, … in order of creation; shown to the user
	Colour int // index into TrajectoryColours
	X0     []float64

	X    []float64 // state under the learned flow
	Twin []float64 // state under the true flow

	Trail, TwinTrail *Ring // plane points
	// History holds the full states of both flows over the whole run, for
	// export.
	History *History
	// Energy holds, per frame, the relative energy error of the learned
	// trajectory measured with the true H (see Drift), and of the twin.
	Energy, TwinEnergy *Ring

	H0       float64 // true H(x0)
	Scale    float64 // denominator of the relative drift
	MaxDrift float64 // largest drift so far of the learned trajectory
	Steps    int     // steps taken by the learned trajectory
	T        float64 // its time

	Stopped     bool   // the learned trajectory stopped (diverged, no convergence, far away)
	Failed      bool   // stopped because of an integrator error
	Reason      string // why, for the status line
	TwinStopped bool

	// The same start under the flow of the world's comparison model (the
	// network trained by Adam), when it has one: its state, plane trail and
	// energy history (as Energy), its step count and largest drift. It
	// follows the learned trajectory step for step; after the comparison
	// model changes it restarts at X0 and catches up within the frame
	// budget (CmpSteps < Steps meanwhile; its energy is recorded only once
	// it has caught up), or, past World.CatchUpMax steps, branches off the
	// learned flow's current state.
	Cmp         []float64
	CmpTrail    *Ring
	CmpEnergy   *Ring
	CmpSteps    int
	CmpMaxDrift float64
	CmpStopped  bool

	// Crossings of the Poincaré section of a two-degree-of-freedom system
	// (q₂ = 0 going up: p₂ > 0), as (q₁, p₁), by the learned flow and by
	// its true twin, at most MaxCrossings each (see crossing).
	Crossings, TwinCrossings [][2]float64

	// For a central-force system (system.Central): the positions (x, y) of
	// both flows, one per step, and the angular momentum at the start.
	Orbit, TwinOrbit *Ring
	L0               float64
}

// MaxCrossings is the most Poincaré crossings kept per flow of a trajectory.
const MaxCrossings = 5000

// crossing reports where the step from prev to x crossed the Poincaré
// section q₂ = 0 upwards (q₂ from below 0 to at least 0 with p₂ > 0), as
// (q₁, p₁) interpolated linearly within the step; ok is false if it did
// not, or if the system has not two degrees of freedom.
func crossing(prev, x []float64) (pt [2]float64, ok bool) {
	if len(x) != 4 || !(prev[1] < 0 && x[1] >= 0) || !(x[3] > 0) {
		return pt, false
	}
	s := -prev[1] / (x[1] - prev[1])
	return [2]float64{prev[0] + s*(x[0]-prev[0]), prev[2] + s*(x[2]-prev[2])}, true
}

// Drift returns the relative energy error |H(x) − H(x₀)| / Scale of the true
// H along the learned trajectory; Scale = max(|H(x₀)|, floor), where the
// floor is 1 % of the spread of H over the training box, so that a start
// near a zero of H (the pendulum at rest: H = 0) does not divide by ~0.
func (t *Trajectory) Drift(h float64) float64 {
	return math.Abs(h-t.H0) / t.Scale
}

func newTrajectory(id int, x0 []float64, h0, floor float64, p Plane) *Trajectory {
	t := &Trajectory{
		ID: id, Colour: (id - 1) % len(TrajectoryColours),
		X0: append([]float64(nil), x0...), X: append([]float64(nil), x0...), Twin: append([]float64(nil), x0...),
		Trail: NewRing(TrailLen, 2), TwinTrail: NewRing(TrailLen, 2),
		Energy: NewRing(EnergyLen, 1), TwinEnergy: NewRing(EnergyLen, 1),
		H0: h0, Scale: math.Max(math.Abs(h0), floor),
		Cmp: append([]float64(nil), x0...), CmpTrail: NewRing(TrailLen, 2), CmpEnergy: NewRing(EnergyLen, 1),
		History: NewHistory(len(x0)),
	}
	t.History.Push(0, 0, x0, x0)
	t.Trail.Push(p.Project(x0))
	t.TwinTrail.Push(p.Project(x0))
	t.CmpTrail.Push(p.Project(x0))
	return t
}

// branchCmp starts the comparison flow at the learned flow's current state,
// in step with it; h is the true H there.
func (t *Trajectory) branchCmp(p Plane, h float64) {
	copy(t.Cmp, t.X)
	t.CmpTrail.Reset()
	t.CmpEnergy.Reset()
	t.CmpTrail.Push(p.Project(t.X))
	t.CmpSteps, t.CmpMaxDrift, t.CmpStopped = t.Steps, t.Drift(h), false
}

// resetCmp restarts the comparison flow at the initial condition.
func (t *Trajectory) resetCmp(p Plane) {
	copy(t.Cmp, t.X0)
	t.CmpTrail.Reset()
	t.CmpEnergy.Reset()
	t.CmpTrail.Push(p.Project(t.X0))
	t.CmpSteps, t.CmpMaxDrift, t.CmpStopped = 0, 0, false
}

// reset puts the trajectory back at its initial condition.
func (t *Trajectory) reset(p Plane) {
	copy(t.X, t.X0)
	copy(t.Twin, t.X0)
	t.Trail.Reset()
	t.TwinTrail.Reset()
	t.Energy.Reset()
	t.TwinEnergy.Reset()
	t.Trail.Push(p.Project(t.X0))
	t.TwinTrail.Push(p.Project(t.X0))
	t.MaxDrift, t.Steps, t.T = 0, 0, 0
	t.History.Reset()
	t.History.Push(0, 0, t.X0, t.X0)
	t.Stopped, t.Failed, t.Reason, t.TwinStopped = false, false, "", false
	t.Crossings, t.TwinCrossings = nil, nil
	if t.Orbit != nil {
		t.Orbit.Reset()
		t.TwinOrbit.Reset()
		t.Orbit.Push(t.X0[0], t.X0[1])
		t.TwinOrbit.Push(t.X0[0], t.X0[1])
	}
	t.resetCmp(p)
}

// stopMessage turns an integrator error into advice for the status line.
func stopMessage(id int, t float64, err error, twin bool) string {
	who := fmt.Sprintf("trajectory %d", id)
	if twin {
		who = fmt.Sprintf("the true-flow twin of trajectory %d", id)
	}
	switch {
	case errors.Is(err, integrate.ErrDiverged):
		return fmt.Sprintf("%s diverged at t=%.3g; try a smaller step size", who, t)
	case errors.Is(err, integrate.ErrNoConvergence):
		return fmt.Sprintf("%s stopped at t=%.3g: the implicit solve did not converge; try a smaller step size", who, t)
	default:
		return fmt.Sprintf("%s stopped at t=%.3g: %v", who, t, err)
	}
}
