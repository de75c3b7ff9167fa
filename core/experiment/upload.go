package experiment

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"hnnplay/core/data"
	"hnnplay/core/internal/jsontext"
	"hnnplay/core/system"
)

// Holdout is the fraction of an uploaded file held back as the test set:
// the page's, and the command line's default (-holdout).
const Holdout = 0.2

// BoxPad is how far the box of uploaded data reaches beyond the data, as a
// fraction of their range in each coordinate (half a unit for a coordinate
// that does not vary).
const BoxPad = 0.05

// Upload is a data file in use: the name it was uploaded with (the Data
// setting) and what data.ReadFile read from it.
type Upload struct {
	Name string
	File *data.File
}

// UploadReport says what an experiment on uploaded data trained on and held
// back; Result.Upload carries it.
type UploadReport struct {
	Name, Format, About string
	// Train and Held count the training and held-back rows of the set
	// (states, or pairs of trajectories); HeldTrajectories the trajectories
	// held back whole (0 when pairs were held back one by one).
	Train, Held, HeldTrajectories, Trajectories int
	Holdout                                     float64
	HasH                                        bool // the file has an H column
	Step                                        float64
}

// uploadStream is the second PCG seed word of the hold-back draw.
const uploadStream = 0x5348_4e4e_484f_4c44 // "SHNNHOLD"

// parseDataName reads the Data setting: a file's name, or "" for generated
// data.
func parseDataName(s *Settings, t string) error {
	if len(t) > 255 {
		return fmt.Errorf("must be a file name of at most 255 bytes, got %d", len(t))
	}
	if i := strings.IndexFunc(t, unicode.IsControl); i >= 0 {
		return fmt.Errorf("must be a file name without control characters, got %q", t)
	}
	s.Data = t
	return nil
}

// UploadData makes the data of s from the uploaded file u instead of
// generating them, and returns them with the settings as trained:
//
//   - the system of s is the reference, whose dimension must be the file's;
//     its H and ∇H are the truth the errors of H and ∇H are measured against
//     (meaningful if the data come from it), except that a file's own H
//     column is the reference for H (TestOwnH);
//   - a fraction holdout of the rows is held back as the test set, drawn
//     from DataSeed: whole trajectories when the file has two or more,
//     else single rows (states, or pairs of a trajectory);
//   - the box is the data's bounding box, padded by BoxPad; it sets the
//     plot's window;
//   - trajectories are snapshot pairs: Snapshots is their time step h, so
//     the fit reports the corrected Hamiltonian's errors too; a file of
//     derivatives sets Snapshots to 0;
//   - the noise setting adds noise to the training targets, as for
//     generated data.
//
// lim bounds the work as Check does, with the file's numbers of rows.
func UploadData(s Settings, u *Upload, holdout float64, lim Limits) (Settings, *Data, error) {
	sys, err := s.NewSystem()
	if err != nil {
		return s, nil, &FieldError{"system", err.Error()}
	}
	f := u.File
	if f.Set.Dof != sys.Dof() {
		msg := fmt.Sprintf("the file has %d coordinates per state; the %s has %d: choose a system of %s",
			2*f.Set.Dof, system.Title(s.System), 2*sys.Dof(), dofWords(f.Set.Dof))
		if slices.Contains(system.Names(), "custom") { // the system whose H is typed
			msg += " or type your own H"
		}
		return s, nil, &FieldError{"system", msg}
	}
	if !(holdout > 0 && holdout < 1) {
		return s, nil, fmt.Errorf("the fraction held back must be between 0 and 1, got %v", holdout)
	}
	s.Data = u.Name
	s.Region = RegionBox
	s.TrainBox = system.Box{}
	s.Snapshots = f.Step
	if maxH := Lookup("snapshots").Max; f.Step > maxH {
		return s, nil, &FieldError{"data", fmt.Sprintf("Your data: the time step h = %s of %s is larger than %s, the largest snapshot step: rescale the time or the data",
			strconv.FormatFloat(f.Step, 'g', 6, 64), u.Name, strconv.FormatFloat(maxH, 'g', -1, 64))}
	}
	n := f.Set.Len()
	if n < 3 {
		return s, nil, &FieldError{"data", fmt.Sprintf("Your data: %s gives %d samples; at least 3 are needed (2 to train on, 1 to hold back)", u.Name, n)}
	}
	test, heldTraj := holdBack(f, holdout, s.DataSeed)
	train := data.Set{Dof: f.Set.Dof}
	held := data.Set{Dof: f.Set.Dof}
	if f.Set.H != nil {
		train.H, held.H = []float64{}, []float64{}
	}
	for r := range n {
		dst := &train
		if test[r] {
			dst = &held
		}
		x, xd := f.Set.Row(r)
		dst.X = append(dst.X, x...)
		dst.Xdot = append(dst.Xdot, xd...)
		if f.Set.H != nil {
			dst.H = append(dst.H, f.Set.H[r])
		}
	}
	if s.Sampler == "swim" && train.H == nil {
		return s, nil, &FieldError{"sampler", "the swim sampler needs H at the training points, and your file has no H column; use aswim"}
	}
	s.Box = dataBox(f.Set)
	if err := s.Box.Validate(2 * f.Set.Dof); err != nil {
		return s, nil, &FieldError{"data", fmt.Sprintf("Your data: their range makes no box (%v): rescale them", err)}
	}
	c := s
	c.Points, c.TestPoints = train.Len(), held.Len()
	if err := Check(c, lim); err != nil {
		return s, nil, fmt.Errorf("with the %d training rows of %s, %v", c.Points, u.Name, err)
	}
	if err := train.AddNoise(s.Noise, s.DataSeed); err != nil {
		return s, nil, &FieldError{"noise", fmt.Sprintf("Noise: %v", err)}
	}
	d := &Data{Sys: sys, Train: &train, Test: &held, TrainSource: u.Name, TestSource: u.Name + " (held back)",
		TestOwnH: held.H != nil}
	if train.H != nil { // the anchor: the first training state at the file's energy
		d.X0 = append([]float64(nil), train.X[:2*train.Dof]...)
		d.H0 = train.H[0]
	} else {
		d.X0 = sys.Anchor()
		d.H0 = sys.H(d.X0)
	}
	d.Upload = &UploadReport{Name: u.Name, Format: f.Format, About: f.About(), Train: train.Len(), Held: held.Len(),
		HeldTrajectories: heldTraj, Trajectories: f.Trajectories, Holdout: holdout, HasH: f.Set.H != nil, Step: f.Step}
	return s, d, nil
}

// dofWords says "one degree of freedom" or "2 degrees of freedom".
func dofWords(dof int) string {
	if dof == 1 {
		return "one degree of freedom"
	}
	return fmt.Sprintf("%d degrees of freedom", dof)
}

// holdBack marks the rows of f's set held back: whole trajectories, a
// fraction holdout of them rounded and at least one, when there are two or
// more; else single rows. It returns the marks and the trajectories held
// back.
func holdBack(f *data.File, holdout float64, seed uint64) ([]bool, int) {
	n := f.Set.Len()
	rng := rand.New(rand.NewPCG(seed, uploadStream))
	test := make([]bool, n)
	if f.Trajectories >= 2 {
		k := min(max(int(math.Round(holdout*float64(f.Trajectories))), 1), f.Trajectories-1)
		held := make([]bool, f.Trajectories)
		for _, i := range rng.Perm(f.Trajectories)[:k] {
			held[i] = true
		}
		for r, i := range f.Trajectory {
			test[r] = held[i]
		}
		return test, k
	}
	k := min(max(int(math.Round(holdout*float64(n))), 1), n-2)
	for _, r := range rng.Perm(n)[:k] {
		test[r] = true
	}
	return test, 0
}

// dataBox is the bounding box of the states of set, padded by BoxPad.
func dataBox(set *data.Set) system.Box {
	dim := 2 * set.Dof
	b := system.Box{Lo: slices.Clone(set.X[:dim]), Hi: slices.Clone(set.X[:dim])}
	for r := range set.Len() {
		x, _ := set.Row(r)
		for i, v := range x {
			b.Lo[i], b.Hi[i] = min(b.Lo[i], v), max(b.Hi[i], v)
		}
	}
	for i := range dim {
		pad := BoxPad * (b.Hi[i] - b.Lo[i])
		if pad == 0 {
			pad = 0.5
		}
		b.Lo[i], b.Hi[i] = b.Lo[i]-pad, b.Hi[i]+pad
	}
	return b
}

// percent writes a relative error as a percentage with three digits.
func percent(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return strconv.FormatFloat(100*v, 'g', 3, 64) + " %"
}

// Text says in words what the fit r of uploaded data trained on, held back
// and how well it does on the held-back rows.
func (u *UploadReport) Text(r *Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Trained on your data: %s, %s. ", u.Name, u.About)
	sys := system.Title(r.Settings.System)
	if u.Format == data.FormatTrajectories {
		if u.HeldTrajectories > 0 {
			fmt.Fprintf(&b, "%d of %d trajectories held back (%d pairs), %d pairs to train on. ", u.HeldTrajectories, u.Trajectories, u.Held, u.Train)
		} else {
			fmt.Fprintf(&b, "%d of %d pairs held back, %d to train on. ", u.Held, u.Held+u.Train, u.Train)
		}
		fmt.Fprintf(&b, "As in limited-data mode, Ĥ is fitted so that symplectic Euler with the file's step reproduces each pair; "+
			"on the held-back pairs its one-step residual is %s of the steps (xₙ₊₁ − xₙ)/h. ", percent(r.Errors.Xdot))
		fmt.Fprintf(&b, "Against the %s's H, drawn for reference and meaningful only if your data come from it: H %s, ∇H %s",
			sys, percent(r.Errors.H), percent(r.Errors.Grad))
		if c := r.Corrected; c != nil {
			fmt.Fprintf(&b, "; with the correction (h/2)∇_qĤ·∇_pĤ: H %s, ∇H %s", percent(c.H), percent(c.Grad))
		}
		b.WriteString(".")
	} else {
		fmt.Fprintf(&b, "%d states held back, %d to train on. On the held-back states, the learned vector field J∇Ĥ is %s off the file's derivatives",
			u.Held, u.Train, percent(r.Errors.Xdot))
		if u.HasH {
			fmt.Fprintf(&b, ", Ĥ %s off the file's H", percent(r.Errors.H))
			fmt.Fprintf(&b, ". Against the %s's ∇H, drawn for reference and meaningful only if your data come from it: %s.", sys, percent(r.Errors.Grad))
		} else {
			fmt.Fprintf(&b, ". Against the %s's H, drawn for reference and meaningful only if your data come from it: H %s, ∇H %s.",
				sys, percent(r.Errors.H), percent(r.Errors.Grad))
		}
	}
	b.WriteString(" The plot's window is the data's bounding box.")
	return b.String()
}

// json writes the report with the text of r.
func (u *UploadReport) json(r *Result) []byte {
	var o jsontext.Object
	o.String("name", u.Name)
	o.String("format", u.Format)
	o.String("about", u.About)
	o.Int("rows", int64(u.Train+u.Held))
	o.Int("train_rows", int64(u.Train))
	o.Int("held_back", int64(u.Held))
	o.Int("held_trajectories", int64(u.HeldTrajectories))
	o.Number("holdout", u.Holdout)
	if u.Step > 0 {
		o.Number("step", u.Step)
	}
	o.String("text", u.Text(r))
	return o.Bytes()
}
