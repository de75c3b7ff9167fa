package protocol

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"hnnplay/core/hnn"
	"hnnplay/core/system"
)

// Reply is the trainer's answer to one Request. On failure only ID and Error
// are set. Relative errors are ‖truth − prediction‖₂/‖truth‖₂ over the test set.
// The worker sends it as a JavaScript object (Value); the page passes its
// JSON.stringify to the app, which reads it with ParseResult.
type Reply struct {
	Type      string      `json:"type"` // "result"
	ID        int64       `json:"id"`
	Model     *hnn.Model  `json:"model,omitempty"` // its own JSON, see hnn.Model.MarshalJSON
	Seconds   float64     `json:"seconds,omitempty"`
	Rank      int         `json:"rank,omitempty"`
	RelL2H    float64     `json:"rel_l2_H,omitempty"`
	RelL2Grad float64     `json:"rel_l2_grad,omitempty"`
	RelL2Xdot float64     `json:"rel_l2_xdot,omitempty"`
	Points    [][]float64 `json:"points,omitempty"` // a subsample of the training states
	Error     string      `json:"error"`

	// The settings the model was trained with, so the app can build the true
	// system and the plot window.
	System      string            `json:"system,omitempty"`
	Params      map[string]string `json:"params,omitempty"`
	Box         []float64         `json:"box,omitempty"` // lo₀,hi₀,lo₁,hi₁,…
	BoxText     string            `json:"box_text,omitempty"`
	Dof         int               `json:"dof,omitempty"`
	Width       int               `json:"width,omitempty"`
	TrainPoints int               `json:"train_points,omitempty"`
	Sampler     string            `json:"sampler,omitempty"`
	Rcond       float64           `json:"rcond,omitempty"`
	Noise       float64           `json:"noise,omitempty"`
	Seed        uint64            `json:"seed,omitempty"`
	// Wall times of the other phases, for the curious.
	DataSeconds float64 `json:"data_seconds,omitempty"`
	EvalSeconds float64 `json:"eval_seconds,omitempty"`
}

// ErrorReply is the reply to a request that failed.
func ErrorReply(id int64, err error) Reply {
	return Reply{Type: "result", ID: id, Error: err.Error()}
}

// Result is a decoded, checked successful Reply, ready for drawing.
type Result struct {
	Reply
	Sys   system.System
	Box   system.Box
	Model *hnn.Model
}

// ParseResult decodes a trainer reply (the JSON of its Value) and checks it
// (see Reply.Check). A reply that carries an error is returned as that error.
func ParseResult(b []byte) (*Result, error) {
	var r Reply
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("cannot read the trainer's reply: %v", err)
	}
	if r.Error != "" {
		return nil, errors.New(r.Error)
	}
	if r.Model == nil {
		return nil, errors.New("the reply has no model")
	}
	return r.Check(r.Model)
}

// Check checks that a decoded successful reply and its model are usable: a
// known system, a valid box, a model of the right shape with finite
// parameters; training points that are not finite states are dropped.
func (r Reply) Check(m *hnn.Model) (*Result, error) {
	if r.Error != "" {
		return nil, errors.New(r.Error)
	}
	sys, err := system.New(r.System, r.Params)
	if err != nil {
		return nil, err
	}
	dim := 2 * sys.Dof()
	if len(r.Box) != 2*dim {
		return nil, fmt.Errorf("the reply's box has %d numbers, want %d", len(r.Box), 2*dim)
	}
	box := UnflatBox(r.Box)
	if err := box.Validate(dim); err != nil {
		return nil, err
	}
	if m == nil {
		return nil, errors.New("the reply has no model")
	}
	if m.D != dim || m.M <= 0 {
		return nil, fmt.Errorf("the model has input dimension %d and width %d, the system dimension %d", m.D, m.M, dim)
	}
	if len(m.W) != m.D*m.M || len(m.B) != m.M || len(m.C) != m.M {
		return nil, errors.New("the model's parameter lengths do not match its shape")
	}
	if !finite(m.W) || !finite(m.B) || !finite(m.C) || !finite([]float64{m.C0}) {
		return nil, errors.New("the model has a non-finite parameter")
	}
	pts := r.Points[:0:0]
	for _, p := range r.Points {
		if len(p) == dim && finite(p) {
			pts = append(pts, p)
		}
	}
	r.Points = pts
	return &Result{Reply: r, Sys: sys, Box: box, Model: m}, nil
}

func finite(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
