// Package sample chooses the hidden layer of a Hamiltonian neural network
// without training it (see docs/method.md, “Sampling the hidden layer”):
// ELM draws random weights; SWIM ("sample where it matters") builds each
// neuron from a pair of training points, chosen with probability proportional
// to how fast the target function changes between them.
//
// Every function creates its own generator from the seed, so two calls with the
// same seed and inputs see the same random draws: U-SWIM and both stages of
// A-SWIM share one candidate pool (common random numbers; docs/method.md,
// “The four samplers”).
package sample

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Layer is a sampled hidden layer of width M on R^D: neuron m computes
// tanh(Σ_i W[i*M+m]·x_i + B[m]).
type Layer struct {
	D, M int
	W    []float64 // D×M, row-major
	B    []float64 // M
	// Pairs are the pairs of points of a SWIM layer; nil for ELM.
	Pairs *Pairs
}

// Pairs say where a SWIM layer sampled: neuron m was built from the pair of
// points (From[m], To[m]), rows of the x it was sampled from, drawn with
// probability Prob[m] from a pool of Pool candidate pairs (the pool's
// probabilities sum to 1; U-SWIM's are all 1/Pool).
type Pairs struct {
	From, To []int
	Prob     []float64
	Pool     int
}

// The tanh constants of the SWIM construction (docs/method.md, “A neuron
// from a pair of points”): a pair (x¹, x²) gives the neuron
// tanh(wᵀx + b) with w = S1·(x² − x¹)/‖x² − x¹‖² and b = −wᵀx¹ − S2, so
// that it equals −½ at x¹, +½ at x² and 0 at the midpoint.
var (
	S2 = 0.5 * (math.Log(1.5) - math.Log(0.5)) // ½ ln 3
	S1 = 2 * S2                                // ln 3
)

// distMin is SWIM's floor on pair distances (dist_min).
const distMin = 1e-10

// newRand returns the generator used by every sampler for a seed.
func newRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
}

// ELM draws W[i,m] ~ N(0, 1) and B[m] ~ U(biasLo, biasHi).
func ELM(d, m int, biasLo, biasHi float64, seed uint64) (Layer, error) {
	if d <= 0 || m <= 0 {
		return Layer{}, fmt.Errorf("sample: dimension %d and width %d must be positive", d, m)
	}
	if !(biasLo < biasHi) || math.IsInf(biasLo, 0) || math.IsInf(biasHi, 0) {
		return Layer{}, fmt.Errorf("sample: ELM bias range [%g, %g] must be finite with lo < hi", biasLo, biasHi)
	}
	r := newRand(seed)
	l := Layer{D: d, M: m, W: make([]float64, d*m), B: make([]float64, m)}
	// NumPy draws an M×D array and transposes it; keep that draw order.
	for k := 0; k < m; k++ {
		for i := 0; i < d; i++ {
			l.W[i*m+k] = r.NormFloat64()
		}
	}
	for k := range l.B {
		l.B[k] = biasLo + (biasHi-biasLo)*r.Float64()
	}
	return l, nil
}

// SWIM samples m neurons from pairs of the K points x (K×d, row-major).
//
// With y == nil every candidate pair is equally likely (U-SWIM). Otherwise y
// holds one function value per point and a pair (i, j) is drawn with
// probability proportional to
//
//	|y_j − y_i| / max(‖x_j − x_i‖₂, 1e-10),
//
// falling back to uniform if these sum to less than 1e-10. Pairs are drawn
// from a candidate pool of K·⌈M/K⌉ random ordered pairs, and selected without
// duplicates as the reference code's resample_duplicates does (docs/method.md,
// “Selecting M distinct candidates”). Unlike the reference code this always
// terminates: when fewer than m candidates have positive
// probability, the rest are filled uniformly from the zero-probability ones.
func SWIM(x []float64, d, m int, y []float64, seed uint64) (Layer, error) {
	if d <= 0 || m <= 0 {
		return Layer{}, fmt.Errorf("sample: dimension %d and width %d must be positive", d, m)
	}
	if len(x)%d != 0 {
		return Layer{}, errors.New("sample: point array length is not a multiple of the dimension")
	}
	k := len(x) / d
	if k < 2 {
		return Layer{}, fmt.Errorf("sample: SWIM needs at least 2 points, got %d", k)
	}
	if y != nil && len(y) != k {
		return Layer{}, fmt.Errorf("sample: %d function values for %d points", len(y), k)
	}
	r := newRand(seed)

	// 1. Candidate pool of ordered pairs (i, j), i ≠ j.
	nrep := max(1, (m+k-1)/k)
	n := k * nrep
	from := make([]int32, n)
	to := make([]int32, n)
	for l := 0; l < n; l++ {
		i := r.IntN(k)
		delta := 1
		if k > 2 {
			delta = 1 + r.IntN(k-2) // NumPy integers(1, K−1)
		}
		from[l], to[l] = int32(i), int32((i+delta)%k)
	}

	// 2–3. Distances and pair probabilities.
	dist := make([]float64, n)
	for l := 0; l < n; l++ {
		xi, xj := x[int(from[l])*d:][:d], x[int(to[l])*d:][:d]
		s := 0.0
		for c := range xi {
			dx := xj[c] - xi[c]
			s += dx * dx
		}
		dist[l] = max(math.Sqrt(s), distMin)
	}
	var p []float64
	sum := 0.0
	if y != nil {
		p = make([]float64, n)
		for l := range p {
			g := math.Abs(y[to[l]]-y[from[l]]) / dist[l]
			if math.IsNaN(g) || math.IsInf(g, 0) {
				return Layer{}, errors.New("sample: function values are not finite")
			}
			p[l] = g
			sum += g
		}
		if sum < 1e-10 {
			p = nil
		}
	}

	// 4. Selection.
	chosen := choose(r, n, m, p)

	// 5. Weights and biases.
	pairs := &Pairs{From: make([]int, m), To: make([]int, m), Prob: make([]float64, m), Pool: n}
	l := Layer{D: d, M: m, W: make([]float64, d*m), B: make([]float64, m), Pairs: pairs}
	for nm, c := range chosen {
		pairs.From[nm], pairs.To[nm] = int(from[c]), int(to[c])
		if p == nil {
			pairs.Prob[nm] = 1 / float64(n)
		} else {
			pairs.Prob[nm] = p[c] / sum
		}
		xi, xj := x[int(from[c])*d:][:d], x[int(to[c])*d:][:d]
		scale := S1 / (dist[c] * dist[c])
		b := -S2
		for i := range xi {
			w := scale * (xj[i] - xi[i])
			l.W[i*m+nm] = w
			b -= w * xi[i]
		}
		l.B[nm] = b
	}
	return l, nil
}

// choose selects m distinct indices in [0, n) (m ≤ n), each drawn with
// probability proportional to p (uniform if p is nil): draw m with
// replacement, then repeatedly draw as many as are missing and keep the new
// ones, as NumPy's choice with resample_duplicates does. After a few rounds,
// or when too few indices have positive probability for that loop to end,
// the remainder is drawn exactly without replacement.
func choose(r *rand.Rand, n, m int, p []float64) []int {
	if p == nil {
		p = make([]float64, n)
		for i := range p {
			p[i] = 1
		}
	}
	cum := make([]float64, n)
	s := 0.0
	positive := 0
	for i, v := range p {
		s += v
		cum[i] = s
		if v > 0 {
			positive++
		}
	}
	draw := func() int {
		u := r.Float64() * s
		i, _ := slices.BinarySearchFunc(cum, u, func(c, u float64) int {
			if c <= u {
				return -1
			}
			return 1
		})
		return min(i, n-1)
	}
	seen := make([]bool, n)
	out := make([]int, 0, m)
	want := m
	for round := 0; round < 8 && len(out) < m && positive >= m; round++ {
		for range want {
			if i := draw(); !seen[i] {
				seen[i] = true
				out = append(out, i)
			}
		}
		want = m - len(out)
	}
	if len(out) == m {
		return out
	}
	// Exact weighted sampling without replacement for the rest
	// (Efraimidis–Spirakis: largest keys log(u)/p_i win, taken in
	// decreasing order); indices of zero probability come last, in
	// uniformly random order.
	var top winners
	top.want = m - len(out)
	var zero []int
	for i, v := range p {
		switch {
		case seen[i]:
		case v > 0:
			top.offer(keyed{key: math.Log(r.Float64()) / v, i: i})
		default:
			zero = append(zero, i)
		}
	}
	r.Shuffle(len(zero), func(a, b int) { zero[a], zero[b] = zero[b], zero[a] })
	return append(top.drain(out), zero[:m-len(out)-len(top.h)]...)
}

// A keyed index: index i with its Efraimidis–Spirakis key.
type keyed struct {
	key float64
	i   int
}

// before reports whether a wins over b: a larger key, or the smaller index
// of equal keys.
func (a keyed) before(b keyed) bool { return a.key > b.key || a.key == b.key && a.i < b.i }

// winners keeps the want best keyed indices offered, in a binary heap whose
// root is the worst of them: O(n log want) for n offers, and no sort.
type winners struct {
	want int
	h    []keyed
}

func (w *winners) offer(k keyed) {
	if len(w.h) < w.want {
		w.h = append(w.h, k)
		for c := len(w.h) - 1; c > 0; { // sift up
			parent := (c - 1) / 2
			if !w.h[parent].before(w.h[c]) {
				break
			}
			w.h[parent], w.h[c] = w.h[c], w.h[parent]
			c = parent
		}
		return
	}
	if w.want == 0 || !k.before(w.h[0]) {
		return
	}
	w.h[0] = k
	w.down(len(w.h))
}

// down sifts the root down within the first n entries.
func (w *winners) down(n int) {
	for c := 0; ; {
		worst := c
		for _, d := range []int{2*c + 1, 2*c + 2} {
			if d < n && w.h[worst].before(w.h[d]) {
				worst = d
			}
		}
		if worst == c {
			return
		}
		w.h[c], w.h[worst] = w.h[worst], w.h[c]
		c = worst
	}
}

// drain appends the kept indices to out, best first.
func (w *winners) drain(out []int) []int {
	// Heap sort in place: the worst goes to the end, then the next worst…
	for n := len(w.h) - 1; n > 0; n-- {
		w.h[0], w.h[n] = w.h[n], w.h[0]
		w.down(n)
	}
	for _, k := range w.h {
		out = append(out, k.i)
	}
	return out
}
