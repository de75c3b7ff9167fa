package hnn

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

func randomModel(d2, m int, seed uint64) *Model {
	r := rand.New(rand.NewPCG(seed, 3))
	n := New(d2, m)
	for i := range n.W {
		n.W[i] = r.NormFloat64()
	}
	for i := range n.B {
		n.B[i] = r.NormFloat64()
		n.C[i] = r.NormFloat64()
	}
	n.C0 = r.NormFloat64()
	return n
}

// ∇Ĥ and the Hessian against central finite differences of Ĥ and ∇Ĥ.
func TestGradHessianFiniteDifferences(t *testing.T) {
	const eps = 1e-6
	for _, d2 := range []int{2, 4} {
		n := randomModel(d2, 30, uint64(d2))
		r := rand.New(rand.NewPCG(9, 9))
		g := make([]float64, d2)
		gp, gm := make([]float64, d2), make([]float64, d2)
		hess := make([]float64, d2*d2)
		for trial := 0; trial < 20; trial++ {
			x := make([]float64, d2)
			for i := range x {
				x[i] = 2*r.Float64() - 1
			}
			n.Grad(g, x)
			hg := make([]float64, d2)
			if h := n.HGrad(hg, x); h != n.H(x) {
				t.Errorf("HGrad value %g, H %g", h, n.H(x))
			}
			n.Hessian(hess, x)
			g2, hess2 := make([]float64, d2), make([]float64, d2*d2)
			n.GradHessian(g2, hess2, x)
			for i := range g2 {
				if math.Abs(g2[i]-g[i]) > 1e-15*(1+math.Abs(g[i])) {
					t.Errorf("GradHessian gradient %v, Grad %v", g2, g)
				}
			}
			for i := range hess2 {
				if math.Abs(hess2[i]-hess[i]) > 1e-14*(1+math.Abs(hess[i])) {
					t.Errorf("GradHessian Hessian %v, Hessian %v", hess2, hess)
				}
			}
			for i := range x {
				xp := append([]float64(nil), x...)
				xm := append([]float64(nil), x...)
				xp[i] += eps
				xm[i] -= eps
				fd := (n.H(xp) - n.H(xm)) / (2 * eps)
				if math.Abs(fd-g[i]) > 1e-7*(1+math.Abs(g[i])) {
					t.Errorf("d=%d ∂Ĥ/∂x%d = %g, finite difference %g", d2, i, g[i], fd)
				}
				if hg[i] != g[i] {
					t.Errorf("HGrad and Grad differ at %d", i)
				}
				n.Grad(gp, xp)
				n.Grad(gm, xm)
				for j := range x {
					fd := (gp[j] - gm[j]) / (2 * eps)
					if h := hess[i*d2+j]; math.Abs(fd-h) > 1e-7*(1+math.Abs(h)) {
						t.Errorf("d=%d Hessian[%d,%d] = %g, finite difference %g", d2, i, j, h, fd)
					}
				}
			}
		}
	}
}

// A width-1 network has a closed form to compare against.
func TestSingleNeuron(t *testing.T) {
	n := New(2, 1)
	n.W[0], n.W[1], n.B[0], n.C[0], n.C0 = 2, -1, 0.5, 3, 1
	x := []float64{0.3, 0.7}
	z := 2*0.3 - 0.7 + 0.5
	if got, want := n.H(x), 3*math.Tanh(z)+1; math.Abs(got-want) > 1e-15 {
		t.Errorf("H = %g, want %g", got, want)
	}
	g := make([]float64, 2)
	n.Grad(g, x)
	s := 1 - math.Tanh(z)*math.Tanh(z)
	if math.Abs(g[0]-3*s*2) > 1e-15 || math.Abs(g[1]+3*s) > 1e-15 {
		t.Errorf("grad %v", g)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	n := randomModel(4, 17, 5)
	n.C[3] = math.SmallestNonzeroFloat64
	n.W[2] = 1.0 / 3
	b, err := json.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	var back Model
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for i := range n.W {
		if math.Float64bits(n.W[i]) != math.Float64bits(back.W[i]) {
			t.Fatalf("W[%d] changed: %v vs %v", i, n.W[i], back.W[i])
		}
	}
	for i := range n.C {
		if n.C[i] != back.C[i] || n.B[i] != back.B[i] {
			t.Fatalf("C or B changed at %d", i)
		}
	}
	if n.C0 != back.C0 || back.D != 4 || back.M != 17 {
		t.Fatal("header changed")
	}
	x := []float64{0.1, 0.2, 0.3, 0.4}
	if n.H(x) != back.H(x) {
		t.Error("round-tripped model evaluates differently")
	}
}

func TestJSONRejectsBadModels(t *testing.T) {
	for _, s := range []string{
		`{"d":2,"m":1,"w":[1],"b":[0],"c":[1],"c0":0}`,       // short W
		`{"d":3,"m":1,"w":[1,1,1],"b":[0],"c":[1],"c0":0}`,   // odd dimension
		`{"d":2,"m":0,"w":[],"b":[],"c":[],"c0":0}`,          // zero width
		`{"d":2,"m":1,"w":[1,1],"b":[0],"c":[1e999],"c0":0}`, // overflow
		`not json`,
	} {
		var m Model
		if err := json.Unmarshal([]byte(s), &m); err == nil {
			t.Errorf("accepted %s", s)
		}
	}
}

func TestEvaluationDoesNotAllocate(t *testing.T) {
	n := randomModel(4, 100, 1)
	x := []float64{0.1, 0.2, 0.3, 0.4}
	g := make([]float64, 4)
	h := make([]float64, 16)
	n.H(x) // first call sizes the scratch
	if a := testing.AllocsPerRun(100, func() {
		n.H(x)
		n.Grad(g, x)
		n.HGrad(g, x)
		n.Hessian(h, x)
		n.GradHessian(g, h, x)
	}); a != 0 {
		t.Errorf("%v allocations per evaluation", a)
	}
}

func ExampleModel() {
	// Ĥ(q, p) = 2·tanh(q + p) + 1.
	n := New(2, 1)
	n.W[0], n.W[1], n.C[0], n.C0 = 1, 1, 2, 1
	g := make([]float64, 2)
	h := n.HGrad(g, []float64{0, 0})
	fmt.Printf("H = %.1f, ∇H = [%.1f %.1f]\n", h, g[0], g[1])
	// Output: H = 1.0, ∇H = [2.0 2.0]
}

func BenchmarkGrad(b *testing.B) {
	for _, m := range []int{100, 500, 1000} {
		n := randomModel(2, m, 1)
		x, g := []float64{0.3, -0.2}, make([]float64, 2)
		b.Run(fmt.Sprintf("M=%d", m), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				n.Grad(g, x)
			}
		})
	}
}

func BenchmarkTanh(b *testing.B) {
	s := 0.0
	for i := 0; b.Loop(); i++ {
		s += Tanh(float64(i%1000)*0.01 - 5)
	}
	_ = s
}

// A shape whose product overflows is refused, not read as an empty model.
func TestUnmarshalShapeOverflow(t *testing.T) {
	var m Model
	if err := json.Unmarshal([]byte(`{"d":4611686018427387904,"m":4,"w":[],"b":[0,0,0,0],"c":[0,0,0,0],"c0":0}`), &m); err == nil {
		t.Fatalf("accepted d·m overflowing: %+v", m)
	}
}

// Any text given as a model's JSON is refused or gives a model of a
// consistent shape with finite parameters that writes back to itself and
// evaluates without a panic.
func FuzzModelJSON(f *testing.F) {
	good, _ := json.Marshal(randomModel(2, 3, 1))
	for _, s := range []string{string(good), `{"d":2,"m":1,"w":[1,2],"b":[0],"c":[1],"c0":0}`,
		`{"d":2,"m":1,"w":[1],"b":[0],"c":[1],"c0":0}`, `{"d":-2,"m":-1}`, `{"d":4611686018427387904,"m":4,"w":[]}`,
		`{"d":2,"m":1,"w":[1,1],"b":[0],"c":[1e308],"c0":1e308}`, `null`, `[]`, `{}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var m Model
		if json.Unmarshal(b, &m) != nil {
			return
		}
		if m.D <= 0 || m.D%2 != 0 || m.M <= 0 || len(m.W) != m.D*m.M || len(m.B) != m.M || len(m.C) != m.M {
			t.Fatalf("accepted a model of shape d=%d m=%d with %d, %d, %d parameters", m.D, m.M, len(m.W), len(m.B), len(m.C))
		}
		for _, v := range append(append(append([]float64{m.C0}, m.W...), m.B...), m.C...) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("accepted a non-finite parameter %v", v)
			}
		}
		again, err := json.Marshal(&m)
		if err != nil {
			t.Fatal(err)
		}
		var back Model
		if err := json.Unmarshal(again, &back); err != nil {
			t.Fatalf("the model's own JSON is refused: %v", err)
		}
		x := make([]float64, m.D)
		g := make([]float64, m.D)
		if h, hb := m.HGrad(g, x), back.H(x); math.Float64bits(h) != math.Float64bits(hb) {
			t.Fatalf("H = %v, %v after a round trip", h, hb)
		}
	})
}
