package world

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"testing"

	"hnnplay/core/experiment"
)

var updatePreview = flag.Bool("update-preview", false, "rewrite site/preview.svg")

// previewSVG draws the level sets of the true H of the page's default system
// on its default box, as the plot draws them (the same levels, the padded
// window): the picture an embed shows while the program loads.
func previewSVG(t *testing.T) []byte {
	s := experiment.Default()
	sys, err := s.NewSystem()
	if err != nil {
		t.Fatal(err)
	}
	pl := NewPlane(s.Box, sys.Anchor())
	g := NewGrid(pl, 97, 73)
	x := make([]float64, 2)
	for j := 0; j < g.NY; j++ {
		for i := 0; i < g.NX; i++ {
			u, v := g.Node(i, j)
			pl.Lift(x, u, v)
			g.True[j*g.NX+i] = sys.H(x)
		}
	}
	lo, hi := Range(g.True, 0.02)
	const w, h = 720, 450
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d"><rect width="%d" height="%d" fill="#fff"/>`+"\n", w, h, w, h)
	b.WriteString(`<path fill="none" stroke="#e8a83a" stroke-opacity="0.63" stroke-width="4" stroke-linecap="round" d="`)
	px := func(i, j float64) (float64, float64) { return i / float64(g.NX-1) * w, h - j/float64(g.NY-1)*h }
	for _, level := range Levels(lo, hi, ContourCount) {
		for _, sg := range Contour(nil, g.True, g.NX, g.NY, level) {
			x0, y0 := px(sg.X0, sg.Y0)
			x1, y1 := px(sg.X1, sg.Y1)
			fmt.Fprintf(&b, "M%.0f %.0fL%.0f %.0f", x0, y0, x1, y1)
		}
	}
	b.WriteString("\"/>\n</svg>\n")
	return b.Bytes()
}

// site/preview.svg is the page's default portrait (rewrite it with
// -update-preview after the default system or box changes).
func TestPreviewSVG(t *testing.T) {
	const path = "../../site/preview.svg"
	got := previewSVG(t)
	if *updatePreview {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not the default portrait (%d bytes, drawn %d): run go test ./wasm/world -run TestPreviewSVG -update-preview", path, len(want), len(got))
	}
}
