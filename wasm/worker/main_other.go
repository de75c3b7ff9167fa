//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "worker runs in a browser Web Worker: build it with GOOS=js GOARCH=wasm")
	os.Exit(2)
}
