package experiment

import (
	"fmt"
	"slices"
	"strings"

	"hnnplay/core/fit"
)

// Job says what a run computes from its settings, for Memory: which of the
// big computations it makes, and the sizes that are not settings.
type Job struct {
	// Name is what a refusal calls the run: "fit", "race", "training by
	// Adam", "rollout".
	Name string
	Fit  bool // a sampled fit (with its data)
	Adam bool // Adam's training (with its data); with Fit, a race
	// SVD: the fit solves its reduced system by the SVD (the command line's
	// -solver svd) instead of the complete orthogonal decomposition.
	SVD bool
	// RolloutSteps is the number of steps of each of a rollout's two
	// trajectories (the command line's -steps); 0 for no rollout.
	RolloutSteps int
	// Threads is the number of threads the run uses (GOMAXPROCS); 0 counts
	// as 1. Above 1, a refusal may name KeyThreads as a size to lower.
	Threads int
}

// PageJob is what the page does with one set of settings at most: a fit
// with Adam's state beside it, which is a comparison's peak (race.New makes
// Adam's trainer before the sampled fit), on one thread. Check estimates it.
var PageJob = Job{Name: "fit", Fit: true, Adam: true, Threads: 1}

// Keys of the sizes of a Job that are not settings, as Estimate parts name
// them; the command line names them by its flags.
const (
	KeyThreads      = "threads"       // Job.Threads
	KeyRolloutSteps = "rollout_steps" // Job.RolloutSteps
)

// Estimate is the memory a run needs at its peak, in bytes: the big
// allocations that are alive, or dead but not yet collected, at the same
// time (see Memory).
type Estimate struct {
	Job   Job
	Bytes float64
	Parts []Part // largest first
}

// Part is one term of an Estimate.
type Part struct {
	Name  string
	Bytes float64
	// Keys are the settings whose values make the part larger (field keys,
	// or KeyThreads and KeyRolloutSteps), the one that counts most first.
	Keys []string
}

// Lower returns the keys of the settings to lower to bring the estimate
// down: those of its largest parts, which together make up at least two
// thirds of it, without repeats.
func (e Estimate) Lower() []string {
	var keys []string
	sum := 0.0
	for _, p := range e.Parts {
		if len(p.Keys) == 0 {
			continue
		}
		for _, k := range p.Keys {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
		if sum += p.Bytes; sum >= 2*e.Bytes/3 {
			break
		}
	}
	return keys
}

// Sizes of the runtime: 8 bytes a float64, and, measured with Go 1.26 on
// linux/amd64, about 64 KiB for each processor (GOMAXPROCS) plus the 8 KiB
// stack of the goroutine a fit runs on each, over a base of a few MB.
const (
	f8        = 8
	perThread = 72 << 10
	baseBytes = 8 << 20
)

// Memory estimates the peak memory of job on the settings s: the sum of the
// big allocations that can be alive at once, counting an allocation that
// has just become garbage as alive (the collector frees it only at its next
// cycle). With K points, T test points, M the width, 2d coordinates,
// r = min(K, M) and n = M + 1:
//
//   - the data: K·(4d + 1) numbers for the training states, targets and
//     energies, and as many per test point;
//   - a fit (A-SWIM's two passes one after the other): the sampler's pool of
//     max(K, M) candidate pairs, the K×M features D and the K×2d targets;
//     with K ≥ M, an M×M triangle per block of rows (one per thread, see
//     fit.Split), three n×n triangles of the reduced system as it is folded
//     and the solver's n×n workspace (the SVD's: six); with K < M, the
//     reduced system of (2d·r + 1)×n numbers, and the solver's workspace:
//     an n×n triangle when the reduced system is tall (the complete
//     orthogonal decomposition's first QR), else n·min(2d·r + 1, n) for the
//     transposed leading rows; the SVD instead copies the reduced system
//     twice (the matrix it factors and its thin singular vectors) and adds
//     4·min(2d·r + 1, n)² (LAPACK's workspace, as measured);
//   - Adam: its copy of the training states and targets, 4·(2d + 2)·M
//     parameters, gradients and moments, and (in a race) two numbers per
//     test point;
//   - a rollout: its two trajectories of (steps + 1)·2d numbers and four
//     series of steps + 1 energies and distances, after the fit;
//   - the runtime: a base and about 72 KiB per thread.
//
// TestMemoryEstimate checks the estimate of fits against the heap measured
// while they run.
func Memory(s Settings, job Job) Estimate {
	d2 := 2.0
	if sys, err := s.NewSystem(); err == nil {
		d2 = float64(2 * sys.Dof())
	}
	k, t, m := float64(max(s.Points, 0)), float64(max(s.TestPoints, 0)), float64(max(s.Width, 0))
	e := Estimate{Job: job}
	add := func(name string, bytes float64, keys ...string) {
		if bytes > 0 {
			e.Parts = append(e.Parts, Part{name, bytes, keys})
		}
	}

	var peak []Part // the peak of the computation, before the rollout
	data := job.Fit || job.Adam
	if data {
		perPoint := 2*d2 + 1
		if s.Snapshots > 0 {
			perPoint = 2 * d2 // no energies
		}
		add("training data", f8*k*perPoint, "points")
		add("test data", f8*t*(2*d2+1), "test_points")
	}
	if job.Adam {
		add("Adam's copy of the data", f8*2*k*d2, "points")
		add("Adam's parameters", f8*4*(d2+2)*m, "width")
		if job.Fit {
			add("the race's test predictions", f8*2*t, "test_points")
		}
	}
	if job.Fit {
		r := min(k, m)
		n := m + 1
		rows := d2*r + 1
		reducedKeys := []string{"width"}
		if k < m {
			reducedKeys = []string{"width", "points"}
		}
		pool := max(k, m)
		add("the sampler's candidate pairs", 57*pool+f8*(d2+5)*m+f8*k, "points", "width")
		add("the features (points × width)", f8*(k*m+k*d2), "width", "points")
		if k >= m {
			// One M×M triangle per block of rows (fit.Split), the 2d triangles of
			// the reduced system folded two at a time into the (M+1)×(M+1) one
			// (three alive at once), and the solver's transposed leading rows.
			blocks := float64(len(fit.Split(s.Points, s.Width, max(job.Threads, 1))))
			add("the blocks' triangles", f8*blocks*m*(m+d2), "width")
			add("the reduced system", f8*3*n*n, "width")
			work := f8 * n * n
			if job.SVD {
				work *= 6
			}
			add("the solver's workspace", work, "width")
		} else {
			add("the reduced system", f8*rows*(n+1), reducedKeys...)
			var work float64
			switch {
			case job.SVD:
				thin := min(rows, n)
				work = f8 * (2*rows*n + 4*thin*thin)
			case rows > n && (rows > 3*n || rows*n > 1<<18):
				work = f8 * n * n
			default:
				work = f8 * n * min(rows, n)
			}
			add("the solver's workspace", work, reducedKeys...)
		}
		add("the model", f8*2*(d2+2)*m, "width")
	}
	peak = e.Parts
	e.Parts = nil
	if job.RolloutSteps > 0 {
		steps := float64(job.RolloutSteps) + 1
		rollout := []Part{{"the trajectories", f8 * steps * (2*d2 + 4), []string{KeyRolloutSteps}}}
		if data { // the data may still be alive
			for _, p := range peak {
				if p.Name == "training data" || p.Name == "test data" {
					rollout = append(rollout, p)
				}
			}
		}
		rollout = append(rollout, Part{"the model", f8 * 2 * (d2 + 2) * m, []string{"width"}})
		if sum(rollout) > sum(peak) {
			peak = rollout
		}
	}
	e.Parts = peak
	var threadKeys []string
	if job.Threads > 1 {
		threadKeys = []string{KeyThreads}
	}
	add("the runtime and its threads", baseBytes+perThread*float64(max(job.Threads, 1)), threadKeys...)
	slices.SortStableFunc(e.Parts, func(a, b Part) int {
		switch {
		case a.Bytes > b.Bytes:
			return -1
		case a.Bytes < b.Bytes:
			return 1
		}
		return 0
	})
	e.Bytes = sum(e.Parts)
	return e
}

func sum(parts []Part) float64 {
	s := 0.0
	for _, p := range parts {
		s += p.Bytes
	}
	return s
}

// CheckMemory refuses a job on s whose estimate (see Memory) exceeds
// maxMemory bytes (0: no limit), with a FieldError on the first setting to
// lower whose message states the estimate and the limit and names the
// settings to lower by name(key) (skipping those it names ""), and the
// limit by limitName if not empty:
// "this fit needs about 9.6 GB, more than the 4.0 GB allowed
// (-max-memory): lower -width or -points".
func CheckMemory(s Settings, job Job, maxMemory float64, limitName string, name func(key string) string) error {
	e := Memory(s, job)
	if maxMemory <= 0 || e.Bytes <= maxMemory {
		return nil
	}
	keys := e.Lower()
	var names []string
	for _, k := range keys {
		if n := name(k); n != "" {
			names = append(names, n)
		}
	}
	allowed := "allowed"
	if limitName != "" {
		allowed += " (" + limitName + ")"
	}
	what := job.Name
	if what == "" {
		what = "run"
	}
	key := "width"
	for _, k := range keys {
		if Lookup(k) != nil {
			key = k
			break
		}
	}
	msg := fmt.Sprintf("this %s needs about %s, more than the %s %s", what, FormatBytes(e.Bytes), FormatBytes(maxMemory), allowed)
	if len(names) > 0 {
		msg += ": lower " + orList(names)
	}
	return &FieldError{key, msg}
}

// Label returns what messages call the setting key: its field's label, or
// the key itself.
func Label(key string) string {
	if f := Lookup(key); f != nil {
		return f.Label
	}
	return key
}

// orList writes "a", "a or b", "a, b or c".
func orList(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

// FormatBytes writes a number of bytes in decimal units with two or three
// significant digits: "512 MB", "9.6 GB", "1.5 GB".
func FormatBytes(b float64) string {
	units := []string{"B", "kB", "MB", "GB", "TB", "PB", "EB"}
	i := 0
	for b >= 999.5 && i < len(units)-1 {
		b /= 1000
		i++
	}
	if b < 9.95 && i > 0 {
		return fmt.Sprintf("%.1f %s", b, units[i])
	}
	return fmt.Sprintf("%.0f %s", b, units[i])
}
