// Package race runs the paper's central comparison: a sampled Hamiltonian
// network (package fit) against the same network trained by Adam (package
// adam), on the same data, timed the same way.
//
// # What is compared
//
// Both methods get the identical training set and are scored on the
// identical test set: a Race holds the two *data.Set values it was built
// with, hands the very same training slices to fit.Fit and to
// adam.NewTrainer, and scores every model with one function, the relative L2
// error of H over the test states (docs/method.md, “Error metrics”),
//
//	e_H = ‖H − Ĥ‖₂ / ‖H‖₂,
//
// with H the test set's own energies when it has them and the true system's
// otherwise. Both networks have the same width, and both fix the integration
// constant at the same anchor (x₀, H₀).
//
// # What is timed
//
// The same kind of work on both sides: data generation and evaluation are
// excluded for both. The sampled time is fit.Result.Total (sampling,
// assembly and the least-squares solve); Adam's time is the sum
// of the wall time spent inside Trainer.Step. Adam's test error is measured
// between slices of stepping, outside its clock, so a finer curve costs wall
// time but never adds to Adam's reported time.
//
// # The speed-up
//
// If Adam's test error reaches the sampled network's, the speed-up is
//
//	(Adam time at the first evaluation with e_H ≤ sampled e_H) / (sampled time).
//
// Adam is only evaluated between slices, so the true crossing lies between
// that evaluation and the one before it: the reported ratio is at most one
// slice too large (Run's slices grow by 25 %, bounding that to about 25 %).
// If Adam never gets there within its step or time budget, the ratio of all
// of Adam's time to the sampled time is reported and flagged as a lower
// bound.
//
// Note that fit.Fit assembles its features on GOMAXPROCS threads while an
// Adam step runs on one; set GOMAXPROCS to 1 for a strictly single-threaded
// race (under js/wasm everything runs on one thread anyway).
//
// # Animation
//
// A Race advances one slice at a time (Advance), so a page can draw the
// error curve while Adam trains; Run does the whole race in one call.
package race
