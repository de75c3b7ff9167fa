// Package system defines the Hamiltonian systems that hnnplay learns: their
// energy H, its analytic gradient, a default training box and an anchor point.
//
// A state is x = (q₁,…,q_d, p₁,…,p_d) in canonical coordinates, always in that
// column order, and Hamilton's equations read ẋ = J∇H(x) with
// J = [[0, I], [−I, 0]], i.e. q̇ = ∂H/∂p and ṗ = −∂H/∂q.
package system

import "strconv"

// Hamiltonian is a scalar energy on R^{2d} with its gradient.
// Both the true systems of this package and learned networks satisfy it.
type Hamiltonian interface {
	// Dof returns d, the number of degrees of freedom; states have length 2d.
	Dof() int
	// H returns the energy at x.
	H(x []float64) float64
	// Grad writes ∇H(x) into dst (len 2d).
	Grad(dst, x []float64)
}

// System is a true Hamiltonian with the metadata needed to train on it.
type System interface {
	Hamiltonian
	// Name is the registry name, e.g. "pendulum".
	Name() string
	// Box is the default training box.
	Box() Box
	// Anchor returns the anchor state x₀ at which H₀ = H(x₀) is given to the
	// fit as the integration constant. A new slice on every call.
	Anchor() []float64
	// Separable reports whether H = T(p) + V(q).
	Separable() bool
}

// Box is an axis-aligned box in phase space: Lo[i] ≤ x[i] ≤ Hi[i].
type Box struct {
	Lo, Hi []float64
}

// Hessianer is implemented by Hamiltonians that can evaluate their Hessian.
type Hessianer interface {
	// Hessian writes ∇²H(x) into dst, row-major 2d×2d:
	// dst[i*2d+j] = ∂²H/∂x_i∂x_j.
	Hessian(dst, x []float64)
}

// ApplyJ writes J·g into dst, with J = [[0, I], [−I, 0]]:
//
//	dst = (g_p, −g_q)
//
// so that ApplyJ(dst, ∇H(x)) is the vector field ẋ = (∂H/∂p, −∂H/∂q).
// dst and g may be the same slice. It panics if the lengths differ or are odd.
func ApplyJ(dst, g []float64) {
	if len(dst) != len(g) || len(g)%2 != 0 {
		panic("system: ApplyJ: bad lengths")
	}
	d := len(g) / 2
	for i := 0; i < d; i++ {
		gq, gp := g[i], g[d+i]
		dst[i], dst[d+i] = gp, -gq
	}
}

// VectorField writes Hamilton's vector field ẋ = J∇H(x) into dst (len 2d).
func VectorField(h Hamiltonian, dst, x []float64) {
	h.Grad(dst, x)
	ApplyJ(dst, dst)
}

// checkLen panics if x does not have length n (and dst, if non-nil, too).
func checkLen(name string, n int, dst, x []float64) {
	if len(x) != n || (dst != nil && len(dst) != n) {
		panic("system: " + name + ": state length mismatch")
	}
}

// checkHessLen panics if dst is not n×n or x not of length n.
func checkHessLen(name string, n int, dst, x []float64) {
	if len(x) != n || len(dst) != n*n {
		panic("system: " + name + ": Hessian shape mismatch")
	}
}

// CoordNames returns the names of the state coordinates of a d-dof system,
// in state order: "q", "p" for d = 1 and "q1", …, "qd", "p1", …, "pd"
// otherwise.
func CoordNames(d int) []string {
	if d == 1 {
		return []string{"q", "p"}
	}
	n := make([]string, 0, 2*d)
	for _, c := range []string{"q", "p"} {
		for i := 1; i <= d; i++ {
			n = append(n, c+strconv.Itoa(i))
		}
	}
	return n
}
