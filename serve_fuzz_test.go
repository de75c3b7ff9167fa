package main

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// fuzzSite writes a site for FuzzServe into a new directory: an app with both siblings, a script
// with a gzip sibling in a subdirectory, a hidden file, and two symbolic links to a secret that
// lies beside the site. It returns the site's directory and its files' contents by slash path.
func fuzzSite(t testing.TB) (string, map[string]string) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	files := map[string]string{
		"index.html":        "<!doctype html><title>fuzz</title>",
		"app.wasm":          "\x00asm fuzz",
		"app.wasm.br":       "BROTLI fuzz",
		"app.wasm.gz":       gz("\x00asm fuzz"),
		"sub/page.js":       "// page",
		"sub/page.js.gz":    gz("// page"),
		"sub/data.json":     `{"fuzz":1}`,
		".hidden":           "HIDDEN",
		"sub/.hidden/x.txt": "HIDDEN TOO",
	}
	for name, data := range files {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "secret"), []byte("TOPSECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{"link": "../secret", "sub/uplink": "../../secret"} {
		if err := os.Symlink(target, filepath.Join(site, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	return site, files
}

// FuzzServe sends the handler, as newServer wraps it, requests with random method, target,
// Accept-Encoding and If-None-Match (a newline in either starts another field line). A request
// net/http would refuse to parse is skipped: the server answers it 400 without the handler. The
// handler must not panic, must answer with one of the statuses it can give, always with the
// security headers, and a 200 must carry the bytes of the file the path names (or of its
// precompressed sibling, as Content-Encoding says), so nothing from outside the tree and nothing
// hidden.
func FuzzServe(f *testing.F) {
	site, files := fuzzSite(f)
	h, err := newHandler(os.DirFS(site))
	if err != nil {
		f.Fatal(err)
	}
	handler := newServer(h, productionTimeouts).Handler
	byContent := map[string]string{} // file name by content; every content differs
	for name, data := range files {
		byContent[data] = name
	}

	for _, s := range [][4]string{
		{"GET", "/", "", ""},
		{"GET", "/index.html", "br, gzip", ""},
		{"HEAD", "/app.wasm", "br", ""},
		{"GET", "/app.wasm", "gzip;q=0.5, br;q=0.9", ""},
		{"GET", "/app.wasm", "br;q=0, gzip;q=0.001", ""},
		{"GET", "/app.wasm", "*;q=0", ""},
		{"GET", "/app.wasm", "identity;q=0\nbr;q=0.5", ""},
		{"GET", "/app.wasm", "br;q=1e3, gzip;q=NaN, ;;,", ""},
		{"GET", "/sub/page.js", "x-gzip", `W/"abc", *`},
		{"GET", "/sub/page.js", "gzip", `"stale"`},
		{"GET", "/sub/data.json", "br", ""},
		{"POST", "/", "", ""},
		{"OPTIONS", "*", "", ""},
		{"GET", "*", "", ""},
		{"get", "/", "", ""},
		{"BREW", "/app.wasm", "", ""},
		{"GET", "/../secret", "", ""},
		{"GET", "/%2e%2e/secret", "", ""},
		{"GET", "/sub/../../secret", "", ""},
		{"GET", "/link", "", ""},
		{"GET", "/sub/uplink", "", ""},
		{"GET", "/..\\secret", "", ""},
		{"GET", "/.hidden", "", ""},
		{"GET", "/sub/.hidden/x.txt", "", ""},
		{"GET", "/app.wasm.br", "br", ""},
		{"GET", "/sub/page.js.gz", "gzip", ""},
		{"GET", "//sub/./page.js", "", ""},
		{"GET", "/sub/", "", ""},
		{"GET", "/sub%00/page.js", "", ""},
		{"GET", "http://x/app.wasm?q=1", "br", ""},
		{"CONNECT", "x:443", "", ""},
	} {
		f.Add(s[0], s[1], s[2], s[3])
	}
	// Revalidations with the real tags.
	for _, ae := range []string{"br", "gzip", ""} {
		r := httptest.NewRequest("GET", "/app.wasm", nil)
		r.Header.Set("Accept-Encoding", ae)
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, r)
		f.Add("GET", "/app.wasm", ae, w.Header().Get("ETag"))
		f.Add("HEAD", "/app.wasm", "br, gzip", "W/"+w.Header().Get("ETag"))
	}

	f.Fuzz(func(t *testing.T, method, target, acceptEncoding, ifNoneMatch string) {
		r, err := http.ReadRequest(bufio.NewReader(strings.NewReader(method + " " + target + " HTTP/1.1\r\nHost: x\r\n\r\n")))
		if err != nil {
			return
		}
		for _, v := range strings.Split(acceptEncoding, "\n") {
			r.Header.Add("Accept-Encoding", v)
		}
		if ifNoneMatch != "" {
			for _, v := range strings.Split(ifNoneMatch, "\n") {
				r.Header.Add("If-None-Match", v)
			}
		}
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, r)
		res := w.Result()
		body := w.Body.String()
		what := strconv.Quote(method) + " " + strconv.Quote(target)

		checkSecurityHeaders(t, what, res.Header)
		if strings.Contains(body, "SECRET") || strings.Contains(body, "HIDDEN") {
			t.Fatalf("%s: status %d served %q", what, res.StatusCode, body)
		}
		getOrHead := r.Method == "GET" || r.Method == "HEAD"
		encoding := res.Header.Get("Content-Encoding")
		switch res.StatusCode {
		case http.StatusOK:
			if !getOrHead {
				t.Fatalf("%s: 200", what)
			}
			if res.Header.Get("ETag") == "" || res.Header.Get("Content-Type") == "" {
				t.Errorf("%s: 200 without ETag or Content-Type", what)
			}
			if r.Method == "HEAD" {
				if body != "" {
					t.Errorf("%s: HEAD with a body", what)
				}
				break
			}
			if res.Header.Get("Content-Length") != strconv.Itoa(len(body)) {
				t.Errorf("%s: Content-Length %s for %d bytes", what, res.Header.Get("Content-Length"), len(body))
			}
			name, ok := byContent[body]
			if !ok {
				t.Fatalf("%s: served %q, no file of the site", what, body)
			}
			want := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
			if r.URL.Path == "/" {
				want = "index.html"
			}
			if sibling := map[string]string{"": "", "br": ".br", "gzip": ".gz"}[encoding]; name != want+sibling {
				t.Errorf("%s: served %s with Content-Encoding %q for path %q", what, name, encoding, r.URL.Path)
			}
			if encoding != "" && !strings.Contains(strings.ToLower(acceptEncoding), encoding) && !strings.Contains(acceptEncoding, "*") {
				t.Errorf("%s: Content-Encoding %q for Accept-Encoding %q", what, encoding, acceptEncoding)
			}
		case http.StatusNotModified:
			if !getOrHead || ifNoneMatch == "" || body != "" || res.Header.Get("ETag") == "" {
				t.Errorf("%s: 304 with If-None-Match %q, body %q, ETag %q", what, ifNoneMatch, body, res.Header.Get("ETag"))
			}
		case http.StatusNotFound:
			if !getOrHead || encoding != "" {
				t.Errorf("%s: 404, Content-Encoding %q", what, encoding)
			}
		case http.StatusMethodNotAllowed:
			if getOrHead || res.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s: 405 with Allow %q", what, res.Header.Get("Allow"))
			}
		default:
			t.Fatalf("%s: status %d", what, res.StatusCode)
		}
	})
}
