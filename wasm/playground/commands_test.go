package playground_test

import (
	"testing"

	"hnnplay/wasm/playground"
	"hnnplay/wasm/world"
)

func TestAddRandom(t *testing.T) {
	p, _, _ := ready(t)
	p.AddRandom(5)
	w := p.World()
	if len(w.Trajs) != 5 {
		t.Fatalf("%d trajectories", len(w.Trajs))
	}
	b := w.Box
	for _, tr := range w.Trajs {
		for i, x := range tr.X0 {
			lo, hi := b.Lo[i]+0.1*(b.Hi[i]-b.Lo[i]), b.Lo[i]+0.9*(b.Hi[i]-b.Lo[i])
			if x < lo || x > hi {
				t.Fatalf("start %v outside the inner box", tr.X0)
			}
		}
	}
	p.AddRandom(0) // at least one
	if len(w.Trajs) != 6 {
		t.Fatalf("%d trajectories after AddRandom(0)", len(w.Trajs))
	}
	p.AddRandom(1000) // at most MaxTrajectories
	if len(w.Trajs) != world.MaxTrajectories || w.Trajs[0].ID != 7 {
		t.Fatalf("%d trajectories, oldest %d", len(w.Trajs), w.Trajs[0].ID)
	}
	var s struct{ Trajectories int }
	decode(t, p.State(), &s)
	if s.Trajectories != world.MaxTrajectories {
		t.Fatalf("state().trajectories %d: not published", s.Trajectories)
	}
}

func TestAddResetClear(t *testing.T) {
	p, _, _ := ready(t)
	p.Add(1.5, -0.25)
	tr := p.World().Trajs[0]
	if tr.X0[0] != 1.5 || tr.X0[1] != -0.25 {
		t.Fatalf("start %v", tr.X0)
	}
	p.Update()
	p.Reset()
	if tr.Steps != 0 || tr.X[0] != 1.5 || tr.X[1] != -0.25 {
		t.Fatalf("after reset: %d steps at %v", tr.Steps, tr.X)
	}
	p.Clear()
	if len(p.World().Trajs) != 0 {
		t.Fatal("clear left trajectories")
	}
	// without a model the commands do nothing
	q := playground.New(nil, nil)
	q.Add(1, 1)
	q.AddRandom(3)
	q.Reset()
	q.Clear()
	q.Step()
	q.Update()
	if q.World() != nil {
		t.Fatal("a world without a model")
	}
}
