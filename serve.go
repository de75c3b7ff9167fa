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
//     .wasm, .js, .html, .css and .svg file. A request for X is answered with X.br (Content-Encoding: br) when the
//     client accepts br, else X.gz, else X, always with `Vary: Accept-Encoding` and the
//     Content-Type of X. The siblings are never served under their own names, and only when X.gz
//     was compressed from the current X (see newHandler), so a hand-rebuilt .wasm is not shadowed.
//   - Caching. The file names carry no content hash (hnnplay.wasm is always hnnplay.wasm), so every
//     response says `Cache-Control: no-cache`: the browser keeps its copy but revalidates it; the
//     strong ETag (SHA-256 of each served representation, computed once at start-up) makes the
//     revalidation a 304 with no body.
//   - Security headers on every response, including errors. The Content-Security-Policy allows only
//     this origin; Go's wasm needs 'wasm-unsafe-eval' for WebAssembly.instantiate(Streaming). ebiten
//     styles its canvas through element.style (CSSOM), which CSP does not govern, so style-src stays
//     'self'. Embedding the page in an iframe anywhere is a feature, so there is no X-Frame-Options
//     and the policy has no frame-ancestors directive: `frame-ancestors *` would match only network
//     schemes and so refuse a slide deck opened from a file: page.
//   - Only GET and HEAD (else 405 with Allow); "/" is index.html; no directory listings (any other
//     directory is 404); only files present at start-up are served, so no path can escape the tree.
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

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Content-Security-Policy", contentSecurityPolicy)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "no-referrer")

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
	rep := a.reps[len(a.reps)-1]
	accepted := acceptedEncodings(r.Header.Get("Accept-Encoding"))
	for _, c := range a.reps[:len(a.reps)-1] {
		if accepted(c.encoding) {
			rep = c
			break
		}
	}
	hdr.Set("ETag", rep.etag)
	if noneMatch(r.Header.Get("If-None-Match"), rep.etag) {
		hdr.Del("Content-Type")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if rep.encoding != "" {
		hdr.Set("Content-Encoding", rep.encoding)
	}
	f, err := h.fsys.Open(rep.name)
	if err != nil {
		http.Error(w, "500 internal server error", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	// net/http's ServeContent leaves out Content-Length whenever Content-Encoding is set (because of
	// ranges), so the response is written here; there is no Range support, and none is advertised.
	hdr.Set("Content-Length", strconv.FormatInt(rep.size, 10))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		io.CopyN(w, f, rep.size)
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

// acceptedEncodings parses an Accept-Encoding header and returns a predicate telling whether a
// content coding is acceptable (listed, or matched by "*", with a q-value above 0).
func acceptedEncodings(header string) func(coding string) bool {
	q := map[string]float64{}
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding == "" {
			continue
		}
		weight := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					weight = f
				}
			}
		}
		q[coding] = weight
	}
	return func(coding string) bool {
		if w, ok := q[coding]; ok {
			return w > 0
		}
		w, ok := q["*"]
		return ok && w > 0
	}
}

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
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
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
