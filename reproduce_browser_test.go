package main

// A page's link reproduces on the command line: for two systems and two samplers, the page trains
// from a link pasted into its address bar, shows the command that reproduces the fit, and the
// command, run here, reports the same fingerprints of the training data and of the hidden layer
// (the same bits) and the same errors of H and ∇H to 1 % relative.

import (
	"encoding/json"
	"fmt"
	"math"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestReproduceOnCommandLine(t *testing.T) {
	cli := buildCLI(t)
	b := startBrowser(t)
	quoted := regexp.MustCompile(`^go run \./core/cmd/hnnplay fit -link '([^']*)' -json$`)
	for i, c := range []struct{ system, sampler string }{
		{"pendulum", "elm"}, {"pendulum", "aswim"}, {"lotka-volterra", "elm"}, {"lotka-volterra", "aswim"},
	} {
		t.Run(c.system+"/"+c.sampler, func(t *testing.T) {
			link := fmt.Sprintf("#system=%s&sampler=%s&points=1200&width=150&seed=%d&data_seed=%d&noise=0.001", c.system, c.sampler, 5+i, 9+i)
			b.do(t, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`location.hash = %q`, link)))
			s := b.mustWait(t, fmt.Sprintf(`s.trained && !s.training && s.fit.link.includes("system=%s&") && s.fit.link.includes("sampler=%s&")`,
				c.system, c.sampler), 120*time.Second)
			cmd := b.text(t, "cli-command")
			m := quoted.FindStringSubmatch(cmd)
			if m == nil {
				t.Fatalf("#cli-command %q is not the command", cmd)
			}
			out, err := exec.Command(cli, "fit", "-link", m[1], "-json").Output()
			if err != nil {
				t.Fatalf("%s: %v", cmd, err)
			}
			var rep struct {
				RelL2H            float64 `json:"rel_l2_H"`
				RelL2Grad         float64 `json:"rel_l2_grad"`
				DataFingerprint   string  `json:"data_fingerprint"`
				HiddenFingerprint string  `json:"hidden_fingerprint"`
				Link              string  `json:"link"`
			}
			if err := json.Unmarshal(out, &rep); err != nil {
				t.Fatalf("%s: %v\n%s", cmd, err, out)
			}
			t.Logf("page: data %s, hidden %s, H %.4g, ∇H %.4g; command line: data %s, hidden %s, H %.4g, ∇H %.4g",
				s.Fit.DataFingerprint, s.Fit.HiddenFingerprint, s.Fit.RelL2H, s.Fit.RelL2Grad,
				rep.DataFingerprint, rep.HiddenFingerprint, rep.RelL2H, rep.RelL2Grad)
			if rep.Link != s.Fit.Link {
				t.Errorf("the command line trained %q, the page %q", rep.Link, s.Fit.Link)
			}
			if rep.DataFingerprint != s.Fit.DataFingerprint || rep.HiddenFingerprint != s.Fit.HiddenFingerprint {
				t.Errorf("fingerprints differ: page data %s hidden %s, command line data %s hidden %s",
					s.Fit.DataFingerprint, s.Fit.HiddenFingerprint, rep.DataFingerprint, rep.HiddenFingerprint)
			}
			for _, e := range []struct {
				name        string
				page, local float64
			}{{"H", s.Fit.RelL2H, rep.RelL2H}, {"∇H", s.Fit.RelL2Grad, rep.RelL2Grad}} {
				if !(math.Abs(e.page-e.local) <= 0.01*e.local) {
					t.Errorf("error of %s: page %.6g, command line %.6g (more than 1 %% apart)", e.name, e.page, e.local)
				}
			}
			b.checkConsole(t)
		})
	}
}

// buildCLI builds the command line (./core/cmd/hnnplay) into a temporary directory and returns
// its path, for the tests that compare the page with it.
func buildCLI(t *testing.T) string {
	t.Helper()
	cli := filepath.Join(t.TempDir(), "hnnplay")
	if out, err := exec.Command("go", "build", "-o", cli, "./core/cmd/hnnplay").CombinedOutput(); err != nil {
		t.Fatalf("building the command line: %v\n%s", err, out)
	}
	return cli
}
