package world

// HistoryLen is the most samples a History keeps.
const HistoryLen = 1024

// History keeps the full states of a trajectory and of its true twin over
// its whole time, for export: every step at first; whenever it fills, every
// other sample is dropped and from then on every second (fourth, …) step is
// kept, so a long run costs bounded memory and still spans t = 0 to now.
type History struct {
	Stride int       // steps between kept samples
	Steps  []int     // the step number of each sample
	T      []float64 // its time
	X      []float64 // learned states, Dim per sample
	Twin   []float64 // twin states, Dim per sample (the last one repeated once the twin stopped)
	Dim    int
}

// NewHistory returns an empty history of states of dimension dim.
func NewHistory(dim int) *History { return &History{Stride: 1, Dim: dim} }

// Len returns the number of samples.
func (h *History) Len() int { return len(h.T) }

// Push records the states after step number step at time t, if the stride
// keeps it.
func (h *History) Push(step int, t float64, x, twin []float64) {
	if step%h.Stride != 0 {
		return
	}
	if len(h.T) == HistoryLen {
		h.thin()
		if step%h.Stride != 0 {
			return
		}
	}
	h.Steps = append(h.Steps, step)
	h.T = append(h.T, t)
	h.X = append(h.X, x...)
	h.Twin = append(h.Twin, twin...)
}

// thin keeps the samples whose step is a multiple of twice the stride.
func (h *History) thin() {
	h.Stride *= 2
	n := 0
	for i, s := range h.Steps {
		if s%h.Stride != 0 {
			continue
		}
		h.Steps[n], h.T[n] = s, h.T[i]
		copy(h.X[n*h.Dim:(n+1)*h.Dim], h.X[i*h.Dim:(i+1)*h.Dim])
		copy(h.Twin[n*h.Dim:(n+1)*h.Dim], h.Twin[i*h.Dim:(i+1)*h.Dim])
		n++
	}
	h.Steps, h.T = h.Steps[:n], h.T[:n]
	h.X, h.Twin = h.X[:n*h.Dim], h.Twin[:n*h.Dim]
}

// Reset empties the history.
func (h *History) Reset() {
	h.Stride = 1
	h.Steps, h.T, h.X, h.Twin = h.Steps[:0], h.T[:0], h.X[:0], h.Twin[:0]
}
