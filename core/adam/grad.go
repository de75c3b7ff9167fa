package adam

import "hnnplay/core/hnn"

// lossGrad returns the loss of the parameters theta on the rows [lo, hi) and
// writes its gradient with respect to theta into grad (both laid out as
// Trainer.theta). It touches only per-row scratch of length M, so it streams
// over the batch and never builds a B×M array.
//
// Derivation. For one row x with target gradient y = J⁻¹ẋ = (−ṗ, q̇) let
//
//	z_m = Σ_i W[i,m] x_i + b_m,   t_m = tanh z_m,   s_m = 1 − t_m²,
//	g_i = ∂Ĥ/∂x_i = Σ_m W[i,m] c_m s_m.
//
// Because J is orthogonal, ‖J g − ẋ‖ = ‖g − y‖, and over n rows
//
//	L = 1/(n·D) Σ_rows Σ_i (g_i − y_i)².
//
// Backwards, row by row (the totals are sums over rows):
//
//	e_i = ∂L/∂g_i = 2(g_i − y_i)/(n·D)
//	a_m = Σ_i e_i W[i,m]                         (∂L/∂(c_m s_m))
//	∂L/∂c_m    = Σ_rows a_m s_m
//	u_m = ∂L/∂z_m = a_m c_m ∂s_m/∂z_m = −2 a_m c_m t_m s_m
//	∂L/∂b_m    = Σ_rows u_m
//	∂L/∂W[i,m] = Σ_rows (e_i c_m s_m + x_i u_m)  (W enters g directly and through z)
//	∂L/∂c₀     = 0                               (∇Ĥ does not depend on c₀).
func (t *Trainer) lossGrad(theta, grad []float64, lo, hi int) float64 {
	if t.d2 == 2 {
		return t.lossGrad2(theta, grad, lo, hi)
	}
	return t.lossGradD(theta, grad, lo, hi)
}

// lossGradD is lossGrad for any D: each pass over the neurons handles one
// input dimension, so every inner loop runs over contiguous memory.
func (t *Trainer) lossGradD(theta, grad []float64, lo, hi int) float64 {
	d2, m := t.d2, t.m
	w, b, c := t.params(theta)
	dw, db, dc := t.params(grad)
	clear(grad)
	tt, cs, a := t.t[:m], t.cs[:m], t.a[:m]
	b, c, db, dc = b[:m], c[:m], db[:m], dc[:m]
	g, e := t.g[:d2], t.e[:d2]
	scale := 2 / float64((hi-lo)*d2)
	var sum float64
	for r := lo; r < hi; r++ {
		x, y := t.x[r*d2:(r+1)*d2], t.y[r*d2:(r+1)*d2]

		// Forward: activations and the input gradient.
		copy(tt, b)
		for i, xi := range x {
			wi := w[i*m : (i+1)*m]
			for j, wij := range wi {
				tt[j] += xi * wij
			}
		}
		hnn.TanhSlice(tt)
		for j, tj := range tt {
			cs[j] = c[j] * (1 - tj*tj)
		}
		for i := range g {
			wi := w[i*m : (i+1)*m]
			s := 0.0
			for j, csj := range cs {
				s += wi[j] * csj
			}
			r := s - y[i]
			sum += r * r
			e[i] = scale * r
		}

		// Backward.
		clear(a)
		for i, ei := range e {
			wi := w[i*m : (i+1)*m]
			for j, wij := range wi {
				a[j] += ei * wij
			}
		}
		for j, aj := range a {
			tj := tt[j]
			sj := 1 - tj*tj
			dc[j] += aj * sj
			u := -2 * aj * c[j] * tj * sj
			db[j] += u
			a[j] = u
		}
		for i, ei := range e {
			xi := x[i]
			dwi := dw[i*m : (i+1)*m]
			for j := range dwi {
				dwi[j] += ei*cs[j] + xi*a[j]
			}
		}
	}
	return sum / float64((hi-lo)*d2)
}

// lossGrad2 is lossGrad for one degree of freedom (D = 2), the common case,
// with the passes over the neurons fused: four per row instead of eleven.
func (t *Trainer) lossGrad2(theta, grad []float64, lo, hi int) float64 {
	m := t.m
	w, b, c := t.params(theta)
	dw, db, dc := t.params(grad)
	clear(grad)
	w0, w1 := w[:m], w[m:2*m]
	dw0, dw1 := dw[:m], dw[m:2*m]
	b, c, db, dc = b[:m], c[:m], db[:m], dc[:m]
	tt, cs := t.t[:m], t.cs[:m]
	scale := 2 / float64((hi-lo)*2)
	var sum float64
	for r := lo; r < hi; r++ {
		x0, x1 := t.x[2*r], t.x[2*r+1]
		for j, bj := range b {
			tt[j] = bj + x0*w0[j] + x1*w1[j]
		}
		hnn.TanhSlice(tt)
		var g0, g1 float64
		for j, tj := range tt {
			csj := c[j] * (1 - tj*tj)
			cs[j] = csj
			g0 += w0[j] * csj
			g1 += w1[j] * csj
		}
		r0, r1 := g0-t.y[2*r], g1-t.y[2*r+1]
		sum += r0*r0 + r1*r1
		e0, e1 := scale*r0, scale*r1
		for j, tj := range tt {
			a := e0*w0[j] + e1*w1[j]
			sj := 1 - tj*tj
			cj := c[j]
			dc[j] += a * sj
			u := -2 * a * cj * tj * sj
			db[j] += u
			csj := cs[j]
			dw0[j] += e0*csj + x0*u
			dw1[j] += e1*csj + x1*u
		}
	}
	return sum / float64((hi-lo)*2)
}
