package playground

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"hnnplay/core/experiment"
)

// View is what the page shows, as the app uses it: the integrator and step
// and the view settings of an experiment (the fields of the groups simulate
// and view in experiment.Fields).
type View struct {
	Integrator string
	Step       float64
	Speed      int
	Layers     map[string]bool // by layer name (experiment.LayerLearned, …)
	Playing    bool
	Section    map[string]float64 // a 4-d system's fixed coordinates
	Energy     bool               // the energy strip under the plot
	Present    bool               // presentation mode
	Embed      bool               // embedded in another page
	Lesson     int                // the open lesson, 0 for none
	// Starts are the trajectories a link asked for; Set is true when the
	// last settings gave them (the world then replaces its trajectories).
	Starts    [][]float64
	startsSet bool

	settings experiment.Settings // the same, as parsed
}

// defaultView is the view of a page without a link.
func defaultView() View { return viewOf(experiment.Default()) }

func viewOf(s experiment.Settings) View {
	v := View{Integrator: s.Integrator, Step: s.Step, Speed: s.View.Speed, Playing: s.View.Playing,
		Layers: map[string]bool{}, Section: maps.Clone(s.View.Section), settings: s,
		Energy: s.View.Energy, Present: s.View.Present, Embed: s.View.Embed, Lesson: s.View.Lesson, Starts: s.View.Starts}
	if v.Section == nil {
		v.Section = map[string]float64{}
	}
	for _, o := range experiment.Lookup("layers").Options {
		v.Layers[o.Value] = slices.Contains(s.View.Layers, o.Value)
	}
	return v
}

// apply reads text, the JSON object {key: text} of window.hnnplay.setSettings
// with keys of the simulate and view groups, and applies it to a copy of v,
// all or nothing. The keys may include the system and its parameters
// (system, p.NAME), which the section's coordinates (section.q2) and the
// trajectories' starts (traj) are checked against; they are applied first.
func (v View) apply(text string) (View, error) {
	var values map[string]string
	if err := json.Unmarshal([]byte(text), &values); err != nil {
		return v, fmt.Errorf("cannot read the view settings: %v", err)
	}
	s := v.settings
	keys := slices.SortedFunc(maps.Keys(values), func(a, b string) int {
		if c := cmp.Compare(rank(a), rank(b)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	startsSet := false
	for _, k := range keys {
		f := experiment.Lookup(k)
		system := k == "system" || strings.HasPrefix(k, "p.")
		if f == nil || !system && f.Group != experiment.GroupSimulate && f.Group != experiment.GroupView {
			return v, fmt.Errorf("%q is not a setting of the view", k)
		}
		if err := s.Set(k, values[k]); err != nil {
			return v, err
		}
		startsSet = startsSet || k == "traj"
	}
	out := viewOf(s)
	out.startsSet = startsSet
	return out, nil
}

// rank orders the keys of apply: the system, then its parameters, then the
// rest.
func rank(k string) int {
	switch {
	case k == "system":
		return 0
	case strings.HasPrefix(k, "p."):
		return 1
	}
	return 2
}

// forSystem returns v for the system of s (its name, parameters, formula and box):
// the view's settings carried over, but for a section or starts that do not
// fit the system, which are dropped.
func (v View) forSystem(s experiment.Settings) View {
	c := v.settings
	if c.System == s.System && maps.Equal(c.Params, s.Params) && c.Formula == s.Formula {
		return v
	}
	keep := experiment.Values(c)
	for _, k := range slices.Sorted(maps.Keys(keep)) {
		if f := experiment.Lookup(k); f != nil && (f.Group == experiment.GroupSimulate || f.Group == experiment.GroupView) {
			_ = s.Set(k, keep[k]) // a section or start that does not fit is dropped
		}
	}
	return viewOf(s)
}
