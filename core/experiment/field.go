package experiment

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"hnnplay/core/number"
)

// Kind is the type of a field's value, as its text is read.
type Kind string

// The kinds of fields.
const (
	Int    Kind = "int"    // a whole number (also written 1e3) in [Min, Max]
	Float  Kind = "float"  // a real number (π allowed, see package number) in [Min, Max]
	Choice Kind = "choice" // one of Choices
	Set    Kind = "set"    // a comma-separated subset of Choices
	Bool   Kind = "bool"   // true or false (also 1/0, yes/no, on/off)
	Text   Kind = "text"   // text with a syntax of its own (the box, Adam's time limit)
	Map    Kind = "map"    // name=value pairs, written Prefix+name=value in a link
)

// Group names the part of an experiment a field belongs to. Each command of
// the command line takes the flags of the groups it uses.
type Group string

// The groups, in the order of the table.
const (
	GroupData     Group = "data"     // the system, its box and the training and test sets
	GroupNetwork  Group = "network"  // the sampled network
	GroupSimulate Group = "simulate" // integrating the learned flow
	GroupAdam     Group = "adam"     // the gradient-descent baseline of a race
	GroupView     Group = "view"     // what the page shows; not part of the model
)

// Option is one value of a Choice or Set field.
type Option struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// Field declares one setting: its name in links and forms (Key), on the
// command line (Flag), its type, default, bounds and help. Every translation
// of Settings — the link, the flags, the page's form and the worker's
// request — is made from the table Fields.
type Field struct {
	Key     string   `json:"key"`               // link key and form control name
	Flag    string   `json:"flag,omitempty"`    // command-line flag, "" if none
	Label   string   `json:"label"`             // what messages and the page call it
	Group   Group    `json:"group"`             //
	Kind    Kind     `json:"kind"`              //
	Default string   `json:"default"`           // as text; "" for Text and Map fields means "see Help"
	Min     float64  `json:"min,omitempty"`     // bounds of Int and Float fields
	Max     float64  `json:"max,omitempty"`     //
	Options []Option `json:"options,omitempty"` // of Choice and Set fields
	Prefix  string   `json:"prefix,omitempty"`  // of Map fields: "p." makes the link key p.m for name m
	Help    string   `json:"help"`
	// Optional: empty text is the default and links and model files leave
	// the field out, so that those written before it existed read the same.
	Optional bool `json:"optional,omitempty"`

	parse   func(s *Settings, text string) error              // sets the field from valid text
	format  func(s *Settings) string                          // writes it as parse reads it
	parseM  func(s *Settings, values map[string]string) error // Map fields
	formatM func(s *Settings) map[string]string               // Map fields
}

// FieldError is a value that a field refuses. Its message names the field
// and says what is wrong and what is allowed.
type FieldError struct {
	Key string // the field's key, or a Map field's full key (p.m)
	Msg string
}

func (e *FieldError) Error() string { return e.Msg }

// Errors is every FieldError of a set of values, in table order.
type Errors []*FieldError

func (e Errors) Error() string {
	msgs := make([]string, len(e))
	for i, fe := range e {
		msgs[i] = fe.Msg
	}
	return strings.Join(msgs, "; ")
}

// Lookup returns the field with the given key (or a Map field whose prefix
// the key starts with), or nil.
func Lookup(key string) *Field {
	for i := range Fields {
		f := &Fields[i]
		if f.Key == key || (f.Kind == Map && strings.HasPrefix(key, f.Prefix) && len(key) > len(f.Prefix)) {
			return f
		}
	}
	return nil
}

// check reads text as the field's kind, within its bounds, and returns the
// canonical text, or an error message naming the field.
func (f *Field) check(text string) (string, error) {
	t := strings.TrimSpace(text)
	bad := func(what string) error {
		return &FieldError{f.Key, fmt.Sprintf("%s must be %s, got %q", f.Label, what, text)}
	}
	switch f.Kind {
	case Int:
		v, err := number.Parse(t)
		if err != nil || v != math.Trunc(v) || v < f.Min || v > f.Max {
			return "", bad(fmt.Sprintf("a whole number from %s to %s", intText(f.Min), intText(f.Max)))
		}
		return strconv.FormatInt(int64(v), 10), nil
	case Float:
		v, err := number.Parse(t)
		if err != nil || v < f.Min || v > f.Max {
			return "", bad(fmt.Sprintf("a number from %s to %s", number.Format(f.Min), number.Format(f.Max)))
		}
		return number.Format(v), nil
	case Choice:
		low := strings.ToLower(t)
		for _, o := range f.Options {
			if low == o.Value {
				return o.Value, nil
			}
		}
		return "", bad("one of " + f.values())
	case Set:
		var on []string
		for _, part := range strings.Split(t, ",") {
			p := strings.ToLower(strings.TrimSpace(part))
			if p == "" {
				continue
			}
			if !slices.ContainsFunc(f.Options, func(o Option) bool { return o.Value == p }) {
				return "", bad("a comma-separated list of " + f.values())
			}
			if !slices.Contains(on, p) {
				on = append(on, p)
			}
		}
		// in the order of the options
		out := make([]string, 0, len(on))
		for _, o := range f.Options {
			if slices.Contains(on, o.Value) {
				out = append(out, o.Value)
			}
		}
		return strings.Join(out, ","), nil
	case Bool:
		switch strings.ToLower(t) {
		case "true", "1", "yes", "on":
			return "true", nil
		case "false", "0", "no", "off":
			return "false", nil
		}
		return "", bad("true or false")
	}
	return t, nil
}

func (f *Field) values() string {
	v := make([]string, len(f.Options))
	for i, o := range f.Options {
		v[i] = o.Value
	}
	return strings.Join(v, ", ")
}

func intText(v float64) string { return strconv.FormatInt(int64(v), 10) }

// set checks text and, if it is valid, stores it in s.
func (f *Field) set(s *Settings, text string) error {
	canon, err := f.check(text)
	if err != nil {
		return err
	}
	if err := f.parse(s, canon); err != nil {
		var fe *FieldError
		if asFieldError(err, &fe) {
			return fe
		}
		return &FieldError{f.Key, fmt.Sprintf("%s %s", f.Label, err)}
	}
	return nil
}

func asFieldError(err error, fe **FieldError) bool {
	e, ok := err.(*FieldError)
	if ok {
		*fe = e
	}
	return ok
}
