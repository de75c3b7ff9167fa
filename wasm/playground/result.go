package playground

import (
	"encoding/json"
	"fmt"

	"hnnplay/wasm/protocol"
)

// What the playground reads of an installed protocol.Result beyond its
// system, box, model and points, in one place: the system's name, the fit's
// figures for State and the summary for the status line.

func systemName(r *protocol.Result) string { return r.Settings.System }

// fitOf is the fit's report as the worker wrote it (experiment.Result's
// JSON, what `hnnplay fit -json` prints), for state().fit.
func fitOf(r *protocol.Result) json.RawMessage { return json.RawMessage(r.Fit) }

func trainedMessage(r *protocol.Result) string {
	s := r.Settings
	return fmt.Sprintf("Trained in %.2f s (width %d, %d points, %s): relative test error of H %.1e, of ∇H %.1e.",
		r.Seconds, s.Width, s.Points, samplerLabel(string(s.Sampler)), r.RelL2H, r.RelL2Grad) + regionMessage(r)
}
