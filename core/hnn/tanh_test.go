package hnn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Tanh must agree with math.Tanh to a few units in the last place everywhere.
func TestTanhMatchesMath(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	worst := 0.0
	check := func(z float64) {
		got, want := Tanh(z), math.Tanh(z)
		zs := []float64{z}
		if TanhSlice(zs); math.Float64bits(zs[0]) != math.Float64bits(got) && got == got {
			t.Fatalf("TanhSlice(%v) = %v, Tanh = %v", z, zs[0], got)
		}
		if got == want {
			return
		}
		ulp := math.Abs(math.Nextafter(want, 2) - want)
		if want == 0 {
			ulp = math.SmallestNonzeroFloat64
		}
		if e := math.Abs(got-want) / ulp; e > worst {
			worst = e
			if e > 4 {
				t.Fatalf("Tanh(%v) = %v, math.Tanh = %v (%.1f ulp)", z, got, want, e)
			}
		}
	}
	for range 1_000_000 {
		check(40*r.Float64() - 20)
		check(math.Ldexp(r.Float64(), -r.IntN(60))) // small arguments
	}
	for _, z := range []float64{0, -0.0, 1.0 / 128, 18.999, 19, 19.001, 700, -700, math.Inf(1), math.Inf(-1), math.SmallestNonzeroFloat64} {
		check(z)
	}
	nan := []float64{math.NaN()}
	if TanhSlice(nan); !math.IsNaN(Tanh(math.NaN())) || !math.IsNaN(nan[0]) {
		t.Error("Tanh(NaN) is not NaN")
	}
	t.Logf("worst error %.2f ulp", worst)
}

// With real fitted coefficients (large and of both signs), ∇Ĥ through the
// fast Tanh stays within 1e-12 relative of ∇Ĥ through math.Tanh.
func TestGradWithFastTanhMatchesMathTanh(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	for _, m := range []int{100, 1000} {
		n := randomModel(2, m, uint64(m))
		for j := range n.C {
			n.C[j] *= 1e3 // coefficients of an ill-conditioned fit
			n.W[j] *= 5
		}
		g := make([]float64, 2)
		for range 200 {
			x := []float64{4*math.Pi*r.Float64() - 2*math.Pi, 2*r.Float64() - 1}
			n.Grad(g, x)
			ref := make([]float64, 2)
			for j := 0; j < m; j++ {
				th := math.Tanh(n.B[j] + n.W[j]*x[0] + n.W[m+j]*x[1])
				s := n.C[j] * (1 - th*th)
				ref[0] += s * n.W[j]
				ref[1] += s * n.W[m+j]
			}
			d := math.Hypot(g[0]-ref[0], g[1]-ref[1]) / math.Hypot(ref[0], ref[1])
			if d > 1e-12 {
				t.Fatalf("M=%d x=%v: relative difference %.2e", m, x, d)
			}
		}
	}
}
