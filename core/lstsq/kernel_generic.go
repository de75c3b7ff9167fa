//go:build !(amd64 || wasm) || purego

package lstsq

// The portable kernels: architectures other than amd64 and WebAssembly, and
// -tags purego.

func reflect1(vt []float64, tau float64, c []float64) { reflect1Go(vt, tau, c) }

func reflect4(vt []float64, tau float64, c0, c1, c2, c3 []float64) {
	reflect4Go(vt, tau, c0, c1, c2, c3)
}

func reflect2x4(u1, w2 []float64, t1, t2, beta float64, c0, c1, c2, c3 []float64) {
	reflect2x4Go(u1, w2, t1, t2, beta, c0, c1, c2, c3)
}

// useVector is always false here: there are no vector kernels. (A
// variable, not a constant, so that tests can set it alike everywhere.)
var useVector = false

func reflectPairs4(k int, v, tau, betas []float64, j0, jp int, x0, x1, x2, x3 []float64) {
	reflectPairs4Go(k, v, tau, betas, j0, jp, x0, x1, x2, x3)
}

func reflectHead4(vt []float64, tau float64, h0, h1, h2, h3 *float64, c0, c1, c2, c3 []float64) {
	reflectHead4Go(vt, tau, h0, h1, h2, h3, c0, c1, c2, c3)
}
