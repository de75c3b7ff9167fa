package system

import "hnnplay/core/internal/fdlibm"

// LotkaVolterra is the Lotka–Volterra predator–prey model in logarithmic
// coordinates, as in the paper,
//
//	H(q, p) = δ eᵖ − γ p + β e^q − α q,   ∇H = (β e^q − α, δ eᵖ − γ),
//
// with equilibrium (ln(α/β), ln(γ/δ)). H = f(p) + g(q), so Separable reports
// true and splitting methods such as Störmer–Verlet apply.
//
// Two presets, both the paper's:
//
//	zero-centred (default): α = −2, β = −1, γ = −1, δ = −1, box [−2, 2]²,
//	                        equilibrium (ln 2, 0);
//	shifted:                α = 3.5, β = 0.025, γ = 10, δ = 0.07, box [0, 8]²,
//	                        equilibrium ≈ (4.94, 4.96).
//
// The anchor is x₀ = 0 in both, with H₀ = δ + β (−2 resp. 0.095), even though
// 0 is a corner of the shifted box — as in the paper.
type LotkaVolterra struct {
	Alpha, Beta, Gamma, Delta float64

	// Domain is the training box. If empty (nil bounds), Box returns the
	// zero-centred preset's [−2, 2]².
	Domain Box
}

// Names of the Lotka–Volterra presets.
const (
	PresetZeroCentred = "zero-centred"
	PresetShifted     = "shifted"
)

// NewLotkaVolterra returns the zero-centred preset.
func NewLotkaVolterra() *LotkaVolterra {
	return &LotkaVolterra{Alpha: -2, Beta: -1, Gamma: -1, Delta: -1, Domain: uniformBox(1, -2, 2, -2, 2)}
}

// NewLotkaVolterraShifted returns the shifted ("five-centred") preset.
func NewLotkaVolterraShifted() *LotkaVolterra {
	return &LotkaVolterra{Alpha: 3.5, Beta: 0.025, Gamma: 10, Delta: 0.07, Domain: uniformBox(1, 0, 8, 0, 8)}
}

func (LotkaVolterra) Name() string      { return "lotka-volterra" }
func (LotkaVolterra) Dof() int          { return 1 }
func (LotkaVolterra) Separable() bool   { return true }
func (LotkaVolterra) Anchor() []float64 { return []float64{0, 0} }

// Labels names the coordinates after the populations they are the logarithms
// of. With u = e^q and v = eᵖ, Hamilton's equations are u̇ = u(δv − γ) and
// v̇ = v(α − βu): the population whose growth the other one checks is the
// prey — u when δ < 0 (the zero-centred preset), v otherwise (shifted).
func (s LotkaVolterra) Labels() []string {
	if s.Delta < 0 {
		return []string{"q = ln prey", "p = ln predators"}
	}
	return []string{"q = ln predators", "p = ln prey"}
}

// Box returns a copy of Domain, or [−2, 2]² if Domain is empty.
func (s LotkaVolterra) Box() Box {
	if s.Domain.Lo == nil && s.Domain.Hi == nil {
		return uniformBox(1, -2, 2, -2, 2)
	}
	return s.Domain.Clone()
}

// H returns δ eᵖ − γ p + β e^q − α q.
func (s LotkaVolterra) H(x []float64) float64 {
	checkLen("lotka-volterra", 2, nil, x)
	q, p := x[0], x[1]
	return s.Delta*fdlibm.Exp(p) - s.Gamma*p + s.Beta*fdlibm.Exp(q) - s.Alpha*q
}

// Grad writes (β e^q − α, δ eᵖ − γ) into dst.
func (s LotkaVolterra) Grad(dst, x []float64) {
	checkLen("lotka-volterra", 2, dst, x)
	q, p := x[0], x[1]
	dst[0] = s.Beta*fdlibm.Exp(q) - s.Alpha
	dst[1] = s.Delta*fdlibm.Exp(p) - s.Gamma
}

// Hessian writes diag(β e^q, δ eᵖ) into dst (2×2).
func (s LotkaVolterra) Hessian(dst, x []float64) {
	checkHessLen("lotka-volterra", 2, dst, x)
	dst[0] = s.Beta * fdlibm.Exp(x[0])
	dst[1], dst[2] = 0, 0
	dst[3] = s.Delta * fdlibm.Exp(x[1])
}
