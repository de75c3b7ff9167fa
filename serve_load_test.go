package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The load test runs the real handler on the embedded site in a real server on 127.0.0.1, with
// the production limits except where a subtest says otherwise; clients and server share the
// process (and its memory figures). It takes about a minute and is skipped unless HNNPLAY_LOAD is
// set:
//
//	HNNPLAY_LOAD=1 go test -run TestLoad -count=1 -v .
//
// It asserts behaviour (every response complete and correct, connections reclaimed, none before
// its timeout); the figures it logs are for BENCHMARKS.md, never compared with a bound.

const (
	loadClients  = 200
	loadDuration = 10 * time.Second
	idleConns    = 1000
)

func TestLoad(t *testing.T) {
	if os.Getenv("HNNPLAY_LOAD") == "" {
		t.Skip("set HNNPLAY_LOAD=1 to run the load test (about a minute)")
	}
	site, err := fs.Sub(embedded, "site")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.html", "hnnplay.wasm", "hnnplay.wasm.br"} {
		if _, err := fs.Stat(site, name); err != nil {
			t.Fatalf("site/%s is not embedded: run make site before the load test", name)
		}
	}
	h := newTestHandler(t, site)
	t.Run("Throughput", func(t *testing.T) { loadThroughput(t, h) })
	t.Run("IdleKeepAlive", func(t *testing.T) { loadIdle(t, h, true) })
	t.Run("SilentConnections", func(t *testing.T) { loadIdle(t, h, false) })
	t.Run("StalledWasm", func(t *testing.T) { loadStalled(t, h, site) })
}

// memory is a snapshot of the process's memory.
type memory struct{ heapInuse, sys uint64 }

func readMemory() memory {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return memory{m.HeapInuse, m.Sys}
}

func (m memory) String() string {
	return fmt.Sprintf("HeapInuse %.1f MiB, Sys %.1f MiB", float64(m.heapInuse)/(1<<20), float64(m.sys)/(1<<20))
}

// sampleMemory reads the memory every 100 ms until stop is closed; it returns the peaks.
func sampleMemory(stop <-chan struct{}) <-chan memory {
	peak := make(chan memory, 1)
	go func() {
		var p memory
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			m := readMemory()
			p.heapInuse, p.sys = max(p.heapInuse, m.heapInuse), max(p.sys, m.sys)
			select {
			case <-stop:
				peak <- p
				return
			case <-tick.C:
			}
		}
	}()
	return peak
}

// loadThroughput runs loadClients clients for loadDuration, each fetching the page and the wasm
// in turn with Accept-Encoding: br over its own keep-alive connection.
func loadThroughput(t *testing.T, h http.Handler) {
	conns := newConnTracker()
	addr := startServer(t, h, productionTimeouts, func(s *http.Server) { s.ConnState = conns.hook })
	targets := []string{"/", "/hnnplay.wasm"}
	// What each target is served as, by the handler itself: the brotli sibling, unless the site's
	// siblings are stale (then the original).
	sizes, encodings := map[string]int64{}, map[string]string{}
	for _, target := range targets {
		res := do(h, "HEAD", target, "Accept-Encoding", "br")
		sizes[target], encodings[target] = res.ContentLength, res.Header.Get("Content-Encoding")
	}
	if encodings["/hnnplay.wasm"] != "br" {
		t.Fatal("hnnplay.wasm is not served in brotli: its siblings are stale; run make site")
	}

	tr := &http.Transport{MaxIdleConnsPerHost: loadClients, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 2 * time.Minute}
	fetch := func(target string) (time.Duration, error) {
		req, err := http.NewRequest("GET", "http://"+addr+target, nil)
		if err != nil {
			return 0, err
		}
		req.Header.Set("Accept-Encoding", "br")
		start := time.Now()
		res, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		n, err := io.Copy(io.Discard, res.Body)
		res.Body.Close()
		d := time.Since(start)
		switch {
		case err != nil:
			return 0, err
		case res.StatusCode != 200 || res.Header.Get("Content-Encoding") != encodings[target] || n != sizes[target] || res.ContentLength != n:
			return 0, fmt.Errorf("GET %s: status %d, Content-Encoding %q, %d bytes of %d",
				target, res.StatusCode, res.Header.Get("Content-Encoding"), n, sizes[target])
		}
		return d, nil
	}

	runtime.GC()
	before := readMemory()
	goroutines := runtime.NumGoroutine()
	stopSampling := make(chan struct{})
	peak := sampleMemory(stopSampling)

	var (
		mu        sync.Mutex
		latencies = map[string][]time.Duration{}
		failures  []error
		stop      atomic.Bool
		wg        sync.WaitGroup
	)
	start := time.Now()
	time.AfterFunc(loadDuration, func() { stop.Store(true) })
	for range loadClients {
		wg.Go(func() {
			mine := map[string][]time.Duration{}
			defer func() {
				mu.Lock()
				for k, v := range mine {
					latencies[k] = append(latencies[k], v...)
				}
				mu.Unlock()
			}()
			for !stop.Load() {
				for _, target := range targets {
					d, err := fetch(target)
					if err != nil {
						mu.Lock()
						failures = append(failures, err)
						mu.Unlock()
						return
					}
					mine[target] = append(mine[target], d)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(stopSampling)
	during := <-peak
	after := readMemory()

	for i, err := range failures {
		if i < 5 {
			t.Error(err)
		}
	}
	if len(failures) > 0 {
		t.Fatalf("%d clients of %d failed", len(failures), loadClients)
	}
	total, bytes := 0, int64(0)
	for _, target := range targets {
		l := latencies[target]
		slices.Sort(l)
		total += len(l)
		bytes += int64(len(l)) * sizes[target]
		t.Logf("GET %-13s %6d requests, %7.1f/s; latency p50 %v, p99 %v, max %v (%d bytes each, Content-Encoding %q)",
			target, len(l), float64(len(l))/elapsed.Seconds(), percentile(l, 0.50), percentile(l, 0.99), l[len(l)-1], sizes[target], encodings[target])
	}
	t.Logf("%d clients for %v: %d requests, %.1f requests/s, %.0f MB/s; %d connections at most",
		loadClients, elapsed.Round(time.Millisecond), total, float64(total)/elapsed.Seconds(), float64(bytes)/elapsed.Seconds()/1e6, conns.maxOpen())

	// The clients' connections close; the server lets go of each.
	tr.CloseIdleConnections()
	if !waitFor(time.Minute, func() bool { return conns.count(-1) == 0 }) {
		t.Errorf("%d server connections still open a minute after the clients closed theirs", conns.count(-1))
	}
	if !waitFor(time.Minute, func() bool { return runtime.NumGoroutine() <= goroutines }) {
		t.Errorf("%d goroutines, %d before the load", runtime.NumGoroutine(), goroutines)
	}
	runtime.GC()
	runtime.GC() // and what sync.Pools held
	t.Logf("memory before: %v; peak during: %v; at the end: %v; connections closed, after GC: %v", before, during, after, readMemory())
}

// percentile returns the q-quantile of sorted (nearest rank).
func percentile(sorted []time.Duration, q float64) time.Duration {
	return sorted[int(q*float64(len(sorted)-1)+0.5)].Round(100 * time.Microsecond)
}

// maxOpen returns the most connections that were open at once.
func (c *connTracker) maxOpen() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.max
}

// loadIdle opens idleConns connections and leaves them idle: after one request each (keepAlive,
// reclaimed by the idle timeout) or without sending a byte (reclaimed by the header timeout). The
// timeout is shortened to 5 s for the test; the server must close every connection, none before
// its timeout.
func loadIdle(t *testing.T, h http.Handler, keepAlive bool) {
	to := productionTimeouts
	state, limit := http.StateNew, &to.ReadHeader
	if keepAlive {
		state, limit = http.StateIdle, &to.Idle
	}
	*limit = 5 * time.Second
	conns := newConnTracker()
	addr := startServer(t, h, to, func(s *http.Server) { s.ConnState = conns.hook })

	runtime.GC()
	before := readMemory()
	goroutines := runtime.NumGoroutine()
	clients := make([]net.Conn, idleConns)
	var wg sync.WaitGroup
	var failed atomic.Int32
	opening := time.Now()
	for w := range 50 {
		wg.Go(func() {
			for i := w; i < idleConns; i += 50 {
				c, err := net.Dial("tcp", addr)
				if err != nil {
					t.Error(err)
					failed.Add(1)
					return
				}
				clients[i] = c
				if !keepAlive {
					continue
				}
				c.SetDeadline(time.Now().Add(time.Minute))
				fmt.Fprintf(c, "GET /favicon.svg HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br\r\n\r\n")
				res, err := http.ReadResponse(bufio.NewReader(c), nil)
				if err == nil {
					_, err = io.Copy(io.Discard, res.Body)
				}
				if err != nil || res.StatusCode != 200 {
					t.Errorf("connection %d: %v", i, err)
					failed.Add(1)
					return
				}
			}
		})
	}
	wg.Wait()
	defer func() {
		for _, c := range clients {
			if c != nil {
				c.Close()
			}
		}
	}()
	if failed.Load() > 0 {
		t.FailNow()
	}
	opened := time.Since(opening)
	// All reach the state (on a loaded machine the first may already be gone when the last arrive).
	if !waitFor(time.Minute, func() bool {
		_, _, from := conns.closedSince()
		return conns.count(state)+from[state] == idleConns
	}) {
		t.Fatalf("%d of %d connections open in state %v", conns.count(state), idleConns, state)
	}
	runtime.GC()
	held, heldConns := readMemory(), conns.count(state)
	heldGoroutines := runtime.NumGoroutine()

	// Each client sees its connection closed: EOF, no response.
	var eofs atomic.Int32
	for _, c := range clients {
		wg.Go(func() {
			c.SetReadDeadline(time.Now().Add(*limit + time.Minute))
			if _, err := c.Read(make([]byte, 1)); errors.Is(err, io.EOF) {
				eofs.Add(1)
			}
		})
	}
	reclaim := time.Now()
	if !waitFor(*limit+time.Minute, func() bool { return conns.count(-1) == 0 }) {
		t.Fatalf("%d connections still open %v after the timeout (%v)", conns.count(-1), time.Minute, *limit)
	}
	reclaimed := time.Since(reclaim)
	wg.Wait()
	if eofs.Load() != idleConns {
		t.Errorf("%d of %d clients read EOF", eofs.Load(), idleConns)
	}
	shortest, longest, from := conns.closedSince()
	if shortest < *limit || from[state] != idleConns {
		t.Errorf("closed after %v to %v in their last state (timeout %v), from states %v", shortest, longest, *limit, from)
	}
	for i, c := range clients {
		c.Close()
		clients[i] = nil
	}
	if !waitFor(time.Minute, func() bool { return runtime.NumGoroutine() <= goroutines }) {
		t.Errorf("%d goroutines, %d before the connections", runtime.NumGoroutine(), goroutines)
	}
	runtime.GC()
	runtime.GC() // and what sync.Pools held
	after := readMemory()
	what := "keep-alive connections idle after one request (IdleTimeout"
	if !keepAlive {
		what = "connections that never sent a byte (ReadHeaderTimeout"
	}
	t.Logf("%d %s %v): opened in %v; all closed by the server %v after they all were %v, each %v to %v after it became %v; every client read EOF",
		idleConns, what, *limit, opened.Round(time.Millisecond), reclaimed.Round(time.Millisecond), state,
		shortest.Round(time.Millisecond), longest.Round(time.Millisecond), state)
	t.Logf("memory before: %v, %d goroutines; holding %d: %v, %d goroutines (%.1f KiB of heap per connection, both ends); after: %v, %d goroutines",
		before, goroutines, heldConns, held, heldGoroutines, (float64(held.heapInuse)-float64(before.heapInuse))/float64(heldConns)/1024, after, runtime.NumGoroutine())
}

// loadStalled requests the raw wasm (13.5 MB, more than the kernel buffers of a loopback
// connection hold) with the production limits and stops reading after 1 MiB: the server must
// close the connection, not before the stall timeout of 30 s.
func loadStalled(t *testing.T, h http.Handler, site fs.FS) {
	fi, err := fs.Stat(site, "hnnplay.wasm")
	if err != nil {
		t.Fatal(err)
	}
	conns := newConnTracker()
	addr := startServer(t, h, productionTimeouts, func(s *http.Server) { s.ConnState = conns.hook })
	c := dial(t, addr)
	start := time.Now()
	fmt.Fprintf(c, "GET /hnnplay.wasm HTTP/1.1\r\nHost: x\r\n\r\n")
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || res.ContentLength != fi.Size() || res.Header.Get("Content-Encoding") != "" {
		t.Fatalf("status %d, Content-Length %d, Content-Encoding %q", res.StatusCode, res.ContentLength, res.Header.Get("Content-Encoding"))
	}
	const read = 1 << 20
	if _, err := io.CopyN(io.Discard, res.Body, read); err != nil {
		t.Fatal(err)
	}
	stalled := time.Since(start)
	if !waitFor(productionTimeouts.Stall+time.Minute, func() bool { return conns.count(-1) == 0 }) {
		t.Fatalf("the server kept a stalled connection open %v after the stall timeout", time.Minute)
	}
	closed := time.Since(start)
	if shortest, _, _ := conns.closedSince(); shortest < productionTimeouts.Stall {
		t.Errorf("closed %v after the request, before the stall timeout %v", shortest, productionTimeouts.Stall)
	}
	rest, err := io.Copy(io.Discard, res.Body)
	if read+rest >= fi.Size() || err == nil {
		t.Errorf("the stalled client got %d of %d bytes (%v): not cut", read+rest, fi.Size(), err)
	}
	t.Logf("client stopped reading the raw wasm after %d bytes, %v after its request; the server closed the connection %v after the request (stall timeout %v); %d more bytes were in the buffers, %d of %d never sent",
		read, stalled.Round(time.Millisecond), closed.Round(time.Millisecond), productionTimeouts.Stall, rest, fi.Size()-read-rest, fi.Size())
}
