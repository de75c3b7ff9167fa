package playground

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"hnnplay/core/experiment"
	"hnnplay/core/number"
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

	settings experiment.Settings // the same, as parsed
}

// defaultView is the view of a page without a link.
func defaultView() View { return viewOf(experiment.Default()) }

func viewOf(s experiment.Settings) View {
	v := View{Integrator: s.Integrator, Step: s.Step, Speed: s.View.Speed, Playing: s.View.Playing,
		Layers: map[string]bool{}, Section: maps.Clone(s.View.Section), settings: s}
	if v.Section == nil {
		v.Section = map[string]float64{}
	}
	for _, o := range experiment.Lookup("layers").Options {
		v.Layers[o.Value] = slices.Contains(s.View.Layers, o.Value)
	}
	return v
}

// apply reads text, the JSON object {key: text} of window.hnnplay.setSettings
// with keys of the simulate and view groups (a section's as section.q2), and
// applies it to a copy of v, all or nothing. The section's coordinates are
// checked by the world, which knows the system.
func (v View) apply(text string) (View, error) {
	var values map[string]string
	if err := json.Unmarshal([]byte(text), &values); err != nil {
		return v, fmt.Errorf("cannot read the view settings: %v", err)
	}
	s := v.settings
	section := maps.Clone(v.Section)
	for _, k := range slices.Sorted(maps.Keys(values)) {
		f := experiment.Lookup(k)
		switch {
		case f == nil || f.Group != experiment.GroupSimulate && f.Group != experiment.GroupView:
			return v, fmt.Errorf("%q is not a setting of the view", k)
		case strings.HasPrefix(k, "section."):
			x, err := number.Parse(values[k])
			if err != nil {
				return v, fmt.Errorf("section value %s: %v", strings.TrimPrefix(k, "section."), err)
			}
			section[strings.TrimPrefix(k, "section.")] = x
		default:
			if err := s.Set(k, values[k]); err != nil {
				return v, err
			}
		}
	}
	out := viewOf(s)
	out.Section = section
	return out, nil
}
