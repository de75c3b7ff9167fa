package formula

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// MaxDim is the largest state dimension 2d a Program evaluates.
const MaxDim = 4

type opcode uint8

const (
	opConst opcode = iota // push arg
	opVar                 // push x[idx]
	opNeg
	opAdd
	opSub
	opMul
	opDiv
	opPowConst // top^arg
	opFunc     // funcs[idx](top)
	opAddConst // top + arg
	opMulConst // top·arg
	opDivConst // top/arg
	opRecip    // arg/top
)

type op struct {
	code opcode
	idx  int
	arg  float64
}

// Program is a compiled formula with its parameters' values: a flat list of
// stack operations. It is immutable, so one Program may serve many
// Evaluators at once.
type Program struct {
	dim   int
	ops   []op
	depth int // the most values on the stack
}

// Compile binds the parameters to values and returns the Program of the
// formula. A parameter without a value is an *Error naming it and its
// column; values of names the formula does not use are ignored (see
// Params). Parts without a state variable are computed here, once.
func (e *Expr) Compile(values map[string]float64) (*Program, error) {
	for _, p := range e.params {
		if _, ok := values[p.Name]; !ok {
			return nil, &Error{Offset: p.Offset, Col: p.Col, Param: p.Name,
				Msg: fmt.Sprintf("%s at column %d is not a variable (%s), a function or a constant; give it a value as a parameter",
					p.Name, p.Col, strings.Join(varNames(e.dof), ", "))}
		}
	}
	pr := &Program{dim: 2 * e.dof}
	var depth int
	var emit func(n *node)
	push := func(o op) {
		pr.ops = append(pr.ops, o)
		switch o.code {
		case opConst, opVar:
			depth++
		case opAdd, opSub, opMul, opDiv:
			depth--
		}
		pr.depth = max(pr.depth, depth)
	}
	emit = func(n *node) {
		if !hasVar(n) {
			push(op{code: opConst, arg: constValue(n, values)})
			return
		}
		switch n.kind {
		case kVar:
			idx := n.i
			if n.mom {
				idx += e.dof
			}
			push(op{code: opVar, idx: idx})
		case kNeg:
			emit(n.a)
			push(op{code: opNeg})
		case kAdd, kSub, kMul, kDiv:
			// an operation with a constant is cheaper than one of two jets
			// (not both are constant: n would be)
			switch {
			case !hasVar(n.a): // c ∘ b
				c := constValue(n.a, values)
				emit(n.b)
				switch n.kind {
				case kAdd:
					push(op{code: opAddConst, arg: c})
				case kSub:
					push(op{code: opNeg})
					push(op{code: opAddConst, arg: c})
				case kMul:
					push(op{code: opMulConst, arg: c})
				default:
					push(op{code: opRecip, arg: c})
				}
			case !hasVar(n.b): // a ∘ c
				emit(n.a)
				c := constValue(n.b, values)
				switch n.kind {
				case kAdd:
					push(op{code: opAddConst, arg: c})
				case kSub:
					push(op{code: opAddConst, arg: -c})
				case kMul:
					push(op{code: opMulConst, arg: c})
				default:
					push(op{code: opDivConst, arg: c})
				}
			default:
				emit(n.a)
				emit(n.b)
				push(op{code: opAdd + opcode(n.kind-kAdd)}) // in the same order
			}
		case kPow:
			if !hasVar(n.b) {
				emit(n.a)
				push(op{code: opPowConst, arg: constValue(n.b, values)})
				return
			}
			// a^b = exp(b·log a)
			emit(n.a)
			push(op{code: opFunc, idx: fLog})
			emit(n.b)
			push(op{code: opMul})
			push(op{code: opFunc, idx: fExp})
		case kCall:
			emit(n.a)
			push(op{code: opFunc, idx: n.i})
		}
	}
	emit(e.root)
	return pr, nil
}

func varNames(dof int) []string {
	if dof == 1 {
		return []string{"q", "p"}
	}
	return []string{"q1", "q2", "p1", "p2"}
}

func hasVar(n *node) bool {
	if n == nil {
		return false
	}
	return n.kind == kVar || hasVar(n.a) || hasVar(n.b)
}

// constValue computes a part of a formula without state variables.
func constValue(n *node, values map[string]float64) float64 {
	switch n.kind {
	case kNum:
		return n.val
	case kParam:
		return values[n.name]
	case kNeg:
		return -constValue(n.a, values)
	case kAdd:
		return constValue(n.a, values) + constValue(n.b, values)
	case kSub:
		return constValue(n.a, values) - constValue(n.b, values)
	case kMul:
		return constValue(n.a, values) * constValue(n.b, values)
	case kDiv:
		return constValue(n.a, values) / constValue(n.b, values)
	case kPow:
		return math.Pow(constValue(n.a, values), constValue(n.b, values))
	case kCall:
		f0, _, _ := apply(n.i, constValue(n.a, values))
		return f0
	}
	panic("formula: constValue: unknown node")
}

// Dim returns the state dimension 2d of the program's variables.
func (pr *Program) Dim() int { return pr.dim }

// jet is a value with its gradient and Hessian (upper triangle, row-major
// in a MaxDim×MaxDim array) with respect to the state.
type jet struct {
	v float64
	g [MaxDim]float64
	h [MaxDim * MaxDim]float64
}

// Evaluator evaluates a Program with its own scratch space: it allocates
// nothing per evaluation, and it is not safe for concurrent use (give each
// goroutine its own; they may share the Program).
type Evaluator struct {
	pr    *Program
	stack []jet
}

// NewEvaluator returns an evaluator of pr.
func (pr *Program) NewEvaluator() *Evaluator {
	return &Evaluator{pr: pr, stack: make([]jet, pr.depth)}
}

// Dim returns the state dimension 2d of the evaluator's program.
func (ev *Evaluator) Dim() int { return ev.pr.dim }

// Eval returns H(x) and writes ∇H(x) into grad and ∇²H(x) (row-major
// 2d×2d) into hess, each only if it is not nil; computing less is faster.
// It panics if x, grad or hess have the wrong length.
func (ev *Evaluator) Eval(x, grad, hess []float64) float64 {
	n := ev.pr.dim
	if len(x) != n || grad != nil && len(grad) != n || hess != nil && len(hess) != n*n {
		panic("formula: Eval: wrong lengths")
	}
	order := 0
	if grad != nil {
		order = 1
	}
	if hess != nil {
		order = 2
	}
	st := ev.stack
	sp := 0
	for _, o := range ev.pr.ops {
		switch o.code {
		case opConst, opVar:
			t := &st[sp]
			sp++
			t.v = o.arg
			if order > 0 {
				t.g = [MaxDim]float64{}
			}
			if order > 1 {
				t.h = [MaxDim * MaxDim]float64{}
			}
			if o.code == opVar {
				t.v = x[o.idx]
				if order > 0 {
					t.g[o.idx] = 1
				}
			}
		case opNeg:
			t := &st[sp-1]
			t.v = -t.v
			for i := 0; i < n && order > 0; i++ {
				t.g[i] = -t.g[i]
			}
			if order > 1 {
				for i := range t.h {
					t.h[i] = -t.h[i]
				}
			}
		case opAdd, opSub:
			sp--
			a, b := &st[sp-1], &st[sp]
			s := 1.0
			if o.code == opSub {
				s = -1
			}
			a.v += s * b.v
			for i := 0; i < n && order > 0; i++ {
				a.g[i] += s * b.g[i]
			}
			if order > 1 {
				for i := range a.h {
					a.h[i] += s * b.h[i]
				}
			}
		case opMul:
			sp--
			mul(&st[sp-1], &st[sp], n, order)
		case opDiv:
			sp--
			b := &st[sp]
			v := b.v
			chain(b, 1/v, -1/(v*v), 2/(v*v*v), n, order)
			mul(&st[sp-1], b, n, order)
		case opPowConst:
			t := &st[sp-1]
			v, c := t.v, o.arg
			switch c {
			case 0:
				chain(t, 1, 0, 0, n, order)
			case 1:
			case 2:
				chain(t, v*v, 2*v, 2, n, order)
			default:
				chain(t, math.Pow(v, c), c*math.Pow(v, c-1), c*(c-1)*math.Pow(v, c-2), n, order)
			}
		case opFunc:
			t := &st[sp-1]
			f0, f1, f2 := apply(o.idx, t.v)
			chain(t, f0, f1, f2, n, order)
		case opAddConst:
			st[sp-1].v += o.arg
		case opMulConst, opDivConst:
			t := &st[sp-1]
			if o.code == opMulConst {
				scale(t, o.arg, false, n, order)
			} else {
				scale(t, o.arg, true, n, order)
			}
		case opRecip:
			t := &st[sp-1]
			v, c := t.v, o.arg
			chain(t, c/v, -c/(v*v), 2*c/(v*v*v), n, order)
		}
	}
	r := &st[0]
	if grad != nil {
		copy(grad, r.g[:n])
	}
	if hess != nil {
		for i := 0; i < n; i++ {
			for j := i; j < n; j++ {
				hess[i*n+j] = r.h[i*MaxDim+j]
				hess[j*n+i] = r.h[i*MaxDim+j]
			}
		}
	}
	return r.v
}

// chain replaces t = u by f(u), given f(u) and its derivatives f1, f2:
// ∇f = f1 ∇u, ∇²f = f1 ∇²u + f2 ∇u∇uᵀ.
func chain(t *jet, f0, f1, f2 float64, n, order int) {
	if order > 1 {
		for i := 0; i < n; i++ {
			for j := i; j < n; j++ {
				k := i*MaxDim + j
				t.h[k] = f1*t.h[k] + f2*t.g[i]*t.g[j]
			}
		}
	}
	for i := 0; i < n && order > 0; i++ {
		t.g[i] *= f1
	}
	t.v = f0
}

// scale replaces t by t·c, or by t/c if div.
func scale(t *jet, c float64, div bool, n, order int) {
	if div {
		t.v /= c
	} else {
		t.v *= c
	}
	for i := 0; i < n && order > 0; i++ {
		if div {
			t.g[i] /= c
		} else {
			t.g[i] *= c
		}
	}
	if order > 1 {
		for i := 0; i < n; i++ {
			for j := i; j < n; j++ {
				if div {
					t.h[i*MaxDim+j] /= c
				} else {
					t.h[i*MaxDim+j] *= c
				}
			}
		}
	}
}

// mul replaces a by a·b.
func mul(a, b *jet, n, order int) {
	if order > 1 {
		for i := 0; i < n; i++ {
			for j := i; j < n; j++ {
				k := i*MaxDim + j
				a.h[k] = a.v*b.h[k] + b.v*a.h[k] + a.g[i]*b.g[j] + b.g[i]*a.g[j]
			}
		}
	}
	for i := 0; i < n && order > 0; i++ {
		a.g[i] = a.v*b.g[i] + b.v*a.g[i]
	}
	a.v *= b.v
}

// apply returns f(v) and its first and second derivatives for the function fn.
func apply(fn int, v float64) (f0, f1, f2 float64) {
	switch fn {
	case fSin:
		s, c := math.Sincos(v)
		return s, c, -s
	case fCos:
		s, c := math.Sincos(v)
		return c, -s, -c
	case fTan:
		t := math.Tan(v)
		d := 1 + t*t
		return t, d, 2 * t * d
	case fExp:
		x := math.Exp(v)
		return x, x, x
	case fLog:
		return math.Log(v), 1 / v, -1 / (v * v)
	case fSqrt:
		r := math.Sqrt(v)
		return r, 0.5 / r, -0.25 / (r * v)
	case fAbs:
		s := 0.0
		if v > 0 {
			s = 1
		} else if v < 0 {
			s = -1
		}
		return math.Abs(v), s, 0
	case fSinh:
		return math.Sinh(v), math.Cosh(v), math.Sinh(v)
	case fCosh:
		return math.Cosh(v), math.Sinh(v), math.Cosh(v)
	case fTanh:
		t := math.Tanh(v)
		d := 1 - t*t
		return t, d, -2 * t * d
	case fAtan:
		d := 1 / (1 + v*v)
		return math.Atan(v), d, -2 * v * d * d
	case fAsin, fAcos:
		w := 1 - v*v
		d := 1 / math.Sqrt(w)
		f0, f1, f2 = math.Asin(v), d, v*d/w
		if fn == fAcos {
			return math.Acos(v), -f1, -f2
		}
		return f0, f1, f2
	}
	panic("formula: unknown function " + fmt.Sprint(fn))
}

// FuncNames returns the names of the functions a formula may call.
func FuncNames() []string { return slices.Clone(funcs) }
