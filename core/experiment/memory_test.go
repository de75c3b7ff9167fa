package experiment

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"hnnplay/core/adam"
	"hnnplay/core/fit"
	"hnnplay/core/lstsq"
	"hnnplay/core/lstsq/svd"
)

// peakMemory runs f as the command line runs a fit of an estimated heap
// bytes: with the runtime's soft memory limit at the memory it holds now
// plus bytes (the default GOGC otherwise). It returns the largest increase
// of memory while f runs, and the bytes f allocated in all. Three readings
// of the increase, the largest of which counts: the memory the runtime
// holds (all classes, less what it released to the system) and the bytes
// of heap objects (live or not yet swept), both sampled every 200 µs, and
// the kernel's high-water mark of resident memory. Each alone can miss the
// peak on a loaded machine: a sampler starved of CPU misses it, and memory
// the runtime held before f started, freed but not yet released, hides an
// allocation from the first and the last.
func peakMemory(bytes float64, f func()) (peak, total float64) {
	debug.FreeOSMemory()
	read := func(s []metrics.Sample) (held, objects float64) {
		metrics.Read(s)
		return float64(s[0].Value.Uint64()) - float64(s[1].Value.Uint64()), float64(s[2].Value.Uint64())
	}
	newSample := func() []metrics.Sample {
		return []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"},
			{Name: "/memory/classes/heap/objects:bytes"}}
	}
	baseHeld, baseObjects := read(newSample())
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(int64(baseHeld + bytes)))
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var topHeld, topObjects atomic.Uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		s := newSample()
		for {
			held, objects := read(s)
			if v := uint64(max(held, 0)); v > topHeld.Load() {
				topHeld.Store(v)
			}
			if v := uint64(max(objects, 0)); v > topObjects.Load() {
				topObjects.Store(v)
			}
			select {
			case <-stop:
				return
			case <-time.After(200 * time.Microsecond):
			}
		}
	}()
	rss, hwm := residentPeak()
	f()
	close(stop)
	<-done
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	peak = max(float64(topHeld.Load())-baseHeld, float64(topObjects.Load())-baseObjects)
	if hwm != nil {
		peak = max(peak, hwm()-rss)
	}
	return peak, float64(after.TotalAlloc - before.TotalAlloc)
}

// residentPeak resets the kernel's high-water mark of this process's
// resident memory and returns the resident bytes now and a function that
// reads the mark; hwm is nil where /proc does not offer both (not Linux).
// The runtime returns freed memory to the system with MADV_DONTNEED, so the
// resident bytes follow the memory it holds less what it released.
func residentPeak() (rss float64, hwm func() float64) {
	read := func(field string) float64 {
		b, err := os.ReadFile("/proc/self/status")
		if err != nil {
			return -1
		}
		for line := range strings.Lines(string(b)) {
			if rest, ok := strings.CutPrefix(line, field+":"); ok {
				var kb float64
				if _, err := fmt.Sscanf(rest, "%g kB", &kb); err == nil {
					return kb * 1024
				}
			}
		}
		return -1
	}
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		return 0, nil
	}
	rss = read("VmRSS")
	if rss < 0 || read("VmHWM") < 0 {
		return 0, nil
	}
	return rss, func() float64 { return read("VmHWM") }
}

// heapBytes is the estimate without the runtime's base, which is in use
// before a measurement starts.
func heapBytes(e Estimate) float64 { return e.Bytes - baseBytes }

// The estimate is honest: at least 0.8 and at most 1.5 times the memory
// measured while the data are made and the network is fitted and scored
// (or raced against Adam, or trained by Adam) under a memory limit of the
// estimate, as the command line runs it; across samplers, solvers, shapes
// (K > M, K < M, reduced systems tall and not) and dimensions.
// HNNPLAY_MEASURE=1 adds sizes of hundreds of MB (a minute or two).
//
// Without the limit, an A-SWIM fit can reach more than the estimate: its
// second pass allocates its triangles before the collector has freed the
// first pass's, which are garbage by then (the estimate counts each pass's
// own garbage until the pass ends). Its features, the largest part, reuse
// the first pass's memory: before they did, a run of the whole package
// (whose earlier tests leave the collector's pacing elsewhere) measured
// 32 MB against this test's first estimate of 25 MB.
func TestMemoryEstimate(t *testing.T) {
	if runtime.GOARCH == "wasm" {
		// One thread: the sampling goroutine runs only when the job yields,
		// so it sees some runs' peaks and not others, and wasm has no /proc.
		// The estimate is the same code natively, where it is measured.
		t.Skip("the peak cannot be measured on wasm's single thread")
	}
	type size struct {
		values map[string]string
		job    Job
	}
	fitJob := Job{Name: "fit", Fit: true, Threads: runtime.GOMAXPROCS(0)}
	svdJob := Job{Name: "fit", Fit: true, SVD: true, Threads: runtime.GOMAXPROCS(0)}
	raceJob := Job{Name: "race", Fit: true, Adam: true, Threads: runtime.GOMAXPROCS(0)}
	adamJob := Job{Name: "Adam", Adam: true, Threads: runtime.GOMAXPROCS(0)}
	sizes := []size{
		{map[string]string{"points": "5000", "width": "400", "test_points": "2000"}, fitJob},
		{map[string]string{"points": "300", "width": "1000", "sampler": "elm", "test_points": "500"}, fitJob},
		{map[string]string{"system": "henon-heiles", "points": "4000", "width": "300", "sampler": "uswim"}, fitJob},
		{map[string]string{"points": "1000", "width": "300", "snapshots": "0.1", "test_points": "30000", "sampler": "uswim"}, fitJob},
		{map[string]string{"points": "1500", "width": "300", "sampler": "uswim"}, svdJob},
		{map[string]string{"points": "200", "width": "900", "sampler": "uswim"}, svdJob},
		{map[string]string{"points": "5000", "width": "300", "sampler": "uswim", "test_points": "20000", "adam_steps": "10"}, raceJob},
		{map[string]string{"points": "50000", "width": "50", "test_points": "200000", "adam_steps": "10", "adam_batch": "100"}, adamJob},
	}
	if os.Getenv("HNNPLAY_MEASURE") != "" {
		sizes = append(sizes,
			size{map[string]string{"points": "20000", "width": "1000"}, fitJob},
			size{map[string]string{"points": "5000", "width": "3000"}, fitJob},
			size{map[string]string{"system": "henon-heiles", "points": "10000", "width": "1500"}, fitJob},
			size{map[string]string{"points": "1000", "width": "4000", "sampler": "elm"}, fitJob},
			size{map[string]string{"points": "50000", "width": "200", "sampler": "uswim", "test_points": "1000000"}, fitJob},
			size{map[string]string{"points": "4000", "width": "1500", "sampler": "uswim"}, svdJob},
			size{map[string]string{"points": "1000", "width": "3000", "sampler": "uswim"}, svdJob},
			size{map[string]string{"points": "20000", "width": "1000", "adam_steps": "20"}, raceJob},
		)
	}
	for _, c := range sizes {
		s, err := Parse(c.values)
		if err != nil {
			t.Fatal(err)
		}
		var ferr error
		est := heapBytes(Memory(s, c.job))
		peak, total := peakMemory(est, func() { ferr = runJob(s, c.job) })
		if ferr != nil {
			t.Fatalf("%v: %v", c.values, ferr)
		}
		// A loaded machine (other test binaries beside this one) skews a
		// measurement both ways: when the collector gets little CPU, garbage
		// outlives its time and the peak overshoots; when the sampling
		// goroutine gets little, it misses the peak. Measure again, up to
		// five times, keeping the lowest peak when it was above the band
		// (lingering garbage only ever raises it) and the highest when it
		// was below (a missed sample only ever lowers it).
		for try := 1; try < 5 && !(est >= 0.8*peak && est <= 1.5*peak); try++ {
			t.Logf("%s %v: estimate %s, measured peak %s; measuring again", c.job.Name, c.values, FormatBytes(est), FormatBytes(peak))
			p2, t2 := peakMemory(est, func() { ferr = runJob(s, c.job) })
			if (est < 0.8*peak && p2 < peak) || (est > 1.5*peak && p2 > peak) {
				peak, total = p2, t2
			}
		}
		t.Logf("%s %v: estimate %s, measured peak %s (ratio %.2f), allocated in all %s",
			c.job.Name, c.values, FormatBytes(est), FormatBytes(peak), est/peak, FormatBytes(total))
		if !(est >= 0.8*peak && est <= 1.5*peak) {
			t.Errorf("%s %v: estimate %s is not within [0.8, 1.5] × the measured %s", c.job.Name, c.values, FormatBytes(est), FormatBytes(peak))
		}
	}
}

// runJob makes the data of s and does job on them.
func runJob(s Settings, job Job) error {
	d, err := NewData(s)
	if err != nil {
		return err
	}
	solver := lstsq.Solver(nil)
	if job.SVD {
		solver = svd.Solve
	}
	switch {
	case job.Fit && job.Adam:
		rc, err := NewRace(s, d, solver)
		if err != nil {
			return err
		}
		_, err = rc.Run(nil)
		return err
	case job.Adam:
		tr, err := adam.NewTrainer(d.Train.X, d.Train.Xdot, d.Train.Dof, d.X0, d.H0, AdamConfig(s))
		if err != nil {
			return err
		}
		for range s.AdamSteps {
			tr.Step()
		}
		d.Evaluate(tr.Model())
		return nil
	}
	_, err = Fit(s, d, solver)
	return err
}

// The estimate grows with every size it depends on, and names the settings
// that make it large.
func TestMemory(t *testing.T) {
	base, _ := Parse(map[string]string{"points": "2000", "width": "500"})
	fitJob := Job{Name: "fit", Fit: true}
	e := Memory(base, fitJob)
	for _, c := range []struct {
		key, value string
		job        Job
	}{
		{"points", "4000", fitJob}, {"width", "1000", fitJob}, {"test_points", "100000", fitJob},
		{"system", "henon-heiles", fitJob}, {"", "", Job{Fit: true, Adam: true}}, {"", "", Job{Fit: true, SVD: true}},
		{"", "", Job{Fit: true, RolloutSteps: 1e7}}, {"", "", Job{Fit: true, Threads: 1000}},
	} {
		s := base
		if c.key != "" {
			if err := s.Set(c.key, c.value); err != nil {
				t.Fatal(err)
			}
			if c.key == "system" {
				s.Points, s.Width = base.Points, base.Width
			}
		}
		if got := Memory(s, c.job); !(got.Bytes > e.Bytes) {
			t.Errorf("%s=%s, job %+v: estimate %s, not above %s", c.key, c.value, c.job, FormatBytes(got.Bytes), FormatBytes(e.Bytes))
		}
	}
	for _, c := range []struct {
		values map[string]string
		job    Job
		lower  string
	}{
		{map[string]string{"points": "20000", "width": "2000"}, fitJob, "width,points"},
		{map[string]string{"points": "500", "width": "8000"}, fitJob, "width,points"},
		{map[string]string{"points": "100", "width": "10", "test_points": "1000000"}, fitJob, "test_points"},
		{map[string]string{"points": "100", "width": "10"}, Job{Fit: true, RolloutSteps: 1e7}, KeyRolloutSteps},
		{map[string]string{"points": "100", "width": "10"}, Job{Fit: true, Threads: 1000}, KeyThreads},
		{map[string]string{"points": "100", "width": "10"}, Job{}, ""}, // the runtime alone: nothing to lower
	} {
		s, _ := Parse(c.values)
		if got := strings.Join(Memory(s, c.job).Lower(), ","); got != c.lower {
			t.Errorf("%v %+v: lower %q, want %q", c.values, c.job, got, c.lower)
		}
	}
	for b, want := range map[float64]string{0: "0 B", 999: "999 B", 1500: "1.5 kB", 512e6: "512 MB", 9.6e9: "9.6 GB", 1.5e9: "1.5 GB", 4e9: "4.0 GB", 1.2e13: "12 TB"} {
		if got := FormatBytes(b); got != want {
			t.Errorf("FormatBytes(%g) = %q, want %q", b, got, want)
		}
	}
}

// Check refuses the page's work beyond MaxMemory, naming the fields by
// their labels; the width hint is the largest width it lets through.
func TestCheckMemory(t *testing.T) {
	lim := Limits{MaxMemory: 100e6}
	s, _ := Parse(map[string]string{"points": "20000", "width": "2000"})
	err := Check(s, lim)
	var fe *FieldError
	want := "this fit needs about " + FormatBytes(Memory(s, PageJob).Bytes) + ", more than the 100 MB allowed: lower Width or Points"
	if !errors.As(err, &fe) || fe.Key != "width" || fe.Msg != want {
		t.Errorf("Check = %v, want a FieldError on width %q", err, want)
	}
	if err := Check(s, Limits{}); err != nil {
		t.Errorf("without MaxMemory: %v", err)
	}
	err = CheckMemory(s, Job{Name: "race", Fit: true, Adam: true}, 100e6, "-max-memory", func(k string) string { return "-" + k })
	if err == nil || !strings.HasPrefix(err.Error(), "this race needs about") || !strings.HasSuffix(err.Error(), "more than the 100 MB allowed (-max-memory): lower -width or -points") {
		t.Errorf("CheckMemory with flag names: %v", err)
	}
	h := Hints(s, lim)
	var maxW int
	if _, err := parseHint(h["width"], &maxW); err != nil {
		t.Fatalf("width hint %q: %v", h["width"], err)
	}
	for w, ok := range map[int]bool{maxW: true, maxW + 1: false} {
		c := s
		c.Width = w
		if err := Check(c, lim); (err == nil) != ok {
			t.Errorf("width %d (hint %q): Check = %v", w, h["width"], err)
		}
	}
	var maxP int
	if _, err := parseHint(h["points"], &maxP); err != nil {
		t.Fatalf("points hint %q: %v", h["points"], err)
	}
	for p, ok := range map[int]bool{maxP: true, maxP + 1: false} {
		c := s
		c.Points = p
		if err := Check(c, lim); (err == nil) != ok {
			t.Errorf("points %d (hint %q): Check = %v", p, h["points"], err)
		}
	}
}

func parseHint(h string, n *int) (int, error) {
	var rest string
	return fmt.Sscanf(h, "at most %d at %s", n, &rest)
}

// Check's bound on points × width is fit.Validate's.
func TestMaxFeatures(t *testing.T) {
	const m = 1 << 14
	prob := func(k int) fit.Problem {
		return fit.Problem{Dof: 1, X: make([]float64, 2*k), Xdot: make([]float64, 2*k), X0: []float64{0, 0}}
	}
	if err := fit.Validate(prob(maxFeatures/m), fit.Config{Width: m}); err != nil {
		t.Errorf("fit.Validate refuses %d × %d: %v", maxFeatures/m, m, err)
	}
	if err := fit.Validate(prob(maxFeatures/m+1), fit.Config{Width: m}); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("fit.Validate accepts %d × %d: %v", maxFeatures/m+1, m, err)
	}
	s, _ := Parse(map[string]string{"points": "50000", "width": "20000"})
	var fe *FieldError
	if err := Check(s, Limits{}); !errors.As(err, &fe) || fe.Key != "width" || !strings.Contains(fe.Msg, "use width ≤ 5368") {
		t.Errorf("Check(50000 points, width 20000) = %v", err)
	}
}
