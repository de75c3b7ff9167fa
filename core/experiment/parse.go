package experiment

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Default returns the settings of a page opened without a link (and of the
// command line without flags).
func Default() Settings {
	s, err := Parse(nil)
	if err != nil {
		panic("experiment: the defaults of the table are invalid: " + err.Error())
	}
	return s
}

// Parse makes settings from text values keyed as in a link: a Field's Key,
// or a Map field's Prefix plus a name (p.f, section.q2). Missing and empty
// values take their defaults. Every refused value is reported, as an
// Errors of FieldErrors in table order, and replaced by its default, so the
// returned settings are usable either way; a key that names no field is an
// error too.
func Parse(values map[string]string) (Settings, error) {
	var s Settings
	var errs Errors
	used := make(map[string]bool, len(values))
	for i := range Fields {
		f := &Fields[i]
		if f.Kind == Map {
			m := map[string]string{}
			for k, v := range values {
				if strings.HasPrefix(k, f.Prefix) && len(k) > len(f.Prefix) {
					m[k[len(f.Prefix):]] = v
					used[k] = true
				}
			}
			if err := f.parseM(&s, m); err != nil {
				errs = append(errs, fieldError(f, err))
				f.parseM(&s, nil)
			}
			continue
		}
		text, ok := values[f.Key]
		used[f.Key] = ok
		def := f.defaultFor(&s)
		if strings.TrimSpace(text) == "" && !(ok && f.Kind == Set) { // an empty set given is none
			text = def
		}
		if err := f.set(&s, text); err != nil {
			errs = append(errs, fieldError(f, err))
			if err := f.set(&s, def); err != nil {
				panic(fmt.Sprintf("experiment: default of %s: %v", f.Key, err))
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(values)) {
		if !used[k] {
			errs = append(errs, &FieldError{k, fmt.Sprintf("%q is not a setting", k)})
		}
	}
	if len(errs) > 0 {
		return s, errs
	}
	return s, nil
}

func fieldError(f *Field, err error) *FieldError {
	if fe, ok := err.(*FieldError); ok {
		return fe
	}
	return &FieldError{f.Key, fmt.Sprintf("%s: %v", f.Label, err)}
}

// defaultFor is the field's default for the system of s: its preset's
// value, or the table's.
func (f *Field) defaultFor(s *Settings) string {
	if v := presetValue(s, f.Key); v != "" {
		return v
	}
	return f.Default
}

// Values writes s as text values keyed as Parse reads them; Parse(Values(s))
// gives s back. Map fields contribute one key per entry.
func Values(s Settings) map[string]string {
	v := make(map[string]string, len(Fields)+4)
	for i := range Fields {
		f := &Fields[i]
		if f.Kind == Map {
			for k, x := range f.formatM(&s) {
				v[f.Prefix+k] = x
			}
			continue
		}
		v[f.Key] = f.format(&s)
	}
	return v
}

// Set changes one setting of s, keyed as in Parse; on error s is unchanged.
// Changing the system resets the parameters, the box, the training region,
// the section and the trajectories, and takes the new system's preset (see Presets);
// a formula of other degrees of freedom resets the box, the section and the
// trajectories.
func (s *Settings) Set(key, text string) error {
	f := Lookup(key)
	if f == nil {
		return &FieldError{key, fmt.Sprintf("%q is not a setting", key)}
	}
	if f.Kind == Map && key != f.Key {
		values := f.formatM(s)
		if values == nil {
			values = map[string]string{}
		}
		values[key[len(f.Prefix):]] = text
		c := *s
		if err := f.parseM(&c, values); err != nil {
			return fieldError(f, err)
		}
		*s = c
		return nil
	}
	if f.Kind == Map {
		return &FieldError{key, fmt.Sprintf("%s is set one entry at a time (%sNAME)", f.Label, f.Prefix)}
	}
	c := *s
	if strings.TrimSpace(text) == "" && f.Kind != Set { // an empty set is none
		text = f.defaultFor(&c)
	}
	if err := f.set(&c, text); err != nil {
		return err
	}
	if key == "system" && c.System != s.System {
		c.Params = nil
		c.View.Section = map[string]float64{}
		c.View.Starts = nil
		// the new system's own box, and its preset's other values: what
		// any preset sets goes back to the table's default first
		if err := Lookup("formula").set(&c, ""); err != nil {
			return err
		}
		if err := Lookup("box").set(&c, ""); err != nil {
			return err
		}
		c.TrainBox = Settings{}.TrainBox
		for _, p := range Presets {
			for k := range p.Values {
				if f := Lookup(k); k != "box" {
					if err := f.set(&c, f.Default); err != nil {
						return err
					}
				}
			}
		}
		for k, v := range Presets[c.System].Values {
			if k != "box" {
				if err := Lookup(k).set(&c, v); err != nil {
					return err
				}
			}
		}
	}
	if key == "formula" {
		if err := resetForDof(&c); err != nil {
			return err
		}
	}
	*s = c
	return nil
}

// Groups returns the keys of the fields in the given groups, in table order.
func Keys(groups ...Group) []string {
	var keys []string
	for _, f := range Fields {
		for _, g := range groups {
			if f.Group == g {
				keys = append(keys, f.Key)
			}
		}
	}
	return keys
}
