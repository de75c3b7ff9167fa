// Package protocol is the wire format between the page, its worker and the
// phase-space app: the requests the page sends (an ID and the settings as
// text, keyed as in experiment.Fields), the worker's replies, and the Result
// the app installs after checking it.
//
// The worker and the page exchange JavaScript objects, not JSON text, so
// that the worker's wasm links no JSON codec; in Go such an object is a
// value tree, built and read here in plain Go (tested natively). The app
// receives a reply as the JSON text of that object and decodes it with
// ParseResult.
package protocol
