package system

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"hnnplay/core/formula"
	"hnnplay/core/number"
)

// Custom is the registry name of the system whose H is typed as a formula
// (see Typed).
const Custom = "custom"

// DefaultFormula is the H of the custom system until another is typed: the
// pendulum, in the variables q and p.
const DefaultFormula = "p^2/2 + 1 - cos(q)"

// Typed is a Hamiltonian typed as a formula (package formula), with its
// exact gradient and Hessian. Its degrees of freedom are those of the
// variables it uses: q, p (one) or q1, q2, p1, p2 (two). Its default box is
// q ∈ [−π, π] and p ∈ [−2, 2] in every degree of freedom (for the default
// H, the pendulum, it holds the swinging and the rotating motions and the
// separatrix between them); its anchor is the box's centre, 0. It is
// Separable when the formula is written as a sum of terms in the q's only
// or the p's only.
//
// It is safe for concurrent use: each call takes an evaluator of its own
// from a pool.
type Typed struct {
	expr *formula.Expr
	prog *formula.Program
	pool sync.Pool // of *formula.Evaluator
}

// NewTyped parses text as H and binds its parameters (names that are not
// variables, functions or constants) to the values in params, which are
// numbers as package number reads them; parameters the formula does not use
// are ignored. Errors: a *formula.Error for the text (with its column) and
// for a parameter without a value, and an error naming a parameter whose
// value is not a finite number. An H without state variables is refused.
func NewTyped(text string, params map[string]string) (*Typed, error) {
	e, err := formula.Parse(text)
	if err != nil {
		return nil, err
	}
	if !e.UsesState() {
		return nil, &formula.Error{Offset: 0, Col: 1, Msg: "H does not depend on the state: use q and p (or q1, q2, p1, p2)"}
	}
	values := make(map[string]float64, len(params))
	for _, k := range slices.Sorted(maps.Keys(params)) {
		v, err := number.Parse(params[k])
		if err != nil {
			return nil, fmt.Errorf("system: %s: parameter %q must be a finite number, got %q", Custom, k, params[k])
		}
		values[k] = v
	}
	pr, err := e.Compile(values)
	if err != nil {
		return nil, err
	}
	f := &Typed{expr: e, prog: pr}
	f.pool.New = func() any { return pr.NewEvaluator() }
	return f, nil
}

// Text returns the formula as typed.
func (f *Typed) Text() string { return f.expr.Text() }

// Name returns Custom.
func (f *Typed) Name() string { return Custom }

// Dof returns the degrees of freedom of the formula's variables.
func (f *Typed) Dof() int { return f.expr.Dof() }

// Separable reports whether the formula is written as T(p) + V(q).
func (f *Typed) Separable() bool { return f.expr.Separable() }

// Anchor returns 0, the centre of the default box.
func (f *Typed) Anchor() []float64 { return make([]float64, 2*f.Dof()) }

// Box returns q ∈ [−π, π], p ∈ [−2, 2] in every degree of freedom.
func (f *Typed) Box() Box { return uniformBox(f.Dof(), -math.Pi, math.Pi, -2, 2) }

func (f *Typed) eval(x, grad, hess []float64) float64 {
	ev := f.pool.Get().(*formula.Evaluator)
	defer f.pool.Put(ev)
	return ev.Eval(x, grad, hess)
}

// H returns the formula's value at x.
func (f *Typed) H(x []float64) float64 {
	checkLen(Custom, 2*f.Dof(), nil, x)
	return f.eval(x, nil, nil)
}

// Grad writes ∇H(x) into dst.
func (f *Typed) Grad(dst, x []float64) {
	checkLen(Custom, 2*f.Dof(), dst, x)
	f.eval(x, dst, nil)
}

// Hessian writes ∇²H(x) into dst (row-major 2d×2d).
func (f *Typed) Hessian(dst, x []float64) {
	checkHessLen(Custom, 2*f.Dof(), dst, x)
	f.eval(x, make([]float64, len(x)), dst)
}

// GradHessian writes ∇H(x) into g and ∇²H(x) into hess in one evaluation.
func (f *Typed) GradHessian(g, hess, x []float64) {
	checkLen(Custom, 2*f.Dof(), g, x)
	checkHessLen(Custom, 2*f.Dof(), hess, x)
	f.eval(x, g, hess)
}

// CheckBox returns an error naming a state of b where H or ∇H is not a
// finite number, or nil if there is none among the states it tries: a
// grid of 41 values per coordinate for one degree of freedom and 11 for
// two, bounds and centre included. The order of the grid is fixed, so the
// state named is too.
func (f *Typed) CheckBox(b Box) error {
	n := 2 * f.Dof()
	if b.Validate(n) != nil {
		return nil // the box's own check reports it
	}
	k := 41
	if n == 4 {
		k = 11
	}
	x, g := make([]float64, n), make([]float64, n)
	idx := make([]int, n)
	for {
		for i := range n {
			x[i] = b.Lo[i] + (b.Hi[i]-b.Lo[i])*float64(idx[i])/float64(k-1)
		}
		h := f.eval(x, g, nil)
		if what, bad := notFinite(h); bad {
			return fmt.Errorf("H is %s at %s (a state of the box): change H or the box", what, stateText(f, x))
		}
		for j, v := range g {
			if what, bad := notFinite(v); bad {
				return fmt.Errorf("∂H/∂%s is %s at %s (a state of the box): change H or the box", Labels(f)[j], what, stateText(f, x))
			}
		}
		i := 0
		for ; i < n; i++ {
			idx[i]++
			if idx[i] < k {
				break
			}
			idx[i] = 0
		}
		if i == n {
			return nil
		}
	}
}

func notFinite(v float64) (string, bool) {
	switch {
	case math.IsNaN(v):
		return "NaN", true
	case math.IsInf(v, 1):
		return "∞", true
	case math.IsInf(v, -1):
		return "−∞", true
	}
	return "", false
}

// stateText writes x as "q = 0, p = -1.571".
func stateText(sys System, x []float64) string {
	names := Labels(sys)
	parts := make([]string, len(x))
	for i, v := range x {
		parts[i] = names[i] + " = " + strconv.FormatFloat(v, 'g', 4, 64)
	}
	return strings.Join(parts, ", ")
}

// newCustom is the registry's constructor of the custom system: the
// default formula with params.
func newCustom(params map[string]string) (System, error) {
	return NewTyped(DefaultFormula, params)
}
