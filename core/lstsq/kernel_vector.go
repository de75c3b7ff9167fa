//go:build (amd64 || wasm) && !purego

package lstsq

// The drivers of the vector kernels: the same on amd64 (AVX2+FMA assembly,
// kernel_amd64.s) and in WebAssembly (SIMD128, kernel_wasm.wat), which both
// provide dot1, axpy1, dot1x4, axpy1x4, dot2x4 and axpy2x4 on pointers to n
// consecutive float64s. Where useVector is false (amd64 without AVX2 or
// FMA) they fall back to the portable kernels. reflectPairs4 is each
// architecture's own.

// reflect1 applies I − τ v vᵀ, v = [1; vt], to the column c (len(c) = 1 + len(vt)).
func reflect1(vt []float64, tau float64, c []float64) {
	if !useVector {
		reflect1Go(vt, tau, c)
		return
	}
	if tau == 0 {
		return
	}
	n := len(vt)
	ct := c[1 : n+1]
	s := c[0]
	if n > 0 {
		s += dot1(&vt[0], &ct[0], n)
	}
	s *= tau
	c[0] -= s
	if n > 0 {
		axpy1(&vt[0], s, &ct[0], n)
	}
}

// reflect4 applies I − τ v vᵀ to four columns at once.
func reflect4(vt []float64, tau float64, c0, c1, c2, c3 []float64) {
	reflectHead4(vt, tau, &c0[0], &c1[0], &c2[0], &c3[0], c0[1:], c1[1:], c2[1:], c3[1:])
}

// reflect2x4 applies two consecutive reflectors to four columns; see reflect2x4Go.
func reflect2x4(u1, w2 []float64, t1, t2, beta float64, c0, c1, c2, c3 []float64) {
	if !useVector {
		reflect2x4Go(u1, w2, t1, t2, beta, c0, c1, c2, c3)
		return
	}
	n := len(w2) // rows j+2 …
	u := u1[1 : n+1]
	x0, x1, x2, x3 := c0[2:n+2], c1[2:n+2], c2[2:n+2], c3[2:n+2]
	u0 := u1[0]
	var d [8]float64 // uᵀx, then wᵀx, over rows j+2 …
	if n > 0 {
		dot2x4(&u[0], &w2[0], &x0[0], &x1[0], &x2[0], &x3[0], n, &d)
	}
	p0, p1, p2, p3 := d[0]+c0[0]+u0*c0[1], d[1]+c1[0]+u0*c1[1], d[2]+c2[0]+u0*c2[1], d[3]+c3[0]+u0*c3[1]
	q0, q1, q2, q3 := d[4]+c0[1], d[5]+c1[1], d[6]+c2[1], d[7]+c3[1]
	a0, a1, a2, a3 := t1*p0, t1*p1, t1*p2, t1*p3
	b0, b1, b2, b3 := t2*(q0-a0*beta), t2*(q1-a1*beta), t2*(q2-a2*beta), t2*(q3-a3*beta)
	c0[0] -= a0
	c1[0] -= a1
	c2[0] -= a2
	c3[0] -= a3
	c0[1] -= a0*u0 + b0
	c1[1] -= a1*u0 + b1
	c2[1] -= a2*u0 + b2
	c3[1] -= a3*u0 + b3
	if n > 0 {
		ab := [8]float64{a0, a1, a2, a3, b0, b1, b2, b3}
		axpy2x4(&u[0], &w2[0], &ab, &x0[0], &x1[0], &x2[0], &x3[0], n)
	}
}

// reflectHead4 applies I − τ v vᵀ, v = [1; vt], to the four columns
// [*h_c; c_c]; see reflectHead4Go.
func reflectHead4(vt []float64, tau float64, h0, h1, h2, h3 *float64, c0, c1, c2, c3 []float64) {
	if !useVector {
		reflectHead4Go(vt, tau, h0, h1, h2, h3, c0, c1, c2, c3)
		return
	}
	if tau == 0 {
		return
	}
	n := len(vt)
	c0, c1, c2, c3 = c0[:n], c1[:n], c2[:n], c3[:n]
	var s [4]float64
	if n > 0 {
		dot1x4(&vt[0], &c0[0], &c1[0], &c2[0], &c3[0], n, &s)
	}
	s[0] = tau * (s[0] + *h0)
	s[1] = tau * (s[1] + *h1)
	s[2] = tau * (s[2] + *h2)
	s[3] = tau * (s[3] + *h3)
	*h0 -= s[0]
	*h1 -= s[1]
	*h2 -= s[2]
	*h3 -= s[3]
	if n > 0 {
		axpy1x4(&vt[0], &s, &c0[0], &c1[0], &c2[0], &c3[0], n)
	}
}
