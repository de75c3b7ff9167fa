package main

import (
	"io"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"hnnplay/core/data"
	"hnnplay/core/experiment"
	"hnnplay/core/system"
)

// runTimed runs the command line in-process and fails the test if it does
// not return within limit.
func runTimed(t *testing.T, limit time.Duration, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	type result struct {
		code     int
		out, err string
	}
	done := make(chan result, 1)
	go func() {
		var out, errb strings.Builder
		c := run(args, &out, &errb)
		done <- result{c, out.String(), errb.String()}
	}()
	select {
	case r := <-done:
		return r.code, r.out, r.err
	case <-time.After(limit):
		t.Fatalf("%q did not return within %v", args, limit)
	}
	return
}

// The inputs of the issue "Hardening" that hung, ran out of memory or blamed
// nobody: each ends quickly with exit status 2 and one line on stderr that
// names the flag to change.
func TestHardening(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m.json")
	if code, _, errs := runCLI(t, "fit", "-points", "100", "-test-points", "10", "-width", "10", "-save", model); code != 0 {
		t.Fatalf("fit -save: %s", errs)
	}
	sys := system.NewPendulum()
	set, err := data.Uniform(sys, sys.Box(), 3000, 1)
	if err != nil {
		t.Fatal(err)
	}
	train := writeSet(t, "train.csv", set)
	for _, c := range []struct {
		args []string
		want string // the whole line, or its start when it ends in "…"
	}{
		{[]string{"fit", "-domain", "-1e308,1e308,-1,1"},
			"hnnplay fit: -domain: Box: q from -1e+308 to 1e+308 is too wide: its width 1e+308 − (-1e+308) overflows float64; keep it below 1.7e308"},
		{[]string{"fit", "-domain", "1,1.0000000000000002,-1,1"},
			"hnnplay fit: -domain: Box: q from 1 to 1.0000000000000002 is too narrow: it holds about 1 distinct float64 value, and 1500 training points need 3000 so that test points can differ from them; widen it"},
		{[]string{"race", "-system", "henon-heiles", "-domain", "-1,1,-1,1,-1,1,0.5,0.5000000000000001"},
			"hnnplay race: -domain: Box: p2 from 0.5 to 0.5000000000000001 is too narrow…"},
		{[]string{"fit", "-system", "henon-heiles", "-param", "alpha=1e308"},
			"hnnplay fit: -param: System parameter alpha=1e308 makes H or its gradient infinite at (…"},
		{[]string{"adam", "-system", "spring", "-param", "k=1e308", "-param", "m=1e-308", "-domain", "5,10,5,10"},
			"hnnplay adam: -param: System parameters k=1e308, m=1e-308 make H or its gradient infinite at (…"},
		{[]string{"fit", "-system", "spring", "-domain", "-1e200,1e200,-1,1"}, "hnnplay fit: -domain: Box: H or its gradient is infinite at (…"},
		{[]string{"fit", "-points", "20000", "-width", "2000", "-max-memory", "100M"},
			"hnnplay fit: this fit needs about …, more than the 100 MB allowed (-max-memory): lower -width or -points"},
		{[]string{"fit", "-points", "20000", "-width", "2000", "-max-memory", "100M", "-solver", "svd"},
			"hnnplay fit: this fit needs about …, more than the 100 MB allowed (-max-memory): lower -width or -points"},
		{[]string{"fit", "-test-points", "1000000", "-max-memory", "40MB"},
			"hnnplay fit: this fit needs about …, more than the 40 MB allowed (-max-memory): lower -test-points"},
		{[]string{"race", "-points", "20000", "-width", "2000", "-max-memory", "0.1G"},
			"hnnplay race: this race needs about …, more than the 100 MB allowed (-max-memory): lower -width or -points"},
		{[]string{"adam", "-test-points", "1000000", "-max-memory", "40M"},
			"hnnplay adam: this training by Adam needs about …, more than the 40 MB allowed (-max-memory): lower -test-points"},
		{[]string{"rollout", "-steps", "16000000", "-max-memory", "300M"},
			"hnnplay rollout: this rollout needs about …, more than the 300 MB allowed (-max-memory): lower -steps"},
		{[]string{"rollout", "-model", model, "-steps", "16000000", "-max-memory", "300M"},
			"hnnplay rollout: this rollout needs about …, more than the 300 MB allowed (-max-memory): lower -steps"},
		{[]string{"fit", "-train-csv", train, "-width", "3000", "-points", "10", "-max-memory", "100M"},
			"hnnplay fit: with 3000 training and 2000 test points from the files, this fit needs about …, more than the 100 MB allowed (-max-memory): lower -width"},
		{[]string{"fit", "-points", "50000", "-width", "20000"},
			"hnnplay fit: -width: width 20000 with 50000 points is too large: the fit's points × width features would have 1.0e+09 entries (limit 2.68e+08); use width ≤ 5368 or fewer points"},
		{[]string{"fit", "-threads", "1000000"}, "hnnplay fit: -threads must be a whole number from 0 (all processors) to 1024, got 1000000"},
		{[]string{"race", "-threads", "-1"}, "hnnplay race: -threads must be a whole number from 0 (all processors) to 1024, got -1"},
		{[]string{"fit", "-max-memory", "4x"}, "hnnplay fit: invalid value \"4x\" for flag -max-memory: want a number of bytes such as 4G, 512M or 1.5GiB (0 for no limit), got \"4x\" (see hnnplay fit -h)"},
		{[]string{"rollout", "-steps", "9223372036854775807"}, "hnnplay rollout: -steps 9223372036854775807 is too many for 2 coordinates (limit 16777215)"},
	} {
		code, out, errs := runTimed(t, 20*time.Second, c.args...)
		line := strings.TrimSuffix(errs, "\n")
		ok := line == c.want
		if head, found := strings.CutSuffix(c.want, "…"); found {
			ok = strings.HasPrefix(line, head)
		}
		if before, after, found := strings.Cut(c.want, "…"); found && !strings.HasSuffix(c.want, "…") {
			ok = strings.HasPrefix(line, before) && strings.HasSuffix(line, after)
		}
		if code != 2 || out != "" || !ok || strings.Count(errs, "\n") != 1 {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, out, errs, c.want)
		}
	}
}

// A panic is an internal error: exit status 3, one line on stderr.
func TestInternalError(t *testing.T) {
	saved := commands
	defer func() { commands = saved }()
	commands = append(commands[:len(commands):len(commands)], command{"boom", "panics", func([]string, io.Writer) error {
		var m map[string]int
		m["x"] = 1 // a nil map: a runtime error
		return nil
	}})
	code, out, errs := runTimed(t, 5*time.Second, "boom")
	if code != 3 || out != "" || errs != "hnnplay boom: internal error: assignment to entry in nil map\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

func TestParseBytes(t *testing.T) {
	for in, want := range map[string]float64{
		"4G": 4e9, "512M": 512e6, "512 MB": 512e6, "1.5GiB": 1.5 * (1 << 30), "2000000000": 2e9, "0": 0, "1e9": 1e9,
		"64k": 64e3, "3 kib": 3072, "1T": 1e12, "7b": 7,
	} {
		if got, err := parseBytes(in); err != nil || got != want {
			t.Errorf("parseBytes(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "G", "4x", "-1G", "NaN", "Inf", "1e400", "4 G B", "4GG"} {
		if got, err := parseBytes(in); err == nil {
			t.Errorf("parseBytes(%q) = %v, want an error", in, got)
		}
	}
}

func TestAvailableMemory(t *testing.T) {
	const meminfo = "MemTotal:       24683568 kB\nMemFree:         1000000 kB\nMemAvailable:   20000000 kB\n"
	for _, c := range []struct {
		meminfo, limit, usage string
		want                  float64
	}{
		{meminfo, "", "", 20000000 * 1024},
		{"MemTotal:       1000 kB\n", "", "", 1000 * 1024},
		{meminfo, "max\n", "123\n", 20000000 * 1024},
		{meminfo, "9223372036854771712\n", "5", 20000000 * 1024}, // cgroup v1 without a limit
		{meminfo, "4000000000\n", "1000000000\n", 3e9},
		{"", "4000000000\n", "1000000000\n", 3e9},
		{"", "", "", 0},
		{"garbage", "x", "y", 0},
	} {
		if got := availableMemory(c.meminfo, c.limit, c.usage); got != c.want {
			t.Errorf("availableMemory(%q, %q, %q) = %v, want %v", c.meminfo, c.limit, c.usage, got, c.want)
		}
	}
	if b := defaultMaxMemory(); !(b > 0) {
		t.Errorf("defaultMaxMemory() = %v", b)
	}
}

// -max-memory is the runtime's memory limit while a command runs, and the
// old limit after.
func TestMemoryLimit(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	var during int64
	saved := commands
	defer func() { commands = saved }()
	commands = append(commands[:len(commands):len(commands)], command{"probe", "", func(args []string, stdout io.Writer) error {
		fs := newFlagSet("probe", "", stdout)
		m := addMaxMemory(fs.FlagSet)
		if err := parse(fs, args); err != nil {
			return err
		}
		defer applyMemoryLimit(m.bytes)()
		during = debug.SetMemoryLimit(-1)
		return nil
	}})
	if code, _, errs := runCLI(t, "probe", "-max-memory", "3G"); code != 0 || during != 3e9 {
		t.Errorf("exit %d (%s), limit %d during the run", code, errs, during)
	}
	if after := debug.SetMemoryLimit(-1); after != old {
		t.Errorf("limit %d after the run, %d before", after, old)
	}
	if code, _, _ := runCLI(t, "fit", "-points", "100", "-test-points", "10", "-width", "10", "-max-memory", "2G"); code != 0 || debug.SetMemoryLimit(-1) != old {
		t.Errorf("fit: exit %d, limit %d after", code, debug.SetMemoryLimit(-1))
	}
}

// The estimate of a rollout is honest: within [0.8, 1.5] of the memory a
// rollout of a saved model holds under the limit the command line sets.
func TestRolloutMemory(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m.json")
	if code, _, errs := runCLI(t, "fit", "-points", "100", "-test-points", "10", "-width", "10", "-save", model); code != 0 {
		t.Fatalf("fit -save: %s", errs)
	}
	const steps = 300000
	s := experiment.Default()
	s.Width = 10
	e := experiment.Memory(s, experiment.Job{RolloutSteps: steps})
	est := e.Bytes - experiment.Memory(s, experiment.Job{}).Bytes // the trajectories and the model; the runtime is there before
	debug.FreeOSMemory()
	sample := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	held := func() float64 {
		metrics.Read(sample)
		return float64(sample[0].Value.Uint64()) - float64(sample[1].Value.Uint64())
	}
	base := held()
	var top atomic.Uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for {
			if v := uint64(held()); v > top.Load() {
				top.Store(v)
			}
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Microsecond):
			}
		}
	}()
	limit := int64(base + e.Bytes) // the command line counts the runtime's base, which base holds already
	code, _, errs := runCLI(t, "rollout", "-model", model, "-steps", "300000", "-integrator", "rk4", "-max-memory", strconv.FormatInt(limit, 10))
	close(stop)
	<-done
	if code != 0 {
		t.Fatalf("rollout: exit %d, %s", code, errs)
	}
	peak := float64(top.Load()) - base
	t.Logf("rollout of %d steps: estimate %s, measured %s (ratio %.2f)", steps, experiment.FormatBytes(est), experiment.FormatBytes(peak), est/peak)
	if !(est >= 0.8*peak && est <= 1.5*peak) {
		t.Errorf("estimate %s is not within [0.8, 1.5] × the measured %s", experiment.FormatBytes(est), experiment.FormatBytes(peak))
	}
	runtime.GC()
}
