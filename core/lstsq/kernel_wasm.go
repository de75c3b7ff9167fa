//go:build wasm && !purego

package lstsq

import "unsafe"

// useVector is true: the host instantiates the kernels of kernel_wasm.wat
// beside the Go program (site/kernels.js; scripts/wasm-exec for tests under
// Node), and the program cannot start without them. A constant, so that the
// portable kernels are left out of the program.
const useVector = true

// The SIMD128 kernels of kernel_wasm.wat, with the signatures of the amd64
// assembly ones (kernel_amd64.go) but for fused2x4: in WebAssembly the fused
// sweep was no faster than two (BENCHMARKS.md), so reflectPairs4 applies
// each pair with reflect2x4. Pointers are addresses in the Go
// program's memory, which the kernels import; counts fit in 32 bits since
// the memory does.

//go:wasmimport lstsq dot1
//go:noescape
func wdot1(v, x unsafe.Pointer, n int32) float64

//go:wasmimport lstsq axpy1
//go:noescape
func waxpy1(v unsafe.Pointer, s float64, x unsafe.Pointer, n int32)

//go:wasmimport lstsq dot1x4
//go:noescape
func wdot1x4(v, x0, x1, x2, x3 unsafe.Pointer, n int32, out unsafe.Pointer)

//go:wasmimport lstsq axpy1x4
//go:noescape
func waxpy1x4(v, s, x0, x1, x2, x3 unsafe.Pointer, n int32)

//go:wasmimport lstsq dot2x4
//go:noescape
func wdot2x4(u, w, x0, x1, x2, x3 unsafe.Pointer, n int32, out unsafe.Pointer)

//go:wasmimport lstsq axpy2x4
//go:noescape
func waxpy2x4(u, w, ab, x0, x1, x2, x3 unsafe.Pointer, n int32)

// ptr is the address of x for the kernels.
func ptr(x *float64) unsafe.Pointer { return unsafe.Pointer(x) }

func dot1(v, x *float64, n int) float64 { return wdot1(ptr(v), ptr(x), int32(n)) }

func axpy1(v *float64, s float64, x *float64, n int) { waxpy1(ptr(v), s, ptr(x), int32(n)) }

func dot1x4(v, x0, x1, x2, x3 *float64, n int, out *[4]float64) {
	wdot1x4(ptr(v), ptr(x0), ptr(x1), ptr(x2), ptr(x3), int32(n), unsafe.Pointer(out))
}

func axpy1x4(v *float64, s *[4]float64, x0, x1, x2, x3 *float64, n int) {
	waxpy1x4(ptr(v), unsafe.Pointer(s), ptr(x0), ptr(x1), ptr(x2), ptr(x3), int32(n))
}

func dot2x4(u, w, x0, x1, x2, x3 *float64, n int, out *[8]float64) {
	wdot2x4(ptr(u), ptr(w), ptr(x0), ptr(x1), ptr(x2), ptr(x3), int32(n), unsafe.Pointer(out))
}

func axpy2x4(u, w *float64, ab *[8]float64, x0, x1, x2, x3 *float64, n int) {
	waxpy2x4(ptr(u), ptr(w), unsafe.Pointer(ab), ptr(x0), ptr(x1), ptr(x2), ptr(x3), int32(n))
}

// reflectPairs4 applies the pairs of reflectors (j, j+1), j = j0, j0+2, …,
// jp−2, to the four full k-row columns x0..x3, one pair at a time
// (reflectPairs4Go with the vector reflect2x4).
func reflectPairs4(k int, v, tau, betas []float64, j0, jp int, x0, x1, x2, x3 []float64) {
	reflectPairs4Go(k, v, tau, betas, j0, jp, x0, x1, x2, x3)
}
