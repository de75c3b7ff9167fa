package experiment

import (
	"errors"
	"maps"
	"math"
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"hnnplay/core/race"
)

// The defaults are the page's first fit.
func TestDefaults(t *testing.T) {
	s := Default()
	if s.System != "pendulum" || s.Points != 1500 || s.TestPoints != 2000 || s.Width != 200 || s.Sampler != "aswim" ||
		s.Rcond != 1e-13 || s.Seed != 1 || s.DataSeed != 1 || s.Noise != 0 || s.Snapshots != 0 ||
		s.Integrator != "implicit-midpoint" || s.Step != 0.05 || s.AdamSteps != 3000 || s.AdamLR != 5e-4 ||
		s.AdamBatch != 2048 || !s.RaceBudget.IsZero() || s.View.Speed != 2 || !s.View.Playing {
		t.Fatalf("defaults %+v", s)
	}
	// the pendulum's preset box: librations, the separatrix and rotations
	if s.Box.Lo[0] != -2*math.Pi || s.Box.Hi[0] != 2*math.Pi || s.Box.Lo[1] != -2.5 || s.Box.Hi[1] != 2.5 {
		t.Fatalf("default box %+v", s.Box)
	}
	if !reflect.DeepEqual(s.View.Layers, []string{"learned", "true", "field"}) || len(s.View.Section) != 0 || len(s.Params) != 0 {
		t.Fatalf("default view %+v, params %v", s.View, s.Params)
	}
	// Every field's default is valid for its own kind and bounds.
	for _, f := range Fields {
		if f.Kind == Map {
			continue
		}
		if _, err := f.check(f.Default); err != nil {
			t.Errorf("%s: default %q: %v", f.Key, f.Default, err)
		}
		if f.Help == "" || f.Label == "" {
			t.Errorf("%s: no help or label", f.Key)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for _, c := range []struct {
		values   map[string]string
		key, msg string
	}{
		{map[string]string{"width": "0"}, "width", `Width must be a whole number from 1 to 20000, got "0"`},
		{map[string]string{"width": "1000000"}, "width", "Width must be"},
		{map[string]string{"width": "NaN"}, "width", "Width"},
		{map[string]string{"width": "2.5"}, "width", "whole number"},
		{map[string]string{"points": "5"}, "points", "Points must be a whole number from 10 to 50000"},
		{map[string]string{"box": "1,0,-1,1"}, "box", "lower bound of q (1) must be less than its upper bound (0)"},
		{map[string]string{"box": "-1,1,-1,NaN"}, "box", "upper bound of p"},
		{map[string]string{"box": "-1,1,-1"}, "box", "Box needs 4 numbers"},
		{map[string]string{"system": "henon-heiles", "box": "-1,1,-1,1"}, "box", "Box needs 8 numbers"},
		{map[string]string{"system": "nope"}, "system", "System must be one of"},
		{map[string]string{"p.m": "-1"}, "p.m", "positive"},
		{map[string]string{"p.zz": "1"}, "p.zz", `unknown parameter "zz"`},
		{map[string]string{"p.f": "NaN"}, "p.f", "finite number"},
		{map[string]string{"sampler": "adam"}, "sampler", "Sampler must be one of elm, uswim, swim, aswim"},
		{map[string]string{"rcond": "0"}, "rcond", "rcond must be a number from 1e-16 to 0.1"},
		{map[string]string{"rcond": "NaN"}, "rcond", "rcond"},
		{map[string]string{"noise": "-1"}, "noise", "Noise must be a number from 0 to 10"},
		{map[string]string{"seed": "-3"}, "seed", "Seed"},
		{map[string]string{"seed": "9007199254740992"}, "seed", "from 0 to 9007199254740991"},
		{map[string]string{"adam_budget": "NaN"}, "adam_budget", "Adam's time limit must be"},
		{map[string]string{"adam_lr": "0"}, "adam_lr", "Adam's learning rate must be"},
		{map[string]string{"integrator": "euler"}, "integrator", "Integrator must be one of"},
		{map[string]string{"step": "0"}, "step", "Step size must be a number from 0.0001 to 1"},
		{map[string]string{"layers": "learned,x"}, "layers", "Layers must be a comma-separated list"},
		{map[string]string{"playing": "maybe"}, "playing", "true or false"},
		{map[string]string{"section.q2": "1"}, "section.q2", "pendulum has no section"},
		{map[string]string{"system": "henon-heiles", "section.q1": "1"}, "section.q1", "not a fixed coordinate"},
		{map[string]string{"system": "henon-heiles", "section.q2": "x"}, "section.q2", "Section value q2"},
		{map[string]string{"bogus": "1"}, "bogus", `"bogus" is not a setting`},
	} {
		s, err := Parse(c.values)
		var errs Errors
		if !errors.As(err, &errs) || len(errs) != 1 || errs[0].Key != c.key || !strings.Contains(errs[0].Msg, c.msg) {
			t.Errorf("Parse(%v) = %v; want one error on %s containing %q", c.values, err, c.key, c.msg)
			continue
		}
		// The refused value is replaced by its default; the rest is kept.
		d := Default()
		if c.values["system"] == "henon-heiles" {
			if s.System != "henon-heiles" {
				t.Errorf("Parse(%v) lost the valid system", c.values)
			}
		} else if !reflect.DeepEqual(s, d) {
			t.Errorf("Parse(%v) = %+v, want the defaults", c.values, s)
		}
	}
	// Several bad values: all reported, in table order.
	_, err := Parse(map[string]string{"width": "0", "points": "1", "zzz": "1"})
	var errs Errors
	if !errors.As(err, &errs) || len(errs) != 3 || errs[0].Key != "points" || errs[1].Key != "width" || errs[2].Key != "zzz" {
		t.Errorf("several errors: %v", err)
	}
}

// randomSettings draws valid settings of every field.
func randomSettings(r *rand.Rand) Settings {
	s := Default()
	systems := Lookup("system").Options
	must := func(key, text string) {
		if err := s.Set(key, text); err != nil {
			panic(err)
		}
	}
	must("system", systems[r.IntN(len(systems))].Value)
	sys, _ := s.NewSystem()
	if sys.Dof() == 1 && r.IntN(2) == 0 {
		must("box", "-1.5,pi/2,"+someNumber(r)+",3")
	}
	if s.System == "pendulum" {
		must("p.f", "2")
		must("p.m", someNumber(r))
	}
	if sys.Dof() == 2 {
		must("section.q2", someNumber(r))
	}
	must("points", "1234")
	must("test_points", "77")
	must("noise", someNumber(r))
	must("data_seed", "9007199254740991")
	must("width", "321")
	must("sampler", Lookup("sampler").Options[r.IntN(4)].Value)
	must("rcond", "1e-10")
	must("seed", "42")
	must("integrator", "gauss4")
	must("step", "0.01")
	must("adam_steps", "12")
	must("adam_lr", "1e-3")
	must("adam_budget", "100x, 60")
	must("layers", "error,points")
	must("playing", "false")
	return s
}

func someNumber(r *rand.Rand) string {
	return []string{"0.25", "1e-3", "2.5", "0.1", "pi/4"}[r.IntN(5)]
}

// Settings survive Values, Link and ParseLink exactly.
func TestLinkRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		s := randomSettings(r)
		link := Link(Values(s))
		values, err := ParseLink("https://example.org/hnnplay/#" + link)
		if err != nil {
			t.Fatal(err)
		}
		back, err := Parse(values)
		if err != nil {
			t.Fatalf("%s: %v", link, err)
		}
		if !reflect.DeepEqual(back, s) {
			t.Fatalf("%s:\n got %+v\nwant %+v", link, back, s)
		}
	}
	if got := Link(Values(Default())); !strings.HasPrefix(got, "system=pendulum&box=-2pi,2pi,-2.5,2.5&points=1500&") {
		t.Errorf("default link %q", got)
	}
	if got := LinkOf(Default(), GroupNetwork); got != "width=200&sampler=aswim&rcond=1e-13&seed=1" {
		t.Errorf("network link %q", got)
	}
}

func TestParseLink(t *testing.T) {
	for _, c := range []struct {
		in   string
		want map[string]string
	}{
		{"", map[string]string{}},
		{"https://example.org/hnnplay/", map[string]string{}},
		{"https://example.org/#", map[string]string{}},
		{"#width=3", map[string]string{"width": "3"}},
		{"width=3&&points=20&", map[string]string{"width": "3", "points": "20"}},
		{"box=-1%2C1%2C-2%2C2&p.f=%CF%80", map[string]string{"box": "-1,1,-2,2", "p.f": "π"}},
		{"adam_budget=100x%2C+60", map[string]string{"adam_budget": "100x, 60"}},
		{"playing", map[string]string{"playing": ""}},
	} {
		got, err := ParseLink(c.in)
		if err != nil || !maps.Equal(got, c.want) {
			t.Errorf("ParseLink(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"width=%zz", "width=%2", "=3", "width=1&width=2", strings.Repeat("a", MaxLinkLength+1)} {
		if got, err := ParseLink(bad); err == nil {
			t.Errorf("ParseLink(%.40q) = %v, want an error", bad, got)
		}
	}
	// Link escapes what needs it, and ParseLink reads it back.
	v := map[string]string{"adam_budget": "100x, 60", "box": "-π,π,-1e+2,1", "p.f": "a&b=c#d%"}
	back, err := ParseLink(Link(v))
	if err != nil || !maps.Equal(back, v) {
		t.Errorf("round trip of %v: %v, %v (link %q)", v, back, err, Link(v))
	}
	// The page's link.test.mjs writes the same string for the same values.
	same := map[string]string{"section.q2": "0.5", "points": "1500", "system": "pendulum", "p.m": "2", "p.f": "10",
		"box": "-2pi,2pi,-1,1", "adam_budget": "100x, 60", "traj": "1,0.5;-2,1.25"}
	if got, want := Link(same), "system=pendulum&p.f=10&p.m=2&box=-2pi,2pi,-1,1&points=1500&adam_budget=100x,%2060&section.q2=0.5&traj=1,0.5;-2,1.25"; got != want {
		t.Errorf("Link = %q, want %q as the page writes it", got, want)
	}
	if l := Link(v); strings.ContainsAny(l, " #'\"+") {
		t.Errorf("link %q has characters that need escaping", l)
	}
}

func TestSet(t *testing.T) {
	s := Default()
	if err := s.Set("p.f", "2"); err != nil || s.Params["f"] != "2" {
		t.Fatalf("p.f: %v %v", err, s.Params)
	}
	if err := s.Set("width", "0"); err == nil || s.Width != 200 {
		t.Errorf("a bad width was taken: %v, %d", err, s.Width)
	}
	if err := s.Set("p.zz", "2"); err == nil || len(s.Params) != 1 {
		t.Errorf("a bad parameter was taken: %v, %v", err, s.Params)
	}
	// A new system brings its own box and no parameters or section.
	if err := s.Set("system", "henon-heiles"); err != nil {
		t.Fatal(err)
	}
	hhBox, _ := ParseBox(Presets["henon-heiles"].Values["box"], 4)
	if len(s.Params) != 0 || !reflect.DeepEqual(s.Box, hhBox) {
		t.Errorf("after the system changed: params %v, box %v", s.Params, s.Box)
	}
	if err := s.Set("section.q2", "0.5"); err != nil || s.View.Section["q2"] != 0.5 {
		t.Errorf("section: %v, %v", err, s.View.Section)
	}
	if err := s.Set("section", "q2=1"); err == nil {
		t.Error("a whole map set at once")
	}
	if err := s.Set("adam_budget", "10x"); err != nil || s.RaceBudget != (race.Budget{Ratio: 10}) {
		t.Errorf("budget: %v, %+v", err, s.RaceBudget)
	}
	if err := s.Set("nope", "1"); err == nil {
		t.Error("an unknown key was taken")
	}
}

func TestCheck(t *testing.T) {
	lim := Limits{MaxEntries: 42e6, MaxStepWork: 8.5e6}
	for _, c := range []struct {
		values   map[string]string
		key, msg string
	}{
		{map[string]string{"points": "50000", "width": "5000"}, "width", "too large"},
		{map[string]string{"points": "20000", "width": "1500"}, "width", "use width ≤ 1048"},
		{map[string]string{"sampler": "swim", "snapshots": "0.1"}, "sampler", "use aswim"},
		{map[string]string{"width": "3000", "adam_batch": "2048"}, "adam_batch", "use a batch ≤ 1416"},
	} {
		s, err := Parse(c.values)
		if err != nil {
			t.Fatal(err)
		}
		err = Check(s, lim)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Key != c.key || !strings.Contains(fe.Msg, c.msg) {
			t.Errorf("Check(%v) = %v; want an error on %s containing %q", c.values, err, c.key, c.msg)
		}
		if err := Check(s, Limits{}); c.key != "sampler" && err != nil {
			t.Errorf("Check(%v) without limits = %v", c.values, err)
		}
	}
	if err := Check(Default(), lim); err != nil {
		t.Errorf("the defaults fail: %v", err)
	}
}

// FuzzParseLink: no link panics Parse; what parses survives the round trip.
func FuzzParseLink(f *testing.F) {
	for _, s := range []string{
		"system=pendulum&width=300", "#system=henon-heiles&section.q2=0.5&box=-1,1,-1,1,-1,1,-1,1",
		"p.f=pi&points=1e3", "width=%zz", "width=1&width=2", "layers=error,,points&playing=no", "adam_budget=100x%2C60",
		"https://h/#system=kepler&p.k=NaN", "system=lotka-volterra&p.preset=shifted", "layers=,", "layers=&hide=",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, link string) {
		values, err := ParseLink(link)
		if err != nil {
			return
		}
		s, _ := Parse(values) // errors or not, s is usable
		if err := Check(s, Limits{}); err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("Check error %v is not a FieldError", err)
			}
		}
		back, err := Parse(Values(s))
		if err != nil {
			t.Fatalf("the settings of %q do not parse back: %v", link, err)
		}
		if Link(Values(back)) != Link(Values(s)) {
			t.Fatalf("round trip of %q changed the settings", link)
		}
	})
}

// Each system opens with its preset; its larger setting parses; a system's
// own parameters bring its own box; changing the system takes the new
// preset.
func TestPresets(t *testing.T) {
	for name, p := range Presets {
		s, err := Parse(map[string]string{"system": name})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		v := Values(s)
		for k, want := range p.Values {
			if k == "box" {
				b, err := ParseBox(want, len(s.Box.Lo))
				if err != nil || FormatBox(b) != v[k] {
					t.Errorf("%s: box %q, preset %q (%v)", name, v[k], want, err)
				}
				continue
			}
			if v[k] != want {
				t.Errorf("%s: %s = %q, preset %q", name, k, v[k], want)
			}
		}
		larger := map[string]string{"system": name}
		for k, x := range p.Larger {
			larger[k] = x
		}
		if _, err := Parse(larger); err != nil {
			t.Errorf("%s: the larger setting: %v", name, err)
		}
		if len(p.Larger) > 0 && p.Note == "" {
			t.Errorf("%s: a larger setting without a note", name)
		}
	}
	shifted, err := Parse(map[string]string{"system": "lotka-volterra", "p.preset": "shifted"})
	if err != nil || shifted.Box.Lo[0] != 0 || shifted.Box.Hi[0] != 8 {
		t.Errorf("shifted Lotka–Volterra box %+v (%v), want its own [0, 8]²", shifted.Box, err)
	}
	s := Default()
	if err := s.Set("system", "kepler"); err != nil {
		t.Fatal(err)
	}
	if s.Width != 400 || s.Sampler != "uswim" || s.Box.Lo[0] != -1.3 || s.Region != RegionRing {
		t.Errorf("after choosing Kepler: width %d, sampler %s, box %v, region %s", s.Width, s.Sampler, s.Box, s.Region)
	}
	if err := s.Set("system", "pendulum"); err != nil || s.Region != RegionBox {
		t.Errorf("back to the pendulum: region %s (%v)", s.Region, err)
	}
}

// The hints say the limits that depend on other fields, as Check applies
// them: the largest width the hint allows passes, one more does not.
func TestHints(t *testing.T) {
	lim := Limits{MaxEntries: 42e6, MaxStepWork: 8.5e6}
	s, _ := Parse(map[string]string{"points": "20000", "width": "100"})
	h := Hints(s, lim)
	if h["width"] != "at most 1048 at 20000 points" {
		t.Fatalf("width hint %q", h["width"])
	}
	for w, ok := range map[string]bool{"1048": true, "1049": false} {
		s2, _ := Parse(map[string]string{"points": "20000", "width": w})
		if err := Check(s2, lim); (err == nil) != ok {
			t.Errorf("width %s: Check = %v", w, err)
		}
	}
	if !strings.HasPrefix(h["points"], "at most 50000") || !strings.HasPrefix(h["adam_batch"], "at most 42500 at width 100") {
		t.Errorf("hints %v", h)
	}
}

// Every lesson's steps are settings the table reads (each step's values
// over the previous ones), with known placeholders; its models fit well
// (at most 'fair': a relative error of H below 1e-2) and quickly.
func TestLessons(t *testing.T) {
	placeholders := regexp.MustCompile(`\{[a-z]+\}`)
	known := map[string]bool{"{points}": true, "{width}": true, "{rows}": true, "{cols}": true, "{rank}": true,
		"{seconds}": true, "{error}": true, "{sampler}": true}
	if n := len(Lessons()); n != NumLessons || n < 5 {
		t.Errorf("%d lessons, NumLessons %d", n, NumLessons)
	}
	for i, l := range Lessons() {
		if l.Title == "" || len(l.Steps) == 0 || l.Steps[0].Values["system"] == "" {
			t.Fatalf("lesson %d: %+v", i+1, l)
		}
		values := map[string]string{}
		for j, st := range l.Steps {
			for _, p := range placeholders.FindAllString(st.Text, -1) {
				if !known[p] {
					t.Errorf("lesson %d step %d: unknown placeholder %s", i+1, j+1, p)
				}
			}
			maps.Copy(values, st.Values)
			tries := []map[string]string{values}
			if st.Try != nil {
				if st.Try.Label == "" || st.Try.Values == nil && !st.Try.Race {
					t.Errorf("lesson %d step %d: a try without a label or an effect", i+1, j+1)
				}
				tried := maps.Clone(values)
				maps.Copy(tried, st.Try.Values)
				tries = append(tries, tried)
			}
			// later steps change only the view: the model stays
			for k := range st.Values {
				if f := Lookup(k); f == nil || j > 0 && f.Group != GroupView {
					t.Errorf("lesson %d step %d: %q is not a view setting", i+1, j+1, k)
				}
			}
			if j > 0 && st.Try == nil {
				continue
			}
			for _, v := range tries {
				if _, err := Parse(v); err != nil {
					t.Fatalf("lesson %d step %d: %v", i+1, j+1, err)
				}
				r, _ := mustFit(t, v)
				e := r.Errors.H
				if r.Inside != nil { // trained in a region: right inside it, wrong outside
					e = r.Inside.H
					if r.Outside == nil || !(r.Outside.H > 100*e) {
						t.Errorf("lesson %d step %d: error of H inside the region %.2g, outside %v", i+1, j+1, e, r.Outside)
					}
				}
				if !(e < 1e-2) || r.Fit.Total.Seconds() > 2 {
					t.Errorf("lesson %d step %d: relative error of H %.2g in %v", i+1, j+1, e, r.Fit.Total)
				}
			}
		}
	}
}
