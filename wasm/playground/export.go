package playground

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"hnnplay/core/experiment"
	"hnnplay/core/system"
	"hnnplay/wasm/protocol"
)

// TrajectoriesCSV writes the trajectories shown as CSV, one row per kept
// step (see world.History: every step of a short run, every 2ᵏ-th of a long
// one): the trajectory's number, the time, the state of the learned flow
// with the true H and the learned Ĥ there, and the same for its true twin.
// Coordinates are named as the system names them (q, p or q1, q2, p1, p2).
func (p *Playground) TrajectoriesCSV() string {
	var b strings.Builder
	w := p.world
	if w == nil {
		return ""
	}
	names := system.CoordNames(w.Truth.Dof())
	b.WriteString("trajectory,t")
	for _, n := range names {
		b.WriteString("," + n)
	}
	b.WriteString(",H,H_learned")
	for _, n := range names {
		b.WriteString(",twin_" + n)
	}
	b.WriteString(",twin_H,twin_H_learned\n")
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	m := p.res.Model
	for _, t := range w.Trajs {
		h := t.History
		for i := range h.T {
			x := h.X[i*h.Dim : (i+1)*h.Dim]
			tw := h.Twin[i*h.Dim : (i+1)*h.Dim]
			b.WriteString(strconv.Itoa(t.ID) + "," + f(h.T[i]))
			for _, v := range x {
				b.WriteString("," + f(v))
			}
			b.WriteString("," + f(w.Truth.H(x)) + "," + f(m.H(x)))
			for _, v := range tw {
				b.WriteString("," + f(v))
			}
			b.WriteString("," + f(w.Truth.H(tw)) + "," + f(m.H(tw)) + "\n")
		}
	}
	return b.String()
}

// ModelFile writes the model on the plot as a model file (see
// experiment.WriteModelFile): its settings, parameters, report and the
// training points drawn, so that loading it shows the same picture.
func (p *Playground) ModelFile() (string, error) {
	if p.res == nil {
		return "", errors.New("there is no model to save yet")
	}
	var b strings.Builder
	if err := experiment.WriteModelFile(&b, p.res.Settings, p.res.Model, p.res.Fit, p.res.Points); err != nil {
		return "", err
	}
	return b.String(), nil
}

// LoadModelFile installs the model of a model file (see
// experiment.ReadModelFile) and returns {"values": …, "fit": …}: its
// settings as text and its report (null if the file has none), for the
// page's form, link and fit panel.
func (p *Playground) LoadModelFile(text string) (string, error) {
	defer p.publish()
	f, err := experiment.ReadModelFile(strings.NewReader(text))
	if err != nil {
		p.setStatus("error", err.Error())
		return "", err
	}
	reply := protocol.Reply{Type: "result", Model: f.Model, Values: experiment.Values(f.Settings), Fit: protocol.JSONText(f.Report), Points: f.Points}
	if len(reply.Fit) == 0 {
		reply.Fit = protocol.JSONText("{}")
	}
	res, err := reply.Check()
	if err != nil {
		p.setStatus("error", err.Error())
		return "", err
	}
	p.setModel(res)
	out, err := json.Marshal(map[string]any{"values": reply.Values, "fit": json.RawMessage(reply.Fit)})
	return string(out), err
}
