// Package integrate advances states of a Hamiltonian system in time: the
// true systems of package system and, above all, the learned Ĥ of package hnn,
// whose flow the page draws live.
//
// A state is x = (q₁,…,q_d, p₁,…,p_d) and every method approximates the flow
// of Hamilton's equations
//
//	ẋ = J∇H(x),  J = [[0, I], [−I, 0]],  i.e. q̇ = ∂H/∂p, ṗ = −∂H/∂q.
//
// # Which method when
//
// A learned Ĥ is never separable, so explicit splitting methods do not apply to
// it. The methods, by registry name (see New):
//
//	name               order  symplectic  H            cost per step
//	symplectic-euler   1      yes         any          2 ∇H if separable; else Newton in q (d×d)
//	implicit-midpoint  2      yes         any          Newton on 2d unknowns
//	stormer-verlet     2      yes         separable    2 ∇H (first-same-as-last)
//	gauss4             4      yes         any          Newton on 4d unknowns
//	yoshida4           4      yes         any          3 Störmer–Verlet or 3 midpoint steps
//	rk4                4      no          any          4 ∇H
//
// In short:
//
//   - implicit-midpoint is the default for a learned Ĥ: symplectic and
//     time-reversible, so the energy error stays bounded over arbitrarily long
//     runs instead of drifting.
//   - gauss4 is the accurate choice for a learned Ĥ (order 4, also symplectic
//     and symmetric); yoshida4 reaches order 4 by composing three steps of a
//     second-order method, cheaper per step for separable H but with a larger
//     error constant.
//   - stormer-verlet is the cheapest sound method for a true separable system
//     H = T(p) + V(q); its constructor refuses non-separable H.
//   - symplectic-euler uses the variant
//     q_{n+1} = q_n + h ∂_pH(q_{n+1}, p_n), p_{n+1} = p_n − h ∂_qH(q_{n+1}, p_n),
//     the scheme that generates the data of the limited-data mode; it is
//     explicit for separable H and implicit in q otherwise.
//   - rk4 is the non-symplectic contrast: locally more accurate than midpoint,
//     but its energy error grows without bound.
//
// # Implicit solves
//
// The implicit methods solve their stage equations with Newton's method using
// the Hessian ∇²H when the Hamiltonian has a method Hessian(dst, x []float64)
// (row-major 2d×2d, as system.Hessianer and hnn.Model provide), and central
// finite differences of Grad otherwise. They iterate until the Newton
// correction, or the error left after it as estimated from the rate of
// convergence, is below Tol relative to the size of the state (default 1e-14),
// so the step is the exact fixed point up to round-off and symmetric methods
// are time-reversible to round-off. A solve that does not converge within
// MaxIter iterations returns an error wrapping ErrNoConvergence; it is never
// silently accepted.
//
// # Errors and allocation
//
// A Step that would produce a NaN or ±Inf returns ErrDiverged. On any error
// the state is left unchanged, at its last finite value, so a caller can
// report "trajectory diverged" and keep drawing what it has. Steppers own
// their scratch buffers: Step does not allocate (except to build an error),
// and a Stepper is not safe for concurrent use. Wrong state lengths are
// programmer errors and panic.
package integrate
