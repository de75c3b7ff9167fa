package world

import (
	"slices"
	"testing"
)

// A history keeps every step until it fills, then thins to every second,
// fourth… step, always spanning the start to the last kept step, in order.
func TestHistoryThins(t *testing.T) {
	h := NewHistory(2)
	n := 5*HistoryLen + 3
	for step := 0; step <= n; step++ {
		x := []float64{float64(step), -float64(step)}
		h.Push(step, 0.5*float64(step), x, x)
	}
	if h.Len() > HistoryLen || h.Len() < HistoryLen/2 {
		t.Fatalf("%d samples", h.Len())
	}
	if h.Stride != 8 || h.Steps[0] != 0 || !slices.IsSorted(h.Steps) {
		t.Fatalf("stride %d, first step %d, sorted %v", h.Stride, h.Steps[0], slices.IsSorted(h.Steps))
	}
	for i, s := range h.Steps {
		if s%h.Stride != 0 || h.T[i] != 0.5*float64(s) || h.X[2*i] != float64(s) || h.Twin[2*i+1] != -float64(s) {
			t.Fatalf("sample %d: step %d, t %v, x %v", i, s, h.T[i], h.X[2*i:2*i+2])
		}
	}
	if last := h.Steps[len(h.Steps)-1]; n-last >= h.Stride {
		t.Fatalf("last kept step %d of %d with stride %d", last, n, h.Stride)
	}
	h.Reset()
	if h.Len() != 0 || h.Stride != 1 {
		t.Fatal("reset")
	}
}
