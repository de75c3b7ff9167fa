package metric

import (
	"math"
	"testing"
)

func TestRelL2(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	for _, c := range []struct {
		name        string
		truth, pred []float64
		want        float64
	}{
		{"exact", []float64{1, -2, 3}, []float64{1, -2, 3}, 0},
		{"all wrong", []float64{3, 4}, []float64{0, 0}, 1},
		{"one off", []float64{3, 4}, []float64{3, 3}, 0.2},
		{"one norm over the set", []float64{1, 1, 1, 1}, []float64{2, 1, 1, 1}, 0.5},
		{"empty", nil, nil, 0},
		{"zero truth: absolute", []float64{0, 0}, []float64{3, 4}, 5},
		{"tiny truth: absolute", []float64{1e-15, -1e-16}, []float64{3, 4}, math.Hypot(3-1e-15, 4+1e-16)},
		{"just above the threshold", []float64{2e-15}, []float64{0}, 1},
		{"no overflow", []float64{1e200, 1e200}, []float64{0, 0}, 1},
		{"no overflow in the error", []float64{1e-300, 1}, []float64{1e300, 1}, 1e300},
		{"no underflow", []float64{1, 0}, []float64{1 + 0x1p-52, 1e-200}, math.Hypot(0x1p-52, 1e-200)},
		{"huge and tiny", []float64{1e-200, 1e-200}, []float64{0, 0}, 1e-200 * math.Sqrt2},
		{"nan pred", []float64{1, 2}, []float64{nan, 2}, nan},
		{"nan truth", []float64{1, nan}, []float64{1, 2}, nan},
		{"inf pred", []float64{1, 2}, []float64{inf, -inf}, inf},
		{"inf truth", []float64{inf, 2}, []float64{1, 2}, nan},
		{"zero truth, inf pred", []float64{0}, []float64{inf}, inf},
	} {
		got := RelL2(c.truth, c.pred)
		ok := got == c.want || math.Abs(got-c.want) <= 1e-15*math.Abs(c.want) || (math.IsNaN(got) && math.IsNaN(c.want))
		if !ok {
			t.Errorf("%s: RelL2(%v, %v) = %v, want %v", c.name, c.truth, c.pred, got, c.want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("length mismatch did not panic")
		}
	}()
	RelL2([]float64{1}, []float64{1, 2})
}

func TestRelL2Random(t *testing.T) {
	// Against the naive formula where it is safe.
	truth := make([]float64, 1000)
	pred := make([]float64, 1000)
	var num, den float64
	for i := range truth {
		truth[i] = math.Sin(float64(i))
		pred[i] = truth[i] + 1e-3*math.Cos(3*float64(i))
		num += (truth[i] - pred[i]) * (truth[i] - pred[i])
		den += truth[i] * truth[i]
	}
	if got, want := RelL2(truth, pred), math.Sqrt(num/den); math.Abs(got-want) > 1e-13*want {
		t.Errorf("RelL2 = %v, want %v", got, want)
	}
}
