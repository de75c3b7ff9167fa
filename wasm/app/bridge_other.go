//go:build !(js && wasm)

package main

import "hnnplay/wasm/world"

// nullHost is the host of a native build (a desktop window, for development).
type nullHost struct{}

func (nullHost) setStatus(kind, text string)    {}
func (nullHost) setLabels(labels []world.Label) {}
func (nullHost) modelChanged()                  {}

func newHost(g func() *Game) host { return nullHost{} }

func exportAPI(g *Game) {}
