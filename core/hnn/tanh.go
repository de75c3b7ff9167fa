package hnn

import "math"

// Tanh is the activation used by every evaluation in this package and by the
// fit's feature assembly. It agrees with math.Tanh to a few units in the last
// place but is several times faster, which matters under WebAssembly where
// math.Tanh is slow and dominates the cost of ∇Ĥ (see BENCHMARKS.md, “Core
// benchmarks: native”).
//
// It uses the addition theorem tanh(a + h) = (tanh a + tanh h)/(1 + tanh a·tanh h)
// with a on a grid of spacing 1/64 (tabulated) and |h| ≤ 1/128, where the
// odd Taylor series of tanh h through h⁷ is exact to double precision
// (the h⁹ term is below 3e-19 relative).
func Tanh(z float64) float64 {
	a := math.Abs(z)
	if !(a < tanhMax) {
		if a != a {
			return z // NaN
		}
		return math.Copysign(1, z) // tanh(19) = 1 − 6e−17 rounds to 1
	}
	j := int(a*tanhScale + 0.5)
	h := a - float64(j)*(1.0/tanhScale)
	h2 := h * h
	th := h + h*h2*(-1.0/3+h2*(2.0/15+h2*(-17.0/315)))
	t := tanhTable[j]
	return math.Copysign((t+th)/(1+t*th), z)
}

const (
	tanhMax   = 19
	tanhScale = 64
)

var tanhTable = func() (t [tanhMax*tanhScale + 1]float64) {
	for j := range t {
		t[j] = math.Tanh(float64(j) / tanhScale)
	}
	return t
}()

// TanhSlice sets z[j] = Tanh(z[j]) for every j. It is the same arithmetic as
// Tanh written as one loop, because under WebAssembly a Go function call costs
// more than the arithmetic itself.
func TanhSlice(z []float64) {
	for j, x := range z {
		a := math.Abs(x)
		if !(a < tanhMax) {
			if a == a {
				z[j] = math.Copysign(1, x)
			}
			continue
		}
		i := int(a*tanhScale + 0.5)
		h := a - float64(i)*(1.0/tanhScale)
		h2 := h * h
		th := h + h*h2*(-1.0/3+h2*(2.0/15+h2*(-17.0/315)))
		t := tanhTable[i]
		z[j] = math.Copysign((t+th)/(1+t*th), x)
	}
}
