//go:build amd64 && !purego

package lstsq

import "golang.org/x/sys/cpu"

// useVector reports whether the AVX2+FMA3 kernels in kernel_amd64.s can run
// (cpu accounts for the OS saving the ymm state).
var useVector = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// Assembly kernels (kernel_amd64.s). Pointers address n consecutive float64s;
// n may be any value ≥ 0.

// dot1 returns Σ v[i]·x[i].
//
//go:noescape
func dot1(v, x *float64, n int) float64

// axpy1 does x[i] −= s·v[i].
//
//go:noescape
func axpy1(v *float64, s float64, x *float64, n int)

// dot1x4 sets out[c] = Σ v[i]·x_c[i].
//
//go:noescape
func dot1x4(v, x0, x1, x2, x3 *float64, n int, out *[4]float64)

// axpy1x4 does x_c[i] −= s[c]·v[i].
//
//go:noescape
func axpy1x4(v *float64, s *[4]float64, x0, x1, x2, x3 *float64, n int)

// dot2x4 sets out[c] = Σ u[i]·x_c[i] and out[4+c] = Σ w[i]·x_c[i].
//
//go:noescape
func dot2x4(u, w, x0, x1, x2, x3 *float64, n int, out *[8]float64)

// axpy2x4 does x_c[i] −= ab[c]·u[i] + ab[4+c]·w[i].
//
//go:noescape
func axpy2x4(u, w *float64, ab *[8]float64, x0, x1, x2, x3 *float64, n int)

// fused2x4 does, for each row i, x_c[i] −= ab[c][·]·u[i] + ab[4+c][·]·w[i]
// and then out[c] = Σ un[i]·x_c[i], out[4+c] = Σ wn[i]·x_c[i] with the updated
// x. Each ab[r] holds its coefficient four times.
//
//go:noescape
func fused2x4(u, w, un, wn *float64, ab *[8][4]float64, x0, x1, x2, x3 *float64, n int, out *[8]float64)

// reflectPairs4 applies the pairs of reflectors (j, j+1), j = j0, j0+2, …,
// jp−2, to the four full k-row columns x0..x3, like reflectPairs4Go. The
// assembly sweeps the columns once per pair rather than twice: the update by
// one pair and the dot products of the next are taken in the same pass
// (fused2x4), which halves the passes over the columns.
func reflectPairs4(k int, v, tau, betas []float64, j0, jp int, x0, x1, x2, x3 []float64) {
	if !useVector {
		reflectPairs4Go(k, v, tau, betas, j0, jp, x0, x1, x2, x3)
		return
	}
	if jp <= j0 {
		return
	}
	x0, x1, x2, x3 = x0[:k], x1[:k], x2[:k], x3[:k]
	var d [8]float64 // the current pair's uᵀx_c, wᵀx_c over rows j+2 …
	if n := k - j0 - 2; n > 0 {
		dot2x4(&v[j0*k+j0+2], &v[(j0+1)*k+j0+2], &x0[j0+2], &x1[j0+2], &x2[j0+2], &x3[j0+2], n, &d)
	}
	var ab [8][4]float64
	for j := j0; ; j += 2 {
		u, w := v[j*k:(j+1)*k], v[(j+1)*k:(j+2)*k] // rows j+1 … of u, j+2 … of w are the reflectors'
		t1, t2, beta := tau[j], tau[j+1], betas[j-j0]
		u0 := u[j+1]
		p0, p1, p2, p3 := d[0]+x0[j]+u0*x0[j+1], d[1]+x1[j]+u0*x1[j+1], d[2]+x2[j]+u0*x2[j+1], d[3]+x3[j]+u0*x3[j+1]
		q0, q1, q2, q3 := d[4]+x0[j+1], d[5]+x1[j+1], d[6]+x2[j+1], d[7]+x3[j+1]
		a0, a1, a2, a3 := t1*p0, t1*p1, t1*p2, t1*p3
		b0, b1, b2, b3 := t2*(q0-a0*beta), t2*(q1-a1*beta), t2*(q2-a2*beta), t2*(q3-a3*beta)
		x0[j] -= a0
		x1[j] -= a1
		x2[j] -= a2
		x3[j] -= a3
		x0[j+1] -= a0*u0 + b0
		x1[j+1] -= a1*u0 + b1
		x2[j+1] -= a2*u0 + b2
		x3[j+1] -= a3*u0 + b3
		if j+2 >= jp { // last pair: update only
			if n := k - j - 2; n > 0 {
				abl := [8]float64{a0, a1, a2, a3, b0, b1, b2, b3}
				axpy2x4(&u[j+2], &w[j+2], &abl, &x0[j+2], &x1[j+2], &x2[j+2], &x3[j+2], n)
			}
			return
		}
		// Rows j+2, j+3 (the next pair's head) in Go, then the rest fused.
		for r := j + 2; r < min(j+4, k); r++ {
			ur, wr := u[r], w[r]
			x0[r] -= a0*ur + b0*wr
			x1[r] -= a1*ur + b1*wr
			x2[r] -= a2*ur + b2*wr
			x3[r] -= a3*ur + b3*wr
		}
		d = [8]float64{}
		if n := k - j - 4; n > 0 {
			un, wn := v[(j+2)*k+j+4:(j+3)*k], v[(j+3)*k+j+4:(j+4)*k]
			ab = [8][4]float64{{a0, a0, a0, a0}, {a1, a1, a1, a1}, {a2, a2, a2, a2}, {a3, a3, a3, a3},
				{b0, b0, b0, b0}, {b1, b1, b1, b1}, {b2, b2, b2, b2}, {b3, b3, b3, b3}}
			fused2x4(&u[j+4], &w[j+4], &un[0], &wn[0], &ab, &x0[j+4], &x1[j+4], &x2[j+4], &x3[j+4], n, &d)
		}
	}
}
