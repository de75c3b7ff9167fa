package protocol

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"hnnplay/wasm/internal/valuetest"
)

func TestJSNumber(t *testing.T) {
	// As JavaScript's String(x) writes them.
	for _, c := range []struct {
		x    float64
		want string
	}{
		{0, "0"}, {math.Copysign(0, -1), "0"}, {1, "1"}, {-2.5, "-2.5"}, {2000, "2000"}, {0.1, "0.1"},
		{1e-6, "0.000001"}, {1e-7, "1e-7"}, {1.5e-10, "1.5e-10"}, {-1e-13, "-1e-13"}, {1e20, "100000000000000000000"},
		{1e21, "1e+21"}, {1.7976931348623157e308, "1.7976931348623157e+308"}, {5e-324, "5e-324"},
		{123456789.125, "123456789.125"}, {9007199254740991, "9007199254740991"}, {1e-100, "1e-100"},
	} {
		if got := JSNumber(c.x); got != c.want {
			t.Errorf("JSNumber(%v) = %q, want %q", c.x, got, c.want)
		}
	}
	// And as encoding/json writes them (but for −0), so that a number reads
	// back as Text spelled as in the JSON text the page used to send.
	r := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		x := valuetest.Float(r)
		if r.IntN(4) == 0 {
			x = math.Float64frombits(r.Uint64())
		}
		if math.IsNaN(x) || math.IsInf(x, 0) {
			continue
		}
		b, _ := json.Marshal(x)
		if got := JSNumber(x); got != string(b) {
			t.Fatalf("JSNumber(%v) = %q, encoding/json %s", x, got, b)
		}
		if back, err := strconv.ParseFloat(JSNumber(x), 64); err != nil || back != x {
			t.Fatalf("JSNumber(%v) = %q reads back as %v, %v", x, JSNumber(x), back, err)
		}
	}
}
