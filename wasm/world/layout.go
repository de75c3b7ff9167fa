package world

import (
	"fmt"
	"math"
	"strings"
)

// Rect is a rectangle in device pixels.
type Rect struct{ X, Y, W, H float64 }

// Contains reports whether (x, y) lies in r.
func (r Rect) Contains(x, y float64) bool {
	return x >= r.X && x <= r.X+r.W && y >= r.Y && y <= r.Y+r.H
}

func (r Rect) round() Rect {
	return Rect{math.Round(r.X), math.Round(r.Y), math.Round(r.W), math.Round(r.H)}
}

// Regions is the canvas layout: the phase-space plot above, the energy panel
// below, with margins for the axis labels (drawn as HTML over the canvas).
type Regions struct {
	Plot, Energy Rect
	Scale        float64 // device pixels per CSS pixel
	Text         float64 // size of the labels relative to the normal (≥ 1)
}

// Layout splits a canvas of w×h device pixels at device scale s, with the
// energy panel under the plot or without it. Margins are in CSS pixels so
// labels keep their size on every screen; with large labels (a projector)
// they are wider by the factor labels.
func Layout(w, h, s float64, energy bool, labels float64) Regions {
	if labels < 1 {
		labels = 1
	}
	left, right, top, bottom := 58*s*labels, 18*s, 14*s*labels, 40*s*labels
	gap := 30 * s
	eh := math.Max(80*s, math.Min(190*s, 0.22*h))
	if h < 360*s { // a small embed: keep the energy strip thin
		eh = math.Max(56*s, 0.18*h)
	}
	plotH := h - top - bottom - gap - eh - 22*s
	if !energy || plotH < 40*s {
		plotH = math.Max(h-top-bottom, 10)
		eh = 0
	}
	r := Regions{Scale: s, Text: labels}
	r.Plot = Rect{left, top, math.Max(w-left-right, 10), plotH}.round()
	if eh > 0 {
		r.Energy = Rect{left, top + plotH + bottom + gap - 8*s, math.Max(w-left-right, 10), eh}.round()
	}
	return r
}

// Label is a piece of text placed over the canvas, in CSS pixels.
type Label struct {
	Text  string  `json:"text"`
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	Align string  `json:"align"`           // "left", "center", "right": where X is
	Class string  `json:"class"`           // tick, axis, title
	Width float64 `json:"width,omitempty"` // if > 0, the text is cut to this width
}

func lab(text string, x, y float64, align, class string) Label {
	return Label{Text: text, X: x, Y: y, Align: align, Class: class}
}

// Energy panel scale: log10 of the relative drift, bottom to top.
const (
	EnergyDecadeLo = -12.0
	EnergyDecadeHi = 0.0
)

// Labels returns the tick and axis labels for a plot of plane p and the
// energy panel, given the regions in device pixels; names are the
// coordinate names of the plane's axes.
func Labels(reg Regions, p Plane, xName, yName string) []Label {
	s := reg.Scale
	k := math.Max(reg.Text, 1) // label offsets grow with the labels
	css := func(v float64) float64 { return math.Round(v/s*10) / 10 }
	f := FrameOf(p, reg.Plot.X, reg.Plot.Y, reg.Plot.W, reg.Plot.H)
	var out []Label
	nx := int(math.Max(2, math.Min(9, reg.Plot.W/s/90/k)))
	for _, t := range Ticks(p.XLo, p.XHi, nx) {
		x, _ := f.ToPx(t, p.YLo)
		out = append(out, lab(TickText(t), css(x), css(reg.Plot.Y+reg.Plot.H+4*s*k), "center", "tick"))
	}
	ny := int(math.Max(2, math.Min(8, reg.Plot.H/s/60/k)))
	for _, t := range Ticks(p.YLo, p.YHi, ny) {
		_, y := f.ToPx(p.XLo, t)
		out = append(out, lab(TickText(t), css(reg.Plot.X-6*s*k), css(y-8*s*k), "right", "tick"))
	}
	out = append(out,
		lab(xName, css(reg.Plot.X+reg.Plot.W-2*s), css(reg.Plot.Y+reg.Plot.H+20*s*k), "right", "axis"),
		lab(yName, css(reg.Plot.X-44*s*k), css(reg.Plot.Y-2*s*k), "left", "axis"),
	)
	if e := reg.Energy; e.H > 0 {
		out = append(out, Label{Text: "Energy error |H(x(t)) − H(x₀)| / |H(x₀)| of the true H: solid = learned flow, dashed = true flow",
			X: css(e.X), Y: css(e.Y - 19*s), Align: "left", Class: "title", Width: css(e.W)})
		for d := EnergyDecadeHi; d >= EnergyDecadeLo; d -= 4 {
			y := e.Y + (EnergyDecadeHi-d)/(EnergyDecadeHi-EnergyDecadeLo)*e.H
			out = append(out, lab(DecadeText(int(d)), css(e.X-6*s), css(y-8*s), "right", "tick"))
		}
		out = append(out, lab("now", css(e.X+e.W), css(e.Y+e.H+2*s), "right", "tick"))
		out = append(out, lab("← earlier", css(e.X), css(e.Y+e.H+2*s), "left", "tick"))
	}
	return out
}

// TickText formats a tick value briefly.
func TickText(v float64) string {
	if v == 0 {
		return "0"
	}
	s := fmt.Sprintf("%.4g", v)
	return strings.Replace(s, "-", "−", 1)
}

var superscripts = map[rune]rune{'-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹'}

// DecadeText writes 10^d with superscripts ("1" for d = 0).
func DecadeText(d int) string {
	if d == 0 {
		return "1"
	}
	var b strings.Builder
	b.WriteString("10")
	for _, r := range fmt.Sprint(d) {
		b.WriteRune(superscripts[r])
	}
	return b.String()
}
