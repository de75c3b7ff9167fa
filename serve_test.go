package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// gz returns s gzip-compressed, as `make site` writes a .gz sibling.
func gz(s string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

// testSite stands in for the built site: an app with both precompressed siblings, a script with
// only a gzip sibling, a stale pair, a lone .br, a file in a directory, a hidden file and a lone
// archive.
func testSite() fstest.MapFS {
	files := map[string]string{
		"index.html":       "<!doctype html><title>hnnplay</title>",
		"app.wasm":         "\x00asm raw",
		"app.wasm.br":      "BROTLI",
		"app.wasm.gz":      gz("\x00asm raw"),
		"wasm_exec.js":     "// go",
		"wasm_exec.js.gz":  gz("// go"),
		"style.css":        "body{}",
		"style.css.br":     "STALE",
		"style.css.gz":     gz("body{color:red}"),
		"lone.js":          "// lone",
		"lone.js.br":       "UNVERIFIED",
		"img/logo.svg":     "<svg/>",
		".gitkeep":         "",
		"data/archive.gz":  "ARCHIVE",
		"data/plain.json":  "{}",
		"data/plain.json~": "backup",
	}
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// newTestHandler returns the handler of fsys; what it logs (warnings about stale siblings) goes to
// the test's log.
func newTestHandler(t *testing.T, fsys fs.FS) http.Handler {
	t.Helper()
	var logged bytes.Buffer
	log.SetOutput(&logged)
	defer log.SetOutput(os.Stderr)
	h, err := newHandler(fsys)
	if err != nil {
		t.Fatalf("newHandler: %v", err)
	}
	if logged.Len() > 0 {
		t.Log(strings.TrimSpace(logged.String()))
	}
	return h
}

func do(h http.Handler, method, target string, header ...string) *http.Response {
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestServeIndex(t *testing.T) {
	h := newTestHandler(t, testSite())
	for _, target := range []string{"/", "/index.html"} {
		res := do(h, "GET", target)
		if res.StatusCode != 200 {
			t.Fatalf("GET %s: status %d", target, res.StatusCode)
		}
		if got := body(t, res); got != "<!doctype html><title>hnnplay</title>" {
			t.Errorf("GET %s: body %q", target, got)
		}
		want := map[string]string{
			"Content-Type":   "text/html; charset=utf-8",
			"Cache-Control":  "no-cache",
			"Content-Length": "37",
		}
		for k, v := range want {
			if got := res.Header.Get(k); got != v {
				t.Errorf("GET %s: %s = %q, want %q", target, k, got, v)
			}
		}
		if res.Header.Get("ETag") == "" {
			t.Errorf("GET %s: no ETag", target)
		}
		if v := res.Header.Get("Vary"); v != "" {
			t.Errorf("GET %s: Vary = %q for a file without precompressed siblings", target, v)
		}
	}
}

func TestServeSecurityHeaders(t *testing.T) {
	h := newTestHandler(t, testSite())
	for _, c := range []struct{ method, target string }{
		{"GET", "/"}, {"GET", "/app.wasm"}, {"GET", "/missing"}, {"POST", "/"}, {"HEAD", "/style.css"},
	} {
		res := do(h, c.method, c.target)
		csp := res.Header.Get("Content-Security-Policy")
		for _, directive := range []string{
			"default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self'",
		} {
			if !strings.Contains(csp, directive) {
				t.Errorf("%s %s: CSP %q lacks %q", c.method, c.target, csp, directive)
			}
		}
		// Any page may frame it, one opened from a file included: no frame-ancestors at all
		// (its "*" matches network schemes only).
		if strings.Contains(csp, "frame-ancestors") {
			t.Errorf("%s %s: CSP %q restricts framing", c.method, c.target, csp)
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "'unsafe-eval'") {
			t.Errorf("%s %s: CSP %q allows inline script or eval", c.method, c.target, csp)
		}
		if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s %s: X-Content-Type-Options = %q", c.method, c.target, got)
		}
		if got := res.Header.Get("Referrer-Policy"); got != "no-referrer" {
			t.Errorf("%s %s: Referrer-Policy = %q", c.method, c.target, got)
		}
		// The page is meant to be embedded in iframes anywhere.
		if got := res.Header.Get("X-Frame-Options"); got != "" {
			t.Errorf("%s %s: X-Frame-Options = %q", c.method, c.target, got)
		}
	}
}

func TestServeContentTypes(t *testing.T) {
	h := newTestHandler(t, testSite())
	for target, want := range map[string]string{
		"/app.wasm":        "application/wasm",
		"/wasm_exec.js":    "text/javascript; charset=utf-8",
		"/style.css":       "text/css; charset=utf-8",
		"/img/logo.svg":    "image/svg+xml",
		"/data/plain.json": "application/json",
	} {
		for _, ae := range []string{"", "br, gzip"} {
			res := do(h, "GET", target, "Accept-Encoding", ae)
			if res.StatusCode != 200 {
				t.Fatalf("GET %s (Accept-Encoding %q): status %d", target, ae, res.StatusCode)
			}
			if got := res.Header.Get("Content-Type"); got != want {
				t.Errorf("GET %s (Accept-Encoding %q): Content-Type %q, want %q", target, ae, got, want)
			}
		}
	}
	if got := newTestHandler(t, fstest.MapFS{"x.png": {Data: []byte("p")}}); do(got, "GET", "/x.png").Header.Get("Content-Type") != "image/png" {
		t.Errorf(".png is not image/png")
	}
}

func TestServePrecompressed(t *testing.T) {
	h := newTestHandler(t, testSite())
	for _, c := range []struct {
		target, acceptEncoding, encoding, body string
	}{
		{"/app.wasm", "gzip, deflate, br, zstd", "br", "BROTLI"},
		{"/app.wasm", "br", "br", "BROTLI"},
		{"/app.wasm", "gzip", "gzip", gz("\x00asm raw")},
		{"/app.wasm", "br;q=0, gzip;q=0.5", "gzip", gz("\x00asm raw")},
		{"/app.wasm", "BR ; Q=1", "br", "BROTLI"},
		{"/app.wasm", "*", "br", "BROTLI"},
		{"/app.wasm", "*, br;q=0", "gzip", gz("\x00asm raw")},
		{"/app.wasm", "identity", "", "\x00asm raw"},
		{"/app.wasm", "", "", "\x00asm raw"},
		{"/app.wasm", "deflate, zstd", "", "\x00asm raw"},
		{"/wasm_exec.js", "br, gzip", "gzip", gz("// go")},
		{"/wasm_exec.js", "br", "", "// go"},
		// Siblings compressed from another version of the original are never served,
		{"/style.css", "br, gzip", "", "body{}"},
		// nor is a .br without a .gz to check it against.
		{"/lone.js", "br, gzip", "", "// lone"},
	} {
		res := do(h, "GET", c.target, "Accept-Encoding", c.acceptEncoding)
		if res.StatusCode != 200 {
			t.Fatalf("GET %s (Accept-Encoding %q): status %d", c.target, c.acceptEncoding, res.StatusCode)
		}
		if got := res.Header.Get("Content-Encoding"); got != c.encoding {
			t.Errorf("GET %s (Accept-Encoding %q): Content-Encoding %q, want %q", c.target, c.acceptEncoding, got, c.encoding)
		}
		if got := body(t, res); got != c.body {
			t.Errorf("GET %s (Accept-Encoding %q): body %q, want %q", c.target, c.acceptEncoding, got, c.body)
		}
		if got, want := res.Header.Get("Content-Length"), len(c.body); got != strconv.Itoa(want) {
			t.Errorf("GET %s (Accept-Encoding %q): Content-Length %s, want %d", c.target, c.acceptEncoding, got, want)
		}
		if vary := c.target == "/app.wasm" || c.target == "/wasm_exec.js"; vary != (res.Header.Get("Vary") == "Accept-Encoding") {
			t.Errorf("GET %s (Accept-Encoding %q): Vary %q", c.target, c.acceptEncoding, res.Header.Get("Vary"))
		}
	}
}

func TestServeSiblingsHidden(t *testing.T) {
	h := newTestHandler(t, testSite())
	for _, target := range []string{"/app.wasm.br", "/app.wasm.gz", "/wasm_exec.js.gz", "/style.css.br", "/style.css.gz", "/lone.js.br", "/.gitkeep"} {
		if res := do(h, "GET", target, "Accept-Encoding", "br, gzip"); res.StatusCode != 404 {
			t.Errorf("GET %s: status %d, want 404", target, res.StatusCode)
		}
	}
	// A .gz without an original beside it is an ordinary file, not a content coding.
	res := do(h, "GET", "/data/archive.gz", "Accept-Encoding", "gzip")
	if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "" || body(t, res) != "ARCHIVE" {
		t.Errorf("GET /data/archive.gz: status %d, Content-Encoding %q", res.StatusCode, res.Header.Get("Content-Encoding"))
	}
}

func TestServeETag(t *testing.T) {
	h := newTestHandler(t, testSite())
	tags := map[string]string{}
	for _, ae := range []string{"br", "gzip", ""} {
		res := do(h, "GET", "/app.wasm", "Accept-Encoding", ae)
		tag := res.Header.Get("ETag")
		if !strings.HasPrefix(tag, `"`) || !strings.HasSuffix(tag, `"`) || len(tag) < 10 {
			t.Fatalf("Accept-Encoding %q: ETag %q is not a strong entity tag", ae, tag)
		}
		if other, dup := tags[tag]; dup {
			t.Errorf("Accept-Encoding %q and %q share ETag %s", ae, other, tag)
		}
		tags[tag] = ae

		// Revalidation: 304, no body, same validator; a changed tag gets the full body.
		res = do(h, "GET", "/app.wasm", "Accept-Encoding", ae, "If-None-Match", tag)
		if res.StatusCode != http.StatusNotModified {
			t.Errorf("If-None-Match %s: status %d, want 304", tag, res.StatusCode)
		}
		if b := body(t, res); b != "" {
			t.Errorf("304 has body %q", b)
		}
		if res.Header.Get("ETag") != tag {
			t.Errorf("304 ETag %q, want %q", res.Header.Get("ETag"), tag)
		}
		res = do(h, "GET", "/app.wasm", "Accept-Encoding", ae, "If-None-Match", `"stale"`)
		if res.StatusCode != 200 {
			t.Errorf("If-None-Match \"stale\": status %d, want 200", res.StatusCode)
		}
	}
	// The same content has the same tag in another handler (computed from the bytes).
	again := do(newTestHandler(t, testSite()), "GET", "/app.wasm").Header.Get("ETag")
	if tags[again] != "" {
		t.Errorf("ETag of the identity representation changed between handlers: %s", again)
	}
}

func TestServeHead(t *testing.T) {
	h := newTestHandler(t, testSite())
	res := do(h, "HEAD", "/app.wasm", "Accept-Encoding", "br")
	if res.StatusCode != 200 {
		t.Fatalf("HEAD: status %d", res.StatusCode)
	}
	if b := body(t, res); b != "" {
		t.Errorf("HEAD body %q", b)
	}
	if res.Header.Get("Content-Length") != "6" || res.Header.Get("Content-Encoding") != "br" {
		t.Errorf("HEAD: Content-Length %q, Content-Encoding %q", res.Header.Get("Content-Length"), res.Header.Get("Content-Encoding"))
	}
}

func TestServeMethods(t *testing.T) {
	h := newTestHandler(t, testSite())
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS"} {
		res := do(h, m, "/")
		if res.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s /: status %d, want 405", m, res.StatusCode)
		}
		if got := res.Header.Get("Allow"); got != "GET, HEAD" {
			t.Errorf("%s /: Allow %q", m, got)
		}
	}
}

func TestServeNotFound(t *testing.T) {
	h := newTestHandler(t, testSite())
	for _, target := range []string{
		"/missing", "/img", "/img/", "/data/", "/index.html/", "/img/logo.svg/", "//", "/./",
	} {
		if res := do(h, "GET", target); res.StatusCode != 404 {
			t.Errorf("GET %s: status %d, want 404", target, res.StatusCode)
		}
	}
	// Non-canonical paths resolve inside the tree or not at all.
	for target, want := range map[string]int{
		"/img/../index.html": 200,
		"/img//logo.svg":     200,
		"/img/./logo.svg":    200,
	} {
		if res := do(h, "GET", target); res.StatusCode != want {
			t.Errorf("GET %s: status %d, want %d", target, res.StatusCode, want)
		}
	}
}

// TestServeNoEscape serves a real directory with a secret beside it.
func TestServeNoEscape(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if err := os.Mkdir(site, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		filepath.Join(dir, "secret"):      "secret",
		filepath.Join(site, "index.html"): "index",
	} {
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(dir, "secret"), filepath.Join(site, "link")); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(newTestHandler(t, os.DirFS(site)))
	defer srv.Close()
	for _, target := range []string{"/../secret", "/%2e%2e/secret", "/..%2fsecret", "/a/../../secret", "/link", "/..\\secret"} {
		// Send the path as written, bypassing client-side cleaning.
		r, err := http.NewRequest("GET", srv.URL, nil)
		if err != nil {
			t.Fatal(err)
		}
		r.URL.Opaque = target
		res, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		b := body(t, res)
		res.Body.Close()
		if res.StatusCode == 200 || strings.Contains(b, "secret") {
			t.Errorf("GET %s: status %d, body %q", target, res.StatusCode, b)
		}
	}
}

func TestEmbeddedSite(t *testing.T) {
	site, err := fs.Sub(embedded, "site")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Stat(site, "index.html"); err != nil {
		t.Fatalf("site/index.html is not embedded: %v", err)
	}
	if _, err := newHandler(site); err != nil {
		t.Fatal(err)
	}
}

// TestServeSiblingCheckLarge checks the gzip-trailer comparison on files read in many chunks.
func TestServeSiblingCheckLarge(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	raw := make([]byte, 300_001)
	for i := range raw {
		raw[i] = byte(rng.IntN(16)) // compressible, not trivially
	}
	fsys := fstest.MapFS{
		"big.wasm":    {Data: raw},
		"big.wasm.gz": {Data: []byte(gz(string(raw)))},
		"big.wasm.br": {Data: []byte("BR")},
	}
	res := do(newTestHandler(t, fsys), "GET", "/big.wasm", "Accept-Encoding", "br")
	if got := res.Header.Get("Content-Encoding"); got != "br" {
		t.Errorf("Content-Encoding %q, want br: the matching .gz was not recognised", got)
	}
	raw[len(raw)-1]++ // the original changes after compression
	res = do(newTestHandler(t, fsys), "GET", "/big.wasm", "Accept-Encoding", "br")
	if got := res.Header.Get("Content-Encoding"); got != "" {
		t.Errorf("Content-Encoding %q for a stale sibling", got)
	}
	if got := body(t, res); got != string(raw) {
		t.Errorf("stale sibling: body of %d bytes, want the %d-byte original", len(got), len(raw))
	}
}

// TestServeAcceptEncodingQ checks the choice among br, gzip and the original by q-value.
func TestServeAcceptEncodingQ(t *testing.T) {
	h := newTestHandler(t, testSite())
	for _, c := range []struct {
		acceptEncoding string
		want           string // Content-Encoding of /app.wasm (br, gzip and the original)
	}{
		{"gzip;q=0.5, br;q=0.9", "br"},
		{"br;q=0.5, gzip;q=0.9", "gzip"},
		{"br;q=0.5, gzip", "gzip"},
		{"gzip, br", "br"}, // a tie goes to the server's preference
		{"br;q=0", ""},
		{"br;q=0, gzip;q=0", ""},
		{"br;q=0.001", "br"}, // the least weight still beats an unnamed original
		{"x-gzip", "gzip"},
		{"gzip;q=0.2, identity;q=0.5", ""},
		{"gzip;q=0.5, identity;q=0.5", "gzip"},
		{"identity;q=0", ""}, // nothing acceptable: the original, not a 406
		{"identity;q=0, gzip;q=0.1", "gzip"},
		{"*;q=0", ""},
		{"*;q=0, gzip", "gzip"},
		{"*;q=0.5, br;q=0.4", "gzip"}, // gzip weighs 0.5 by "*"
		{"*;q=0.3, identity", ""},
		{"br;q=1.000, gzip;q=0.999", "br"},
		// A coding named twice keeps its lowest weight.
		{"br, br;q=0", ""},
		{"br;q=0, br", ""},
		// Several field lines are one list.
		{"identity;q=0.1\x00br;q=0.5", "br"},
		// Junk never makes a coding acceptable: the element is ignored.
		{"br;q=abc", ""},
		{"br;q=NaN", ""},
		{"br;q=1e3", ""},
		{"br;q=-1", ""},
		{"br;q=.5", ""},
		{"br;q=1.5", ""},
		{"br;q=0.0001", ""},
		{"br;q=2", ""},
		{"br;q=", ""},
		{"b r, gzip;q=0.1", "gzip"},
		{"br\x7f, gzip;q=0.1", "gzip"},
		{";q=1, ,,, br;;", "br"},
		{"br;level=5;q=0.2, gzip;q=0.1", "br"},
		{"br ;  q=0.2 , gzip ; q=0.3", "gzip"},
	} {
		r := httptest.NewRequest("GET", "/app.wasm", nil)
		for _, v := range strings.Split(c.acceptEncoding, "\x00") {
			r.Header.Add("Accept-Encoding", v)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		res := w.Result()
		if got := res.Header.Get("Content-Encoding"); res.StatusCode != 200 || got != c.want {
			t.Errorf("Accept-Encoding %q: status %d, Content-Encoding %q, want %q", c.acceptEncoding, res.StatusCode, got, c.want)
		}
	}
}

func TestServeParseQValue(t *testing.T) {
	for s, want := range map[string]int{"0": 0, "1": 1000, "0.5": 500, "0.25": 250, "0.125": 125, "0.": 0, "1.": 1000, "1.0": 1000, "1.000": 1000} {
		if got, ok := parseQValue(s); !ok || got != want {
			t.Errorf("parseQValue(%q) = %d, %v, want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "2", "1.001", "0.0001", "00", "0,5", " 0.5", "+1", "0.5x", "1.5", "0x1"} {
		if got, ok := parseQValue(s); ok {
			t.Errorf("parseQValue(%q) = %d, accepted", s, got)
		}
	}
}

// TestServeIfNoneMatchLines: the tags may come in several field lines.
func TestServeIfNoneMatchLines(t *testing.T) {
	h := newTestHandler(t, testSite())
	tag := do(h, "GET", "/app.wasm").Header.Get("ETag")
	r := httptest.NewRequest("GET", "/app.wasm", nil)
	r.Header.Add("If-None-Match", `"other"`)
	r.Header.Add("If-None-Match", tag)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusNotModified {
		t.Errorf("If-None-Match on two lines: status %d, want 304", w.Code)
	}
}

// checkSecurityHeaders reports a response whose security headers are not those of the handler.
func checkSecurityHeaders(t *testing.T, what string, hdr http.Header) {
	t.Helper()
	for k, v := range map[string]string{
		"Content-Security-Policy": contentSecurityPolicy,
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
	} {
		if got := hdr.Get(k); got != v {
			t.Errorf("%s: %s = %q, want %q", what, k, got, v)
		}
	}
}

// TestServeInternalError: a file that can no longer be opened is a 500 that keeps the security
// headers and drops those describing the file (a plain-text message must not claim to be br).
func TestServeInternalError(t *testing.T) {
	fsys := testSite()
	h := newTestHandler(t, fsys)
	delete(fsys, "app.wasm.br")
	var logged bytes.Buffer
	log.SetOutput(&logged)
	res := do(h, "GET", "/app.wasm", "Accept-Encoding", "br")
	log.SetOutput(os.Stderr)
	if res.StatusCode != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", res.StatusCode)
	}
	checkSecurityHeaders(t, "500", res.Header)
	for _, k := range []string{"Content-Encoding", "ETag", "Cache-Control"} {
		if v := res.Header.Get(k); v != "" {
			t.Errorf("500: %s = %q", k, v)
		}
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("500: Content-Type %q", ct)
	}
	if !strings.Contains(logged.String(), "app.wasm.br") {
		t.Errorf("500 not logged: %q", logged.String())
	}
}

// startServer serves h through newServer(h, to) on a loopback port, after configure (if not nil)
// has adjusted the server; it returns the server's address. The server stops when the test ends.
func startServer(t testing.TB, h http.Handler, to Timeouts, configure func(*http.Server)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return serveOn(t, ln, newServer(h, to), configure)
}

// serveOn serves srv on ln, after configure (if not nil) has adjusted it, until the test ends; it
// returns the listener's address.
func serveOn(t testing.TB, ln net.Listener, srv *http.Server, configure func(*http.Server)) string {
	t.Helper()
	if configure != nil {
		configure(srv)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// rawRequest sends request as written on a new connection and returns the response.
func rawRequest(t *testing.T, addr, request string) (*http.Response, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(30 * time.Second))
	if _, err := io.WriteString(c, request); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("%q: %v", request, err)
	}
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// TestServeRealServer checks what only a real server shows: `OPTIONS *` refused with the security
// headers (net/http answers 200 itself unless told otherwise), the header limit, and that
// net/http's own replies to malformed requests are errors (without the headers; see the package
// comment).
func TestServeRealServer(t *testing.T) {
	addr := startServer(t, newTestHandler(t, testSite()), productionTimeouts, nil)

	res, _ := rawRequest(t, addr, "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n")
	if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("OPTIONS *: status %d, Allow %q; want 405, GET, HEAD", res.StatusCode, res.Header.Get("Allow"))
	}
	checkSecurityHeaders(t, "OPTIONS *", res.Header)

	for _, c := range []struct {
		request string
		status  int
	}{
		{"GET * HTTP/1.1\r\nHost: x\r\n\r\n", 404},
		{"OPTIONS / HTTP/1.1\r\nHost: x\r\n\r\n", 405},
		{"CONNECT x:443 HTTP/1.1\r\nHost: x:443\r\n\r\n", 405},
		{"GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 404},
		{"GET /app.wasm HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip;q=0.5, br;q=0.9\r\n\r\n", 200},
		// Headers just under the limit pass.
		{"GET / HTTP/1.1\r\nHost: x\r\nX-Pad: " + strings.Repeat("a", maxHeaderBytes-100) + "\r\n\r\n", 200},
	} {
		res, _ := rawRequest(t, addr, c.request)
		if res.StatusCode != c.status {
			t.Errorf("%.60q: status %d, want %d", c.request, res.StatusCode, c.status)
		}
		checkSecurityHeaders(t, fmt.Sprintf("%.60q", c.request), res.Header)
	}

	// Written by net/http itself.
	for _, c := range []struct {
		request string
		status  int
	}{
		// net/http allows 4 KiB beyond MaxHeaderBytes before it refuses.
		{"GET / HTTP/1.1\r\nHost: x\r\nX-Pad: " + strings.Repeat("a", maxHeaderBytes+8<<10) + "\r\n\r\n", 431},
		{"GET " + strings.Repeat("/a", maxHeaderBytes) + " HTTP/1.1\r\nHost: x\r\n\r\n", 431},
		{"GET / HTTP/1.1\r\n\r\n", 400}, // no Host
		{"GET / HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n", 400},
		{"GET / HTTP/3.0\r\nHost: x\r\n\r\n", 505},
		{"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: rot13\r\n\r\n", 501},
		{"GET / HTTP/1.1\r\nHost: x\r\nExpect: coffee\r\n\r\n", 417},
	} {
		res, _ := rawRequest(t, addr, c.request)
		if res.StatusCode != c.status {
			t.Errorf("%.60q: status %d, want %d", c.request, res.StatusCode, c.status)
		}
	}
}
