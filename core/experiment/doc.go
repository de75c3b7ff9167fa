// Package experiment is one hnnplay experiment: its settings, declared once
// in a table of fields (Fields), and the functions that turn them into data
// (NewData), a fitted network scored on a test set (Fit) and a race against
// Adam (NewRace).
//
// The page's link (key=value pairs after "#"), its form, the request its
// worker receives and the command line's flags are all translations of one
// Settings value: each is text keyed by a field's Key (or Flag), read by
// Parse with the same parser of numbers (package number), the same bounds
// and the same messages, which name the field. So a link opened in the page
// and given to `hnnplay fit -link` trains the same network from the same
// bits: Result carries fingerprints of the training data and of the hidden
// layer to show it.
//
// Before anything is allocated, Memory estimates what a fit, a race, Adam's
// training or a rollout of some settings needs at its peak, and Check
// refuses settings beyond the Limits of the machine (the page's worker, or
// the command line's -max-memory), naming the fields to lower.
package experiment
