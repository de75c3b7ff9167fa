package fdlibm

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// Exp is within 1 ulp of eˣ, computed independently with math/big (as a
// Taylor series at 200 bits after exact argument reduction by ln 2^k), and
// keeps math.Exp's special cases.
func TestExp(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		x := (r.Float64()*2 - 1) * 700
		if i < 200 {
			x = (r.Float64()*2 - 1) * 5
		}
		got := Exp(x)
		want := bigExp(x)
		if ulps := math.Abs(got-want) / ulp(want); ulps > 1 {
			t.Fatalf("Exp(%v) = %v, want %v (%.2f ulp)", x, got, want, ulps)
		}
	}
	for _, x := range []float64{0, 1e-300, -1e-300, 710, -746, math.Inf(1), math.Inf(-1), math.NaN(), 1} {
		if got, want := Exp(x), math.Exp(x); !(got == want || math.IsNaN(got) && math.IsNaN(want)) && math.Abs(got-want) > ulp(want) {
			t.Errorf("Exp(%v) = %v, math.Exp %v", x, got, want)
		}
	}
}

func ulp(v float64) float64 { return math.Nextafter(v, math.Inf(1)) - v }

// bigExp is eˣ rounded to float64, from math/big: eˣ = (e^{x/2ⁿ})^{2ⁿ} with a
// Taylor series for the small argument.
func bigExp(x float64) float64 {
	const prec = 256
	const halvings = 12
	y := new(big.Float).SetPrec(prec).SetFloat64(x)
	y.SetMantExp(y, -halvings)
	sum := new(big.Float).SetPrec(prec).SetInt64(1)
	term := new(big.Float).SetPrec(prec).SetInt64(1)
	for n := 1; n < 60; n++ {
		term.Mul(term, y)
		term.Quo(term, new(big.Float).SetPrec(prec).SetInt64(int64(n)))
		sum.Add(sum, term)
	}
	for range halvings {
		sum.Mul(sum, sum)
	}
	f, _ := sum.Float64()
	return f
}
