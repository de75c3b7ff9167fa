package world

import (
	"math"
	"slices"
	"strings"
	"testing"

	"hnnplay/core/system"
)

// scaled is the pendulum's H times a factor: a wrong model whose flow runs
// at another speed along the same level sets.
type scaled struct {
	system.System
	k float64
}

func (s scaled) H(x []float64) float64 { return s.k * s.System.H(x) }
func (s scaled) Grad(dst, x []float64) {
	s.System.Grad(dst, x)
	for i := range dst {
		dst[i] *= s.k
	}
}
func (s scaled) Hessian(dst, x []float64) {
	s.System.(system.Hessianer).Hessian(dst, x)
	for i := range dst {
		dst[i] *= s.k
	}
}
func (s scaled) HGrad(dst, x []float64) float64 { s.Grad(dst, x); return s.H(x) }

// With the learned model itself as the comparison model, the comparison flow
// is the learned flow, bit for bit, step for step.
func TestCompareFollowsInLockStep(t *testing.T) {
	w := newWorld(t, "implicit-midpoint")
	if err := w.SetCompare(exact{w.Truth}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		w.AddAt(-2+0.7*float64(i), 0.5)
	}
	for f := 0; f < 50; f++ {
		w.Advance(2, nil)
	}
	for _, tr := range w.Trajs {
		if tr.CmpSteps != tr.Steps || !slices.Equal(tr.Cmp, tr.X) {
			t.Fatalf("trajectory %d: comparison %v after %d steps, learned %v after %d", tr.ID, tr.Cmp, tr.CmpSteps, tr.X, tr.Steps)
		}
		if tr.CmpEnergy.Len() != tr.Energy.Len() || tr.CmpTrail.Len() != tr.Trail.Len() {
			t.Fatalf("histories: energy %d vs %d, trail %d vs %d", tr.CmpEnergy.Len(), tr.Energy.Len(), tr.CmpTrail.Len(), tr.Trail.Len())
		}
	}
	n, steps, behind, drift := w.CompareStats()
	_, lsteps, ldrift := w.Stats()
	if n != 5 || steps != lsteps || behind != 0 || drift != ldrift {
		t.Fatalf("compare stats %d %d %d %v, learned steps %d drift %v", n, steps, behind, drift, lsteps, ldrift)
	}
}

// A comparison model installed mid-run restarts its flows at the initial
// conditions; they catch up within the time left in a frame.
func TestCompareCatchesUp(t *testing.T) {
	w := newWorld(t, "implicit-midpoint")
	w.AddAt(1, 0)
	w.AddAt(2, 0.5)
	for f := 0; f < 100; f++ {
		w.Advance(2, nil)
	}
	if err := w.SetCompare(scaled{w.Truth, 1.5}); err != nil {
		t.Fatal(err)
	}
	if _, _, behind, _ := w.CompareStats(); behind != 200 {
		t.Fatalf("behind %d after a new model, want 200", behind)
	}
	// No time left: only the lock-step steps are taken, the gap stays.
	w.Advance(2, func() bool { return true })
	if _, _, behind, _ := w.CompareStats(); behind != 200 {
		// one sweep was done (Advance checks stop after each): both moved one step
		t.Fatalf("behind %d with no time left", behind)
	}
	// Some time: a few catch-up rounds.
	calls := 0
	w.Advance(1, func() bool { calls++; return calls > 3 })
	_, _, behind, _ := w.CompareStats()
	if !(behind < 200 && behind > 0) {
		t.Fatalf("behind %d after a little time", behind)
	}
	// Unlimited time: caught up. The energy history starts only then.
	if w.Trajs[0].CmpEnergy.Len() != 0 {
		t.Fatalf("energy recorded while behind: %d samples", w.Trajs[0].CmpEnergy.Len())
	}
	w.Advance(1, nil)
	n, steps, behind, drift := w.CompareStats()
	if n != 2 || behind != 0 || steps != w.Trajs[0].Steps || w.Trajs[0].CmpEnergy.Len() != 1 {
		t.Fatalf("after catching up: %d running, %d steps (learned %d), %d behind, %d energy samples",
			n, steps, w.Trajs[0].Steps, behind, w.Trajs[0].CmpEnergy.Len())
	}
	// 1.5·H has the same level sets: the true energy is conserved along
	// its flow too, to the integrator's accuracy, but the state differs.
	if !(drift < 1e-2) {
		t.Errorf("comparison drift %v", drift)
	}
	if d := math.Hypot(w.Trajs[0].Cmp[0]-w.Trajs[0].X[0], w.Trajs[0].Cmp[1]-w.Trajs[0].X[1]); !(d > 1e-3) {
		t.Errorf("a faster flow ends where the learned one does (distance %v)", d)
	}

	// Reset restarts all three flows together; removing the model stops it.
	w.Reset()
	if tr := w.Trajs[0]; tr.CmpSteps != 0 || !slices.Equal(tr.Cmp, tr.X0) || tr.CmpTrail.Len() != 1 {
		t.Fatalf("after reset: %d steps at %v", tr.CmpSteps, tr.Cmp)
	}
	// A trajectory added now follows the comparison model from its start.
	w.AddAt(0.5, 0)
	w.Advance(3, nil)
	if tr := w.Trajs[2]; tr.CmpSteps != 3 {
		t.Fatalf("new trajectory: %d comparison steps", tr.CmpSteps)
	}
	if err := w.SetCompare(nil); err != nil {
		t.Fatal(err)
	}
	w.Advance(3, nil)
	if n, steps, behind, drift := w.CompareStats(); n != 0 || steps != 0 || behind != 0 || drift != 0 || w.Trajs[0].CmpSteps != 0 {
		t.Fatalf("without a model: %d %d %d %v", n, steps, behind, drift)
	}
}

// A comparison model that blows up stops its flows quietly; the learned
// flows go on.
func TestCompareDivergesQuietly(t *testing.T) {
	w := newWorld(t, "symplectic-euler")
	w.AddAt(1, 0)
	if err := w.SetCompare(scaled{w.Truth, 1e9}); err != nil {
		t.Fatal(err)
	}
	for f := 0; f < 20; f++ {
		w.Advance(2, nil)
	}
	if n, _, _, _ := w.CompareStats(); n != 0 || !w.Trajs[0].CmpStopped {
		t.Fatalf("%d comparison flows running", n)
	}
	if w.Trajs[0].Stopped || w.Trajs[0].Steps != 40 {
		t.Fatalf("learned flow: stopped %v, %d steps", w.Trajs[0].Stopped, w.Trajs[0].Steps)
	}
	for _, e := range w.Events() {
		if strings.Contains(e, "trajectory 1") {
			t.Errorf("event %q about the comparison flow", e)
		}
	}
}

func TestCompareDofMismatch(t *testing.T) {
	w := newWorld(t, "implicit-midpoint")
	hh, err := system.New("henon-heiles", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.SetCompare(exact{hh}); err == nil || !strings.Contains(err.Error(), "degrees of freedom") {
		t.Fatalf("error %v", err)
	}
	if w.Compare != nil {
		t.Fatal("a mismatched model was installed")
	}
}

// Changing the integrator keeps the comparison flow on the same method.
func TestCompareIntegrator(t *testing.T) {
	w := newWorld(t, "implicit-midpoint")
	w.AddAt(1, 0)
	if err := w.SetCompare(exact{w.Truth}); err != nil {
		t.Fatal(err)
	}
	if err := w.SetIntegrator("gauss4"); err != nil {
		t.Fatal(err)
	}
	w.Advance(10, nil)
	if tr := w.Trajs[0]; !slices.Equal(tr.Cmp, tr.X) {
		t.Fatalf("after switching to gauss4: %v vs %v", tr.Cmp, tr.X)
	}
}

// A long trajectory's comparison flow starts where the learned flow is.
func TestCompareBranchesLongTrajectories(t *testing.T) {
	w := newWorld(t, "implicit-midpoint")
	w.AddAt(1, 0)
	for w.Trajs[0].Steps <= CatchUpMax {
		w.Advance(50, nil)
	}
	w.AddAt(2, 0)
	w.Advance(2, nil)
	if err := w.SetCompare(scaled{w.Truth, 1.5}); err != nil {
		t.Fatal(err)
	}
	long, short := w.Trajs[0], w.Trajs[1]
	if long.CmpSteps != long.Steps || !slices.Equal(long.Cmp, long.X) || long.CmpTrail.Len() != 1 {
		t.Errorf("long trajectory: comparison at step %d of %d", long.CmpSteps, long.Steps)
	}
	if short.CmpSteps != 0 || !slices.Equal(short.Cmp, short.X0) {
		t.Errorf("short trajectory: comparison at step %d, %v", short.CmpSteps, short.Cmp)
	}
	w.Advance(2, nil)
	if _, _, behind, _ := w.CompareStats(); behind != 0 || long.CmpSteps != long.Steps {
		t.Errorf("behind %d", behind)
	}
}
