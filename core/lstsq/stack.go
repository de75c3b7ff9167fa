package lstsq

// StackQR reduces two stacked n×n upper triangles to one: with Householder
// reflections Q it writes [A; B] = Q·[R; 0] and applies Qᵀ to the stacked
// right-hand sides [CA; CB] (n×q each). Every matrix is column-major with
// full storage (column j of a is a[j*n : (j+1)*n]; entries below the
// diagonal of a and b must be zero and stay zero in a).
//
// On return a holds R, ca the top n rows of Qᵀ[CA; CB], and StackQR returns
// ‖bottom n rows‖₂², the part of the right-hand sides that no solution of
// R·x ≈ ca can reduce. b and cb are overwritten.
//
// It is how the least-squares problems of the fit are combined: the QR
// factors of blocks of rows (one per worker, the tall-skinny QR), and the
// 2d triangles of the reduced system. Reflector j touches row j of A and
// rows 0…j of B only, so the work is about (2/3)·n³, a fifth of a dense QR
// of the 2n×n stack.
func StackQR(n, q int, a, ca, b, cb []float64) float64 {
	if n <= 0 || q < 0 || len(a) < n*n || len(b) < n*n || len(ca) < n*q || len(cb) < n*q {
		panic("lstsq: bad StackQR shapes")
	}
	var tau [qrBlock]float64
	for j0 := 0; j0 < n; j0 += qrBlock {
		j1 := min(j0+qrBlock, n)
		for j := j0; j < j1; j++ {
			v := b[j*n : j*n+j+1]
			t := householderHead(&a[j*n+j], v)
			tau[j-j0] = t
			for c := j + 1; c < j1; c++ {
				reflectHead(v, t, &a[c*n+j], b[c*n:c*n+j+1])
			}
		}
		panel := tau[:j1-j0]
		parallelColumns(j1, n, (n-j1)*j1, func(c0, c1 int) {
			stackApply(n, b, panel, j0, a, b, c0, c1)
		})
		stackApply(n, b, panel, j0, ca, cb, 0, q)
	}
	rest := 0.0
	for _, v := range cb[:n*q] {
		rest += v * v
	}
	return rest
}

// reflectHead applies I − τ v vᵀ, v = [1; vt], to the column [*h; x],
// len(x) = len(vt).
func reflectHead(vt []float64, tau float64, h *float64, x []float64) {
	if tau == 0 {
		return
	}
	x = x[:len(vt)]
	s := *h
	for i, v := range vt {
		s += v * x[i]
	}
	s *= tau
	*h -= s
	for i, v := range vt {
		x[i] -= s * v
	}
}

// stackApply applies the reflectors j0 … j0+len(tau)−1 of StackQR (reflector
// j's tail in v[j*n : j*n+j+1]) in order to the columns [c0, c1) of the
// stacked pair (top, bottom), four columns at a time: the heads are row j of
// top, the tails rows 0…j of bottom.
func stackApply(n int, v, tau []float64, j0 int, top, bottom []float64, c0, c1 int) {
	c := c0
	for ; c+4 <= c1; c += 4 {
		t0, t1, t2, t3 := top[c*n:(c+1)*n], top[(c+1)*n:(c+2)*n], top[(c+2)*n:(c+3)*n], top[(c+3)*n:(c+4)*n]
		b0, b1, b2, b3 := bottom[c*n:(c+1)*n], bottom[(c+1)*n:(c+2)*n], bottom[(c+2)*n:(c+3)*n], bottom[(c+3)*n:(c+4)*n]
		for jj, t := range tau {
			if t == 0 {
				continue
			}
			j := j0 + jj
			reflectHead4(v[j*n:j*n+j+1], t, &t0[j], &t1[j], &t2[j], &t3[j], b0, b1, b2, b3)
		}
	}
	for ; c < c1; c++ {
		for jj, t := range tau {
			j := j0 + jj
			reflectHead(v[j*n:j*n+j+1], t, &top[c*n+j], bottom[c*n:c*n+j+1])
		}
	}
}

// FoldRow folds the row r with target h into the n×n upper triangle a
// (column-major) with targets u: Householder reflections of two rows at a
// time (Givens rotations) zero r against the diagonal, rotating u and h
// alike. It returns h², the target's part no solution can fit. r is
// overwritten.
func FoldRow(n int, a, u, r []float64, h float64) float64 {
	if n <= 0 || len(a) < n*n || len(u) < n || len(r) < n {
		panic("lstsq: bad FoldRow shapes")
	}
	for j := 0; j < n; j++ {
		x := r[j : j+1]
		t := householderHead(&a[j*n+j], x)
		if t == 0 {
			continue
		}
		v := x[0]
		r[j] = 0
		for c := j + 1; c < n; c++ {
			s := t * (a[c*n+j] + v*r[c])
			a[c*n+j] -= s
			r[c] -= s * v
		}
		s := t * (u[j] + v*h)
		u[j] -= s
		h -= s * v
	}
	return h * h
}
