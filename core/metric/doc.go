// Package metric measures how well a learned Hamiltonian matches the truth:
// relative L2 errors over a test set (docs/method.md, “Error metrics”), the
// energy error and drift along a rollout, and the distance between two
// trajectories.
//
// Norms are accumulated with a running scale (as LAPACK's dlassq does), so
// they neither overflow nor underflow for any finite input, and NaN or ±Inf
// inputs propagate to the result.
package metric
