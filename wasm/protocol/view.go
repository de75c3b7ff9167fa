package protocol

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Integrators offered on the page, in display order. The learned Ĥ is never
// separable; for it, stormer-verlet falls back to implicit-midpoint.
var Integrators = []string{"implicit-midpoint", "gauss4", "symplectic-euler", "stormer-verlet", "rk4"}

// Defaults and bounds of the view settings.
const (
	DefaultIntegrator = "implicit-midpoint"
	DefaultStep       = 0.05
	MinStep           = 1e-4
	MaxStep           = 1.0
	DefaultSpeed      = 2 // integrator steps per frame
	MinSpeed          = 1
	MaxSpeed          = 50
)

// ViewRequest is a partial update of the view settings, as typed. Absent
// (nil) fields keep their current value.
type ViewRequest struct {
	Integrator *string         `json:"integrator"`
	Step       *Text           `json:"step"`
	Speed      *Text           `json:"speed"`
	Section    map[string]Text `json:"section"` // coordinate name → value
	Layers     map[string]bool `json:"layers"`  // learned, true, field, points, error
	Playing    *bool           `json:"playing"`
}

// Layer names.
const (
	LayerLearned = "learned" // level sets of Ĥ
	LayerTrue    = "true"    // level sets of H
	LayerField   = "field"   // flowing particles of the learned vector field
	LayerPoints  = "points"  // training points
	LayerError   = "error"   // heat map of |Ĥ − H|
)

// LayerNames lists the layers in drawing order, bottom first.
var LayerNames = []string{LayerError, LayerTrue, LayerLearned, LayerField, LayerPoints}

// View is the validated view state.
type View struct {
	Integrator string
	Step       float64
	Speed      int
	Section    map[string]float64
	Layers     map[string]bool
	Playing    bool
}

// DefaultView is the view of a fresh page.
func DefaultView() View {
	return View{
		Integrator: DefaultIntegrator,
		Step:       DefaultStep,
		Speed:      DefaultSpeed,
		Section:    map[string]float64{},
		Layers: map[string]bool{
			LayerLearned: true, LayerTrue: true, LayerField: true, LayerPoints: false, LayerError: false,
		},
		Playing: true,
	}
}

// Apply decodes the JSON of a ViewRequest and applies it to a copy of v. On
// error v is unchanged and nothing is applied (all or nothing).
func (v View) Apply(b []byte) (View, error) {
	var r ViewRequest
	if err := json.Unmarshal(b, &r); err != nil {
		return v, fmt.Errorf("cannot read the view settings: %v", err)
	}
	return v.ApplyRequest(r)
}

// ApplyRequest applies a decoded request to a copy of v (all or nothing).
func (v View) ApplyRequest(r ViewRequest) (View, error) {
	out := v
	out.Section = make(map[string]float64, len(v.Section))
	for k, x := range v.Section {
		out.Section[k] = x
	}
	out.Layers = make(map[string]bool, len(v.Layers))
	for k, x := range v.Layers {
		out.Layers[k] = x
	}
	if r.Integrator != nil {
		name := strings.TrimSpace(*r.Integrator)
		if !contains(Integrators, name) {
			return v, fmt.Errorf("integrator must be one of %s, got %q", strings.Join(Integrators, ", "), name)
		}
		out.Integrator = name
	}
	if r.Step != nil {
		h, err := ParseNumber(string(*r.Step))
		if err != nil || h < MinStep || h > MaxStep {
			return v, fmt.Errorf("step size must be a number from %g to %g, got %q", MinStep, MaxStep, string(*r.Step))
		}
		out.Step = h
	}
	if r.Speed != nil {
		n, err := intField("Speed", *r.Speed, DefaultSpeed, MinSpeed, MaxSpeed)
		if err != nil {
			return v, fmt.Errorf("speed (steps per frame) must be a whole number from %d to %d, got %q", MinSpeed, MaxSpeed, string(*r.Speed))
		}
		out.Speed = n
	}
	for k, t := range r.Section {
		x, err := ParseNumber(string(t))
		if err != nil {
			return v, fmt.Errorf("section value %s: %v", k, err)
		}
		out.Section[k] = x
	}
	for k, on := range r.Layers {
		if !contains(LayerNames, k) {
			return v, fmt.Errorf("unknown layer %q (known: %s)", k, strings.Join(LayerNames, ", "))
		}
		out.Layers[k] = on
	}
	if r.Playing != nil {
		out.Playing = *r.Playing
	}
	return out, nil
}
