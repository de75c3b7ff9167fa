// Package formula reads a Hamiltonian H typed as a formula ("p^2/2 + 1 -
// cos(q)") and evaluates it with its exact gradient and Hessian.
//
// The grammar: numbers (1, 2.5, 1e-3); + − * / and ^ (right-associative,
// binding tighter than a unary minus: -q^2 = -(q^2)); parentheses; unary
// − and +; the functions sin cos tan exp log sqrt abs sinh cosh tanh atan
// asin acos, called with parentheses; the constants pi (π) and e; the state
// variables q, p (one degree of freedom) or q1, q2, p1, p2 (two; also
// written q₁ …); any other name is a parameter whose value is given when
// the formula is compiled. "×" and "·" are accepted for *, "÷" for /, "−"
// for -, and "²", "³" for ^2, ^3. Implicit multiplication ("2q") is an
// error ("missing operator"): every product is written with *.
//
// Parse reads the text into an Expr; every error is an *Error that names
// what is wrong and where (a 1-based column). Expr.Compile binds the
// parameters' values and makes a Program: a flat list of operations
// evaluated by second-order forward-mode automatic differentiation, which
// gives H, ∇H and ∇²H exactly (up to round-off) in one pass without
// allocating (see Evaluator).
//
// Why not a parser library: the Go expression libraries evaluate values
// only; none gives the exact gradient and Hessian that the fit (∇H is its
// target) and the implicit integrators (Newton's method on ∇²H) need, so
// the small grammar above has its own recursive-descent parser here.
package formula

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits of the text Parse reads.
const (
	MaxLength = 1000 // bytes
	MaxDepth  = 100  // nested parentheses, function calls, signs and powers
)

// Error is a problem with a formula's text: what is wrong and where.
type Error struct {
	Offset int    // byte offset in the text, 0-based
	Col    int    // column (rune) in the text, 1-based; one past the end for "the end"
	Msg    string // the whole message, column included
	Param  string // Compile's error: the parameter without a value
}

func (e *Error) Error() string { return e.Msg }

// Param is a parameter of a formula: a name that is not a variable, a
// function or a constant, at its first use.
type Param struct {
	Name   string
	Offset int // byte offset of its first use
	Col    int // column of its first use, 1-based
}

// Expr is a parsed formula.
type Expr struct {
	text      string
	root      *node
	dof       int
	vars      bool // uses a state variable
	params    []Param
	separable bool
}

// Text returns the formula as typed.
func (e *Expr) Text() string { return e.text }

// Dof returns the degrees of freedom of the formula's variables: 2 if it
// uses q1, q2, p1 or p2, else 1.
func (e *Expr) Dof() int { return e.dof }

// UsesState reports whether the formula uses any state variable.
func (e *Expr) UsesState() bool { return e.vars }

// Params returns the formula's parameters, in the order of their first use.
func (e *Expr) Params() []Param { return slices.Clone(e.params) }

// Separable reports whether the formula is, as written, a sum of terms each
// of which depends on the positions only or on the momenta only: H = T(p)
// + V(q). A separable H written otherwise (as a product that expands to a
// sum) is reported false.
func (e *Expr) Separable() bool { return e.separable }

type kind uint8

const (
	kNum   kind = iota // val
	kVar               // coordinate: p (false: q) and index i
	kParam             // name
	kNeg               // a
	kAdd               // a, b
	kSub
	kMul
	kDiv
	kPow
	kCall // fn, a
)

type node struct {
	kind kind
	val  float64
	mom  bool // kVar: a momentum
	i    int  // kVar: 0 or 1; kCall: function
	name string
	off  int // byte offset, for parameters' messages
	a, b *node
}

// funcs are the functions a formula may call, by name; the index is the
// function's code in a Program.
var funcs = []string{"sin", "cos", "tan", "exp", "log", "sqrt", "abs", "sinh", "cosh", "tanh", "atan", "asin", "acos"}

// Function codes, in the order of funcs.
const (
	fSin = iota
	fCos
	fTan
	fExp
	fLog
	fSqrt
	fAbs
	fSinh
	fCosh
	fTanh
	fAtan
	fAsin
	fAcos
)

// token kinds
const (
	tEnd = iota
	tNum
	tName
	tOp // one of + - * / ^ ( )
)

type token struct {
	kind int
	op   byte
	text string // as typed (a name normalised: subscripts as digits)
	num  float64
	off  int
}

type parser struct {
	src   string
	toks  []token
	pos   int
	depth int
	dof   int // 0 until a variable fixes it
	dofAt int // offset of the variable that fixed it
	vars  bool
	param []Param
}

// Parse reads a formula; see the package documentation for the grammar.
func Parse(text string) (*Expr, error) {
	p := &parser{src: text}
	if len(text) > MaxLength {
		return nil, p.errAt(MaxLength, "the formula is %d bytes long; at most %d are read: shorten it", len(text), MaxLength)
	}
	if err := p.lex(); err != nil {
		return nil, err
	}
	if p.toks[0].kind == tEnd {
		return nil, p.errAt(0, "%s", "H is empty: type a formula such as p^2/2 + 1 - cos(q)")
	}
	root, err := p.expr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEnd {
		if t.kind == tOp && t.op == ')' {
			return nil, p.errAt(t.off, "unmatched ) at column %d: remove it or open one before", p.col(t.off))
		}
		return nil, p.missingOperator(t)
	}
	dof := max(p.dof, 1)
	return &Expr{text: text, root: root, dof: dof, vars: p.vars, params: p.param, separable: separable(root)}, nil
}

// col is the 1-based column of the byte offset off.
func (p *parser) col(off int) int { return utf8.RuneCountInString(p.src[:off]) + 1 }

func (p *parser) errAt(off int, format string, args ...any) *Error {
	return &Error{Offset: off, Col: p.col(off), Msg: fmt.Sprintf(format, args...)}
}

func describe(t token) string {
	switch t.kind {
	case tEnd:
		return "the end"
	case tNum, tName:
		return strconv.Quote(t.text)
	}
	return "'" + string(t.op) + "'"
}

// lex splits the text into tokens, normalising the accepted Unicode forms.
func (p *parser) lex() error {
	s := p.src
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			i += w
		case r >= '0' && r <= '9' || r == '.':
			j := i
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.') {
				j++
			}
			if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
				k := j + 1
				if k < len(s) && (s[k] == '+' || s[k] == '-') {
					k++
				}
				if k < len(s) && s[k] >= '0' && s[k] <= '9' {
					for k < len(s) && s[k] >= '0' && s[k] <= '9' {
						k++
					}
					j = k
				}
			}
			v, err := strconv.ParseFloat(s[i:j], 64)
			if err != nil {
				if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
					return p.errAt(i, "the number %s at column %d is too large", s[i:j], p.col(i))
				}
				return p.errAt(i, "%q at column %d is not a number", s[i:j], p.col(i))
			}
			p.toks = append(p.toks, token{kind: tNum, text: s[i:j], num: v, off: i})
			i = j
		case isLetter(r):
			j := i
			var b strings.Builder
			for j < len(s) {
				r, w := utf8.DecodeRuneInString(s[j:])
				switch {
				case r >= '₀' && r <= '₉':
					b.WriteByte(byte('0' + r - '₀'))
				case isLetter(r) || r >= '0' && r <= '9':
					b.WriteRune(r)
				default:
					w = 0
				}
				if w == 0 {
					break
				}
				j += w
			}
			name := b.String()
			if name == "π" {
				name = "pi"
			}
			p.toks = append(p.toks, token{kind: tName, text: name, off: i})
			i = j
		default:
			op := byte(0)
			switch r {
			case '+', '-', '*', '/', '^', '(', ')':
				op = byte(r)
			case '−':
				op = '-'
			case '×', '·', '⋅':
				op = '*'
			case '÷':
				op = '/'
			case '²', '³':
				e := 2
				if r == '³' {
					e = 3
				}
				p.toks = append(p.toks, token{kind: tOp, op: '^', off: i}, token{kind: tNum, text: strconv.Itoa(e), num: float64(e), off: i})
				i += w
				continue
			}
			if op == 0 {
				what := strconv.QuoteRune(r)
				if r == utf8.RuneError && w <= 1 {
					what = "a byte that is not UTF-8"
				}
				return p.errAt(i, "unexpected character %s at column %d: use numbers, names, + - * / ^ and parentheses", what, p.col(i))
			}
			p.toks = append(p.toks, token{kind: tOp, op: op, off: i})
			i += w
		}
	}
	p.toks = append(p.toks, token{kind: tEnd, off: len(s)})
	return nil
}

func (p *parser) peek() token { return p.toks[p.pos] }

func (p *parser) isOp(c byte) bool {
	t := p.toks[p.pos]
	return t.kind == tOp && t.op == c
}

func (p *parser) enter(off int) error {
	p.depth++
	if p.depth > MaxDepth {
		return p.errAt(off, "the formula is nested too deeply at column %d (more than %d levels)", p.col(off), MaxDepth)
	}
	return nil
}

// expr := term (('+' | '-') term)*
func (p *parser) expr() (*node, error) {
	a, err := p.term()
	if err != nil {
		return nil, err
	}
	for p.isOp('+') || p.isOp('-') {
		k := kAdd
		if p.peek().op == '-' {
			k = kSub
		}
		p.pos++
		b, err := p.term()
		if err != nil {
			return nil, err
		}
		a = &node{kind: k, a: a, b: b}
	}
	return a, nil
}

// term := unary (('*' | '/') unary)*
func (p *parser) term() (*node, error) {
	a, err := p.unary()
	if err != nil {
		return nil, err
	}
	for p.isOp('*') || p.isOp('/') {
		k := kMul
		if p.peek().op == '/' {
			k = kDiv
		}
		p.pos++
		b, err := p.unary()
		if err != nil {
			return nil, err
		}
		a = &node{kind: k, a: a, b: b}
	}
	return a, nil
}

// unary := ('-' | '+') unary | power
func (p *parser) unary() (*node, error) {
	if p.isOp('-') || p.isOp('+') {
		t := p.peek()
		if err := p.enter(t.off); err != nil {
			return nil, err
		}
		p.pos++
		a, err := p.unary()
		p.depth--
		if err != nil || t.op == '+' {
			return a, err
		}
		return &node{kind: kNeg, a: a}, nil
	}
	return p.power()
}

// power := primary ('^' unary)?
func (p *parser) power() (*node, error) {
	a, err := p.primary()
	if err != nil {
		return nil, err
	}
	if !p.isOp('^') {
		return a, nil
	}
	if err := p.enter(p.peek().off); err != nil {
		return nil, err
	}
	p.pos++
	b, err := p.unary()
	p.depth--
	if err != nil {
		return nil, err
	}
	return &node{kind: kPow, a: a, b: b}, nil
}

// primary := number | name | name '(' expr ')' | '(' expr ')'
func (p *parser) primary() (*node, error) {
	t := p.peek()
	switch {
	case t.kind == tNum:
		p.pos++
		return &node{kind: kNum, val: t.num}, nil
	case t.kind == tOp && t.op == '(':
		p.pos++
		return p.closed(t)
	case t.kind == tName:
		p.pos++
		if fn := slices.Index(funcs, t.text); fn >= 0 {
			if !p.isOp('(') {
				return nil, p.errAt(t.off, "%s at column %d needs its argument in parentheses, e.g. %s(q)", t.text, p.col(t.off), t.text)
			}
			open := p.peek()
			p.pos++
			a, err := p.closed(open)
			if err != nil {
				return nil, err
			}
			return &node{kind: kCall, i: fn, a: a}, nil
		}
		if p.isOp('(') {
			return nil, p.errAt(t.off, "unknown function %s at column %d (known: %s)", t.text, p.col(t.off), strings.Join(funcs, ", "))
		}
		return p.name(t)
	}
	return nil, p.errAt(t.off, "expected a number or a name at column %d, found %s", p.col(t.off), describe(t))
}

// missingOperator is the error of a number, name or parenthesis that
// follows an operand without an operator between them: 2q, sin(q) p.
func (p *parser) missingOperator(t token) *Error {
	return p.errAt(t.off, "missing operator at column %d before %s: write products with *, e.g. 2*q", p.col(t.off), describe(t))
}

// closed reads expr ')' after the '(' open.
func (p *parser) closed(open token) (*node, error) {
	if err := p.enter(open.off); err != nil {
		return nil, err
	}
	a, err := p.expr()
	p.depth--
	if err != nil {
		return nil, err
	}
	if !p.isOp(')') {
		t := p.peek()
		if t.kind == tNum || t.kind == tName || t.kind == tOp && t.op == '(' {
			return nil, p.missingOperator(t)
		}
		return nil, p.errAt(t.off, "missing ) opened at column %d: found %s at column %d", p.col(open.off), describe(t), p.col(t.off))
	}
	p.pos++
	return a, nil
}

// name reads a constant, a state variable or a parameter.
func (p *parser) name(t token) (*node, error) {
	switch t.text {
	case "pi":
		return &node{kind: kNum, val: 3.141592653589793}, nil
	case "e":
		return &node{kind: kNum, val: 2.718281828459045}, nil
	}
	n := t.text
	if len(n) >= 1 && (n[0] == 'q' || n[0] == 'p') && isDigits(n[1:]) {
		dof, i := 1, 0
		if len(n) > 1 {
			if n[1:] != "1" && n[1:] != "2" {
				return nil, p.errAt(t.off, "%s at column %d: at most two degrees of freedom, q1, q2, p1, p2", n, p.col(t.off))
			}
			dof, i = 2, int(n[1]-'1')
		}
		if p.dof != 0 && p.dof != dof {
			return nil, p.errAt(t.off, "%s at column %d mixes q, p with q1, q2, p1, p2 (column %d): use q, p for one degree of freedom or q1, q2, p1, p2 for two",
				n, p.col(t.off), p.col(p.dofAt))
		}
		p.dof, p.dofAt, p.vars = dof, t.off, true
		return &node{kind: kVar, mom: n[0] == 'p', i: i}, nil
	}
	if !slices.ContainsFunc(p.param, func(q Param) bool { return q.Name == n }) {
		p.param = append(p.param, Param{Name: n, Offset: t.off, Col: p.col(t.off)})
	}
	return &node{kind: kParam, name: n, off: t.off}, nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// separable reports whether n is a sum (and differences, and negations) of
// terms that each use positions only or momenta only.
func separable(n *node) bool {
	switch n.kind {
	case kAdd, kSub:
		return separable(n.a) && separable(n.b)
	case kNeg:
		return separable(n.a)
	}
	q, p := uses(n)
	return !(q && p)
}

// uses reports whether n uses a position and a momentum.
func uses(n *node) (q, p bool) {
	if n == nil {
		return false, false
	}
	if n.kind == kVar {
		return !n.mom, n.mom
	}
	qa, pa := uses(n.a)
	qb, pb := uses(n.b)
	return qa || qb, pa || pb
}

// isLetter reports whether r may begin a name: a Latin or Greek letter, or _.
func isLetter(r rune) bool {
	return r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || 'α' <= r && r <= 'ω' || 'Α' <= r && r <= 'Ω'
}
