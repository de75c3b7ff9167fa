// Package fit trains a Hamiltonian neural network without backpropagation
// (see docs/method.md): the hidden layer is sampled (package sample), and the output
// layer is the minimum-norm least-squares solution of Hamilton's equations
// written at the training points,
//
//	Σ_m c_m (1 − tanh²(w_mᵀx_k + b_m)) W[i,m] = ∂H/∂x_i (x_k)   for every k, i,
//	Σ_m c_m tanh(w_mᵀx₀ + b_m) + c₀ = H₀                       at the anchor,
//
// with ∇H = J⁻¹ẋ = (−ṗ, q̇) taken from the observed derivatives.
//
// The derivative rows for input i form the block D·diag(W[i,:]) of one K×M
// matrix D = 1 − tanh²(XW + 1bᵀ). Fit factors D = QR once and solves the
// (2d·M + 1)×(M + 1) system [R·diag(W[i,:]) …; Φ(x₀)ᵀ 1] ω = [Qᵀg_i …; H₀],
// which has the singular values and truncated solution of the full
// (2d·K + 1)×(M + 1) system at a 2d-th of the cost of factoring it.
package fit

import (
	"errors"
	"fmt"
	"math"
	"time"

	"hnnplay/core/data"
	"hnnplay/core/hnn"
	"hnnplay/core/lstsq"
	"hnnplay/core/number"
	"hnnplay/core/sample"
)

// Sampler names a way of choosing the hidden layer (docs/method.md, “The
// four samplers”).
type Sampler string

const (
	ELM   Sampler = "elm"   // random Gaussian weights, uniform biases
	USWIM Sampler = "uswim" // pairs of data points, uniform probabilities
	SWIM  Sampler = "swim"  // pairs weighted by |ΔH|/|Δx| with the true H
	ASWIM Sampler = "aswim" // U-SWIM fit, then SWIM with the fitted Ĥ (default)
)

// Samplers lists the samplers in the order a user interface shows them.
func Samplers() []Sampler { return []Sampler{ASWIM, SWIM, USWIM, ELM} }

// DefaultRcond is the paper's relative singular-value cut-off.
const DefaultRcond = 1e-13

// Problem is the training data of one fit.
type Problem struct {
	Dof  int       // degrees of freedom d; states have length 2d
	X    []float64 // K×2d training states, row-major
	Xdot []float64 // K×2d observed time derivatives (q̇, ṗ)
	H    []float64 // true H at X; needed only by SWIM, may be nil otherwise
	X0   []float64 // anchor state
	H0   float64   // H at the anchor
}

// Config selects the network and the sampler. The zero value of every field
// but Width means the paper's default.
type Config struct {
	Width   int          // hidden width M
	Sampler Sampler      // default ASWIM
	Solver  lstsq.Solver // nil means lstsq.COD; svd.Solve is the paper's method
	Rcond   float64      // relative cut-off; 0 means DefaultRcond
	Seed    uint64       // sampler seed
	// Progress, if non-nil, is told each stage of the fit as it begins:
	// "sample", "factor" (the features and their QR), "solve" (the reduced
	// system), and for A-SWIM "resample" before its second pass.
	// It must return quickly; the page shows it while a long fit runs.
	Progress func(stage string)
	// Workers is the number of row blocks the features are split into
	// (fewer for small problems, see Split); 0 means GOMAXPROCS. The model
	// is the same for every value up to round-off.
	Workers int
	// Factor, if non-nil, factors a pass's blocks (FactorRows on each, in
	// order) elsewhere: the page hands them to its Web Workers. nil factors
	// them here, one goroutine per block.
	Factor func(Job) ([]Factor, error)
	// ELM bias range; if both are zero, the smallest and largest
	// coordinate of the training states are used.
	BiasLo, BiasHi float64
}

// Result is a fitted model with diagnostics.
type Result struct {
	Model    *hnn.Model
	Rank     int     // numerical rank of the (last) least-squares system
	Residual float64 // ‖Aω − u‖₂ of the (last) system
	// Wall times, summed over both stages for A-SWIM. Sample covers drawing
	// the hidden layer (and evaluating Ĥ₁ for A-SWIM), Assemble the features
	// and their QR factors (block by block, and their merge), Solve the
	// reduced system.
	Sample, Assemble, Solve, Total time.Duration
	// Blocks is the number of row blocks the features were factored in
	// (the workers that factored them).
	Blocks int
	// Pairs say which training points (rows of Problem.X) each neuron of a
	// SWIM sampler was built from, and with what probability; nil for ELM.
	// For A-SWIM they are the second pass's, whose probabilities come from
	// the first pass's Ĥ (FirstPairs holds the first, uniform, pass's).
	Pairs, FirstPairs *sample.Pairs
}

// maxElements bounds K·M so that a fit never asks for more than about 2 GB.
const maxElements = 1 << 28

// Validate reports the first problem with p and c, in words a user can act on.
func Validate(p Problem, c Config) error {
	if p.Dof <= 0 {
		return fmt.Errorf("fit: degrees of freedom must be positive, got %d", p.Dof)
	}
	dim := 2 * p.Dof
	if len(p.X) == 0 || len(p.X)%dim != 0 || len(p.Xdot) != len(p.X) {
		return fmt.Errorf("fit: need K×%d states and derivatives, got %d and %d numbers", dim, len(p.X), len(p.Xdot))
	}
	k := len(p.X) / dim
	if c.Width < 1 {
		return fmt.Errorf("fit: width must be at least 1, got %d", c.Width)
	}
	if k*c.Width > maxElements {
		return fmt.Errorf("fit: %d points × width %d is too large (limit %d)", k, c.Width, maxElements)
	}
	if len(p.X0) != dim {
		return fmt.Errorf("fit: anchor has %d coordinates, want %d", len(p.X0), dim)
	}
	if !number.Finite(p.X...) || !number.Finite(p.Xdot...) || !number.Finite(p.X0...) || !number.Finite(p.H0) {
		return errors.New("fit: training data contain NaN or infinite values")
	}
	switch c.sampler() {
	case ELM:
	case USWIM, ASWIM:
		if k < 2 {
			return errors.New("fit: SWIM sampling needs at least 2 training points")
		}
	case SWIM:
		if k < 2 {
			return errors.New("fit: SWIM sampling needs at least 2 training points")
		}
		if len(p.H) != k {
			return errors.New("fit: the SWIM sampler needs the true H at every training point (use aswim when H is unknown)")
		}
		if !number.Finite(p.H...) {
			return errors.New("fit: H values contain NaN or infinite values")
		}
	default:
		return fmt.Errorf("fit: unknown sampler %q (want elm, uswim, swim or aswim)", c.Sampler)
	}
	if !(c.Rcond >= 0 && c.Rcond < 1) {
		return fmt.Errorf("fit: rcond must be in [0, 1), got %g", c.Rcond)
	}
	if c.BiasLo != 0 || c.BiasHi != 0 {
		if !(c.BiasLo < c.BiasHi) || math.IsInf(c.BiasLo, 0) || math.IsInf(c.BiasHi, 0) {
			return fmt.Errorf("fit: ELM bias range [%g, %g] must be finite with lo < hi", c.BiasLo, c.BiasHi)
		}
	}
	return nil
}

func (c Config) sampler() Sampler {
	if c.Sampler == "" {
		return ASWIM
	}
	return c.Sampler
}

// Fit samples the hidden layer and solves for the output layer.
func Fit(p Problem, c Config) (*Result, error) {
	if err := Validate(p, c); err != nil {
		return nil, err
	}
	start := time.Now()
	if c.Rcond == 0 {
		c.Rcond = DefaultRcond
	}
	dim := 2 * p.Dof
	res := &Result{}
	var layer sample.Layer
	var err error
	t := time.Now()
	c.report("sample")
	switch c.sampler() {
	case ELM:
		lo, hi := c.BiasLo, c.BiasHi
		if lo == 0 && hi == 0 {
			lo, hi = extent(p.X)
		}
		layer, err = sample.ELM(dim, c.Width, lo, hi, c.Seed)
	case USWIM, ASWIM:
		layer, err = sample.SWIM(p.X, dim, c.Width, nil, c.Seed)
	case SWIM:
		layer, err = sample.SWIM(p.X, dim, c.Width, p.H, c.Seed)
	}
	res.Sample += time.Since(t)
	if err != nil {
		return nil, err
	}
	var ws workspaces
	if err := solveLayer(p, layer, c, &ws, res); err != nil {
		return nil, err
	}
	if c.sampler() == ASWIM {
		t := time.Now()
		c.report("resample")
		y := make([]float64, len(p.X)/dim)
		for k := range y {
			y[k] = res.Model.H(p.X[k*dim : (k+1)*dim])
		}
		layer, err = sample.SWIM(p.X, dim, c.Width, y, c.Seed)
		res.Sample += time.Since(t)
		if err != nil {
			return nil, err
		}
		res.FirstPairs = res.Pairs
		if err := solveLayer(p, layer, c, &ws, res); err != nil {
			return nil, err
		}
	}
	res.Total = time.Since(start)
	return res, nil
}

func (c Config) report(stage string) {
	if c.Progress != nil {
		c.Progress(stage)
	}
}

// extent returns the smallest and largest entry of x (the ELM bias range of
// the paper: the extremes of all box limits).
func extent(x []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range x {
		lo, hi = min(lo, v), max(hi, v)
	}
	if lo == hi {
		lo, hi = lo-1, hi+1
	}
	return lo, hi
}

// solveLayer fits the output layer for a sampled hidden layer and stores the
// model and diagnostics in res: the rows are split into blocks (Split), each
// block's features factored (Config.Factor, or here on one goroutine each
// in ws's buffers), the factors merged and the reduced system solved.
func solveLayer(p Problem, l sample.Layer, c Config, ws *workspaces, res *Result) error {
	res.Pairs = l.Pairs
	t := time.Now()
	c.report("factor")
	n := c.Workers
	if n <= 0 {
		n = workers()
	}
	job := Job{Problem: p, Layer: l, Blocks: Split(len(p.X)/l.D, l.M, n)}
	factor := c.Factor
	if factor == nil {
		factor = ws.factorHere
	}
	fs, err := factor(job)
	if err == nil && len(fs) != len(job.Blocks) {
		err = fmt.Errorf("fit: %d factors for %d blocks", len(fs), len(job.Blocks))
	}
	if err != nil {
		return err
	}
	f, err := Merge(fs)
	if err != nil {
		return err
	}
	res.Blocks = len(fs)
	res.Assemble += time.Since(t)
	t = time.Now()
	err = solveFactored(p, l, f, c, res)
	res.Solve += time.Since(t)
	return err
}

// ProblemFor returns the problem of fitting train with the anchor x0, H(x0) = h0.
func ProblemFor(train *data.Set, x0 []float64, h0 float64) Problem {
	return Problem{Dof: train.Dof, X: train.X, Xdot: train.Xdot, H: train.H, X0: x0, H0: h0}
}
