// Package data builds the training and test sets of hnnplay: states x_k in
// phase space with their time derivatives ẋ_k (and, when known, the true
// energy H(x_k)).
//
// Three sources:
//
//   - Uniform and TrainTest draw states i.i.d. uniformly in a box and take
//     exact targets ẋ = J∇H(x) from the true system, as the paper does;
//   - Snapshots produces the limited-data variant: pairs of states one
//     observation step h apart, turned into inputs x̄ = (q_{n+1}, p_n) and
//     finite-difference targets (x_{n+1} − x_n)/h; CorrectedHamiltonian then
//     undoes the first-order bias of a Hamiltonian fitted to them;
//   - ReadCSV reads data prepared elsewhere; WriteCSV writes a set back.
//
// AddNoise and AddInputNoise perturb targets or inputs with Gaussian noise.
//
// Everything is deterministic given the seeds: random numbers come from
// math/rand/v2's PCG generator, with separate streams for sampling and noise.
package data
