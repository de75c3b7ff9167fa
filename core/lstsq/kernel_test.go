package lstsq

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The kernel tests compare reflect1, reflect4 and reflect2x4 (the vector
// kernels where there are: amd64 assembly, WebAssembly SIMD) with their
// portable Go versions on random data, for every length 0..40 and some
// large ones, with slices at every offset modulo four so vector loads are
// unaligned, and check nothing outside the slices moves.

var kernelLengths = func() []int {
	var ns []int
	for n := 0; n <= 40; n++ {
		ns = append(ns, n)
	}
	return append(ns, 63, 64, 65, 1000, 1001, 1002, 1003, 4099)
}()

const guard = 7 // elements kept around every slice, which must not change

// guarded returns a random slice of length n inside a buffer, at offset off.
func guarded(rng *rand.Rand, n, off int) (buf, s []float64) {
	buf = make([]float64, off+n+2*guard)
	for i := range buf {
		buf[i] = rng.Float64()*2 - 1
	}
	return buf, buf[guard+off : guard+off+n : guard+off+n]
}

func norm2(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v * v
	}
	return math.Sqrt(s)
}

// checkSame compares got with want (copies of the same buffer after the asm
// and Go kernels ran): equal to round-off tol inside [lo, hi), bit for bit outside.
func checkSame(t *testing.T, what string, got, want []float64, lo, hi int, tol float64) {
	t.Helper()
	for i := range want {
		d := math.Abs(got[i] - want[i])
		if i < lo || i >= hi {
			if got[i] != want[i] {
				t.Fatalf("%s: element %d outside the slice changed: %v != %v", what, i-lo, got[i], want[i])
			}
		} else if !(d <= tol) {
			t.Fatalf("%s: element %d: %v != %v (diff %g, tol %g)", what, i-lo, got[i], want[i], d, tol)
		}
	}
}

func TestKernelReflect1(t *testing.T) {
	t.Logf("useVector kernels: %v", useVector)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range kernelLengths {
		for off := range 4 {
			_, vt := guarded(rng, n, (off+1)%4)
			buf, c := guarded(rng, n+1, off)
			tau := 2 / (1 + norm2(vt)*norm2(vt))
			want := append([]float64(nil), buf...)
			reflect1(vt, tau, c)
			reflect1Go(vt, tau, want[guard+off:guard+off+n+1])
			tol := 1e-12 * (1 + tau*(1+norm2(vt))*(1+norm2(vt))*norm2(want[guard+off:guard+off+n+1]))
			checkSame(t, "reflect1", buf, want, guard+off, guard+off+n+1, tol)
		}
	}
}

func TestKernelReflect4(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range kernelLengths {
		for off := range 4 {
			_, vt := guarded(rng, n, off)
			tau := 2 / (1 + norm2(vt)*norm2(vt))
			var bufs, wants [4][]float64
			var cs, cw [4][]float64
			for c := range 4 {
				o := (off + c) % 4
				bufs[c], cs[c] = guarded(rng, n+1, o)
				wants[c] = append([]float64(nil), bufs[c]...)
				cw[c] = wants[c][guard+o : guard+o+n+1]
			}
			reflect4(vt, tau, cs[0], cs[1], cs[2], cs[3])
			reflect4Go(vt, tau, cw[0], cw[1], cw[2], cw[3])
			for c := range 4 {
				o := (off + c) % 4
				tol := 1e-12 * (1 + tau*(1+norm2(vt))*(1+norm2(vt))*norm2(cw[c]))
				checkSame(t, "reflect4", bufs[c], wants[c], guard+o, guard+o+n+1, tol)
			}
		}
	}
}

func TestKernelReflect2x4(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range kernelLengths {
		for off := range 4 {
			_, u1 := guarded(rng, n+1, off)
			_, w2 := guarded(rng, n, (off+3)%4)
			nu, nw := norm2(u1), norm2(w2)
			t1, t2 := 2/(1+nu*nu), 2/(1+nw*nw)
			beta := u1[0]
			for i, w := range w2 {
				beta += w * u1[i+1]
			}
			var bufs, wants [4][]float64
			var cs, cw [4][]float64
			for c := range 4 {
				o := (off + 2*c) % 4
				bufs[c], cs[c] = guarded(rng, n+2, o)
				wants[c] = append([]float64(nil), bufs[c]...)
				cw[c] = wants[c][guard+o : guard+o+n+2]
			}
			reflect2x4(u1, w2, t1, t2, beta, cs[0], cs[1], cs[2], cs[3])
			reflect2x4Go(u1, w2, t1, t2, beta, cw[0], cw[1], cw[2], cw[3])
			for c := range 4 {
				o := (off + 2*c) % 4
				tol := 1e-12 * (1 + norm2(cw[c])) * (1 + nu) * (1 + nw) * (1 + t1 + t2) * (1 + math.Abs(beta)) * (2 + nu + nw)
				checkSame(t, "reflect2x4", bufs[c], wants[c], guard+o, guard+o+n+2, tol)
			}
		}
	}
}

// TestKernelZeroTau checks that τ = 0 leaves the columns untouched.
func TestKernelZeroTau(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	_, vt := guarded(rng, 37, 1)
	buf, c := guarded(rng, 38, 2)
	want := append([]float64(nil), buf...)
	reflect1(vt, 0, c)
	reflect4(vt, 0, c, c, c, c)
	checkSame(t, "tau=0", buf, want, 0, 0, 0)
}

func TestKernelAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	n := 101
	_, u1 := guarded(rng, n+1, 0)
	_, w2 := guarded(rng, n, 1)
	var cs [4][]float64
	for c := range 4 {
		_, cs[c] = guarded(rng, n+2, c)
	}
	allocs := testing.AllocsPerRun(10, func() {
		reflect2x4(u1, w2, 0.5, 0.5, 0.1, cs[0], cs[1], cs[2], cs[3])
		reflect4(w2, 0.5, cs[0][1:], cs[1][1:], cs[2][1:], cs[3][1:])
		reflect1(w2, 0.5, cs[0][1:])
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per run, want 0", allocs)
	}
}

func BenchmarkKernelReflect2x4(b *testing.B) {
	for _, impl := range []struct {
		name string
		f    func(u1, w2 []float64, t1, t2, beta float64, c0, c1, c2, c3 []float64)
	}{{"dispatch", reflect2x4}, {"go", reflect2x4Go}} {
		for _, n := range []int{500, 1000, 10000} {
			rng := rand.New(rand.NewPCG(1, 1))
			_, u1 := guarded(rng, n+1, 0)
			_, w2 := guarded(rng, n, 0)
			var cs [4][]float64
			for c := range 4 {
				_, cs[c] = guarded(rng, n+2, 0)
			}
			b.Run(impl.name+"/n="+itoa(n), func(b *testing.B) {
				b.SetBytes(int64(8 * 6 * n))
				for b.Loop() {
					impl.f(u1, w2, 1e-3, 1e-3, 0.1, cs[0], cs[1], cs[2], cs[3])
				}
			})
		}
	}
}

func itoa(n int) string {
	s := ""
	for {
		s = string(rune('0'+n%10)) + s
		n /= 10
		if n == 0 {
			return s
		}
	}
}

// pairsGo is reflectPairs4Go with the portable reflect2x4Go.
func pairsGo(k int, v, tau, betas []float64, j0, jp int, x0, x1, x2, x3 []float64) {
	for j := j0; j < jp; j += 2 {
		reflect2x4Go(v[j*k+j+1:(j+1)*k], v[(j+1)*k+j+2:(j+2)*k], tau[j], tau[j+1], betas[j-j0],
			x0[j:], x1[j:], x2[j:], x3[j:])
	}
}

// pairsSetup factors a random k×nr matrix into reflectors and returns them
// with their betas for the block [j0, j0+nb), and 4·ng random columns.
func pairsSetup(rng *rand.Rand, k, nr, j0, nb, ng int) (v, tau, betas, a []float64) {
	v = make([]float64, k*nr)
	for i := range v {
		v[i] = rng.Float64()*2 - 1
	}
	tau = make([]float64, nr)
	QR(k, nr, v, tau)
	betas = make([]float64, qrBlock)
	pairBetas(k, v, j0, j0+nb, betas)
	a = make([]float64, k*4*ng)
	for i := range a {
		a[i] = rng.Float64()*2 - 1
	}
	return
}

func TestKernelPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, k := range []int{3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 17, 33, 40, 41, 42, 43, 100, 1003} {
		for _, blk := range [][2]int{{0, 2}, {0, 4}, {0, 6}, {0, 32}, {1, 3}, {2, 10}, {5, 11}, {3, 35}} {
			j0, jp := blk[0], blk[1]
			nr := min(k, jp+1)
			if jp > nr || (jp == nr && jp > k-1) {
				continue
			}
			if jp+1 > k {
				continue
			}
			v, tau, betas, a := pairsSetup(rng, k, nr, j0, jp-j0, 1)
			want := append([]float64(nil), a...)
			col := func(a []float64, c int) []float64 { return a[c*k : (c+1)*k] }
			reflectPairs4(k, v, tau, betas, j0, jp, col(a, 0), col(a, 1), col(a, 2), col(a, 3))
			pairsGo(k, v, tau, betas, j0, jp, col(want, 0), col(want, 1), col(want, 2), col(want, 3))
			for c := range 4 {
				tol := 1e-12 * float64(jp-j0) * (1 + norm2(col(want, c)))
				checkSame(t, "reflectPairs4", col(a, c), col(want, c), 0, k, tol)
			}
		}
	}
}

func BenchmarkKernelPairs(b *testing.B) {
	const k, nr, ng = 10000, 64, 4
	rng := rand.New(rand.NewPCG(1, 1))
	v, tau, betas, a := pairsSetup(rng, k, nr, 32, 32, ng)
	for _, impl := range []struct {
		name string
		f    func(k int, v, tau, betas []float64, j0, jp int, x0, x1, x2, x3 []float64)
	}{{"dispatch", reflectPairs4}, {"twopass", reflectPairs4Go}, {"go", pairsGo}} {
		b.Run(impl.name, func(b *testing.B) {
			for b.Loop() {
				for g := range ng {
					c := a[4*g*k:]
					impl.f(k, v, tau, betas, 32, 64, c[:k], c[k:2*k], c[2*k:3*k], c[3*k:4*k])
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(4*ng*32*(k-48)*4), "ns/flop")
		})
	}
}

// TestKernelQR checks that QR and ApplyQT with the vector kernels agree
// with the portable code to round-off (on amd64 without AVX2/FMA and
// elsewhere both runs take the portable path; WebAssembly builds leave the
// portable kernels out, so there it is skipped).
func TestKernelQR(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for _, sz := range [][2]int{{5, 5}, {37, 37}, {100, 64}, {300, 101}, {1003, 70}, {64, 200}} {
		k, m := sz[0], sz[1]
		a := make([]float64, k*m)
		for i := range a {
			a[i] = rng.NormFloat64()
		}
		b := make([]float64, k*7)
		for i := range b {
			b[i] = rng.NormFloat64()
		}
		run := func(vector bool) (f, tau, qb []float64, ok bool) {
			ok = withKernels(vector, func() {
				f = append([]float64(nil), a...)
				tau = make([]float64, min(k, m))
				QR(k, m, f, tau)
				qb = append([]float64(nil), b...)
				ApplyQT(k, m, f, tau, qb, 7)
			})
			return
		}
		f1, t1, b1, _ := run(true)
		f0, t0, b0, ok := run(false)
		if !ok {
			t.Skip("the portable kernels are left out of WebAssembly builds; the reflect and pairs tests compare the kernels")
		}
		for _, c := range []struct {
			what      string
			got, want []float64
		}{{"factor", f1, f0}, {"tau", t1, t0}, {"Qᵀb", b1, b0}} {
			amax := 0.0
			for _, v := range c.want {
				amax = max(amax, math.Abs(v))
			}
			checkSame(t, c.what, c.got, c.want, 0, len(c.want), 1e-10*amax)
		}
	}
}
