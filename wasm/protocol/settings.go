package protocol

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"hnnplay/core/system"
)

// Limits are the bounds the trainer enforces on a request. The trainer sends
// them to the page, which checks URL values against the same numbers.
type Limits struct {
	MinPoints int `json:"min_points"`
	MaxPoints int `json:"max_points"`
	MinWidth  int `json:"min_width"`
	MaxWidth  int `json:"max_width"`
	// MaxEntries bounds the size of the least-squares matrix, about
	// (2·d·points + 1)·(width + 1) float64 numbers. 4.2e7 (336 MB) admits
	// the paper's largest single-pendulum fits (10000 points, width 2000)
	// and 2-dof fits of 10000 points at width 1000; such a fit takes a
	// minute or more in WebAssembly and about three times that memory at its
	// peak, which a desktop tab holds. Past it a phone's tab would be killed.
	MaxEntries int     `json:"max_entries"`
	MinRcond   float64 `json:"min_rcond"`
	MaxRcond   float64 `json:"max_rcond"`
	MaxNoise   float64 `json:"max_noise"`
	MaxSeed    uint64  `json:"max_seed"` // 2⁵³ − 1, the largest integer a JavaScript number holds exactly
	// DisplayPoints is the most training points a reply carries for drawing.
	DisplayPoints int `json:"display_points"`
	// MaxTestPoints is the size of the test set (fewer if points is smaller).
	MaxTestPoints int `json:"max_test_points"`
}

// DefaultLimits are the bounds of the page.
var DefaultLimits = Limits{
	MinPoints:     10,
	MaxPoints:     50000,
	MinWidth:      1,
	MaxWidth:      5000,
	MaxEntries:    42_000_000,
	MinRcond:      1e-16,
	MaxRcond:      0.1,
	MaxNoise:      10,
	MaxSeed:       1<<53 - 1,
	DisplayPoints: 2000,
	MaxTestPoints: 2000,
}

// Samplers are the accepted sampler names, in display order.
var Samplers = []string{"elm", "uswim", "swim", "aswim"}

// Defaults of the training settings (the page's first, automatic fit).
const (
	DefaultSystem  = "pendulum"
	DefaultPoints  = 1500
	DefaultWidth   = 200
	DefaultSampler = "aswim"
	DefaultRcond   = 1e-13
	DefaultNoise   = 0
	DefaultSeed    = 1
)

// Request is a training request as the page sends it: every value as typed.
// Empty values take their defaults; an empty box is the system's own box.
type Request struct {
	ID      int64           `json:"id"`
	System  string          `json:"system"`
	Params  map[string]Text `json:"params,omitempty"`
	Box     Text            `json:"box"`
	Points  Text            `json:"points"`
	Width   Text            `json:"width"`
	Sampler Text            `json:"sampler"`
	Rcond   Text            `json:"rcond"`
	Noise   Text            `json:"noise"`
	Seed    Text            `json:"seed"`
}

// Settings is a validated request.
type Settings struct {
	ID      int64
	System  string
	Params  map[string]string // only the parameters the user set
	Box     system.Box
	Points  int
	Width   int
	Sampler string
	Rcond   float64
	Noise   float64
	Seed    uint64
}

// Validate checks r against lim and returns the settings and the system they
// name. The error is one sentence naming the field, the value and the bounds.
func (r Request) Validate(lim Limits) (Settings, system.System, error) {
	s := Settings{ID: r.ID, System: strings.TrimSpace(r.System)}
	if s.System == "" {
		s.System = DefaultSystem
	}
	if len(r.Params) > 0 {
		s.Params = make(map[string]string, len(r.Params))
		for k, v := range r.Params {
			if t := strings.TrimSpace(string(v)); t != "" {
				s.Params[k] = t
			}
		}
	}
	sys, err := system.New(s.System, s.Params)
	if err != nil {
		return s, nil, fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "system: "))
	}
	dim := 2 * sys.Dof()

	if strings.TrimSpace(string(r.Box)) == "" {
		s.Box = sys.Box().Clone()
	} else if s.Box, err = ParseBox(string(r.Box), dim); err != nil {
		return s, nil, err
	}

	if s.Points, err = intField("Points", r.Points, DefaultPoints, lim.MinPoints, lim.MaxPoints); err != nil {
		return s, nil, err
	}
	if s.Width, err = intField("Width", r.Width, DefaultWidth, lim.MinWidth, lim.MaxWidth); err != nil {
		return s, nil, err
	}
	rows := 2*sys.Dof()*s.Points + 1
	if n := float64(rows) * float64(s.Width+1); n > float64(lim.MaxEntries) {
		maxW := lim.MaxEntries/rows - 1
		return s, nil, fmt.Errorf("width %d with %d points is too large: the least-squares matrix would have %.1e entries (limit %.2g); use width ≤ %d or fewer points",
			s.Width, s.Points, n, float64(lim.MaxEntries), max(maxW, 0))
	}

	s.Sampler = strings.ToLower(strings.TrimSpace(string(r.Sampler)))
	if s.Sampler == "" {
		s.Sampler = DefaultSampler
	}
	if !contains(Samplers, s.Sampler) {
		return s, nil, fmt.Errorf("sampler must be one of %s, got %q", strings.Join(Samplers, ", "), string(r.Sampler))
	}

	if s.Rcond, err = floatField("rcond", r.Rcond, DefaultRcond); err != nil {
		return s, nil, err
	}
	if !(s.Rcond >= lim.MinRcond && s.Rcond <= lim.MaxRcond) {
		return s, nil, fmt.Errorf("rcond must be between %g and %g, got %q", lim.MinRcond, lim.MaxRcond, string(r.Rcond))
	}
	if s.Noise, err = floatField("Noise", r.Noise, DefaultNoise); err != nil {
		return s, nil, err
	}
	if !(s.Noise >= 0 && s.Noise <= lim.MaxNoise) {
		return s, nil, fmt.Errorf("noise must be between 0 and %g, got %q", lim.MaxNoise, string(r.Noise))
	}
	seed, err := intField("Seed", r.Seed, DefaultSeed, 0, int(min(lim.MaxSeed, math.MaxInt64)))
	if err != nil {
		return s, nil, err
	}
	s.Seed = uint64(seed)
	return s, sys, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// intField parses a whole number in [lo, hi]; empty means def.
func intField(name string, t Text, def, lo, hi int) (int, error) {
	s := strings.TrimSpace(string(t))
	if s == "" {
		return def, nil
	}
	v, err := ParseNumber(s)
	if err != nil || v != math.Trunc(v) || v < float64(lo) || v > float64(hi) {
		return 0, fmt.Errorf("%s must be a whole number from %d to %d, got %q", name, lo, hi, s)
	}
	return int(v), nil
}

// floatField parses a finite real number; empty means def.
func floatField(name string, t Text, def float64) (float64, error) {
	s := strings.TrimSpace(string(t))
	if s == "" {
		return def, nil
	}
	v, err := ParseNumber(s)
	if err != nil {
		return 0, fmt.Errorf("%s: %v", name, err)
	}
	return v, nil
}

// ParseBox parses the box text "lo,hi,lo,hi,…": one pair per coordinate, the
// q's first, then the p's, for a state of dimension dim. Brackets and spaces
// are ignored; commas or semicolons separate numbers.
func ParseBox(text string, dim int) (system.Box, error) {
	clean := strings.NewReplacer("[", "", "]", "", "(", "", ")", "", ";", ",").Replace(text)
	fields := strings.Split(clean, ",")
	if len(fields) == 1 && strings.TrimSpace(fields[0]) == "" {
		fields = nil
	}
	want := 2 * dim
	if len(fields) != want {
		return system.Box{}, fmt.Errorf("box needs %d numbers (lo,hi for each of %s), got %d in %q",
			want, strings.Join(system.CoordNames(dim/2), ", "), len(fields), text)
	}
	b := system.Box{Lo: make([]float64, dim), Hi: make([]float64, dim)}
	names := system.CoordNames(dim / 2)
	for i := 0; i < dim; i++ {
		lo, err := ParseNumber(fields[2*i])
		if err != nil {
			return system.Box{}, fmt.Errorf("box, lower bound of %s: %v", names[i], err)
		}
		hi, err := ParseNumber(fields[2*i+1])
		if err != nil {
			return system.Box{}, fmt.Errorf("box, upper bound of %s: %v", names[i], err)
		}
		if !(lo < hi) {
			return system.Box{}, fmt.Errorf("box: the lower bound of %s (%s) must be less than its upper bound (%s)",
				names[i], FormatNumber(lo), FormatNumber(hi))
		}
		b.Lo[i], b.Hi[i] = lo, hi
	}
	if err := b.Validate(dim); err != nil {
		return system.Box{}, fmt.Errorf("box: %s", strings.TrimPrefix(err.Error(), "system: box "))
	}
	return b, nil
}

// FormatBox writes b as ParseBox reads it.
func FormatBox(b system.Box) string {
	parts := make([]string, 0, 2*len(b.Lo))
	for i := range b.Lo {
		parts = append(parts, FormatNumber(b.Lo[i]), FormatNumber(b.Hi[i]))
	}
	return strings.Join(parts, ",")
}

// FlatBox returns b as [lo₀, hi₀, lo₁, hi₁, …].
func FlatBox(b system.Box) []float64 {
	f := make([]float64, 0, 2*len(b.Lo))
	for i := range b.Lo {
		f = append(f, b.Lo[i], b.Hi[i])
	}
	return f
}

// UnflatBox is the inverse of FlatBox.
func UnflatBox(f []float64) system.Box {
	b := system.Box{Lo: make([]float64, len(f)/2), Hi: make([]float64, len(f)/2)}
	for i := range b.Lo {
		b.Lo[i], b.Hi[i] = f[2*i], f[2*i+1]
	}
	return b
}

// SystemInfo describes a system for the page's controls.
type SystemInfo struct {
	Name   string      `json:"name"`
	Dof    int         `json:"dof"`
	Box    string      `json:"box"`    // default box as box text
	Coords []string    `json:"coords"` // coordinate names
	Anchor []float64   `json:"anchor"`
	Params []ParamInfo `json:"params"`
}

// ParamInfo is one system parameter.
type ParamInfo struct {
	Name    string `json:"name"`
	Default string `json:"default"`
	Doc     string `json:"doc"`
}

// Systems describes every registered system.
func Systems() []SystemInfo {
	var out []SystemInfo
	for _, name := range system.Names() {
		sys, err := system.New(name, nil)
		if err != nil {
			continue
		}
		info := SystemInfo{Name: name, Dof: sys.Dof(), Box: FormatBox(sys.Box()), Coords: system.CoordNames(sys.Dof()), Anchor: sys.Anchor()}
		for _, p := range system.Describe(name) {
			info.Params = append(info.Params, ParamInfo{p.Name, p.Default, p.Doc})
		}
		out = append(out, info)
	}
	return out
}

// SortedKeys returns the keys of m in order (for deterministic output).
func SortedKeys(m map[string]string) []string {
	k := make([]string, 0, len(m))
	for key := range m {
		k = append(k, key)
	}
	sort.Strings(k)
	return k
}
