// Package system defines the Hamiltonian systems that hnnplay learns: their
// energy H, its analytic gradient, a default training box and an anchor point.
//
// A state is x = (q₁,…,q_d, p₁,…,p_d) in canonical coordinates, always in that
// column order, and Hamilton's equations read ẋ = J∇H(x) with
// J = [[0, I], [−I, 0]], i.e. q̇ = ∂H/∂p and ṗ = −∂H/∂q.
package system

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
