package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// The timeout tests run real connections with shortened limits. They assert only bounds that
// load cannot break: a deadline never fires early, so "closed at least Stall after the request"
// holds on any machine; the upper bounds are generous waits, not measurements.

// connTracker follows a server's connections through its ConnState hook.
type connTracker struct {
	mu     sync.Mutex
	state  map[net.Conn]http.ConnState
	since  map[net.Conn]time.Time // when each open connection entered its state
	closed []time.Duration        // for each closed connection, how long it was in its last state
	from   map[http.ConnState]int // how many connections closed from each state
	max    int                    // the most connections open at once
}

func newConnTracker() *connTracker {
	return &connTracker{state: map[net.Conn]http.ConnState{}, since: map[net.Conn]time.Time{}, from: map[http.ConnState]int{}}
}

// hook is the server's ConnState.
func (c *connTracker) hook(conn net.Conn, s http.ConnState) {
	now := time.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	if s == http.StateClosed || s == http.StateHijacked {
		c.closed = append(c.closed, now.Sub(c.since[conn]))
		c.from[c.state[conn]]++
		delete(c.state, conn)
		delete(c.since, conn)
		return
	}
	c.state[conn], c.since[conn] = s, now
	c.max = max(c.max, len(c.state))
}

// count returns the number of open connections in state s, or all open ones for s < 0.
func (c *connTracker) count(s http.ConnState) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s < 0 {
		return len(c.state)
	}
	n := 0
	for _, st := range c.state {
		if st == s {
			n++
		}
	}
	return n
}

// entered returns when the open connections in state s entered it.
func (c *connTracker) entered(s http.ConnState) []time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	var at []time.Time
	for conn, st := range c.state {
		if st == s {
			at = append(at, c.since[conn])
		}
	}
	return at
}

// closedSince returns, for the connections closed so far, the shortest and longest time each spent
// in the state it was closed from, and how many closed from each state.
func (c *connTracker) closedSince() (shortest, longest time.Duration, from map[http.ConnState]int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	from = maps.Clone(c.from)
	for i, d := range c.closed {
		if i == 0 || d < shortest {
			shortest = d
		}
		longest = max(longest, d)
	}
	return shortest, longest, from
}

// waitFor polls cond until it holds or limit passes; it reports whether it held.
func waitFor(limit time.Duration, cond func() bool) bool {
	for deadline := time.Now().Add(limit); ; time.Sleep(10 * time.Millisecond) {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
	}
}

// smallBuffers is a listener whose connections have a small kernel send buffer, so that a stalled
// client blocks the server after kilobytes rather than after the megabytes Linux allows on loopback.
type smallBuffers struct{ net.Listener }

func (l smallBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetWriteBuffer(16 << 10)
	}
	return c, err
}

// dial connects to addr; the connection closes when the test ends. (The client's receive buffer
// is left alone: shrinking it after connecting makes Linux crawl through zero-window probes, and
// before connecting takes platform-specific code. Its default, 128 KiB on Linux, is small
// beside the files the tests send.)
func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(2 * time.Minute))
	return c
}

// bigSite holds one large file without precompressed siblings.
func bigSite(size int) (fstest.MapFS, []byte) {
	rng := rand.New(rand.NewPCG(3, 4))
	data := make([]byte, size)
	for i := range data {
		data[i] = byte(rng.Uint32())
	}
	return fstest.MapFS{"big.wasm": {Data: data}, "index.html": {Data: []byte("<!doctype html>")}}, data
}

// startSlowServer serves fsys with the timeouts to on a listener with small send buffers; it
// returns the address and the server's connection tracker.
func startSlowServer(t *testing.T, fsys fstest.MapFS, to Timeouts) (string, *connTracker) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	conns := newConnTracker()
	addr := serveOn(t, smallBuffers{ln}, newServer(newTestHandler(t, fsys), to), func(s *http.Server) {
		s.ConnState = conns.hook
	})
	return addr, conns
}

// TestServeSlowReaderFinishes downloads a file at a slow, steady pace that keeps the response in
// progress for several stall timeouts (and far longer than the read and header timeouts): the
// write deadline moves with the progress, so the whole body arrives. The same connection then
// serves another request after a pause longer than the stall timeout: the deadline of one
// response does not outlive it.
func TestServeSlowReaderFinishes(t *testing.T) {
	t.Parallel()
	const (
		size  = 4 << 20
		piece = 16 << 10
		pause = 10 * time.Millisecond // at least size/piece*pause = 2.6 s in all
	)
	to := Timeouts{ReadHeader: 200 * time.Millisecond, Read: 200 * time.Millisecond, Idle: time.Minute, Stall: time.Second}
	fsys, data := bigSite(size)
	addr, conns := startSlowServer(t, fsys, to)
	c := dial(t, addr)
	br := bufio.NewReaderSize(c, piece)

	start := time.Now()
	fmt.Fprintf(c, "GET /big.wasm HTTP/1.1\r\nHost: x\r\n\r\n")
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || res.ContentLength != size {
		t.Fatalf("status %d, Content-Length %d", res.StatusCode, res.ContentLength)
	}
	got := make([]byte, 0, size)
	buf := make([]byte, piece)
	for len(got) < size {
		n, err := io.ReadFull(res.Body, buf)
		got = append(got, buf[:n]...)
		if err != nil && len(got) < size {
			t.Fatalf("after %d of %d bytes in %v: %v", len(got), size, time.Since(start), err)
		}
		time.Sleep(pause)
	}
	elapsed := time.Since(start)
	if string(got) != string(data) {
		t.Fatalf("body of %d bytes differs from the file", len(got))
	}
	// The server was writing until its connection went idle.
	if !waitFor(time.Minute, func() bool { return conns.count(http.StateIdle) == 1 }) {
		t.Fatal("the connection did not become idle after the response")
	}
	writing := conns.entered(http.StateIdle)[0].Sub(start)
	if writing < 2*to.Stall {
		t.Fatalf("the server wrote the response in %v, not several stall timeouts (%v): the test proves nothing", writing, to.Stall)
	}
	t.Logf("%d bytes at a steady pace: the server wrote for %v, the client read for %v; stall timeout %v",
		size, writing.Round(time.Millisecond), elapsed.Round(time.Millisecond), to.Stall)

	time.Sleep(2 * to.Stall)
	fmt.Fprintf(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	res, err = http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("second request on the connection: %v", err)
	}
	if b, err := io.ReadAll(res.Body); res.StatusCode != 200 || err != nil || string(b) != "<!doctype html>" {
		t.Errorf("second request: status %d, body %q, %v", res.StatusCode, b, err)
	}
}

// TestServeStalledReaderCut stops reading a large file after its first bytes: the server abandons
// the response once its connection has accepted nothing for the stall timeout, and closes it.
func TestServeStalledReaderCut(t *testing.T) {
	t.Parallel()
	const size = 8 << 20
	to := Timeouts{ReadHeader: time.Minute, Read: time.Minute, Idle: time.Minute, Stall: 300 * time.Millisecond}
	fsys, _ := bigSite(size)
	addr, conns := startSlowServer(t, fsys, to)
	c := dial(t, addr)
	br := bufio.NewReader(c)

	start := time.Now()
	fmt.Fprintf(c, "GET /big.wasm HTTP/1.1\r\nHost: x\r\n\r\n")
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || res.ContentLength != size {
		t.Fatalf("status %d, Content-Length %d", res.StatusCode, res.ContentLength)
	}
	if _, err := io.CopyN(io.Discard, res.Body, 64<<10); err != nil {
		t.Fatal(err)
	}
	// Stop reading; the server must close the connection by itself.
	if !waitFor(time.Minute, func() bool { return conns.count(-1) == 0 }) {
		t.Fatalf("the server kept the stalled connection open for a minute (stall timeout %v)", to.Stall)
	}
	elapsed := time.Since(start)
	if shortest, _, _ := conns.closedSince(); shortest < to.Stall {
		t.Errorf("closed %v after it became active, before the stall timeout %v", shortest, to.Stall)
	}
	// What the client still gets is what the buffers held: the body is cut short.
	rest, err := io.Copy(io.Discard, res.Body)
	if got := 64<<10 + rest; got >= size || err == nil {
		t.Errorf("stalled client got %d of %d bytes, read error %v: the response was not cut", got, size, err)
	}
	t.Logf("stalled after 64 KiB; the server closed the connection %v after the request (stall timeout %v); the client got %d of %d bytes (%v)",
		elapsed.Round(time.Millisecond), to.Stall, 64<<10+rest, size, err)
}

// TestServeProductionLimits pins what the server runs with: the limits of the package comment, no
// absolute write deadline (it would cut a slow download), `OPTIONS *` passed to the handler.
func TestServeProductionLimits(t *testing.T) {
	srv := newServer(http.NotFoundHandler(), productionTimeouts)
	if srv.ReadHeaderTimeout != 10*time.Second || srv.ReadTimeout != 20*time.Second || srv.IdleTimeout != 60*time.Second {
		t.Errorf("ReadHeaderTimeout %v, ReadTimeout %v, IdleTimeout %v", srv.ReadHeaderTimeout, srv.ReadTimeout, srv.IdleTimeout)
	}
	if srv.WriteTimeout != 0 {
		t.Errorf("WriteTimeout %v: a whole response must not have a deadline", srv.WriteTimeout)
	}
	if srv.MaxHeaderBytes != 16<<10 || !srv.DisableGeneralOptionsHandler {
		t.Errorf("MaxHeaderBytes %d, DisableGeneralOptionsHandler %v", srv.MaxHeaderBytes, srv.DisableGeneralOptionsHandler)
	}
	if productionTimeouts.Stall != 30*time.Second {
		t.Errorf("stall timeout %v", productionTimeouts.Stall)
	}
}

// deadlineRecorder is a ResponseWriter with write deadlines, as http.NewResponseController sees it.
type deadlineRecorder struct {
	*httptest.ResponseRecorder
	writes    []int
	deadlines []time.Time
	fail      bool // writes fail
}

func (d *deadlineRecorder) Write(p []byte) (int, error) {
	if d.fail {
		return 0, errors.New("write: i/o timeout")
	}
	d.writes = append(d.writes, len(p))
	return d.ResponseRecorder.Write(p)
}

func (d *deadlineRecorder) SetWriteDeadline(t time.Time) error {
	d.deadlines = append(d.deadlines, t)
	return nil
}

// TestServeProgressWriter checks the deadline bookkeeping: one deadline before the handler runs,
// each write passed on in chunks of at most progressChunk bytes, the deadline pushed forward
// after each chunk written and not after a failed one.
func TestServeProgressWriter(t *testing.T) {
	const stall = time.Hour
	size := 3*progressChunk + 1000
	fsys, data := bigSite(size)
	h := progressDeadline(newTestHandler(t, fsys), stall)
	d := &deadlineRecorder{ResponseRecorder: httptest.NewRecorder()}
	before := time.Now()
	h.ServeHTTP(d, httptest.NewRequest("GET", "/big.wasm", nil))
	if d.Body.String() != string(data) {
		t.Fatalf("body of %d bytes, want %d", d.Body.Len(), size)
	}
	for i, n := range d.writes {
		if n > progressChunk {
			t.Errorf("write %d of %d bytes, more than %d", i, n, progressChunk)
		}
	}
	if len(d.deadlines) != len(d.writes)+1 {
		t.Errorf("%d deadlines for %d writes, want one more", len(d.deadlines), len(d.writes))
	}
	for i, dl := range d.deadlines {
		if dl.Before(before.Add(stall)) || i > 0 && dl.Before(d.deadlines[i-1]) {
			t.Errorf("deadline %d at %v: not stall ahead, or moved back", i, dl)
		}
	}

	// A failing connection: the copy stops at the first error, no deadline follows it.
	d = &deadlineRecorder{ResponseRecorder: httptest.NewRecorder(), fail: true}
	h.ServeHTTP(d, httptest.NewRequest("GET", "/big.wasm", nil))
	if len(d.deadlines) != 1 {
		t.Errorf("failing writes: %d deadlines, want only the first", len(d.deadlines))
	}

	// A zero stall is no wrapper at all.
	if plain := newTestHandler(t, fsys); progressDeadline(plain, 0) != plain {
		t.Errorf("progressDeadline with stall 0 wraps the handler")
	}
	// A ResponseWriter without deadlines (a recorder) is served all the same.
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/big.wasm", nil))
	if rec.Code != 200 || rec.Body.Len() != size || rec.Header().Get("Content-Length") != strconv.Itoa(size) {
		t.Errorf("recorder: status %d, %d bytes", rec.Code, rec.Body.Len())
	}
}
