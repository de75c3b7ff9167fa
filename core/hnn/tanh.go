package hnn

import "math"

// Tanh is the activation used by every evaluation in this package.
func Tanh(z float64) float64 { return math.Tanh(z) }
