package experiment

import (
	"fmt"
)

// Limits are the bounds of the machine an experiment runs on, beyond the
// fields' own; a zero field sets no limit.
type Limits struct {
	// MaxEntries bounds the least-squares matrix of a fit, about
	// (2d·points + 1)·(width + 1) numbers.
	MaxEntries float64 `json:"max_entries,omitempty"`
	// MaxStepWork bounds batch·width·2d, the work of one Adam step up to a
	// small factor, where one step must stay short (the page pauses and stops
	// a race between steps).
	MaxStepWork float64 `json:"max_step_work,omitempty"`
}

// Entries returns the number of entries of the least-squares matrix of a fit
// with these settings for a system of dof degrees of freedom.
func Entries(points, width, dof int) float64 {
	return float64(2*dof*points+1) * float64(width+1)
}

// Check reports the first problem of s that lies between fields or in lim,
// as a FieldError on the field to change; nil if there is none.
func Check(s Settings, lim Limits) error {
	sys, err := s.NewSystem()
	if err != nil {
		return &FieldError{"system", err.Error()}
	}
	dof := sys.Dof()
	if n := Entries(s.Points, s.Width, dof); lim.MaxEntries > 0 && n > lim.MaxEntries {
		maxW := int(lim.MaxEntries/float64(2*dof*s.Points+1)) - 1
		return &FieldError{"width", fmt.Sprintf("width %d with %d points is too large: the least-squares matrix would have %.1e entries (limit %.2g); use width ≤ %d or fewer points",
			s.Width, s.Points, n, lim.MaxEntries, max(maxW, 0))}
	}
	if s.Sampler != "elm" && s.Points < 2 {
		return &FieldError{"points", fmt.Sprintf("the %s sampler needs at least 2 points", s.Sampler)}
	}
	if s.Sampler == "swim" && s.Snapshots > 0 {
		return &FieldError{"sampler", "the swim sampler needs the true H at the training points, which snapshot data do not give; use aswim"}
	}
	batch := min(s.AdamBatch, s.Points)
	if work := float64(batch) * float64(s.Width) * float64(2*dof); lim.MaxStepWork > 0 && work > lim.MaxStepWork {
		maxBatch := int(lim.MaxStepWork / (float64(s.Width) * float64(2*dof)))
		return &FieldError{"adam_batch", fmt.Sprintf("one Adam step with batch %d at width %d would take too long to pause or stop (batch × width × %d = %.1e, limit %.1e); use a batch ≤ %d or a smaller width",
			batch, s.Width, 2*dof, work, lim.MaxStepWork, max(maxBatch, 1))}
	}
	return nil
}

// Hints says, for the fields whose bounds depend on other fields, what they
// allow now: "at most 1048 at 20000 points" for the width under lim's
// matrix size. The page shows them while the user types.
func Hints(s Settings, lim Limits) map[string]string {
	h := map[string]string{}
	sys, err := s.NewSystem()
	if err != nil {
		return h
	}
	dof := sys.Dof()
	if lim.MaxEntries > 0 {
		maxW := int(lim.MaxEntries/float64(2*dof*s.Points+1)) - 1
		maxW = min(maxW, int(Lookup("width").Max))
		h["width"] = fmt.Sprintf("at most %d at %d points", max(maxW, 0), s.Points)
		maxP := int((lim.MaxEntries/float64(s.Width+1) - 1) / float64(2*dof))
		maxP = min(maxP, int(Lookup("points").Max))
		h["points"] = fmt.Sprintf("at most %d at width %d", max(maxP, 0), s.Width)
	}
	if lim.MaxStepWork > 0 {
		maxB := int(lim.MaxStepWork / (float64(s.Width) * float64(2*dof)))
		h["adam_batch"] = fmt.Sprintf("at most %d at width %d (and at most the %d points)", max(maxB, 1), s.Width, s.Points)
	}
	return h
}
