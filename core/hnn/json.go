package hnn

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
)

// modelJSON is the wire form. Go's encoding/json prints float64 in the
// shortest form that parses back to the same bits, so the round trip is exact.
type modelJSON struct {
	D  int       `json:"d"`
	M  int       `json:"m"`
	W  []float64 `json:"w"`
	B  []float64 `json:"b"`
	C  []float64 `json:"c"`
	C0 float64   `json:"c0"`
}

// MarshalJSON encodes the model's parameters.
func (n *Model) MarshalJSON() ([]byte, error) {
	return json.Marshal(modelJSON{D: n.D, M: n.M, W: n.W, B: n.B, C: n.C, C0: n.C0})
}

// UnmarshalJSON decodes parameters written by MarshalJSON, checking shapes
// and that every number is finite.
func (n *Model) UnmarshalJSON(b []byte) error {
	var j modelJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	if j.D <= 0 || j.D%2 != 0 || j.M <= 0 {
		return fmt.Errorf("hnn: bad model shape d=%d m=%d", j.D, j.M)
	}
	if len(j.B) != j.M || len(j.C) != j.M || len(j.W)%j.M != 0 || len(j.W)/j.M != j.D {
		return errors.New("hnn: parameter lengths do not match the model shape") // by division: D·M could overflow
	}
	for _, s := range [][]float64{j.W, j.B, j.C, {j.C0}} {
		for _, v := range s {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return errors.New("hnn: non-finite parameter")
			}
		}
	}
	*n = Model{D: j.D, M: j.M, W: j.W, B: j.B, C: j.C, C0: j.C0}
	return nil
}
