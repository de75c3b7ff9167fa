package fit

import (
	"fmt"
	"math"
	"testing"

	"hnnplay/core/data"
	"hnnplay/core/metric"
	"hnnplay/core/sample"
	"hnnplay/core/system"
)

func TestSplit(t *testing.T) {
	for _, c := range []struct{ k, m, n, want int }{
		{10000, 1000, 2, 2}, {10000, 1000, 16, 10}, {1500, 200, 2, 2}, {1500, 200, 8, 5},
		{500, 200, 4, 1}, {100, 10, 4, 1}, {7, 3, 2, 1}, {10000, 100, 0, 1},
	} {
		blocks := Split(c.k, c.m, c.n)
		if len(blocks) != c.want {
			t.Errorf("Split(%d, %d, %d): %d blocks, want %d", c.k, c.m, c.n, len(blocks), c.want)
		}
		next := 0
		for _, b := range blocks {
			if b.Lo != next || b.Hi <= b.Lo || (len(blocks) > 1 && b.Hi-b.Lo < max(c.m, minBlockRows)) {
				t.Errorf("Split(%d, %d, %d) = %v: not contiguous blocks of at least max(m, %d) rows", c.k, c.m, c.n, blocks, minBlockRows)
			}
			next = b.Hi
		}
		if next != c.k {
			t.Errorf("Split(%d, %d, %d) = %v does not cover the rows", c.k, c.m, c.n, blocks)
		}
	}
}

// TestMergeIsTheWholeFactor: the factors of three blocks, merged, are the
// factor of all rows: RᵀR (the Gram matrix of the features), Rᵀ·C and the
// targets' norm agree with the single block's.
func TestMergeIsTheWholeFactor(t *testing.T) {
	sys := system.NewHenonHeiles()
	train, err := data.Uniform(sys, sys.Box(), 900, 4)
	if err != nil {
		t.Fatal(err)
	}
	x0 := sys.Anchor()
	p := ProblemFor(train, x0, sys.H(x0))
	layer, err := sample.SWIM(p.X, 4, 70, nil, 5)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := FactorRows(p, layer, Rows{0, 900})
	if err != nil {
		t.Fatal(err)
	}
	var parts []Factor
	for _, b := range Split(900, 70, 3) {
		f, err := FactorRows(p, layer, b)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, f)
	}
	merged, err := Merge(parts)
	if err != nil {
		t.Fatal(err)
	}
	m := 70
	gram := func(f Factor, a []float64, acols int) []float64 {
		g := make([]float64, m*acols)
		for i := 0; i < m; i++ {
			for j := 0; j < acols; j++ {
				s := 0.0
				for l := 0; l < m; l++ {
					s += f.R[i*m+l] * a[j*m+l]
				}
				g[i*acols+j] = s
			}
		}
		return g
	}
	check := func(what string, got, want []float64) {
		scale := 0.0
		for _, v := range want {
			scale = max(scale, math.Abs(v))
		}
		for i := range want {
			if math.Abs(got[i]-want[i]) > 1e-12*scale {
				t.Fatalf("%s[%d] = %g, want %g", what, i, got[i], want[i])
			}
		}
	}
	check("RᵀR", gram(merged, merged.R, m), gram(whole, whole.R, m))
	check("RᵀC", gram(merged, merged.C, 4), gram(whole, whole.C, 4))
	norm := func(f Factor) float64 {
		s := f.Outside
		for _, v := range f.C {
			s += v * v
		}
		return s
	}
	if a, b := norm(merged), norm(whole); math.Abs(a-b) > 1e-12*b {
		t.Fatalf("‖g‖²: merged %g, whole %g", a, b)
	}
}

// TestWorkersGiveTheSameModel: a fit split into blocks (here, and through
// Config.Factor, as the page's workers do) predicts what the one-block fit
// predicts, up to round-off, with the same test error.
func TestWorkersGiveTheSameModel(t *testing.T) {
	sys := system.NewPendulum()
	train, test, err := data.TrainTest(sys, sys.Box(), 3000, 1000, 11)
	if err != nil {
		t.Fatal(err)
	}
	x0 := sys.Anchor()
	p := ProblemFor(train, x0, sys.H(x0))
	for _, s := range []Sampler{ELM, ASWIM} {
		one, err := Fit(p, Config{Width: 150, Sampler: s, Seed: 2, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		var jobs []Job
		var ws workspaces // reused by every pass and fit, as Fit reuses its own
		hook := func(j Job) ([]Factor, error) {
			jobs = append(jobs, j)
			return ws.factorHere(j)
		}
		for _, n := range []int{3, 4} {
			t.Run(fmt.Sprintf("%s/%d", s, n), func(t *testing.T) {
				jobs = nil
				many, err := Fit(p, Config{Width: 150, Sampler: s, Seed: 2, Workers: n, Factor: hook})
				if err != nil {
					t.Fatal(err)
				}
				passes := 1
				if s == ASWIM {
					passes = 2
				}
				if len(jobs) != passes || len(jobs[0].Blocks) != n || many.Blocks != n || one.Blocks != 1 {
					t.Fatalf("%d jobs of %v blocks (result %d, one-worker %d): want %d of %d", len(jobs), jobs, many.Blocks, one.Blocks, passes, n)
				}
				ref, got := make([]float64, test.Len()), make([]float64, test.Len())
				for k := range ref {
					x, _ := test.Row(k)
					ref[k], got[k] = one.Model.H(x), many.Model.H(x)
				}
				e1, en := metric.Evaluate(one.Model, test, sys).H, metric.Evaluate(many.Model, test, sys).H
				d := metric.RelL2(ref, got)
				t.Logf("error one block %.4e, %d blocks %.4e; predictions differ by %.2e", e1, n, en, d)
				if d > 1e-7 || math.Abs(e1-en) > 0.01*e1 {
					t.Errorf("%d blocks: predictions differ by %.3g, errors %.4g vs %.4g", n, d, en, e1)
				}
			})
		}
	}
}
