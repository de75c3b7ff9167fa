package experiment

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"hnnplay/core/system"
)

// pendulumRegion is the pendulum at small sizes with the training points in
// [-2, 2] × [-1, 1], a small part of its box [-2π, 2π] × [-2.5, 2.5].
func pendulumRegion(t *testing.T) Settings {
	t.Helper()
	s, err := Parse(map[string]string{"system": "pendulum", "train_box": "-2,2,-1,1", "points": "400", "test_points": "1000", "width": "100"})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The training states lie in the region, the test states in the whole box,
// many of them outside the region; the data follow from the seed.
func TestTrainBoxDraws(t *testing.T) {
	s := pendulumRegion(t)
	d, err := NewData(s)
	if err != nil {
		t.Fatal(err)
	}
	for k := range d.Train.Len() {
		if x, _ := d.Train.Row(k); !s.TrainBox.Contains(x) {
			t.Fatalf("training state %d at %v is outside the region %v", k, x, s.TrainBox)
		}
	}
	outside := 0
	for k := range d.Test.Len() {
		x, _ := d.Test.Row(k)
		if !s.Box.Contains(x) {
			t.Fatalf("test state %d at %v is outside the box", k, x)
		}
		if !s.TrainBox.Contains(x) {
			outside++
		}
	}
	// the region is 4·2 of the box's 4π·5: about 13 % of the test states are inside
	share := 1 - float64(outside)/float64(d.Test.Len())
	if want := 8 / (20 * math.Pi); math.Abs(share-want) > 0.04 {
		t.Errorf("%.3f of the test states are in the region, want about %.3f", share, want)
	}
	again, err := NewData(s)
	if err != nil {
		t.Fatal(err)
	}
	if Fingerprint(d.Train.X, d.Test.X) != Fingerprint(again.Train.X, again.Test.X) {
		t.Error("the same settings drew other data")
	}
	// a region equal to the box draws what no region draws
	whole := s
	whole.TrainBox = s.Box.Clone()
	none := s
	none.TrainBox = system.Box{}
	dw, err := NewData(whole)
	if err != nil {
		t.Fatal(err)
	}
	dn, err := NewData(none)
	if err != nil {
		t.Fatal(err)
	}
	if Fingerprint(dw.Train.X, dw.Test.X) != Fingerprint(dn.Train.X, dn.Test.X) {
		t.Error("a region equal to the box draws other data than none")
	}
	// snapshot pairs start in the region too
	snap := s
	snap.Snapshots = 0.1
	ds, err := NewData(snap)
	if err != nil {
		t.Fatal(err)
	}
	for k := range ds.Train.Len() {
		x, _ := ds.Train.Row(k) // (q after h, p before): within h·max|q̇| = 0.1 of the region
		grown := system.Box{Lo: []float64{-2 - 0.11, -1}, Hi: []float64{2 + 0.11, 1}}
		if !grown.Contains(x) {
			t.Fatalf("snapshot state %d at %v is far from the region", k, x)
		}
	}
}

// The learned Ĥ is accurate where the data are and not beyond: the error
// inside the region is far below the error outside, and the parts add up to
// the whole test set.
func TestTrainBoxInsideOutside(t *testing.T) {
	s := pendulumRegion(t)
	d, err := NewData(s)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Fit(s, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Inside == nil || r.Outside == nil {
		t.Fatalf("inside %v, outside %v: want both", r.Inside, r.Outside)
	}
	if r.Inside.Points+r.Outside.Points != d.Test.Len() {
		t.Errorf("%d inside + %d outside test points, want %d", r.Inside.Points, r.Outside.Points, d.Test.Len())
	}
	if !(r.Inside.H < 1e-3 && r.Outside.H > 100*r.Inside.H) {
		t.Errorf("error of H inside %.2e, outside %.2e: want inside < 1e-3 and outside > 100 × inside", r.Inside.H, r.Outside.H)
	}
	// the whole error from the parts: ‖e‖² = ‖e_in‖² + ‖e_out‖², and the
	// same for ‖H‖², so rel² = (rel_in²·n_in + rel_out²·n_out)/(n_in + n_out)
	// with n the parts' ‖H‖²: check it with the parts' norms
	var nIn, nOut float64
	for k := range d.Test.Len() {
		x, _ := d.Test.Row(k)
		h := d.Sys.H(x)
		if s.TrainBox.Contains(x) {
			nIn += h * h
		} else {
			nOut += h * h
		}
	}
	whole := math.Sqrt((r.Inside.H*r.Inside.H*nIn + r.Outside.H*r.Outside.H*nOut) / (nIn + nOut))
	if math.Abs(whole-r.Errors.H) > 1e-9*r.Errors.H {
		t.Errorf("the parts give a whole error of H %.10g, the whole test set %.10g", whole, r.Errors.H)
	}
	var report struct {
		TrainDomain struct{ Lo, Hi []float64 } `json:"train_domain"`
		Inside      struct {
			Points int     `json:"points"`
			H      float64 `json:"rel_l2_H"`
		}
		Outside struct {
			Points int     `json:"points"`
			H      float64 `json:"rel_l2_H"`
		}
		Link string
	}
	b, err := r.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &report); err != nil {
		t.Fatal(err)
	}
	if report.Inside.Points != r.Inside.Points || report.Outside.H != r.Outside.H || report.TrainDomain.Hi[1] != 1 ||
		!strings.Contains(report.Link, "&train_box=-2,2,-1,1&") {
		t.Errorf("the report's JSON misses the region: %s", b)
	}
	// without a region: no parts, and the JSON and the link as before
	s.TrainBox = system.Box{}
	d, _ = NewData(s)
	r, err = Fit(s, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ = r.MarshalJSON()
	if r.Inside != nil || r.Outside != nil || strings.Contains(string(b), "inside") || strings.Contains(string(b), "train_") {
		t.Errorf("without a region the report has parts: %s", b)
	}
}

// The region reads back from a link and from Values to the last bit; empty
// is none and a link leaves it out.
func TestTrainBoxRoundTrip(t *testing.T) {
	for _, text := range []string{"-2,2,-1,1", "-2pi,0.1,-2.5,2.5", "-6.283185307179586,6.283185307179586,1e-3,0.30000000000000004"} {
		values, err := ParseLink(Link(map[string]string{"system": "pendulum", "train_box": text}))
		if err != nil {
			t.Fatal(err)
		}
		s, err := Parse(values)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		back, err := Parse(Values(s))
		if err != nil {
			t.Fatal(err)
		}
		want, _ := ParseBox(text, 2)
		for i := range want.Lo {
			if s.TrainBox.Lo[i] != want.Lo[i] || s.TrainBox.Hi[i] != want.Hi[i] || back.TrainBox.Lo[i] != want.Lo[i] || back.TrainBox.Hi[i] != want.Hi[i] {
				t.Errorf("%q reads back as %v, then %v", text, s.TrainBox, back.TrainBox)
			}
		}
	}
	s := Default()
	if s.HasTrainBox() || strings.Contains(LinkOf(s), "train_box") {
		t.Errorf("the default has a region: %v, link %s", s.TrainBox, LinkOf(s))
	}
	if v := Values(s); v["train_box"] != "" {
		t.Errorf("Values writes the default region as %q", v["train_box"])
	}
	// changing the system clears it
	r := Default()
	if err := r.Set("train_box", "-1,1,-1,1"); err != nil {
		t.Fatal(err)
	}
	if err := r.Set("system", "spring"); err != nil || r.HasTrainBox() {
		t.Errorf("after changing the system the region is %v (%v)", r.TrainBox, err)
	}
}

// Refused regions name the field and say what to change.
func TestTrainBoxRefused(t *testing.T) {
	for _, c := range []struct {
		values map[string]string
		want   string
	}{
		{map[string]string{"train_box": "-1,1"}, "Training region needs 4 numbers"},
		{map[string]string{"train_box": "-1,1,x,1"}, "Training region, lower bound of p"},
		{map[string]string{"train_box": "1,-1,-1,1"}, "Training region: the lower bound of q (1) must be less than its upper bound (-1)"},
		{map[string]string{"train_box": "-1,7,-1,1"}, "Training region: q from -1 to 7 reaches outside the box's -2pi to 2pi"},
		{map[string]string{"box": "-1,1,-1,1", "train_box": "-1,1,-1,1.5"}, "Training region: p from -1 to 1.5 reaches outside the box's -1 to 1"},
		{map[string]string{"train_box": "-1,1,0,0.001"}, "Training region: p from 0 to 0.001 is too narrow"},
		{map[string]string{"system": "henon-heiles", "train_box": "-1,1,-1,1"}, "Training region needs 8 numbers"},
	} {
		_, err := Parse(c.values)
		var errs Errors
		if !errors.As(err, &errs) || errs[0].Key != "train_box" || !strings.HasPrefix(errs[0].Msg, c.want) {
			t.Errorf("Parse(%v) = %v, want %q on train_box", c.values, err, c.want)
		}
	}
	// between fields: the ring draws its own states; a box set after the region
	kepler, err := Parse(map[string]string{"system": "kepler", "train_box": "-1,1,-1,1,-1,1,-1,1"})
	if err != nil {
		t.Fatal(err)
	}
	var fe *FieldError
	if err := Check(kepler, Limits{}); !errors.As(err, &fe) || fe.Key != "train_box" || !strings.Contains(fe.Msg, "ring") {
		t.Errorf("Check(kepler with a region) = %v, want a refusal on train_box naming the ring", err)
	}
	s := Default()
	if err := s.Set("train_box", "-1,1,-1,1"); err != nil {
		t.Fatal(err)
	}
	up := s
	up.Data = "measured.csv"
	if err := Check(up, Limits{}); !errors.As(err, &fe) || fe.Key != "train_box" || !strings.Contains(fe.Msg, "data file") {
		t.Errorf("Check(uploaded data with a region) = %v, want a refusal on train_box naming the file", err)
	}
	if err := s.Set("box", "-0.5,0.5,-1,1"); err != nil {
		t.Fatal(err)
	}
	if err := Check(s, Limits{}); !errors.As(err, &fe) || fe.Key != "train_box" || !strings.Contains(fe.Msg, "outside the box") {
		t.Errorf("Check(region beyond the box) = %v, want a refusal on train_box", err)
	}
}

// Any text given as the region is read or refused with a message naming
// it, never panicking; what is read lies in the box and reads back.
func FuzzTrainBox(f *testing.F) {
	for _, s := range []string{"-2,2,-1,1", "-2pi,2pi,-2.5,2.5", "0,1e-300,-1,1", "-7,1,-1,1", "1,2", "", "nan,1,0,1", "-1,1,-1,1,-1,1,-1,1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s, err := Parse(map[string]string{"train_box": text})
		if err != nil {
			var errs Errors
			if !errors.As(err, &errs) || errs[0].Key != "train_box" || !strings.HasPrefix(errs[0].Msg, "Training region") {
				t.Fatalf("Parse(train_box=%q) = %v, want an error on train_box", text, err)
			}
			if s.HasTrainBox() {
				t.Fatalf("a refused region %q stays: %v", text, s.TrainBox)
			}
			return
		}
		if !s.HasTrainBox() {
			if strings.TrimSpace(text) != "" {
				t.Fatalf("%q reads as no region", text)
			}
			return
		}
		for i := range s.Box.Lo {
			if s.TrainBox.Lo[i] < s.Box.Lo[i] || s.TrainBox.Hi[i] > s.Box.Hi[i] || !(s.TrainBox.Lo[i] < s.TrainBox.Hi[i]) {
				t.Fatalf("%q reads as %v, not a region of the box %v", text, s.TrainBox, s.Box)
			}
		}
		back, err := Parse(Values(s))
		if err != nil || FormatBox(back.TrainBox) != FormatBox(s.TrainBox) {
			t.Fatalf("%q does not read back: %v, %v", text, back.TrainBox, err)
		}
	})
}
