package experiment

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"hnnplay/core/formula"
	"hnnplay/core/number"
	"hnnplay/core/system"
)

// formulaHelp is the help of the formula field: its grammar in brief.
var formulaHelp = "H of the custom system in q, p (or q1, q2, p1, p2): numbers, + - * / ^ (-q^2 is -(q^2)), parentheses, " +
	strings.Join(formula.FuncNames(), " ") + ", pi, e; products need * (2*q); other names are parameters: " +
	"p.NAME=value in a link, -param NAME=value (-formula alone selects the custom system)"

// parseFormula reads the typed H of the custom system with the parameters
// of s; for the other systems the formula is ignored and kept "".
func parseFormula(s *Settings, text string) error {
	if s.System != system.Custom {
		s.Formula = ""
		return nil
	}
	if text == "" {
		text = system.DefaultFormula
	}
	if _, err := system.NewTyped(text, s.Params); err != nil {
		msg := strings.TrimPrefix(err.Error(), "system: ")
		if fe, ok := err.(*formula.Error); ok && fe.Param != "" {
			msg += fmt.Sprintf(": p.%s=… in a link, -param %s=… on the command line", fe.Param, fe.Param)
		}
		return &FieldError{"formula", "Formula: " + msg}
	}
	s.Formula = text
	return nil
}

// checkFormulaParams checks the parameters of the custom system: each a
// finite number. Which names the formula needs is the formula's check.
func checkFormulaParams(s *Settings) error {
	for _, k := range slices.Sorted(maps.Keys(s.Params)) {
		if _, err := number.Parse(s.Params[k]); err != nil {
			return &FieldError{"p." + k, fmt.Sprintf("System parameter: %s: parameter %q must be a finite number, got %q", system.Custom, k, s.Params[k])}
		}
	}
	return nil
}

// systemWith returns the system of s with the parameters params instead of
// s.Params.
func (s *Settings) systemWith(params map[string]string) (system.System, error) {
	if s.System == system.Custom {
		return system.NewTyped(s.Formula, params)
	}
	return system.New(s.System, params)
}

// checkFormula refuses a typed H that is not finite, or whose gradient is
// not, somewhere in the box (see system.Typed.CheckBox), naming the state.
func checkFormula(s Settings, sys system.System) error {
	t, ok := sys.(*system.Typed)
	if !ok {
		return nil
	}
	if err := t.CheckBox(s.Box); err != nil {
		return &FieldError{"formula", "Formula: " + err.Error()}
	}
	return nil
}

// resetForDof gives s, whose formula changed, the new system's own box and
// no training region, section or trajectories, if the degrees of freedom
// changed.
func resetForDof(s *Settings) error {
	sys, err := s.NewSystem()
	if err != nil || 2*sys.Dof() == len(s.Box.Lo) {
		return nil
	}
	s.View.Section = map[string]float64{}
	s.View.Starts = nil
	s.TrainBox = Settings{}.TrainBox
	return Lookup("box").set(s, "")
}
