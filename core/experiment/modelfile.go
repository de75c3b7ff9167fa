package experiment

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"hnnplay/core/hnn"
	"hnnplay/core/internal/jsontext"
	"hnnplay/core/number"
	"hnnplay/core/system"
)

// A model file is a trained network with the settings of the data and the
// network it was trained with, so that loading it gives the same Ĥ to the
// last bit on the same system, parameters and box. The command line writes
// it (`hnnplay fit -save`, `hnnplay adam -save`) and reads it (`hnnplay
// rollout -model`); the page calls the same functions. It is one JSON
// object, written with one member per line:
//
//	{"format":"hnnplay-model","version":1,
//	"settings":{"system":"pendulum","box":"-2pi,2pi,-1,1","points":"1500",…,"seed":"1"},
//	"link":"system=pendulum&box=-2pi,2pi,-1,1&points=1500&…&seed=1",
//	"model":{"d":2,"m":200,"w":[…],"b":[…],"c":[…],"c0":0.5},
//	"fit":{…},
//	"points":[[0.1,-0.5],…]}
//
// Its members:
//
//   - format is "hnnplay-model" and version 1;
//   - settings are the values of the data and network fields (Values,
//     keyed as in a link, each a string); missing ones take their defaults,
//     as in a link, but the system and the box must be there;
//   - link is the same settings as a link (LinkOf with GroupData and
//     GroupNetwork), for people; when present it must describe the same
//     settings;
//   - model is hnn.Model's own JSON, whose numbers read back to the same
//     bits;
//   - fit (optional) is the training's report, Result's JSON for a fit,
//     kept as written;
//   - points (optional) are training states to draw, each of 2·dof numbers.
//
// No other members are allowed.
const (
	ModelFileFormat  = "hnnplay-model"
	ModelFileVersion = 1
	// MaxModelFileSize bounds what ReadModelFile reads: 64 MiB, several
	// times the largest network the table allows (width 20000 on 4
	// coordinates is about 2 MB of JSON) with its points.
	MaxModelFileSize = 64 << 20
)

// ModelFile is a trained network with the settings it was trained with.
type ModelFile struct {
	// Settings are parsed from the file's settings: the data and network
	// fields as trained; the other fields (integrator, Adam, view) hold
	// their defaults.
	Settings Settings
	Model    *hnn.Model
	// Report is the training's report (Result's JSON for a fit), kept as
	// written, without the white space around it; nil if the file has none.
	Report []byte
	// Points is a subsample of the training states for drawing; nil if the
	// file has none.
	Points [][]float64
}

// modelGroups are the groups of fields a model file records.
var modelGroups = []Group{GroupData, GroupNetwork}

func inModelGroups(key string) bool {
	f := Lookup(key)
	return f != nil && slices.Contains(modelGroups, f.Group)
}

// modelValues are the values of the data and network fields of s, but for
// an Optional field's empty text.
func modelValues(s Settings) map[string]string {
	v := Values(s)
	for k := range v {
		if f := Lookup(k); !inModelGroups(k) || f.Optional && v[k] == "" {
			delete(v, k)
		}
	}
	return v
}

// orderedKeys are the keys of values in the order of the table (a Map
// field's entries sorted by name), as Link writes them.
func orderedKeys(values map[string]string) []string {
	var keys []string
	for i := range Fields {
		f := &Fields[i]
		if f.Kind != Map {
			if _, ok := values[f.Key]; ok {
				keys = append(keys, f.Key)
			}
			continue
		}
		var names []string
		for k := range values {
			if strings.HasPrefix(k, f.Prefix) && len(k) > len(f.Prefix) {
				names = append(names, k)
			}
		}
		slices.Sort(names)
		keys = append(keys, names...)
	}
	return keys
}

// WriteModelFile writes m, trained with the settings s, as a model file:
// the data and network settings of s, the model, report (the training's
// JSON report, an object, written as it is; nil or empty for none) and
// points (states to draw; nil for none). It refuses, before writing
// anything, what ReadModelFile would refuse, so that every file it writes
// reads back with the same settings, the same model bits, report and points.
func WriteModelFile(w io.Writer, s Settings, m *hnn.Model, report []byte, points [][]float64) error {
	if strings.TrimSpace(s.System) == "" || len(s.Box.Lo) == 0 {
		return errors.New("cannot write the model file: its settings do not say the system and the box")
	}
	canon, err := Parse(modelValues(s))
	if err != nil {
		return fmt.Errorf("cannot write the model file: its settings: %s", firstMessage(err))
	}
	values := modelValues(canon)
	sys, err := canon.NewSystem()
	if err != nil {
		return fmt.Errorf("cannot write the model file: %v", err)
	}
	if m == nil {
		return errors.New("cannot write the model file: there is no model")
	}
	if err := checkModel(m.D, m.M, len(m.W), len(m.B), len(m.C), canon, sys); err != nil {
		return fmt.Errorf("cannot write the model file: %v", err)
	}
	if !number.Finite(m.W...) || !number.Finite(m.B...) || !number.Finite(m.C...) || !number.Finite(m.C0) {
		return errors.New("cannot write the model file: the model has a number that is not finite")
	}
	report = bytes.TrimSpace(report)
	if len(report) > 0 && (report[0] != '{' || !json.Valid(report)) {
		return errors.New("cannot write the model file: the report is not a JSON object")
	}
	if err := checkPoints(points, sys); err != nil {
		return fmt.Errorf("cannot write the model file: %v", err)
	}
	model, err := m.MarshalJSON()
	if err != nil {
		return fmt.Errorf("cannot write the model file: %v", err)
	}

	b := make([]byte, 0, 256+len(model)+len(report)+24*2*sys.Dof()*len(points))
	b = append(b, `{"format":`...)
	b = jsontext.AppendString(b, ModelFileFormat)
	b = append(b, `,"version":`...)
	b = strconv.AppendInt(b, ModelFileVersion, 10)
	b = append(b, ",\n"+`"settings":{`...)
	for i, k := range orderedKeys(values) {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsontext.AppendString(b, k)
		b = append(b, ':')
		b = jsontext.AppendString(b, values[k])
	}
	b = append(b, "},\n"+`"link":`...)
	b = jsontext.AppendString(b, LinkOf(canon, modelGroups...))
	b = append(b, ",\n"+`"model":`...)
	b = append(b, model...)
	if len(report) > 0 {
		b = append(b, ",\n"+`"fit":`...)
		b = append(b, report...)
	}
	if len(points) > 0 {
		b = append(b, ",\n"+`"points":[`...)
		for i, p := range points {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			for j, v := range p {
				if j > 0 {
					b = append(b, ',')
				}
				b = jsontext.AppendNumber(b, v)
			}
			b = append(b, ']')
		}
		b = append(b, ']')
	}
	b = append(b, "}\n"...)
	_, err = w.Write(b)
	return err
}

// ReadModelFile reads a model file (see ModelFileFormat), at most
// MaxModelFileSize bytes of it. It refuses, with one sentence saying what
// is wrong, a file that is too large, not JSON (with the line and column),
// not a model file or a bare model as older versions of hnnplay wrote it, of
// another version, with settings that do not parse (the field's message), a
// link that disagrees with the settings, a model that does not fit the
// system (its inputs must be its 2·dof coordinates) or its settings (its
// width), or is wider than the table allows, numbers that are not finite,
// and points of the wrong length.
func ReadModelFile(r io.Reader) (*ModelFile, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxModelFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read the model file: %v", err)
	}
	if len(data) > MaxModelFileSize {
		return nil, fmt.Errorf("the model file is larger than %d MiB, the most hnnplay reads", MaxModelFileSize>>20)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			// Offset counts the bytes read, the refused one included; at
			// an unexpected end, none was refused.
			i := int(se.Offset) - 1
			if strings.HasPrefix(se.Error(), "unexpected end") {
				i = len(data)
			}
			return nil, fmt.Errorf("the model file is not JSON: %s %s", se.Error(), position(data, i))
		}
		return nil, errors.New("the model file is not a JSON object")
	}
	if top == nil {
		return nil, errors.New("the model file is not a JSON object")
	}

	format, ok := top["format"]
	if !ok {
		if _, d := top["d"]; d {
			if _, w := top["w"]; w {
				return nil, errors.New("the file holds a bare model, written by an older hnnplay; fit and save it again")
			}
		}
		return nil, fmt.Errorf(`the file has no "format": it is not an hnnplay model file (format %q)`, ModelFileFormat)
	}
	var fs string
	if json.Unmarshal(format, &fs) != nil || fs != ModelFileFormat {
		return nil, fmt.Errorf("the file's format is %s, not %q: it is not an hnnplay model file", clip(format), ModelFileFormat)
	}
	version, ok := top["version"]
	if !ok {
		return nil, errors.New(`the model file has no "version"`)
	}
	var v float64
	if json.Unmarshal(version, &v) != nil || v != ModelFileVersion {
		return nil, fmt.Errorf("the model file is of version %s; this hnnplay reads version %d", clip(version), ModelFileVersion)
	}
	for _, k := range slices.Sorted(maps.Keys(top)) {
		switch k {
		case "format", "version", "settings", "link", "model", "fit", "points":
		default:
			return nil, fmt.Errorf("the model file has an unknown member %q", k)
		}
	}

	f := &ModelFile{}
	if f.Settings, err = readSettings(top["settings"]); err != nil {
		return nil, err
	}
	if raw, ok := top["link"]; ok {
		if err := checkLink(raw, f.Settings); err != nil {
			return nil, err
		}
	}
	sys, err := f.Settings.NewSystem()
	if err != nil {
		return nil, fmt.Errorf("the model file's settings: %v", err) // Parse has checked the system; not reached
	}
	raw, ok := top["model"]
	if !ok || isNull(raw) {
		return nil, errors.New(`the model file has no "model"`)
	}
	if f.Model, err = readModel(raw, f.Settings, sys); err != nil {
		return nil, err
	}
	if raw, ok := top["fit"]; ok && !isNull(raw) {
		if raw[0] != '{' {
			return nil, errors.New(`the model file's "fit" is not a JSON object`)
		}
		f.Report = slices.Clip(raw)
	}
	if raw, ok := top["points"]; ok && !isNull(raw) {
		if err := json.Unmarshal(raw, &f.Points); err != nil {
			return nil, fmt.Errorf("the model file's points: %s", typeMessage(err, "lists of numbers"))
		}
		if err := checkPoints(f.Points, sys); err != nil {
			return nil, fmt.Errorf("the model file's %v", err)
		}
	}
	return f, nil
}

func isNull(raw json.RawMessage) bool { return string(raw) == "null" }

// clip is raw JSON text for a message: on one line, at most 40 bytes.
func clip(raw json.RawMessage) string {
	s := strings.Join(strings.Fields(string(raw)), " ")
	if len(s) > 40 {
		s = s[:37] + "…"
	}
	return strings.ToValidUTF8(s, "�")
}

// position says where the byte at index i of data lies: its line and
// column (both from 1, the column in bytes) and its offset; an index at the
// end of data is the end.
func position(data []byte, i int) string {
	i = min(max(i, 0), len(data))
	line := 1 + bytes.Count(data[:i], []byte{'\n'})
	col := i - bytes.LastIndexByte(data[:i], '\n')
	if i == len(data) {
		return fmt.Sprintf("at the end (line %d, column %d, byte %d)", line, col, i)
	}
	return fmt.Sprintf("at line %d, column %d (byte %d)", line, col, i+1)
}

// typeMessage says what is wrong with a value that did not decode.
func typeMessage(err error, want string) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if n, ok := strings.CutPrefix(te.Value, "number "); ok && te.Type.Kind() == reflect.Float64 {
			return fmt.Sprintf("%s is not a finite number", clip(json.RawMessage(n)))
		}
		what := te.Value
		if n, ok := strings.CutPrefix(te.Value, "number "); ok {
			what = clip(json.RawMessage(n))
		}
		if te.Field != "" {
			return fmt.Sprintf("%q must be %s, got %s", te.Field, want, what)
		}
		return fmt.Sprintf("they must be %s, got %s", want, what)
	}
	return err.Error()
}

func firstMessage(err error) string {
	var errs Errors
	if errors.As(err, &errs) && len(errs) > 0 {
		return errs[0].Msg
	}
	return err.Error()
}

// readSettings parses the file's settings: an object of strings, keyed as in
// a link, of the data and network fields, with at least the system and the box.
func readSettings(raw json.RawMessage) (Settings, error) {
	if raw == nil || isNull(raw) {
		return Settings{}, errors.New(`the model file has no "settings"`)
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return Settings{}, errors.New(`the model file's "settings" is not a JSON object`)
	}
	values := make(map[string]string, len(obj))
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		var text string
		if json.Unmarshal(obj[k], &text) != nil {
			return Settings{}, fmt.Errorf("the model file's setting %q must be text, got %s", k, clip(obj[k]))
		}
		if Lookup(k) != nil && !inModelGroups(k) {
			return Settings{}, fmt.Errorf("the model file's settings hold %q, which is not a setting of the data or the network", k)
		}
		values[k] = text
	}
	for _, k := range []string{"system", "box"} {
		if strings.TrimSpace(values[k]) == "" {
			return Settings{}, fmt.Errorf("the model file's settings do not say the %s", Lookup(k).Label)
		}
	}
	s, err := Parse(values)
	if err != nil {
		return Settings{}, fmt.Errorf("the model file's settings: %s", firstMessage(err))
	}
	return s, nil
}

// checkLink checks that the file's link describes its settings.
func checkLink(raw json.RawMessage, s Settings) error {
	var link string
	if json.Unmarshal(raw, &link) != nil {
		return fmt.Errorf("the model file's link must be text, got %s", clip(raw))
	}
	values, err := ParseLink(link)
	if err != nil {
		return fmt.Errorf("the model file's link: %v", err)
	}
	ls, err := Parse(values)
	if err != nil {
		return fmt.Errorf("the model file's link: %s", firstMessage(err))
	}
	want, got := modelValues(s), modelValues(ls)
	for _, k := range orderedKeys(mergeKeys(want, got)) {
		if want[k] != got[k] {
			return fmt.Errorf("the model file's link and settings disagree on %s: %q in the link, %q in the settings", k, got[k], want[k])
		}
	}
	return nil
}

func mergeKeys(a, b map[string]string) map[string]string {
	m := make(map[string]string, len(a)+len(b))
	for k := range a {
		m[k] = ""
	}
	for k := range b {
		m[k] = ""
	}
	return m
}

// checkModel checks a model's shape against the system and settings it was
// trained with: 2·dof inputs, a width within the table's bound and equal to
// the settings', parameter lengths that match.
func checkModel(d, m, nw, nb, nc int, s Settings, sys system.System) error {
	dim := 2 * sys.Dof()
	if d != dim {
		return fmt.Errorf("the model has %d inputs, but %s has %d coordinates (%s)",
			d, s.System, dim, strings.Join(system.CoordNames(sys.Dof()), ", "))
	}
	maxWidth := int(Lookup("width").Max)
	if m < 1 || m > maxWidth {
		return fmt.Errorf("the model's width %d is not from 1 to %d", m, maxWidth)
	}
	if m != s.Width {
		return fmt.Errorf("the model has width %d, but its settings say %d", m, s.Width)
	}
	if nw != d*m || nb != m || nc != m {
		return fmt.Errorf("the model's w, b and c have %d, %d and %d numbers; width %d on %d inputs needs %d, %d and %d",
			nw, nb, nc, m, d, d*m, m, m)
	}
	return nil
}

// readModel reads the model's JSON, checking it first with messages of its
// own, then with hnn.Model's decoder, which makes the model.
func readModel(raw json.RawMessage, s Settings, sys system.System) (*hnn.Model, error) {
	var shape struct {
		D  *int      `json:"d"`
		M  *int      `json:"m"`
		W  []float64 `json:"w"`
		B  []float64 `json:"b"`
		C  []float64 `json:"c"`
		C0 *float64  `json:"c0"`
	}
	if raw[0] != '{' {
		return nil, errors.New(`the model file's "model" is not a JSON object`)
	}
	if err := json.Unmarshal(raw, &shape); err != nil {
		want := "a list of numbers"
		if te := (*json.UnmarshalTypeError)(nil); errors.As(err, &te) && (te.Field == "d" || te.Field == "m" || te.Field == "c0") {
			want = map[string]string{"d": "a whole number", "m": "a whole number", "c0": "a number"}[te.Field]
		}
		return nil, fmt.Errorf("the model: %s", typeMessage(err, want))
	}
	for _, c := range []struct {
		key string
		ok  bool
	}{{"d", shape.D != nil}, {"m", shape.M != nil}, {"w", shape.W != nil}, {"b", shape.B != nil}, {"c", shape.C != nil}, {"c0", shape.C0 != nil}} {
		if !c.ok {
			return nil, fmt.Errorf("the model has no %q", c.key)
		}
	}
	if err := checkModel(*shape.D, *shape.M, len(shape.W), len(shape.B), len(shape.C), s, sys); err != nil {
		return nil, err
	}
	var m hnn.Model
	if err := m.UnmarshalJSON(raw); err != nil {
		return nil, fmt.Errorf("the model: %s", strings.TrimPrefix(err.Error(), "hnn: "))
	}
	return &m, nil
}

// checkPoints checks that every point has the system's 2·dof finite
// coordinates.
func checkPoints(points [][]float64, sys system.System) error {
	dim := 2 * sys.Dof()
	for i, p := range points {
		if len(p) != dim {
			return fmt.Errorf("point %d has %d coordinates; %s has %d", i+1, len(p), sys.Name(), dim)
		}
		if !number.Finite(p...) {
			return fmt.Errorf("point %d has a coordinate that is not finite", i+1)
		}
	}
	return nil
}

// OutsideMargin is how far, as a fraction of the box's width in a
// coordinate, a state may lie outside the training box before a warning
// says the network was not trained there.
const OutsideMargin = 0.25

// Outside returns the names of the coordinates (system.CoordNames: q, p or
// q1, q2, p1, p2) in which x lies outside the box the network was trained
// on by more than margin times the box's width in that coordinate, in
// order; nil when x lies within. A coordinate that is NaN is outside; x of
// the wrong length is outside in every coordinate.
func (f *ModelFile) Outside(x []float64, margin float64) []string {
	b := f.Settings.Box
	names := system.CoordNames(len(b.Lo) / 2)
	if len(x) != len(b.Lo) || len(b.Hi) != len(b.Lo) {
		return names
	}
	var out []string
	for i, v := range x {
		w := margin * (b.Hi[i] - b.Lo[i])
		if !(v >= b.Lo[i]-w && v <= b.Hi[i]+w) {
			out = append(out, names[i])
		}
	}
	return out
}

// Mismatch is a setting given besides a model file, by a flag or a link,
// that disagrees with the settings the model was trained with.
type Mismatch struct {
	Key   string // the field's key: "system", "params", "box", "width", …
	File  string // the file's value, as a link writes it; parameters as name=value,… ("" for none)
	Given string // the given value, likewise (only the parameters given)
}

func (m *Mismatch) Error() string { return m.sentence(", not " + m.Given) }

// Says is the mismatch as a sentence, with who gave the other value: "the
// model was trained on lotka-volterra, -system says pendulum".
func (m *Mismatch) Says(who string) string { return m.sentence(", " + who + " says " + m.Given) }

func (m *Mismatch) sentence(given string) string {
	switch m.Key {
	case "system":
		return "the model was trained on " + m.File + given
	case "params":
		if m.File == "" {
			return "the model was trained with the default parameters" + given
		}
		return "the model was trained with the parameters " + m.File + given
	case "box":
		return "the model was trained on the box " + m.File + given
	}
	label := m.Key
	if f := Lookup(m.Key); f != nil {
		label = strings.ToLower(f.Label[:1]) + f.Label[1:]
	}
	return "the model was trained with " + label + " " + m.File + given
}

// Merge returns the settings of a run of the file's model: the file's data
// and network settings, and the given values (keyed as in Parse, as a link
// or flags give them) of the other fields (how to integrate, the race, the
// view). A given value of a data or network field must agree with the
// file's: the system by name, the parameters by the system they make, the
// box to the last bit, other fields by their canonical text; else the
// error is a *Mismatch. A value that does not parse is reported as Parse
// reports it (Errors).
func (f *ModelFile) Merge(given map[string]string) (Settings, error) {
	file := modelValues(f.Settings)
	if t, ok := given["system"]; ok {
		sf := Lookup("system")
		if strings.TrimSpace(t) == "" {
			t = sf.Default
		}
		canon, err := sf.check(t)
		if err != nil {
			return Settings{}, Errors{err.(*FieldError)}
		}
		if canon != f.Settings.System {
			return Settings{}, &Mismatch{"system", f.Settings.System, canon}
		}
	}
	// The given values over the file's: parsed as the file's system.
	values := maps.Clone(file)
	for k, v := range given {
		values[k] = v
	}
	s, err := Parse(values)
	if err != nil {
		return s, err
	}
	var givenParams []string
	for _, k := range orderedKeys(given) {
		if p := Lookup("params"); strings.HasPrefix(k, p.Prefix) && len(k) > len(p.Prefix) {
			givenParams = append(givenParams, k[len(p.Prefix):]+"="+given[k])
		}
	}
	if len(givenParams) > 0 {
		a, _ := f.Settings.NewSystem()
		b, _ := s.NewSystem()
		if !reflect.DeepEqual(a, b) {
			return s, &Mismatch{"params", paramsText(f.Settings.Params), strings.Join(givenParams, ",")}
		}
	}
	got := modelValues(s)
	for _, k := range orderedKeys(given) {
		fd := Lookup(k)
		if fd == nil || !inModelGroups(k) || fd.Kind == Map {
			continue
		}
		if fd.Key == "box" {
			if !equalBoxes(s.Box, f.Settings.Box) {
				return s, &Mismatch{"box", FormatBox(f.Settings.Box), FormatBox(s.Box)}
			}
		} else if got[k] != file[k] {
			return s, &Mismatch{k, file[k], got[k]}
		}
	}
	// The file's data and network settings exactly, the given others.
	for k := range values {
		if inModelGroups(k) {
			delete(values, k)
		}
	}
	for k, v := range file {
		values[k] = v
	}
	return Parse(values)
}

func equalBoxes(a, b system.Box) bool {
	return slices.Equal(a.Lo, b.Lo) && slices.Equal(a.Hi, b.Hi)
}

// paramsText writes parameters as name=value,… sorted; "" for none.
func paramsText(p map[string]string) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(p)) {
		parts = append(parts, k+"="+p[k])
	}
	return strings.Join(parts, ",")
}
