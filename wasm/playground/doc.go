// Package playground is the page's phase-space app without ebiten or the
// browser: the view settings, the installed model and its world.World, the
// comparison model, the status line's rules, the per-tick work under a time
// budget, pointer input in device pixels, the canvas layout and the state
// the page reads (State, the JSON of window.hnnplay.state()).
//
// The app (package main in wasm/app) owns the window, the GPU drawing and
// the JavaScript bridge. Its ebiten Game only routes: Update polls its
// pointer source and calls Update here, Draw reads the scene from here
// between DrawStart and DrawEnd, Layout calls Layout. The page's side (the
// status line, the axis labels, the model-changed event) is behind Host.
// Time comes from an injected Clock, so everything here runs and is tested
// natively and deterministically.
package playground
