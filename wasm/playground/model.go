package playground

import (
	"encoding/json"
	"errors"
	"fmt"

	"hnnplay/core/hnn"
	"hnnplay/wasm/protocol"
	"hnnplay/wasm/world"
)

// SetModel installs a trainer reply (already parsed and checked). The
// trajectories of the previous model restart from their initial conditions
// if the system is the same; a comparison model is removed (the page
// installs it again if it still applies).
func (p *Playground) SetModel(r *protocol.Result) {
	p.setModel(r)
	p.publish()
}

func (p *Playground) setModel(r *protocol.Result) {
	view := p.view.forSystem(r.Settings)
	w, err := world.New(r.Sys, r.Model, r.Box, r.Points, view.Integrator, view.Step)
	if err != nil {
		p.setStatus("error", "cannot use the new model: "+err.Error())
		return
	}
	if p.world != nil && p.world.Truth.Name() == r.Sys.Name() && p.world.Dim() == w.Dim() {
		w.Adopt(p.world) // same system: keep the starts and the section
	} else {
		w.SetSection(view.Section) // a link's section and trajectories
		for _, x := range view.Starts {
			w.Add(x)
		}
	}
	view.Section = w.Section()
	view.startsSet = false
	w.Events() // the integrator fallback note was already shown for the old model
	p.news("")
	p.view = view
	p.world, p.res = w, r
	p.compare = nil
	p.particles = nil
	p.job = nil
	p.relayout()
	msg := trainedMessage(r)
	if len(w.Trajs) == 0 {
		msg += " Click or drag on the plot to start trajectories."
	} else {
		msg += fmt.Sprintf(" %d trajectories restarted with the new model.", len(w.Trajs))
	}
	p.drawnMessage = msg
	p.setStatus("busy", "Drawing the level sets of the new model…")
	p.modelEvent = true  // Host.ModelChanged after the next Update has published
	p.startsEvent = true // and the starts, which the page's link holds
}

// SetModelJSON installs a trainer reply given as JSON text
// (window.hnnplay.setModel). A reply that cannot be used stops the training
// flag and shows its error; a note, if any, is shown as an error instead of
// the fit summary (e.g. the values of a link that were replaced by defaults).
func (p *Playground) SetModelJSON(reply, note string) error {
	defer p.publish()
	res, err := protocol.ParseResult([]byte(reply))
	if err != nil {
		p.setTraining(false)
		p.setStatus("error", err.Error())
		return err
	}
	p.setModel(res)
	if note != "" {
		p.setStatus("error", note)
	}
	return nil
}

// SetCompare installs the comparison model (Adam's network) whose flow every
// trajectory follows too, or removes it (nil). It must fit the current model's
// system.
func (p *Playground) SetCompare(m *hnn.Model) error {
	defer p.publish()
	if m == nil {
		p.compare = nil
		if p.world != nil {
			return p.world.SetCompare(nil)
		}
		return nil
	}
	if p.world == nil {
		return errors.New("there is no model on the canvas to compare with yet")
	}
	if m.D != p.world.Dim() {
		return fmt.Errorf("the comparison model has input dimension %d, the system %d", m.D, p.world.Dim())
	}
	if err := p.world.SetCompare(m); err != nil {
		return err
	}
	p.compare = m
	return nil
}

// SetCompareJSON installs the comparison model given as the JSON of an
// hnn.Model, or removes it ("" or "null"), see SetCompare.
func (p *Playground) SetCompareJSON(text string) error {
	if text == "" || text == "null" {
		return p.SetCompare(nil)
	}
	m := new(hnn.Model)
	if err := json.Unmarshal([]byte(text), m); err != nil {
		p.publish()
		return errors.New("cannot read the comparison model: " + err.Error())
	}
	return p.SetCompare(m)
}

func (p *Playground) applyView(v View) {
	old := p.view
	p.view = v
	if v.Energy != old.Energy || v.Present != old.Present {
		p.relayout()
	}
	if p.world == nil {
		return
	}
	if v.startsSet {
		p.world.Clear()
		for _, x := range v.Starts {
			p.world.Add(x)
		}
		p.view.startsSet = false
		p.startsEvent = true
	}
	if v.Integrator != old.Integrator {
		if err := p.world.SetIntegrator(v.Integrator); err != nil {
			p.setStatus("error", err.Error())
		}
	}
	p.world.StepSize = v.Step
	if p.world.SetSection(v.Section) {
		p.particles = nil
		p.job = nil
	}
}

// SetSettings applies view settings given as the JSON object {key: text}
// (window.hnnplay.setSettings; keys of the simulate and view groups of
// experiment.Fields), all or nothing; bad settings show their error.
func (p *Playground) SetSettings(text string) error {
	defer p.publish()
	v, err := p.view.apply(text)
	if err != nil {
		p.setStatus("error", err.Error())
		return err
	}
	p.applyView(v)
	return nil
}
