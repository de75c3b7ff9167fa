package data

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// BenchmarkReadFile10MB reads a 10 MB file of 250 trajectories of 1000
// states (the oscillator), the size the page reads in its worker.
func BenchmarkReadFile10MB(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("id,t,q,p\n")
	for i := range 250000 {
		t := 0.01 * float64(i%1000)
		fmt.Fprintf(&sb, "%d,%.2f,%.12f,%.12f\n", i/1000, t, math.Cos(t), -math.Sin(t))
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := ReadFile(text)
		if err != nil || f.Rows != 250000 {
			b.Fatal(f, err)
		}
	}
}
