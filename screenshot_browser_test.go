package main

// Screenshots of the page as its users see it: a laptop (1280×800), a phone (390×844), a projector
// (1920×1080) and a blog column (a 720×450 iframe in another page). Run with HNNPLAY_SHOTS=dir to
// write them as PNG files there, to look at after a visible change (the README's picture is one of
// them); without it the test is skipped.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestScreenshots(t *testing.T) {
	dir := os.Getenv("HNNPLAY_SHOTS")
	if dir == "" {
		t.Skip("set HNNPLAY_SHOTS to a directory to take screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	b, url := newBrowserSession(t)
	link := os.Getenv("HNNPLAY_SHOTS_LINK") // e.g. #system=henon-heiles
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!doctype html><html><body style="margin:0;background:#eee;font:16px serif">
<p style="max-width:720px;margin:12px auto">A blog post with hnnplay embedded in its 720 px column:</p>
<div style="max-width:720px;margin:0 auto"><iframe src="%s/%s" width="720" height="450" style="border:1px solid #999"></iframe></div>
</body></html>`, url, embedLink(link))
	}))
	t.Cleanup(host.Close)
	for _, c := range []struct {
		name string
		w, h int
		page string
		then string // JavaScript run once trained (default: six random trajectories)
	}{
		{"laptop-1280x800", 1280, 800, url + "/" + link, ""},
		{"phone-390x844", 390, 844, url + "/" + link, ""},
		{"projector-1920x1080", 1920, 1080, url + "/" + link, ""},
		{"present-1920x1080", 1920, 1080, url + "/" + presentLink(link), ""},
		{"iframe-720x450", 800, 560, host.URL, ""},
		{"comparison-1920x1080", 1920, 1080, url + "/" + link,
			`(document.getElementById('race').click(), new Promise(r => setTimeout(r, 40000))).then(() => document.getElementById('race-enlarge').click())`},
	} {
		t.Run(c.name, func(t *testing.T) {
			b.do(t, chromedp.EmulateViewport(int64(c.w), int64(c.h)), chromedp.Navigate(c.page))
			if !strings.HasPrefix(c.name, "iframe") {
				b.mustWait(t, "s.trained && !s.training && s.frames > 10", 120*time.Second)
				then := c.then
				if then == "" {
					then = `(window.hnnplay.addRandom(6), document.getElementById('reproduce').open = true)`
				}
				b.do(t, chromedp.Evaluate[chromedp.Void](then, chromedp.EvalAwaitPromise))
			}
			time.Sleep(4 * time.Second) // let trajectories and the field move
			ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
			defer cancel()
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, c.name+".png")
			if err := os.WriteFile(path, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %d bytes", path, len(png))
		})
	}
}

// embedLink and presentLink add embed=true and present=true to a link.
func embedLink(link string) string   { return withFlag(link, "embed=true") }
func presentLink(link string) string { return withFlag(link, "present=true") }

func withFlag(link, flag string) string {
	if link == "" {
		return "#" + flag
	}
	return link + "&" + flag
}
