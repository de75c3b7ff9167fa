// Package world is the live phase-space scene of the page, as plain Go that
// knows nothing of ebiten or the browser (like the World of ebiten's
// examples/life): the learned and the true Hamiltonian, the 2-d plane that is
// drawn, trajectories integrated live with their energy history, the flowing
// particles of the learned vector field, and the static layers (level sets,
// error heat map, training points) rendered on the CPU into RGBA images once
// per model.
//
// The app (package main in wasm/app) owns the window, input and GPU drawing;
// it calls Advance once per frame and uploads the images this package renders.
// Everything here runs and is tested natively.
package world
