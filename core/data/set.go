package data

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
)

// Set is a data set of K states of a d-dof system with their time derivatives.
//
// X and Xdot are K×2d row-major: row k of X is x_k = (q₁,…,q_d, p₁,…,p_d)
// and row k of Xdot is ẋ_k = (q̇₁,…,q̇_d, ṗ₁,…,ṗ_d). H, if non-nil, holds the
// true energy H(x_k) (length K); it is nil when unknown.
type Set struct {
	Dof     int
	X, Xdot []float64
	H       []float64
}

// Len returns K, the number of states. It is 0 if Dof is not positive.
func (s *Set) Len() int {
	if s.Dof <= 0 {
		return 0
	}
	return len(s.X) / (2 * s.Dof)
}

// Row returns x_k and ẋ_k as subslices of X and Xdot.
func (s *Set) Row(k int) (x, xdot []float64) {
	d2 := 2 * s.Dof
	return s.X[k*d2 : (k+1)*d2], s.Xdot[k*d2 : (k+1)*d2]
}

// Validate reports whether s is well formed: Dof > 0, at least one state,
// X a whole number of rows, Xdot (and H if non-nil) of matching length, and
// every value finite.
func (s *Set) Validate() error {
	if s.Dof <= 0 {
		return fmt.Errorf("data: set has %d degrees of freedom, want > 0", s.Dof)
	}
	d2 := 2 * s.Dof
	if len(s.X) == 0 {
		return errors.New("data: set is empty")
	}
	if len(s.X)%d2 != 0 {
		return fmt.Errorf("data: X has %d values, not a multiple of 2d = %d", len(s.X), d2)
	}
	if len(s.Xdot) != len(s.X) {
		return fmt.Errorf("data: Xdot has %d values, X has %d", len(s.Xdot), len(s.X))
	}
	k := len(s.X) / d2
	if s.H != nil && len(s.H) != k {
		return fmt.Errorf("data: H has %d values, want one per state (%d)", len(s.H), k)
	}
	for _, c := range []struct {
		name string
		v    []float64
		w    int
	}{{"X", s.X, d2}, {"Xdot", s.Xdot, d2}, {"H", s.H, 1}} {
		for i, v := range c.v {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				if c.w == 1 {
					return fmt.Errorf("data: %s[%d] = %v is not finite", c.name, i, v)
				}
				return fmt.Errorf("data: %s row %d column %d = %v is not finite", c.name, i/c.w, i%c.w, v)
			}
		}
	}
	return nil
}

// AddNoise adds independent Gaussian noise N(0, σ²) to every target in Xdot,
// as if the derivatives were measured. X and H are unchanged. σ = 0 is a
// no-op; a negative or non-finite σ is an error.
//
// This is the natural model for the sampled networks, whose least-squares fit
// treats the targets as the noisy observations. Greydanus et al. instead put
// the noise on the inputs; use AddInputNoise for that.
func (s *Set) AddNoise(sigma float64, seed uint64) error {
	return addNoise(s.Xdot, sigma, seed, "AddNoise")
}

// AddInputNoise adds independent Gaussian noise N(0, σ²) to every state in X,
// keeping the targets Xdot (and H) those of the clean states — the recipe of
// Greydanus et al.'s spring and pendulum data (σ = 0.1). σ = 0 is a
// no-op; a negative or non-finite σ is an error.
func (s *Set) AddInputNoise(sigma float64, seed uint64) error {
	return addNoise(s.X, sigma, seed, "AddInputNoise")
}

func addNoise(v []float64, sigma float64, seed uint64, name string) error {
	if math.IsNaN(sigma) || math.IsInf(sigma, 0) || sigma < 0 {
		return fmt.Errorf("data: %s: noise level must be a finite number ≥ 0, got %v", name, sigma)
	}
	if sigma == 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(seed, noiseStream))
	for i := range v {
		v[i] += sigma * rng.NormFloat64()
	}
	return nil
}

// Second PCG seed words: the same user seed gives unrelated streams for
// sampling states and for noise.
const (
	sampleStream = 0x5348_4e4e_5341_4d50 // "SHNNSAMP"
	noiseStream  = 0x5348_4e4e_4e4f_4953 // "SHNNNOIS"
)
