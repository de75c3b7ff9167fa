package experiment

import (
	"fmt"
	"hnnplay/core/system"
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
	// MaxMemory bounds the memory of the page's work on the settings
	// (PageJob), estimated in bytes by Memory before anything is allocated.
	MaxMemory float64 `json:"max_memory,omitempty"`
}

// maxFeatures is fit.Validate's bound on points × width, the entries of the
// fit's feature matrix (2 GB); TestMaxFeatures keeps the two equal.
const maxFeatures = 1 << 28

// Entries returns the number of entries of the least-squares matrix of a fit
// with these settings for a system of dof degrees of freedom.
func Entries(points, width, dof int) float64 {
	return float64(2*dof*points+1) * float64(width+1)
}

// Check reports the first problem of s that lies between fields or in lim,
// as a FieldError on the field to change; nil if there is none. Among them:
// a box too narrow for test points apart from the training points (see
// data.CheckBox), and the page's work (PageJob) needing more memory than
// lim.MaxMemory (see CheckMemory; its message names the fields to lower by
// their labels).
func Check(s Settings, lim Limits) error {
	sys, err := s.NewSystem()
	if err != nil {
		return &FieldError{"system", err.Error()}
	}
	dof := sys.Dof()
	if err := checkBox(s, 2*dof); err != nil {
		return err
	}
	if err := checkFormula(s, sys); err != nil {
		return err
	}
	if n := Entries(s.Points, s.Width, dof); lim.MaxEntries > 0 && n > lim.MaxEntries {
		maxW := int(lim.MaxEntries/float64(2*dof*s.Points+1)) - 1
		return &FieldError{"width", fmt.Sprintf("width %d with %d points is too large: the least-squares matrix would have %.1e entries (limit %.2g); use width ≤ %d or fewer points",
			s.Width, s.Points, n, lim.MaxEntries, max(maxW, 0))}
	}
	if n := float64(s.Points) * float64(s.Width); n > maxFeatures {
		return &FieldError{"width", fmt.Sprintf("width %d with %d points is too large: the fit's points × width features would have %.1e entries (limit %.3g); use width ≤ %d or fewer points",
			s.Width, s.Points, n, float64(maxFeatures), maxFeatures/max(s.Points, 1))}
	}
	if s.Sampler != "elm" && s.Points < 2 {
		return &FieldError{"points", fmt.Sprintf("the %s sampler needs at least 2 points", s.Sampler)}
	}
	if _, central := sys.(system.Central); s.Region == RegionRing && !central {
		return &FieldError{"region", fmt.Sprintf("Data region: %s has no circular orbits to draw states near; use the box", system.Title(s.System))}
	}
	if err := checkTrainBox(s); err != nil {
		return err
	}
	if s.Data != "" && s.HasTrainBox() {
		return &FieldError{"train_box", "Training region: your data file brings its own training states; clear the training region to train on it"}
	}
	if s.Region == RegionRing && s.HasTrainBox() {
		return &FieldError{"train_box", "Training region: the ring data region draws its own states near the circular orbits; clear the training region or use the box"}
	}
	if s.Region == RegionRing && s.Snapshots > 0 {
		return &FieldError{"region", "Data region: snapshot data start from states in the box; use the box"}
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
	return CheckMemory(s, PageJob, lim.MaxMemory, "", Label)
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
	if lim.MaxEntries > 0 || lim.MaxMemory > 0 {
		maxW := min(int(Lookup("width").Max), maxFeatures/max(s.Points, 1))
		maxP := min(int(Lookup("points").Max), maxFeatures/max(s.Width, 1))
		if lim.MaxEntries > 0 {
			maxW = min(maxW, int(lim.MaxEntries/float64(2*dof*s.Points+1))-1)
			maxP = min(maxP, int((lim.MaxEntries/float64(s.Width+1)-1)/float64(2*dof)))
		}
		if lim.MaxMemory > 0 {
			maxW = min(maxW, largest(maxW, func(w int) bool { c := s; c.Width = w; return Memory(c, PageJob).Bytes <= lim.MaxMemory }))
			maxP = min(maxP, largest(maxP, func(p int) bool { c := s; c.Points = p; return Memory(c, PageJob).Bytes <= lim.MaxMemory }))
		}
		h["width"] = fmt.Sprintf("at most %d at %d points", max(maxW, 0), s.Points)
		h["points"] = fmt.Sprintf("at most %d at width %d", max(maxP, 0), s.Width)
	}
	if lim.MaxStepWork > 0 {
		maxB := int(lim.MaxStepWork / (float64(s.Width) * float64(2*dof)))
		h["adam_batch"] = fmt.Sprintf("at most %d at width %d (and at most the %d points)", max(maxB, 1), s.Width, s.Points)
	}
	return h
}

// largest returns the largest n in [0, hi] with ok(n), for ok true up to
// some n and false above it; 0 if ok(1) is false.
func largest(hi int, ok func(int) bool) int {
	lo := 0 // ok(lo), or lo = 0
	for lo < hi {
		mid := lo + (hi-lo+1)/2
		if ok(mid) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}
