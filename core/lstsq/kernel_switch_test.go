//go:build !wasm || purego

package lstsq

// withKernels runs f with the vector kernels (where there are any) or the
// portable ones, and reports true.
func withKernels(vector bool, f func()) bool {
	defer func(old bool) { useVector = old }(useVector)
	useVector = useVector && vector
	f()
	return true
}
