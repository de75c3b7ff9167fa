package world

// Ring keeps the last Cap samples of Width floats each (a trail of plane
// points, Width 2, or an energy history, Width 1). Push never allocates.
type Ring struct {
	Width int
	buf   []float64
	start int // index of the oldest sample
	n     int // number of samples held
}

// NewRing returns an empty ring of capacity cap samples.
func NewRing(cap, width int) *Ring {
	return &Ring{Width: width, buf: make([]float64, cap*width)}
}

// Cap returns the capacity in samples.
func (r *Ring) Cap() int { return len(r.buf) / r.Width }

// Len returns the number of samples held.
func (r *Ring) Len() int { return r.n }

// Push appends a sample, dropping the oldest when full.
func (r *Ring) Push(v ...float64) {
	c := r.Cap()
	var k int
	if r.n < c {
		k = (r.start + r.n) % c
		r.n++
	} else {
		k = r.start
		r.start = (r.start + 1) % c
	}
	copy(r.buf[k*r.Width:(k+1)*r.Width], v)
}

// At returns sample i, 0 being the oldest; the slice aliases the ring.
func (r *Ring) At(i int) []float64 {
	k := (r.start + i) % r.Cap()
	return r.buf[k*r.Width : (k+1)*r.Width]
}

// Last returns the newest sample, or nil if empty.
func (r *Ring) Last() []float64 {
	if r.n == 0 {
		return nil
	}
	return r.At(r.n - 1)
}

// Reset empties the ring.
func (r *Ring) Reset() { r.start, r.n = 0, 0 }
