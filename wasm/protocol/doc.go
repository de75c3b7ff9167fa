// Package protocol is the wire format between the page, the trainer worker
// and the phase-space app: the settings a user types, their validation, the
// trainer's reply and the view settings of the canvas.
//
// Everything the user can type arrives as text (strings, or numbers), and
// is checked here, in plain Go that runs natively in tests, so that a bad value
// becomes one clear sentence for the status line instead of a panic or a NaN
// deep inside a fit. The bounds are in Limits and are sent to the page, so the
// page validates URL values against the same numbers.
package protocol
