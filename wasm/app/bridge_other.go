//go:build !(js && wasm)

package main

import "hnnplay/wasm/playground"

// newHost returns the host of a native build (a desktop window, for
// development): none, the status and labels are not shown.
func newHost() playground.Host { return nil }

// exportAPI has no page to export to natively.
func exportAPI(*playground.Playground, *Game) {}
