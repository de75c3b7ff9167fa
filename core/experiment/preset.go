package experiment

// Preset is a system's own defaults: a box, a number of points, a width and
// a sampler that show the system's characteristic portrait on the page and
// fit in about half a second in a browser (WebAssembly, one thread),
// measured so (BENCHMARKS.md, "Fit times in the browser"). Where that is
// coarse, Larger is a setting that fits better, more slowly, and Note says
// so. The other settings keep the table's defaults.
type Preset struct {
	Values map[string]string `json:"values"`
	Larger map[string]string `json:"larger,omitempty"`
	Note   string            `json:"note,omitempty"`
}

// Presets are the systems' own defaults. A system without one takes the
// table's defaults and its own box (system.System.Box). The preset's box
// applies only with the system's default parameters; with others (e.g.
// Lotka–Volterra's shifted preset) the system's own box does.
var Presets = map[string]Preset{
	// librations, the separatrix (|p| = 2 at q = 0) and rotations
	"pendulum": {Values: map[string]string{"box": "-2pi,2pi,-2.5,2.5"}},
	// closed orbits around the equilibrium (ln 2, 0)
	"lotka-volterra": {Values: map[string]string{"box": "-1.5,2,-2.5,1.5"}},
	"henon-heiles": {
		Values: map[string]string{"box": "-1,1,-1,1,-0.6,0.6,-0.6,0.6", "points": "1000", "width": "400", "sampler": "uswim"},
		Larger: map[string]string{"width": "600"},
		Note:   "a 4-d system needs more neurons for the same accuracy: the larger setting (width 600) fits about 2× better in about 1.2 s",
	},
	"double-pendulum": {
		Values: map[string]string{"box": "-1,1,-1,1,-0.5,0.5,-0.5,0.5", "points": "1000", "width": "400", "sampler": "uswim"},
		Larger: map[string]string{"width": "1000", "points": "2000"},
		Note:   "the double pendulum is hard at browser sizes: its default box is small swings; wider boxes need widths of thousands (the larger setting takes several seconds)",
	},
	"kepler": {
		Values: map[string]string{"box": "-1.3,1.3,-1.3,1.3,-1.5,1.5,-1.5,1.5", "region": RegionRing, "points": "1000",
			"width": "400", "sampler": "uswim"},
		Larger: map[string]string{"width": "800", "points": "3000"},
		Note: "trained on states near the circular orbits of radius 0.7 to 1.3 (H is singular at the centre), so whole " +
			"orbits lie in the data: the layer Orbits around the centre draws them; the larger setting fits about 5× better in a few seconds",
	},
}

// presetValue returns the preset's value of key for the system of s, or "".
func presetValue(s *Settings, key string) string {
	p, ok := Presets[s.System]
	if !ok || key == "box" && len(s.Params) > 0 {
		return ""
	}
	return p.Values[key]
}
