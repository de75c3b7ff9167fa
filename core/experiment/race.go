package experiment

import (
	"hnnplay/core/adam"
	"hnnplay/core/lstsq"
	"hnnplay/core/race"
)

// AdamConfig is Adam's configuration in s: its learning rate and seed, and
// its batch, at most the number of training points.
func AdamConfig(s Settings) adam.Config {
	c := adam.DefaultConfig()
	c.Width, c.LR, c.Batch, c.Seed = s.Width, s.AdamLR, min(s.AdamBatch, s.Points), s.Seed
	return c
}

// NewRace prepares the race of s on d: the sampled network against Adam, the
// same width, data and anchor, Adam limited by AdamSteps and RaceBudget and
// stopped when it reaches the sampled network's test error.
func NewRace(s Settings, d *Data, solver lstsq.Solver) (*race.Race, error) {
	fc := FitConfig(s, solver)
	return race.New(d.Train, d.Test, d.Sys, d.X0, d.H0, race.Config{
		Width: s.Width, Fit: fc, Adam: AdamConfig(s),
		Steps: s.AdamSteps, Budget: s.RaceBudget, StopWhenReached: true,
	})
}
