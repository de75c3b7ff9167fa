package world

import (
	"math"
	"math/rand/v2"
)

// Particle is a tracer carried by the learned vector field on the plane.
type Particle struct {
	U, V      float64 // position
	PU, PV    float64 // position one frame ago
	Age, Life float64 // in frames
}

// Particles animate the learned field: each frame every particle moves by
// the field interpolated from the grid (no network evaluations), and dies
// after its lifetime or when it leaves the window, to be reborn at a random
// place. Drawn as short streaks fading in and out, they show direction and
// speed of the flow at a glance.
type Particles struct {
	P   []Particle
	rng *rand.Rand
}

// NewParticles returns n particles spread over plane p's window.
func NewParticles(n int, p Plane, seed uint64) *Particles {
	ps := &Particles{P: make([]Particle, n), rng: rand.New(rand.NewPCG(seed, 7))}
	for i := range ps.P {
		ps.spawn(&ps.P[i], p)
		ps.P[i].Age = ps.rng.Float64() * ps.P[i].Life // desynchronise
	}
	return ps
}

func (ps *Particles) spawn(q *Particle, p Plane) {
	q.U = p.XLo + ps.rng.Float64()*(p.XHi-p.XLo)
	q.V = p.YLo + ps.rng.Float64()*(p.YHi-p.YLo)
	q.PU, q.PV = q.U, q.V
	q.Age = 0
	q.Life = 40 + 80*ps.rng.Float64()
}

// Advance moves every particle by dt time units of the field in g, limiting
// each move to maxU, maxV (plane units) so fast regions stay readable.
func (ps *Particles) Advance(g *Grid, dt, maxU, maxV float64) {
	p := g.Plane
	for i := range ps.P {
		q := &ps.P[i]
		q.Age++
		if q.Age > q.Life || q.U < p.XLo || q.U > p.XHi || q.V < p.YLo || q.V > p.YHi {
			ps.spawn(q, p)
			continue
		}
		du := g.At(g.U, q.U, q.V) * dt
		dv := g.At(g.V, q.U, q.V) * dt
		if s := math.Max(math.Abs(du)/maxU, math.Abs(dv)/maxV); s > 1 {
			du, dv = du/s, dv/s
		}
		if math.IsNaN(du) || math.IsNaN(dv) {
			ps.spawn(q, p)
			continue
		}
		q.PU, q.PV = q.U, q.V
		q.U += du
		q.V += dv
	}
}

// Alpha is the opacity of a particle: fading in and out over its life.
func (q *Particle) Alpha() float64 {
	return math.Sin(math.Pi * math.Min(1, q.Age/q.Life))
}
