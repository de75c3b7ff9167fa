// Command hnnplay serves the hnnplay page: a static site (HTML, JavaScript and two Go→wasm programs)
// embedded in the binary.
//
//	go run . -addr 127.0.0.1:8080
//
// Run it through `make serve`, which builds the wasm programs into site/ first; go:embed takes
// whatever site/ holds at build time.
//
// What the server does, and why:
//
//   - Precompressed siblings. `make site` writes X.br (brotli) and X.gz (gzip -9) next to each
//     .wasm, .js, .html, .css and .svg file. A request for X is answered with X.br (Content-Encoding: br),
//     X.gz or X, whichever the client's Accept-Encoding weighs highest (q-values honoured; on a tie
//     br, then gzip, then X; see chooseRepresentation), always with `Vary: Accept-Encoding` and the
//     Content-Type of X. The siblings are never served under their own names, and only when X.gz
//     was compressed from the current X (see newHandler), so a hand-rebuilt .wasm is not shadowed.
//   - Caching. The file names carry no content hash (hnnplay.wasm is always hnnplay.wasm), so every
//     response says `Cache-Control: no-cache`: the browser keeps its copy but revalidates it; the
//     strong ETag (SHA-256 of each served representation, computed once at start-up) makes the
//     revalidation a 304 with no body.
//   - Security headers on every response the handler writes, errors included. The
//     Content-Security-Policy allows only this origin; Go's wasm needs 'wasm-unsafe-eval' for
//     WebAssembly.instantiate(Streaming). ebiten styles its canvas through element.style (CSSOM),
//     which CSP does not govern, so style-src stays 'self'. Embedding the page in an iframe
//     anywhere is a feature, so there is no X-Frame-Options and the policy has no frame-ancestors
//     directive: `frame-ancestors *` would match only network schemes and so refuse a slide deck
//     opened from a file: page.
//   - Only GET and HEAD (else 405 with Allow), `OPTIONS *` included (net/http would answer it 200
//     itself; newServer hands it to the handler); "/" is index.html; no directory listings (any
//     other directory is 404); only files present at start-up are served, so no path can escape
//     the tree.
//   - Timeouts that a slow link survives (see Timeouts and newServer): the request's headers must
//     arrive within 10 s, an idle keep-alive connection is closed after 60 s, and there is no
//     deadline on a whole response (the 13.5 MB wasm, 2.1 MB in brotli, takes minutes on a slow
//     mobile link) but one on progress: a response whose connection takes more than 30 s to accept
//     its next 32 KiB is abandoned and the connection closed. Request headers are limited to 16 KiB.
//
// Responses net/http writes itself, before or instead of calling the handler, carry none of the
// security headers: it answers a malformed request with 400 (bad request line or header, bad Host),
// headers over the limit with 431, an HTTP version it does not speak with 505, an unknown
// Transfer-Encoding with 501 and an Expect other than 100-continue with 417, all as short
// text/plain bodies of fixed text, followed by closing the connection. They are written straight
// to the connection (the handler never runs), so adding headers would mean rewriting the server's
// own output in a net.Conn wrapper; and a fixed plain-text message holds nothing of the client's
// choosing for a CSP or nosniff to neutralise.
package main

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"log"
	"mime"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

//go:embed site
var embedded embed.FS

// contentSecurityPolicy is sent with every response, so it is also the policy of the Web Worker
// (worker.js, which imports wasm_exec.js and instantiates worker.wasm). Everything comes from this
// origin; the explicit directives repeat 'self' to say what the page needs.
const contentSecurityPolicy = "default-src 'self'; " +
	"script-src 'self' 'wasm-unsafe-eval'; " +
	"worker-src 'self'; " +
	"style-src 'self'; " +
	"object-src 'none'; " +
	"base-uri 'none'; " +
	"form-action 'none'"

// contentTypes fixes the types the page needs, independent of the host's mime.types.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".wasm":        "application/wasm",
	".json":        "application/json",
	".png":         "image/png",
	".svg":         "image/svg+xml",
	".ico":         "image/x-icon",
	".txt":         "text/plain; charset=utf-8",
	".webmanifest": "application/manifest+json",
}

func contentType(name string) string {
	ext := path.Ext(name)
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// encodings lists the precompressed siblings in order of preference.
var encodings = []struct{ token, suffix string }{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// representation is one servable file: the original or a precompressed sibling.
type representation struct {
	name     string // path in the file system
	encoding string // Content-Encoding token, "" for the original
	etag     string
	size     int64
}

// asset is a file as the client names it, with its representations (the original last).
type asset struct {
	contentType string
	reps        []representation
}

type handler struct {
	fsys   fs.FS
	assets map[string]*asset // by slash path without leading "/", e.g. "index.html"
}

// newHandler indexes every regular file of fsys (hidden files excepted) and returns the handler
// that serves them. It reads each file once, for its ETag and to check the precompressed siblings.
//
// A sibling compressed from an older version of its original would serve stale code (a .wasm
// rebuilt by hand, then `go run .`), so the siblings of X are used only when X.gz holds X: its gzip
// trailer (CRC-32 and length of the uncompressed data) must match X. `make site` writes X.br and
// X.gz together; a stale pair is skipped with a warning, and a lone X.br is never trusted.
func newHandler(fsys fs.FS) (http.Handler, error) {
	files := map[string]digest{}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if name != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files[name], err = digestFile(fsys, name)
		}
		return err
	})
	if err != nil {
		return nil, err
	}

	h := &handler{fsys: fsys, assets: map[string]*asset{}}
	for name, d := range files {
		if stem, ok := siblingOf(name); ok {
			if _, ok := files[stem]; ok {
				continue // served only as a representation of stem
			}
		}
		a := &asset{contentType: contentType(name)}
		gz, ok := files[name+".gz"]
		if ok && !gz.holds(d) {
			log.Printf("ignoring %s.br and %s.gz: not compressed from the current %s (run make site)", name, name, name)
		}
		for _, e := range encodings {
			if sib, ok := files[name+e.suffix]; ok && gz.holds(d) {
				a.reps = append(a.reps, representation{name + e.suffix, e.token, sib.etag, sib.size})
			}
		}
		a.reps = append(a.reps, representation{name, "", d.etag, d.size})
		h.assets[name] = a
	}
	return h, nil
}

// siblingOf returns the original whose precompressed sibling name would be.
func siblingOf(name string) (string, bool) {
	for _, e := range encodings {
		if stem, ok := strings.CutSuffix(name, e.suffix); ok {
			return stem, true
		}
	}
	return "", false
}

// digest describes the bytes of a file.
type digest struct {
	etag string // strong entity tag: a truncated SHA-256
	size int64
	crc  uint32  // CRC-32 (IEEE)
	tail [8]byte // the last 8 bytes; for a gzip file, the CRC-32 and length of its content
}

// holds reports whether g, a gzip file's digest, has d's content (by CRC-32 and length).
func (g digest) holds(d digest) bool {
	return g.size >= 18 && // the smallest gzip file
		binary.LittleEndian.Uint32(g.tail[:4]) == d.crc &&
		binary.LittleEndian.Uint32(g.tail[4:]) == uint32(d.size)
}

func digestFile(fsys fs.FS, name string) (digest, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return digest{}, err
	}
	defer f.Close()
	sum, crc := sha256.New(), crc32.NewIEEE()
	var d digest
	n, err := io.Copy(io.MultiWriter(sum, crc, (*tail)(&d.tail)), f)
	if err != nil {
		return digest{}, fmt.Errorf("%s: %w", name, err)
	}
	d.etag = `"` + hex.EncodeToString(sum.Sum(nil)[:12]) + `"`
	d.size, d.crc = n, crc.Sum32()
	return d, nil
}

// tail is a writer that keeps the last 8 bytes written.
type tail [8]byte

func (t *tail) Write(p []byte) (int, error) {
	if len(p) >= len(t) {
		copy(t[:], p[len(p)-len(t):])
	} else {
		copy(t[:], t[len(p):])
		copy(t[len(t)-len(p):], p)
	}
	return len(p), nil
}

// setSecurityHeaders sets the headers every response of the handler carries.
func setSecurityHeaders(hdr http.Header) {
	hdr.Set("Content-Security-Policy", contentSecurityPolicy)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "no-referrer")
}

// copyBuffers recycles the buffers that copy response bodies (one per response in flight).
var copyBuffers = sync.Pool{New: func() any { return new([32 << 10]byte) }}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	setSecurityHeaders(hdr)

	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hdr.Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		http.NotFound(w, r)
		return
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if p == "/" {
		name = "index.html"
	}
	a, ok := h.assets[name]
	if !ok || strings.HasSuffix(p, "/") && p != "/" {
		http.NotFound(w, r)
		return
	}

	hdr.Set("Cache-Control", "no-cache")
	hdr.Set("Content-Type", a.contentType)
	if len(a.reps) > 1 {
		hdr.Add("Vary", "Accept-Encoding")
	}
	rep := chooseRepresentation(a.reps, r.Header.Values("Accept-Encoding"))
	hdr.Set("ETag", rep.etag)
	if noneMatch(strings.Join(r.Header.Values("If-None-Match"), ","), rep.etag) {
		hdr.Del("Content-Type")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	f, err := h.fsys.Open(rep.name)
	if err != nil {
		// The validator and caching rule describe the file, not this message (which still varies
		// with Accept-Encoding: only one representation may be missing).
		hdr.Del("ETag")
		hdr.Del("Cache-Control")
		log.Printf("%s: %v", rep.name, err)
		http.Error(w, "500 internal server error", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	if rep.encoding != "" {
		hdr.Set("Content-Encoding", rep.encoding)
	}
	// net/http's ServeContent leaves out Content-Length whenever Content-Encoding is set (because of
	// ranges), so the response is written here; there is no Range support, and none is advertised.
	hdr.Set("Content-Length", strconv.FormatInt(rep.size, 10))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		// An error here is the client's connection failing or stalling (see progressWriter): the
		// response is cut short and net/http closes the connection.
		buf := copyBuffers.Get().(*[32 << 10]byte)
		io.CopyBuffer(w, io.LimitReader(f, rep.size), buf[:])
		copyBuffers.Put(buf)
	}
}

// noneMatch reports whether an If-None-Match header lists etag ("*" matches any), by the weak
// comparison RFC 9110 prescribes for that header.
func noneMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

// chooseRepresentation picks the representation to send (reps lists the precompressed siblings in
// order of preference, the original last) for the Accept-Encoding field values of a request, by
// RFC 9110 (section 12.5.3):
//
//   - Each coding weighs its q-value (1 without one); a coding the header does not name weighs the
//     q-value of "*" if present, else 0 (not acceptable). x-gzip is gzip.
//   - The original (identity) is acceptable unless excluded by "identity;q=0", or by "*;q=0"
//     without an "identity" entry; when it is neither named nor covered by "*" it ranks below any
//     acceptable coding. So no header, or an empty one, gets the original.
//   - The acceptable representation with the highest weight wins; on a tie, the first in reps
//     (br before gzip before the original): "gzip;q=0.5, br;q=0.9" and "gzip, br" both get br,
//     "br;q=0.5, gzip" gets gzip, "br;q=0" never gets br.
//   - When nothing is acceptable ("*;q=0", or "identity;q=0" for a file without siblings), the
//     header is disregarded and the original is sent, as section 12.1 allows in place of a 406:
//     a client that refuses every coding gets the bytes rather than an error page.
//
// The parser is strict about q-values (a digit 0 or 1 and at most three decimals) and lenient
// about the rest: an element whose coding is not a token or whose q-value is malformed is ignored
// as a whole, so junk never makes a coding acceptable; a coding named twice keeps its lowest weight.
func chooseRepresentation(reps []representation, acceptEncoding []string) representation {
	weights := parseAcceptEncoding(acceptEncoding)
	best, bestWeight := len(reps)-1, -1
	for i, rep := range reps {
		coding := rep.encoding
		if coding == "" {
			coding = "identity"
		}
		w, ok := weights[coding]
		if !ok {
			w, ok = weights["*"]
		}
		switch {
		case ok && w == 0:
			continue // excluded
		case !ok && coding != "identity":
			continue // not named
		case !ok:
			w = 0 // identity, acceptable by default, ranks last
		}
		if w > bestWeight {
			best, bestWeight = i, w
		}
	}
	return reps[best]
}

// parseAcceptEncoding returns the weight of each content coding (lower case, "*" included) that
// the Accept-Encoding field values name, in thousandths (q=0.5 is 500); see chooseRepresentation.
func parseAcceptEncoding(values []string) map[string]int {
	weights := map[string]int{}
	for _, value := range values {
	elements:
		for _, element := range strings.Split(value, ",") {
			coding, params, _ := strings.Cut(element, ";")
			coding = strings.ToLower(strings.TrimSpace(coding))
			if !isToken(coding) {
				continue // empty list elements are allowed; junk is ignored
			}
			if coding == "x-gzip" {
				coding = "gzip"
			}
			weight := 1000
			if params != "" {
				for _, p := range strings.Split(params, ";") {
					k, v, _ := strings.Cut(p, "=")
					if !strings.EqualFold(strings.TrimSpace(k), "q") {
						continue // other parameters carry nothing for us
					}
					var ok bool
					if weight, ok = parseQValue(strings.TrimSpace(v)); !ok {
						continue elements
					}
				}
			}
			if w, dup := weights[coding]; !dup || weight < w {
				weights[coding] = weight
			}
		}
	}
	return weights
}

// parseQValue parses an RFC 9110 qvalue, "0" to "1" with at most three decimals, in thousandths.
func parseQValue(s string) (int, bool) {
	if len(s) == 0 || len(s) > 5 || s[0] != '0' && s[0] != '1' {
		return 0, false
	}
	whole := int(s[0]-'0') * 1000
	if len(s) == 1 {
		return whole, true
	}
	if s[1] != '.' {
		return 0, false
	}
	frac, scale := 0, 100
	for _, c := range []byte(s[2:]) {
		if c < '0' || c > '9' || whole == 1000 && c != '0' {
			return 0, false
		}
		frac += int(c-'0') * scale
		scale /= 10
	}
	return whole + frac, true
}

// isToken reports whether s is an RFC 9110 token (what a content coding's name must be).
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}

// The production limits. A visitor on a slow mobile link is the case to serve: at 1 Mbit/s the
// brotli wasm (2.1 MB) takes 17 s and the raw one (13.5 MB, for a client without br or gzip)
// almost 2 minutes, so no deadline may bound a whole response; what is bounded is waiting.
const (
	// readHeaderTimeout bounds the request line and headers, which a browser sends in one packet:
	// 10 s is many round trips of a poor link, and frees a connection that never sends a request
	// (or trickles one, slowloris-style) soon.
	readHeaderTimeout = 10 * time.Second
	// readTimeout bounds the whole request, body included. The site takes no bodies (GET and HEAD
	// only); it only limits how long a refused request may take to arrive.
	readTimeout = 20 * time.Second
	// idleTimeout bounds a keep-alive connection's wait for its next request. The page's requests
	// come in one burst, then a revalidation when it is reloaded; 60 s keeps a connection for a
	// quick reload and gives back its goroutine and buffers soon after.
	idleTimeout = 60 * time.Second
	// stallTimeout bounds how long a response may wait for the connection to accept the next
	// chunk (32 KiB) of its body: a client that stops reading is dropped after it, while a slow
	// one that keeps reading (at least 32 KiB per 30 s, about 1 KiB/s) is never cut. 30 s rides
	// out a mobile hand-over or a burst of retransmissions.
	stallTimeout = 30 * time.Second
	// maxHeaderBytes bounds the request line and headers: a browser's request for this site
	// (no cookies of its own) is under 1 KiB; 16 KiB leaves room for cookies of a shared host.
	maxHeaderBytes = 16 << 10
)

// Timeouts are the time limits of a server (see newServer); tests shorten them. A zero field
// means no limit, except that net/http uses Read for a zero ReadHeader or Idle.
type Timeouts struct {
	ReadHeader time.Duration // to read a request's line and headers
	Read       time.Duration // to read a whole request, body included
	Idle       time.Duration // for a keep-alive connection to start its next request
	Stall      time.Duration // for a response's connection to accept the next chunk of its body
}

// productionTimeouts are the limits `go run .` serves with.
var productionTimeouts = Timeouts{
	ReadHeader: readHeaderTimeout,
	Read:       readTimeout,
	Idle:       idleTimeout,
	Stall:      stallTimeout,
}

// newServer returns the server of h with the limits t: header, read and idle timeouts, a 16 KiB
// header limit, a write deadline that follows the progress of each response (progressDeadline)
// and no absolute one, and `OPTIONS *` passed to h instead of answered 200 by net/http.
func newServer(h http.Handler, t Timeouts) *http.Server {
	return &http.Server{
		Handler:                      progressDeadline(h, t.Stall),
		ReadHeaderTimeout:            t.ReadHeader,
		ReadTimeout:                  t.Read,
		IdleTimeout:                  t.Idle,
		MaxHeaderBytes:               maxHeaderBytes,
		DisableGeneralOptionsHandler: true,
	}
}

// progressChunk is the largest write that progressWriter passes on at once: the deadline moves
// after each chunk, so a client must accept this much per stall timeout.
const progressChunk = 32 << 10

// progressDeadline wraps h so that each response's connection has a write deadline stall ahead,
// pushed forward after every chunk the connection accepts: a response makes progress or is
// abandoned, however long the whole takes. net/http clears the deadline after each request. A
// zero stall leaves h as it is.
func progressDeadline(h http.Handler, stall time.Duration) http.Handler {
	if stall <= 0 {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pw := &progressWriter{ResponseWriter: w, rc: http.NewResponseController(w), stall: stall}
		pw.extend()
		h.ServeHTTP(pw, r)
	})
}

// progressWriter is a ResponseWriter whose writes go out in chunks of at most progressChunk bytes,
// each extending the connection's write deadline by stall once written.
type progressWriter struct {
	http.ResponseWriter
	rc    *http.ResponseController
	stall time.Duration
	off   bool // the ResponseWriter has no deadlines (a test's recorder)
}

func (w *progressWriter) extend() {
	if !w.off && w.rc.SetWriteDeadline(time.Now().Add(w.stall)) != nil {
		w.off = true
	}
}

func (w *progressWriter) Write(p []byte) (int, error) {
	n := 0
	for len(p) > 0 {
		chunk := p[:min(len(p), progressChunk)]
		m, err := w.ResponseWriter.Write(chunk)
		n += m
		if err != nil {
			return n, err
		}
		w.extend()
		p = p[m:]
	}
	return n, nil
}

// Unwrap gives http.NewResponseController the underlying ResponseWriter.
func (w *progressWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on (host:port)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("hnnplay: ")

	site, err := fs.Sub(embedded, "site")
	if err != nil {
		log.Fatal(err)
	}
	if _, err := fs.Stat(site, "hnnplay.wasm"); err != nil {
		log.Fatal("site/hnnplay.wasm was not built into this binary; run `make serve` (or `make site` before `go run .`)")
	}
	h, err := newHandler(site)
	if err != nil {
		log.Fatal(err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	srv := newServer(h, productionTimeouts)
	fmt.Printf("hnnplay: serving http://%s/\n", ln.Addr())

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		log.Fatal(err)
	case <-ctx.Done():
	}
	stop()
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		log.Fatalf("shutdown: %v", err)
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
	fmt.Println("hnnplay: stopped")
}
