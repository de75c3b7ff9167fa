package main

// Your data: a CSV file chosen or pasted in the Train panel is read in the worker and trained on,
// with a fifth held back; its errors name line and column and leave the model; the "Training data"
// download of uploaded data, uploaded again, trains the same network; a link names the file only.

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// uploadReport is what the tests read of state().fit for uploaded data.
type uploadReport struct {
	Points            int      `json:"points"`
	TestPoints        int      `json:"test_points"`
	SnapshotH         float64  `json:"snapshot_h"`
	DataFingerprint   string   `json:"data_fingerprint"`
	HiddenFingerprint string   `json:"hidden_fingerprint"`
	Corrected         struct{} `json:"corrected"`
	Link              string   `json:"link"`
	Upload            *struct {
		Name     string `json:"name"`
		Format   string `json:"format"`
		HeldBack int    `json:"held_back"`
		Text     string `json:"text"`
	} `json:"upload"`
}

// fitReport returns state().fit.
func (b *browserSession) fitReport(t *testing.T) uploadReport {
	t.Helper()
	var r uploadReport
	b.eval(t, `JSON.parse(window.hnnplay.state()).fit`, &r)
	return r
}

// exportedData clicks "Training data (CSV)" and returns the text the page offers as a download
// (the Blob handed to URL.createObjectURL; the click on the download link is suppressed).
func (b *browserSession) exportedData(t *testing.T) string {
	t.Helper()
	var text string
	b.eval(t, `new Promise((resolve, reject) => {
		const create = URL.createObjectURL, click = HTMLAnchorElement.prototype.click;
		URL.createObjectURL = (blob) => {
			URL.createObjectURL = create;
			HTMLAnchorElement.prototype.click = click;
			blob.text().then(resolve, reject);
			return create.call(URL, blob);
		};
		HTMLAnchorElement.prototype.click = function () {};
		document.getElementById('export-data').click();
		setTimeout(() => reject(new Error('no download')), 30000);
	})`, &text)
	return text
}

// paste puts text in the "Paste CSV" box and clicks "Use these data".
func paste(text string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		document.getElementById('data-paste-box').open = true;
		document.getElementById('data-paste').value = %q;
		document.getElementById('data-use').click();
	})()`, text))
}

// trueLegend is the legend's visible text for the true H's level sets.
func (b *browserSession) trueLegend(t *testing.T) string {
	var text string
	b.eval(t, `(() => { const li = document.querySelector('#legend li[data-layer="true"]');
		return Array.from(li.querySelectorAll('span')).filter((s) => s.textContent && getComputedStyle(s).display !== 'none')
			.map((s) => s.textContent).join(' '); })()`, &text)
	return text
}

// uploadShots writes screenshots of the page at a laptop's and a phone's size, the Your data
// control in view, to $HNNPLAY_SHOTS (if set) as name-laptop.png and name-phone.png.
func (b *browserSession) uploadShots(t *testing.T, name string) {
	t.Helper()
	dir := os.Getenv("HNNPLAY_SHOTS")
	if dir == "" {
		return
	}
	for _, size := range []struct {
		name string
		w, h int64
	}{{"phone", 390, 844}, {"laptop", 1280, 800}} {
		b.do(t, chromedp.EmulateViewport(size.w, size.h),
			chromedp.Evaluate[chromedp.Void](`document.getElementById('your-data').scrollIntoView({block: 'center'})`))
		time.Sleep(time.Second) // the plot takes the new size, then draws its level sets again
		if _, err := b.waitFor(t, "s.drawn", 30*time.Second); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Second)
		png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name+"-"+size.name+".png")
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", path)
	}
}

func TestUpload(t *testing.T) {
	b, url := newBrowserSession(t)
	b.do(t, chromedp.Navigate(url))
	b.mustWait(t, "s.trained && !s.training && s.drawn", 300*time.Second)
	trained := `s.trained && !s.training && s.fit && s.fit.upload && s.fit.upload.name === %q`

	// The default fit's training data, pasted back: 1500 states, 300 held back.
	csv := b.exportedData(t)
	if !strings.HasPrefix(csv, "q1,p1,dq1,dp1,H\n") || strings.Count(csv, "\n") != 1501 {
		t.Fatalf("exported %d lines: %.80q", strings.Count(csv, "\n"), csv)
	}
	b.do(t, paste(csv))
	b.mustWait(t, fmt.Sprintf(trained, "pasted.csv"), 120*time.Second)
	first := b.fitReport(t)
	if first.Points != 1200 || first.TestPoints != 300 || first.Upload.HeldBack != 300 || first.Upload.Format != "derivatives" ||
		!strings.Contains(first.Link, "data=pasted.csv") {
		t.Fatalf("report %+v", first)
	}
	note := b.text(t, "data-note")
	if !strings.HasPrefix(note, "Trained on your data: pasted.csv, 1500 states with derivatives") || !strings.Contains(note, "300 states held back") {
		t.Fatalf("note %q", note)
	}
	t.Logf("pasted: %s", first.Upload.Text)
	if l := b.trueLegend(t); l != "reference H (the system chosen): level sets" {
		t.Errorf("with uploaded data the legend says %q", l)
	}

	// Its download is the file; chosen with the file input it trains the same network.
	again := b.exportedData(t)
	if again != csv {
		t.Fatalf("the download of the uploaded data differs from it")
	}
	path := filepath.Join(t.TempDir(), "again.csv")
	if err := os.WriteFile(path, []byte(again), 0o644); err != nil {
		t.Fatal(err)
	}
	b.do(t, chromedp.SetUploadFiles(chromedp.CSS("#data-file"), []string{path}))
	b.mustWait(t, fmt.Sprintf(trained, "again.csv"), 120*time.Second)
	second := b.fitReport(t)
	if second.DataFingerprint != first.DataFingerprint || second.HiddenFingerprint != first.HiddenFingerprint {
		t.Fatalf("fingerprints %s %s, then %s %s", first.DataFingerprint, first.HiddenFingerprint, second.DataFingerprint, second.HiddenFingerprint)
	}

	// A bad file: its line and column show next to the control; the model and its data stay.
	b.do(t, paste("t,q,p\n0,1,0\n0.1,x,0\n"))
	if _, err := b.waitFor(t, `document.getElementById('data-note').dataset.kind === 'error'`, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	if note := b.text(t, "data-note"); note != `pasted.csv: line 3, column 2 (q): "x" is not a number.` {
		t.Fatalf("error note %q", note)
	}
	if s := b.state(t); !s.Trained || s.Training || b.fitReport(t).Upload.Name != "again.csv" {
		t.Fatalf("after the bad file: %+v", s)
	}
	b.uploadShots(t, "upload-error")

	// Trajectories of the oscillator, q = a cos(t + φ), p = −a sin(t + φ), 0.1 apart: snapshot pairs.
	var traj strings.Builder
	traj.WriteString("id,t,q,p\n")
	for i := range 5 {
		a := 0.5 + 0.3*float64(i)
		for k := range 80 {
			tt := 0.1 * float64(k)
			fmt.Fprintf(&traj, "%d,%.6g,%.9g,%.9g\n", i, tt, a*math.Cos(tt+float64(i)), -a*math.Sin(tt+float64(i)))
		}
	}
	b.do(t, paste(traj.String()))
	b.mustWait(t, fmt.Sprintf(trained, "pasted.csv")+` && s.fit.upload.format === "trajectories"`, 120*time.Second)
	tr := b.fitReport(t)
	if math.Abs(tr.SnapshotH-0.1) > 1e-6 || tr.Upload.HeldBack != 79 || tr.Points != 4*79 {
		t.Fatalf("trajectories: %+v", tr)
	}
	t.Logf("trajectories: %s", tr.Upload.Text)
	b.uploadShots(t, "upload-trajectories")

	// Back to generated data.
	b.do(t, chromedp.Click(chromedp.CSS("#data-generated")))
	b.mustWait(t, "s.trained && !s.training && s.fit && !s.fit.upload", 120*time.Second)
	if b.value(t, "data") != "" {
		t.Fatal("the data setting stays after going back to generated data")
	}
	if l := b.trueLegend(t); l != "true H: level sets" {
		t.Errorf("with generated data the legend says %q", l)
	}

	// The time to read a 10 MB file of trajectories (250 000 rows) chosen with the file input: from
	// the input's change to the worker's answer (the note then says what the file holds). Too many
	// rows to fit at once, which the fit then says.
	var big strings.Builder
	big.WriteString("id,t,q,p\n")
	for i := range 250000 {
		tt := 0.01 * float64(i%1000)
		fmt.Fprintf(&big, "%d,%.2f,%.12f,%.12f\n", i/1000, tt, math.Cos(tt), -math.Sin(tt))
	}
	bigPath := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(bigPath, []byte(big.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var armed bool
	b.eval(t, `(() => {
		document.getElementById('data-file').addEventListener('change', () => { window.uploadT0 = performance.now(); }, { capture: true, once: true });
		return true;
	})()`, &armed)
	b.do(t, chromedp.SetUploadFiles(chromedp.CSS("#data-file"), []string{bigPath}))
	var ms float64
	b.eval(t, `new Promise((resolve, reject) => {
		const poll = setInterval(() => {
			const note = document.getElementById('data-note');
			if (note.textContent.includes('big.csv: 250 trajectories') || note.dataset.kind === 'error') {
				clearInterval(poll);
				if (note.dataset.kind === 'error') reject(new Error(note.textContent));
				resolve(performance.now() - window.uploadT0);
			}
		}, 5);
	})`, &ms)
	t.Logf("%.1f MB file of 250 000 rows read in the worker in %.0f ms", float64(big.Len())/1e6, ms)

	// A link made with an uploaded file says so and trains on generated data.
	b.do(t, chromedp.Navigate(url+"/#system=spring&data=mine.csv"))
	s := b.mustWait(t, `s.trained && !s.training && s.fit && !s.fit.upload && s.system === "spring"`, 120*time.Second)
	want := "this link was made with an uploaded file, mine.csv, which links do not carry: upload it again"
	if note := b.text(t, "data-note"); !strings.Contains(note, "T"+want[1:]) {
		t.Fatalf("note %q", note)
	}
	if st := b.status(t); !strings.Contains(st, want) {
		t.Errorf("status %q (state %+v)", st, s)
	}
	b.checkConsole(t)
}
