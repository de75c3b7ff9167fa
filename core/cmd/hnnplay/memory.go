package main

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"hnnplay/core/experiment"
)

// memFlag is -max-memory: a number of bytes, written with a unit or not.
type memFlag struct{ bytes float64 }

func (m *memFlag) String() string {
	if m == nil || m.bytes == 0 {
		return "0"
	}
	return experiment.FormatBytes(m.bytes)
}

func (m *memFlag) Set(s string) error {
	b, err := parseBytes(s)
	if err != nil {
		return err
	}
	m.bytes = b
	return nil
}

// byteUnits are the units -max-memory takes, in lower case: k, M, G, T
// (with or without B) are powers of 1000, KiB, MiB, GiB, TiB powers of
// 1024, as experiment.FormatBytes writes them.
var byteUnits = map[string]float64{
	"": 1, "b": 1,
	"k": 1e3, "kb": 1e3, "m": 1e6, "mb": 1e6, "g": 1e9, "gb": 1e9, "t": 1e12, "tb": 1e12,
	"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40,
}

// parseBytes reads "4G", "512 MB", "1.5GiB", "2000000000": a number ≥ 0
// and a unit; 0 means no limit.
func parseBytes(s string) (float64, error) {
	t := strings.TrimSpace(s)
	i := strings.LastIndexFunc(t, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == ' ') }) + 1
	num, unit := t[:i], strings.ToLower(strings.TrimSpace(t[i:]))
	v, err := strconv.ParseFloat(num, 64)
	mul, ok := byteUnits[unit]
	if err != nil || !ok || math.IsInf(v*mul, 0) || v < 0 {
		return 0, fmt.Errorf("want a number of bytes such as 4G, 512M or 1.5GiB (0 for no limit), got %q", s)
	}
	return math.Round(v * mul), nil
}

// addMaxMemory adds -max-memory, with its default (see defaultMaxMemory).
func addMaxMemory(fs *flag.FlagSet) *memFlag {
	m := &memFlag{defaultMaxMemory()}
	fs.Var(m, "max-memory", "the most `bytes` a run may need, as estimated before it allocates anything (units k, M, G, T or KiB, MiB, GiB; 0 = no limit): "+
		"a larger run is refused, naming the flags to lower; also the Go runtime's soft memory limit. "+
		"Default: 3/4 of the memory available when the command starts (4 GB where that is unknown)")
	return m
}

// fallbackMemory is the default of -max-memory where the machine's memory
// cannot be read.
const fallbackMemory = 4e9

// memoryShare is the share of the available memory -max-memory allows by
// default: the rest is for the other programs and the runtime's slack.
const memoryShare = 0.75

// defaultMaxMemory returns -max-memory's default: three quarters of the
// memory available now (Linux: MemAvailable in /proc/meminfo, else
// MemTotal, and at most what the cgroup's memory limit leaves), or 4 GB
// where that cannot be read.
func defaultMaxMemory() float64 {
	meminfo, _ := os.ReadFile("/proc/meminfo")
	limit, usage := readFirst("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"),
		readFirst("/sys/fs/cgroup/memory.current", "/sys/fs/cgroup/memory/memory.usage_in_bytes")
	avail := availableMemory(string(meminfo), limit, usage)
	if avail <= 0 {
		return fallbackMemory
	}
	return math.Floor(memoryShare * avail)
}

func readFirst(paths ...string) string {
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			return string(b)
		}
	}
	return ""
}

// availableMemory reads the memory available in bytes from the text of
// /proc/meminfo (MemAvailable, else MemTotal) and a cgroup's limit and
// usage ("max" or a huge number for none); 0 if none is known.
func availableMemory(meminfo, cgroupLimit, cgroupUsage string) float64 {
	avail, total := 0.0, 0.0
	for _, line := range strings.Split(meminfo, "\n") {
		name, rest, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) == 0 {
			continue
		}
		v, err := strconv.ParseFloat(f[0], 64)
		if err != nil {
			continue
		}
		if len(f) > 1 && strings.EqualFold(f[1], "kB") {
			v *= 1024
		}
		switch name {
		case "MemAvailable":
			avail = v
		case "MemTotal":
			total = v
		}
	}
	if avail == 0 {
		avail = total
	}
	limit, err := strconv.ParseFloat(strings.TrimSpace(cgroupLimit), 64)
	if err == nil && limit > 0 && limit < 1<<60 {
		usage, _ := strconv.ParseFloat(strings.TrimSpace(cgroupUsage), 64)
		if left := limit - usage; avail == 0 || left < avail {
			avail = max(left, 0)
		}
	}
	return avail
}

// applyMemoryLimit sets the Go runtime's soft memory limit to bytes (if not
// 0), so that the collector works harder as the heap nears it instead of
// letting it grow to twice the live data; undo restores the old limit.
// Allocations beyond the limit still succeed: the estimate, not the limit,
// keeps a run within it.
func applyMemoryLimit(bytes float64) (undo func()) {
	if bytes <= 0 {
		return func() {}
	}
	old := debug.SetMemoryLimit(int64(min(bytes, math.MaxInt64/2)))
	return func() { debug.SetMemoryLimit(old) }
}

// flagName is what the command line calls a setting or a size of a job.
func flagName(key string) string {
	switch key {
	case experiment.KeyThreads:
		return "-threads"
	case experiment.KeyRolloutSteps:
		return "-steps"
	}
	if f := experiment.Lookup(key); f != nil && f.Flag != "" {
		return "-" + f.Flag
	}
	return key
}

// checkJob checks s for job: the problems between fields (experiment.Check,
// naming the flag to change), then the memory job needs against maxMemory
// (experiment.CheckMemory, naming the flags to lower and -max-memory;
// -threads only if the command has it).
func checkJob(s experiment.Settings, job experiment.Job, maxMemory float64, hasThreads bool) error {
	if err := check(s, experiment.Limits{}); err != nil {
		return err
	}
	return checkMemory(s, job, maxMemory, hasThreads)
}

// checkMemory is the memory check of checkJob alone. The refusal names no
// flag for the keys in fixed (the numbers of points when files give them).
func checkMemory(s experiment.Settings, job experiment.Job, maxMemory float64, hasThreads bool, fixed ...string) error {
	name := func(key string) string {
		if (key == experiment.KeyThreads && !hasThreads) || slices.Contains(fixed, key) {
			return ""
		}
		return flagName(key)
	}
	err := experiment.CheckMemory(s, job, maxMemory, "-max-memory", name)
	var fe *experiment.FieldError
	if errors.As(err, &fe) {
		return errors.New(fe.Msg)
	}
	return err
}
