//go:build wasm && !purego

package lstsq

// withKernels runs f with the vector kernels and reports true; asked for
// the portable ones it reports false: in WebAssembly useVector is a
// constant, so that the program leaves them out (`-tags purego` tests them).
func withKernels(vector bool, f func()) bool {
	if !vector {
		return false
	}
	f()
	return true
}
