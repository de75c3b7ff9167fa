package lstsq

import (
	"math"
	"runtime"
	"sync"
)

// Matrices in this file are column-major: column j of a k×m matrix a is
// a[j*k : (j+1)*k]. Householder QR then works on contiguous columns, and the
// kernels apply one reflector (or a pair) to four columns at a time. The
// portable kernels below unroll their loops, since loop overhead and bounds
// checks, not arithmetic, bound a plain loop; kernel_amd64.s and
// kernel_wasm.wat are their vector versions (kernel_*.go choose).

// householder turns x into the reflector of LAPACK's dlarfg: on return
// x[0] = β and x[1:] holds v[1:] (v[0] = 1) such that
// (I − τ v vᵀ)·x_in = β e₁. It returns τ (0 when x[1:] is already zero).
func householder(x []float64) float64 { return householderHead(&x[0], x[1:]) }

// householderHead is householder for the vector [*alpha; x] whose head is
// stored apart from its tail: on return *alpha = β and x holds v[1:].
func householderHead(alpha *float64, x []float64) float64 {
	xn := norm(x)
	if xn == 0 {
		return 0
	}
	a := *alpha
	beta := -math.Copysign(math.Hypot(a, xn), a)
	scale(1/(a-beta), x)
	*alpha = beta
	return (beta - a) / beta
}

// norm returns ‖x‖₂, scaled against overflow and underflow.
func norm(x []float64) float64 {
	amax := 0.0
	for _, v := range x {
		amax = max(amax, math.Abs(v))
	}
	if amax == 0 || math.IsNaN(amax) || math.IsInf(amax, 0) {
		return amax
	}
	s := 0.0
	if amax > 1e150 || amax < 1e-150 {
		inv := 1 / amax
		for _, v := range x {
			v *= inv
			s += v * v
		}
		return amax * math.Sqrt(s)
	}
	for _, v := range x {
		s += v * v
	}
	return math.Sqrt(s)
}

func scale(f float64, x []float64) {
	for i := range x {
		x[i] *= f
	}
}

// reflect1Go applies I − τ v vᵀ, v = [1; vt], to the column c (len(c) = 1 + len(vt)).
// reflect1 (kernel_*.go) is it, or the amd64 assembly equivalent.
func reflect1Go(vt []float64, tau float64, c []float64) {
	if tau == 0 {
		return
	}
	ct := c[1:]
	ct = ct[:len(vt)]
	s := c[0]
	n := len(vt)
	i := 0
	for ; i+4 <= n; i += 4 {
		v, x := vt[i:i+4:i+4], ct[i:i+4:i+4]
		s += v[0]*x[0] + v[1]*x[1] + v[2]*x[2] + v[3]*x[3]
	}
	for ; i < n; i++ {
		s += vt[i] * ct[i]
	}
	s *= tau
	c[0] -= s
	i = 0
	for ; i+4 <= n; i += 4 {
		v, x := vt[i:i+4:i+4], ct[i:i+4:i+4]
		x[0] -= s * v[0]
		x[1] -= s * v[1]
		x[2] -= s * v[2]
		x[3] -= s * v[3]
	}
	for ; i < n; i++ {
		ct[i] -= s * vt[i]
	}
}

// reflect4Go applies I − τ v vᵀ to four columns at once (reflect4 dispatches).
func reflect4Go(vt []float64, tau float64, c0, c1, c2, c3 []float64) {
	reflectHead4Go(vt, tau, &c0[0], &c1[0], &c2[0], &c3[0], c0[1:], c1[1:], c2[1:], c3[1:])
}

// reflectHead4Go applies I − τ v vᵀ, v = [1; vt], to the four columns
// [*h_c; x_c] whose heads are stored apart (StackQR's: a row of the top
// triangle above a column of the bottom one); reflectHead4 dispatches.
func reflectHead4Go(vt []float64, tau float64, h0, h1, h2, h3 *float64, c0, c1, c2, c3 []float64) {
	if tau == 0 {
		return
	}
	n := len(vt)
	x0, x1, x2, x3 := c0[:n], c1[:n], c2[:n], c3[:n]
	s0, s1, s2, s3 := *h0, *h1, *h2, *h3
	i := 0
	for ; i+4 <= n; i += 4 {
		v := vt[i : i+4 : i+4]
		a0, a1, a2, a3 := x0[i:i+4:i+4], x1[i:i+4:i+4], x2[i:i+4:i+4], x3[i:i+4:i+4]
		s0 += v[0]*a0[0] + v[1]*a0[1] + v[2]*a0[2] + v[3]*a0[3]
		s1 += v[0]*a1[0] + v[1]*a1[1] + v[2]*a1[2] + v[3]*a1[3]
		s2 += v[0]*a2[0] + v[1]*a2[1] + v[2]*a2[2] + v[3]*a2[3]
		s3 += v[0]*a3[0] + v[1]*a3[1] + v[2]*a3[2] + v[3]*a3[3]
	}
	for ; i < n; i++ {
		v := vt[i]
		s0 += v * x0[i]
		s1 += v * x1[i]
		s2 += v * x2[i]
		s3 += v * x3[i]
	}
	s0 *= tau
	s1 *= tau
	s2 *= tau
	s3 *= tau
	*h0 -= s0
	*h1 -= s1
	*h2 -= s2
	*h3 -= s3
	i = 0
	for ; i+2 <= n; i += 2 {
		va, vb := vt[i], vt[i+1]
		a0, a1, a2, a3 := x0[i:i+2:i+2], x1[i:i+2:i+2], x2[i:i+2:i+2], x3[i:i+2:i+2]
		a0[0] -= s0 * va
		a1[0] -= s1 * va
		a2[0] -= s2 * va
		a3[0] -= s3 * va
		a0[1] -= s0 * vb
		a1[1] -= s1 * vb
		a2[1] -= s2 * vb
		a3[1] -= s3 * vb
	}
	for ; i < n; i++ {
		v := vt[i]
		x0[i] -= s0 * v
		x1[i] -= s1 * v
		x2[i] -= s2 * v
		x3[i] -= s3 * v
	}
}

// reflect2x4Go (reflect2x4 dispatches) applies two consecutive reflectors H_{j+1}·H_j to four columns
// in one pass over them. With u = v_j = [1; u1] and w = v_{j+1} = [0; 1; w2]
// (rows j, j+1, …) and β = wᵀu, the two dot products uᵀx and wᵀx are taken
// together, then
//
//	x ← x − a·u − b·w,  a = τ_j·uᵀx,  b = τ_{j+1}·(wᵀx − a·β),
//
// halving the passes over the columns, which bound the speed (in WebAssembly
// each load is bounds-checked).
func reflect2x4Go(u1, w2 []float64, t1, t2, beta float64, c0, c1, c2, c3 []float64) {
	n := len(w2) // rows j+2 …
	u := u1[1 : n+1]
	x0, x1, x2, x3 := c0[2:n+2], c1[2:n+2], c2[2:n+2], c3[2:n+2]
	u0 := u1[0]
	p0, p1, p2, p3 := c0[0]+u0*c0[1], c1[0]+u0*c1[1], c2[0]+u0*c2[1], c3[0]+u0*c3[1] // uᵀx
	q0, q1, q2, q3 := c0[1], c1[1], c2[1], c3[1]                                     // wᵀx
	for i, ui := range u {
		wi := w2[i]
		y0, y1, y2, y3 := x0[i], x1[i], x2[i], x3[i]
		p0 += ui * y0
		p1 += ui * y1
		p2 += ui * y2
		p3 += ui * y3
		q0 += wi * y0
		q1 += wi * y1
		q2 += wi * y2
		q3 += wi * y3
	}
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
	for i, ui := range u {
		wi := w2[i]
		x0[i] -= a0*ui + b0*wi
		x1[i] -= a1*ui + b1*wi
		x2[i] -= a2*ui + b2*wi
		x3[i] -= a3*ui + b3*wi
	}
}

// reflectPairs4Go applies the pairs of reflectors (j, j+1) for j = j0, j0+2,
// …, jp−2 of v (see applyReflectors; betas[j−j0] = β_j) to the four full
// k-row columns x0..x3. reflectPairs4 (kernel_*.go) is it, or the amd64
// assembly equivalent.
func reflectPairs4Go(k int, v, tau, betas []float64, j0, jp int, x0, x1, x2, x3 []float64) {
	for j := j0; j < jp; j += 2 {
		reflect2x4(v[j*k+j+1:(j+1)*k], v[(j+1)*k+j+2:(j+2)*k], tau[j], tau[j+1], betas[j-j0],
			x0[j:], x1[j:], x2[j:], x3[j:])
	}
}

// applyReflectors applies reflectors j0..j1−1 of the factored k-row matrix v
// (reflector j lives in column j below the diagonal, with τ_j = tau[j]), in
// that order, to the columns [c0, c1) of the k-row matrix a: a ← H_{j1−1}⋯H_{j0}·a.
// Columns are processed four at a time, each group passing through every
// reflector while it is hot in cache.
func applyReflectors(k int, v, tau []float64, j0, j1 int, a []float64, c0, c1 int) {
	// β_j = v_{j+1}ᵀv_j for the pairs (j, j+1) that reflect2x4 applies at once.
	var betas [qrBlock]float64
	pairs := j1-j0 >= 2 && j1-j0 <= qrBlock && k-j0 > 2
	if pairs {
		pairBetas(k, v, j0, j1, betas[:])
	}
	c := c0
	for ; c+4 <= c1; c += 4 {
		j := j0
		if pairs {
			jp := j0 + (j1-j0)&^1
			reflectPairs4(k, v, tau, betas[:], j0, jp,
				a[c*k:(c+1)*k], a[(c+1)*k:(c+2)*k], a[(c+2)*k:(c+3)*k], a[(c+3)*k:(c+4)*k])
			j = jp
		}
		for ; j < j1; j++ {
			vt := v[j*k+j+1 : (j+1)*k]
			reflect4(vt, tau[j],
				a[c*k+j:(c+1)*k], a[(c+1)*k+j:(c+2)*k], a[(c+2)*k+j:(c+3)*k], a[(c+3)*k+j:(c+4)*k])
		}
	}
	for ; c < c1; c++ {
		for j := j0; j < j1; j++ {
			reflect1(v[j*k+j+1:(j+1)*k], tau[j], a[c*k+j:(c+1)*k])
		}
	}
}

// pairBetas sets betas[j−j0] = β_j = v_{j+1}ᵀv_j for the pairs (j, j+1),
// j = j0, j0+2, … < j1, of the k-row reflectors v.
func pairBetas(k int, v []float64, j0, j1 int, betas []float64) {
	for j := j0; j+1 < j1; j += 2 {
		u1 := v[j*k+j+1 : (j+1)*k]
		w2 := v[(j+1)*k+j+2 : (j+2)*k]
		b := u1[0]
		for i, w := range w2 {
			b += w * u1[i+1]
		}
		betas[j-j0] = b
	}
}

// parallelColumns splits the columns [c0, c1) into one contiguous range per
// processor (multiples of four) and runs f on each.
func parallelColumns(c0, c1 int, work int, f func(c0, c1 int)) {
	p := runtime.GOMAXPROCS(0)
	n := c1 - c0
	if p == 1 || n < 8 || work < 1<<16 {
		f(c0, c1)
		return
	}
	chunk := ((n+p-1)/p + 3) &^ 3
	var wg sync.WaitGroup
	for lo := c0; lo < c1; lo += chunk {
		hi := min(lo+chunk, c1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(lo, hi)
		}()
	}
	wg.Wait()
}

// qrBlock is the number of reflectors gathered before they are applied to
// the trailing columns.
const qrBlock = 32

// QR computes in place the Householder QR factorization of the column-major
// k×m matrix a: on return R is on and above the diagonal and the reflectors
// that form Q are below it, with their scalars in tau (len ≥ min(k, m)).
// Like LAPACK's dgeqrf it is backward stable whatever the rank of a.
func QR(k, m int, a, tau []float64) {
	if k <= 0 || m <= 0 || len(a) < k*m || len(tau) < min(k, m) {
		panic("lstsq: bad QR shapes")
	}
	r := min(k, m)
	for j0 := 0; j0 < r; j0 += qrBlock {
		j1 := min(j0+qrBlock, r)
		// The panel, two reflectors at a time: H_j goes to column j+1 alone,
		// then the pair (H_j, H_{j+1}) to the rest of the panel in one pass.
		j := j0
		for ; j+1 < j1; j += 2 {
			tau[j] = householder(a[j*k+j : (j+1)*k])
			applyReflectors(k, a, tau, j, j+1, a, j+1, j+2)
			tau[j+1] = householder(a[(j+1)*k+j+1 : (j+2)*k])
			applyReflectors(k, a, tau, j, j+2, a, j+2, j1)
		}
		if j < j1 {
			tau[j] = householder(a[j*k+j : (j+1)*k])
		}
		parallelColumns(j1, m, (m-j1)*(k-j0), func(c0, c1 int) {
			applyReflectors(k, a, tau, j0, j1, a, c0, c1)
		})
	}
}

// ApplyQT overwrites the column-major k×n matrix b with Qᵀ·b, where Q is the
// orthogonal factor stored by QR(k, m, a, tau) and r = min(k, m).
func ApplyQT(k, m int, a, tau []float64, b []float64, n int) {
	r := min(k, m)
	parallelColumns(0, n, n*k*r, func(c0, c1 int) {
		applyReflectors(k, a, tau, 0, r, b, c0, c1)
	})
}
