package data

import (
	"math"
	"strings"
	"testing"

	"hnnplay/core/system"
)

// relL2 is ‖a − b‖₂/‖a‖₂.
func relL2(a, b []float64) float64 {
	var num, den float64
	for i := range a {
		num += (a[i] - b[i]) * (a[i] - b[i])
		den += a[i] * a[i]
	}
	return math.Sqrt(num / den)
}

func TestFlowSpring(t *testing.T) {
	// Exact solution: rotation with ω = √(k/m).
	sys := &system.Spring{K: 2, M: 0.5}
	w := 2.0
	f := newFlow(sys)
	got := make([]float64, 2)
	for _, c := range []struct{ q, p, h float64 }{{1, 0, 0.8}, {0.3, -0.7, 0.05}, {-1, 1, 3}} {
		if err := f.step(got, []float64{c.q, c.p}, c.h); err != nil {
			t.Fatal(err)
		}
		cs, sn := math.Cos(w*c.h), math.Sin(w*c.h)
		q := c.q*cs + c.p/(sys.M*w)*sn
		p := c.p*cs - sys.M*w*c.q*sn
		if math.Abs(got[0]-q) > 1e-13 || math.Abs(got[1]-p) > 1e-13 {
			t.Errorf("φ_%v(%v, %v) = %v, want (%v, %v)", c.h, c.q, c.p, got, q, p)
		}
	}
}

// endpoints recovers x_n and x_{n+1} from a snapshot set.
func endpoints(s *Set, k int, h float64) (x0, x1 []float64) {
	x, xd := s.Row(k)
	d := s.Dof
	x0 = make([]float64, 2*d)
	x1 = make([]float64, 2*d)
	for i := range d {
		x1[i], x0[i] = x[i], x[i]-h*xd[i]
		x0[d+i], x1[d+i] = x[d+i], x[d+i]+h*xd[d+i]
	}
	return x0, x1
}

func TestSnapshotsLayout(t *testing.T) {
	sys := system.NewDoublePendulum()
	const h = 0.3
	s, err := Snapshots(sys, sys.Box(), 50, h, 11)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(); err != nil || s.H != nil || s.Len() != 50 {
		t.Fatalf("set: %v, H %v, K %d", err, s.H, s.Len())
	}
	u, _ := Uniform(sys, sys.Box(), 50, 11)
	for k := range s.Len() {
		x0, x1 := endpoints(s, k, h)
		ux, _ := u.Row(k)
		for i := range x0 {
			// x_n are Uniform's states with the same seed.
			if math.Abs(x0[i]-ux[i]) > 1e-14 {
				t.Fatalf("x_%d = %v, want %v", k, x0, ux)
			}
		}
		// The reference flow conserves energy.
		if dh := math.Abs(sys.H(x1) - sys.H(x0)); dh > 1e-12 {
			t.Errorf("sample %d: |ΔH| = %v", k, dh)
		}
	}
}

// TestSnapshotsOrder checks the backward error analysis behind the
// limited-data mode on the true pendulum, without training: the targets
// (x_{n+1} − x_n)/h match J∇H at x̄ only to O(h), but match J∇H_mod with the
// modified Hamiltonian H_mod = H − (h/2)∇_qH·∇_pH to O(h²); and correcting
// H_mod recovers H to O(h²).
func TestSnapshotsOrder(t *testing.T) {
	sys := system.NewPendulum()
	box := system.Box{Lo: []float64{-math.Pi, -1}, Hi: []float64{math.Pi, 1}}
	hs := []float64{0.2, 0.1, 0.05, 0.025}
	var eRaw, eMod, eH, eCorr []float64
	for _, h := range hs {
		s, err := Snapshots(sys, box, 200, h, 1)
		if err != nil {
			t.Fatal(err)
		}
		mod := &CorrectedHamiltonian{Base: sys, Step: -h}
		corr := &CorrectedHamiltonian{Base: mod, Step: h}
		raw := make([]float64, len(s.Xdot))
		fm := make([]float64, len(s.Xdot))
		var hTrue, hMod, hCorr []float64
		for k := range s.Len() {
			x, _ := s.Row(k)
			system.VectorField(sys, raw[2*k:2*k+2], x)
			system.VectorField(mod, fm[2*k:2*k+2], x)
			hTrue = append(hTrue, sys.H(x))
			hMod = append(hMod, mod.H(x))
			hCorr = append(hCorr, corr.H(x))
		}
		eRaw = append(eRaw, relL2(s.Xdot, raw))
		eMod = append(eMod, relL2(s.Xdot, fm))
		eH = append(eH, relL2(hTrue, hMod))
		eCorr = append(eCorr, relL2(hTrue, hCorr))
	}
	t.Logf("h %v\nvector field vs J∇H     %v\nvector field vs J∇H_mod %v\nH_mod vs H %v\nH_corr(H_mod) vs H %v", hs, eRaw, eMod, eH, eCorr)
	for i := 1; i < len(hs); i++ {
		order := func(e []float64) float64 { return math.Log2(e[i-1] / e[i]) }
		if p := order(eRaw); math.Abs(p-1) > 0.1 {
			t.Errorf("uncorrected error order %.3f at h = %v, want 1", p, hs[i])
		}
		if p := order(eMod); math.Abs(p-2) > 0.15 {
			t.Errorf("modified-Hamiltonian error order %.3f at h = %v, want 2", p, hs[i])
		}
		if p := order(eH); math.Abs(p-1) > 0.1 {
			t.Errorf("‖H_mod − H‖ order %.3f at h = %v, want 1", p, hs[i])
		}
		if p := order(eCorr); math.Abs(p-2) > 0.15 {
			t.Errorf("‖H_corr − H‖ order %.3f at h = %v, want 2", p, hs[i])
		}
		if eMod[i] > eRaw[i]/5 || eCorr[i] > eH[i]/5 {
			t.Errorf("h = %v: correction does not help enough", hs[i])
		}
	}
}

func TestSnapshotsErrors(t *testing.T) {
	sys := system.NewPendulum()
	for _, h := range []float64{0, -0.1, math.NaN(), math.Inf(1)} {
		if _, err := Snapshots(sys, sys.Box(), 10, h, 1); err == nil || !strings.Contains(err.Error(), "observation step") {
			t.Errorf("h = %v: %v", h, err)
		}
	}
	if _, err := Snapshots(sys, sys.Box(), 0, 0.1, 1); err == nil {
		t.Error("k = 0 accepted")
	}
	// A Kepler body released at rest falls into the singularity at the
	// origin after π/2·√(r³/2k) ≈ 0.39 < h.
	kep := system.NewKepler()
	box := system.Box{Lo: []float64{0.5, -1e-12, -1e-12, -1e-12}, Hi: []float64{0.5 + 1e-12, 1e-12, 1e-12, 1e-12}}
	_, err := Snapshots(kep, box, 1, 1, 1)
	if err == nil || !strings.Contains(err.Error(), "kepler: sample 0") {
		t.Errorf("collision orbit: %v", err)
	}
}
