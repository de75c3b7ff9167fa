package protocol

import (
	"encoding/json"
	"errors"
	"fmt"

	"hnnplay/core/experiment"
	"hnnplay/core/hnn"
	"hnnplay/core/number"
	"hnnplay/core/system"
)

// Reply is the worker's answer to a fit request. On failure only ID, Error
// and Errors are set.
type Reply struct {
	Type  string `json:"type"` // "result"
	ID    int64  `json:"id"`
	Error string `json:"error"`
	// Errors are the refused fields, for the page to mark; Error is their
	// messages in one sentence, or another failure.
	Errors []FieldError `json:"errors,omitempty"`

	Model *hnn.Model `json:"model,omitempty"` // its own JSON, see hnn.Model.MarshalJSON
	// Values are the settings as trained, keyed as experiment.Parse reads
	// them; the app builds the true system and the plot from them.
	Values map[string]string `json:"values,omitempty"`
	// Fit is the fit's report, experiment.Result's JSON: the settings, the
	// fit's diagnostics and times, the test errors and the fingerprints.
	Fit JSONText `json:"fit,omitempty"`
	// Points is a subsample of the training states, for drawing.
	Points [][]float64 `json:"points,omitempty"`
	// Hints (a check's reply) say what the fields whose bounds depend on
	// others allow now, by key (see experiment.Hints).
	Hints map[string]string `json:"hints,omitempty"`
	// Sampling is where a SWIM sampler built the neurons; nil for ELM.
	Sampling *Sampling `json:"sampling,omitempty"`
}

// Sampling says where the hidden layer was sampled: neuron m of the model
// was built from the training states From[m] and To[m] (it is −½ at the
// first, +½ at the second), a pair drawn with Weight[m] times the
// probability of a uniform draw (U-SWIM's weights are all 1; SWIM's and
// A-SWIM's are larger where H changes fast between the two points).
// Refit: the weights came from a first, uniform pass's Ĥ (A-SWIM).
type Sampling struct {
	From   [][]float64 `json:"from"`
	To     [][]float64 `json:"to"`
	Weight []float64   `json:"weight"`
	Refit  bool        `json:"refit"`
}

// check reports whether s fits a model of input dimension dim and width m.
func (s *Sampling) check(dim, m int) error {
	if len(s.From) != m || len(s.To) != m || len(s.Weight) != m {
		return fmt.Errorf("the sampling has %d, %d and %d entries for %d neurons", len(s.From), len(s.To), len(s.Weight), m)
	}
	for i := range s.From {
		if len(s.From[i]) != dim || len(s.To[i]) != dim || !number.Finite(s.From[i]...) || !number.Finite(s.To[i]...) ||
			!number.Finite(s.Weight[i]) || s.Weight[i] < 0 {
			return fmt.Errorf("the sampling's pair %d is not two finite states and a weight", i+1)
		}
	}
	return nil
}

// FieldError is a refused setting: its key and the message.
type FieldError struct {
	Key string `json:"key"`
	Msg string `json:"msg"`
}

// ErrorReply is the reply to a request that failed. If err is an
// experiment.Errors or *experiment.FieldError, its fields are listed in
// Errors.
func ErrorReply(id int64, err error) Reply {
	r := Reply{Type: "result", ID: id, Error: err.Error()}
	// A type switch, not errors.As: the worker then links no reflection.
	switch e := err.(type) {
	case experiment.Errors:
		for _, fe := range e {
			r.Errors = append(r.Errors, FieldError{fe.Key, fe.Msg})
		}
	case *experiment.FieldError:
		r.Errors = []FieldError{{e.Key, e.Msg}}
	}
	return r
}

// Value is the reply as a value tree (see the package documentation):
// json.Marshal(r) and json.Marshal of the tree decode to the same JSON
// value. It fails, as json.Marshal does, on a number that is not finite.
func (r Reply) Value() (map[string]any, error) {
	var o Object
	o.Set("type", r.Type)
	o.Set("id", r.ID)
	o.Set("error", r.Error)
	o.FieldErrors(r.Errors)
	if r.Model != nil {
		m, err := ModelValue(r.Model)
		if err != nil {
			return nil, err
		}
		o.Set("model", m)
	}
	if len(r.Values) > 0 {
		o.Set("values", r.Values)
	}
	if len(r.Fit) > 0 {
		o.Set("fit", r.Fit)
	}
	if len(r.Points) > 0 {
		for _, p := range r.Points {
			o.check(p...)
		}
		o.Set("points", r.Points)
	}
	if len(r.Hints) > 0 {
		o.Set("hints", r.Hints)
	}
	if s := r.Sampling; s != nil {
		for _, x := range append(append([][]float64{}, s.From...), s.To...) {
			o.check(x...)
		}
		o.check(s.Weight...)
		o.Set("sampling", map[string]any{"from": s.From, "to": s.To, "weight": s.Weight, "refit": s.Refit})
	}
	return o.Done()
}

// FieldErrors puts errs under "errors", unless there are none.
func (o *Object) FieldErrors(errs []FieldError) {
	if len(errs) == 0 {
		return
	}
	v := make([]any, len(errs))
	for i, e := range errs {
		v[i] = map[string]any{"key": e.Key, "msg": e.Msg}
	}
	o.Set("errors", v)
}

// FitReport is what the app reads of a reply's Fit.
type FitReport struct {
	Seconds   float64 `json:"fit_seconds"`
	Rank      int     `json:"rank"`
	RelL2H    float64 `json:"rel_l2_H"`
	RelL2Grad float64 `json:"rel_l2_grad"`
}

// Result is a decoded, checked successful Reply, ready for drawing.
type Result struct {
	Reply
	Settings experiment.Settings // parsed from Values
	Sys      system.System
	Box      system.Box
	Model    *hnn.Model
	FitReport
}

// ParseResult decodes a worker reply (the JSON of its Value) and checks it
// (see Reply.Check). A reply that carries an error is returned as that error.
func ParseResult(b []byte) (*Result, error) {
	var r Reply
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("cannot read the trainer's reply: %v", err)
	}
	if r.Error != "" {
		return nil, errors.New(r.Error)
	}
	return r.Check()
}

// Check checks that a decoded successful reply is usable: settings that
// parse, a model of the right shape with finite parameters, a readable fit
// report; training points that are not finite states are dropped.
func (r Reply) Check() (*Result, error) {
	if r.Error != "" {
		return nil, errors.New(r.Error)
	}
	s, err := experiment.Parse(r.Values)
	if err != nil {
		return nil, fmt.Errorf("the reply's settings: %v", err)
	}
	sys, err := s.NewSystem()
	if err != nil {
		return nil, err
	}
	dim := 2 * sys.Dof()
	m := r.Model
	if m == nil {
		return nil, errors.New("the reply has no model")
	}
	if m.D != dim || m.M <= 0 {
		return nil, fmt.Errorf("the model has input dimension %d and width %d, the system dimension %d", m.D, m.M, dim)
	}
	if len(m.W) != m.D*m.M || len(m.B) != m.M || len(m.C) != m.M {
		return nil, errors.New("the model's parameter lengths do not match its shape")
	}
	if !number.Finite(m.W...) || !number.Finite(m.B...) || !number.Finite(m.C...) || !number.Finite(m.C0) {
		return nil, errors.New("the model has a non-finite parameter")
	}
	var rep FitReport
	if err := json.Unmarshal(r.Fit, &rep); err != nil {
		return nil, fmt.Errorf("the reply's fit report: %v", err)
	}
	pts := r.Points[:0:0]
	for _, p := range r.Points {
		if len(p) == dim && number.Finite(p...) {
			pts = append(pts, p)
		}
	}
	r.Points = pts
	if r.Sampling != nil {
		if err := r.Sampling.check(dim, m.M); err != nil {
			return nil, err
		}
	}
	return &Result{Reply: r, Settings: s, Sys: sys, Box: s.Box, Model: m, FitReport: rep}, nil
}
