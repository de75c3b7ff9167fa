// Package hnn holds the Hamiltonian neural network itself: a single hidden
// layer of tanh units and a linear output,
//
//	Ĥ(x) = Σ_m c_m tanh(w_mᵀx + b_m) + c₀,
//
// with its closed-form input gradient and Hessian. Training lives elsewhere
// (package fit samples the hidden layer and solves for c; package adam trains
// everything by gradient descent); this package only evaluates.
package hnn

// Model is a trained network on R^D, D = 2·Dof.
//
// W is stored row-major as D×M: W[i*M+m] is the weight of input i in neuron m,
// so that the inner loops over neurons run over contiguous memory.
type Model struct {
	D, M int       // input dimension 2d and width
	W    []float64 // D×M, row-major
	B    []float64 // M hidden biases
	C    []float64 // M output weights
	C0   float64   // output bias (integration constant)

	// scratch for allocation-free evaluation; not safe for concurrent use.
	t, u []float64
}

// New returns a model of input dimension d2 and width m with zeroed parameters.
// It panics if d2 or m is not positive.
func New(d2, m int) *Model {
	if d2 <= 0 || m <= 0 {
		panic("hnn: non-positive dimension")
	}
	return &Model{D: d2, M: m, W: make([]float64, d2*m), B: make([]float64, m), C: make([]float64, m)}
}

// Dof returns the number of degrees of freedom, D/2.
func (n *Model) Dof() int { return n.D / 2 }

// activations writes t_m = tanh(w_mᵀx + b_m) into the model's scratch.
func (n *Model) activations(x []float64) []float64 {
	if len(x) != n.D {
		panic("hnn: state length mismatch")
	}
	if cap(n.t) < n.M {
		n.t = make([]float64, n.M)
	}
	t := n.t[:n.M]
	copy(t, n.B)
	for i, xi := range x {
		if xi == 0 {
			continue
		}
		row := n.W[i*n.M : (i+1)*n.M]
		for m, w := range row {
			t[m] += xi * w
		}
	}
	TanhSlice(t)
	return t
}

// H returns Ĥ(x) = cᵀtanh(Wᵀx + b) + c₀.
func (n *Model) H(x []float64) float64 {
	t := n.activations(x)
	s := n.C0
	for m, tm := range t {
		s += n.C[m] * tm
	}
	return s
}

// Grad writes ∇Ĥ(x) = W·diag(1 − tanh²(Wᵀx + b))·c into dst (len D).
func (n *Model) Grad(dst, x []float64) { n.HGrad(dst, x) }

// HGrad returns Ĥ(x) and writes ∇Ĥ(x) into dst with a single pass over tanh.
func (n *Model) HGrad(dst, x []float64) float64 {
	t := n.activations(x)
	h := n.C0
	for m, tm := range t {
		h += n.C[m] * tm
		t[m] = n.C[m] * (1 - tm*tm)
	}
	for i := range dst[:n.D] {
		row := n.W[i*n.M : (i+1)*n.M]
		s := 0.0
		for m, w := range row {
			s += w * t[m]
		}
		dst[i] = s
	}
	return h
}

// Hessian writes the D×D Hessian of Ĥ at x into dst, row-major:
//
//	∂²Ĥ/∂x_i∂x_j = Σ_m c_m · (−2 t_m (1 − t_m²)) · W[i,m] W[j,m],  t_m = tanh(z_m).
func (n *Model) Hessian(dst, x []float64) {
	t := n.activations(x)
	for m, tm := range t {
		t[m] = -2 * n.C[m] * tm * (1 - tm*tm)
	}
	d := n.D
	for i := 0; i < d; i++ {
		ri := n.W[i*n.M : (i+1)*n.M]
		for j := i; j < d; j++ {
			rj := n.W[j*n.M : (j+1)*n.M]
			s := 0.0
			for m, g := range t {
				s += g * ri[m] * rj[m]
			}
			dst[i*d+j] = s
			dst[j*d+i] = s
		}
	}
}

// GradHessian writes ∇Ĥ(x) into g and the Hessian into hess (row-major
// D×D) from a single evaluation of the activations, which is what the Newton
// iterations of the implicit integrators need at every step.
func (n *Model) GradHessian(g, hess, x []float64) {
	t := n.activations(x)
	if cap(n.u) < n.M {
		n.u = make([]float64, n.M)
	}
	u := n.u[:n.M]
	for m, tm := range t {
		s := n.C[m] * (1 - tm*tm)
		u[m] = -2 * tm * s // Hessian weight
		t[m] = s           // gradient weight
	}
	d := n.D
	for i := 0; i < d; i++ {
		ri := n.W[i*n.M : (i+1)*n.M]
		s := 0.0
		for m, w := range ri {
			s += w * t[m]
		}
		g[i] = s
		for j := i; j < d; j++ {
			rj := n.W[j*n.M : (j+1)*n.M]
			h := 0.0
			for m, w := range u {
				h += w * ri[m] * rj[m]
			}
			hess[i*d+j] = h
			hess[j*d+i] = h
		}
	}
}
