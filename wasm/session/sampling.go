package session

import (
	"hnnplay/core/experiment"
	"hnnplay/wasm/protocol"
)

// samplingOf says where the fit's hidden layer was sampled, for the page's
// sampling layer: the training states of each neuron's pair and its weight
// (its probability times the pool's size: 1 is a uniform draw); nil for ELM.
func samplingOf(res *experiment.Result, d *experiment.Data) *protocol.Sampling {
	pr := res.Fit.Pairs
	if pr == nil {
		return nil
	}
	dim := 2 * d.Train.Dof
	s := &protocol.Sampling{Refit: res.Fit.FirstPairs != nil}
	for m := range pr.From {
		s.From = append(s.From, append([]float64(nil), d.Train.X[pr.From[m]*dim:][:dim]...))
		s.To = append(s.To, append([]float64(nil), d.Train.X[pr.To[m]*dim:][:dim]...))
		s.Weight = append(s.Weight, pr.Prob[m]*float64(pr.Pool))
	}
	return s
}
