// The model on the plot: its system written out, the fit's figures with a
// quality light and a hint, the command that reproduces it; while a fit
// runs, its stage, time and estimate.

import { fieldOf, optionLabel } from './fields.mjs';
import { rate } from './quality.mjs';

const $ = (id) => document.getElementById(id);

const STAGES = {
  sample: 'sampling the hidden layer', factor: 'computing and factoring the features (QR)',
  solve: 'solving the least-squares problem', resample: 'A-SWIM: sampling again where Ĥ changes fastest',
};

const SUPERSCRIPT = { 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
const SUBSCRIPT = { 1: '₁', 2: '₂' };

// formulaOf is the system's H written out: the typed formula of the custom
// system (typed, as text the worker reads: "p^2/2 + 1 - cos(q)") as people
// write it, "H = p²/2 + 1 − cos(q)"; the registered formula of the others.
export function formulaOf(sys, typed) {
  if (!sys || sys.name !== 'custom' || !typed) return sys ? sys.formula : '';
  const pretty = typed.trim()
    .replace(/\^([2-9])(?![\d.])/g, (m, d) => SUPERSCRIPT[d])
    .replace(/(^|[^\w])([qp])([12])(?!\w)/g, (m, pre, v, i) => pre + v + SUBSCRIPT[i])
    .replace(/\*/g, '·').replace(/-/g, '−');
  return 'H = ' + pretty;
}

// showSystem writes the system's name and H (for the custom system, the
// formula typed in the form), and its note and larger setting (offered by
// the #larger button) if it has them.
export function showSystem(sys) {
  if (!sys) return;
  $('system-title').textContent = sys.title;
  $('system-formula').textContent = formulaOf(sys, $('formula') && $('formula').value);
  const p = sys.preset || {};
  $('system-note').hidden = !p.note;
  $('system-note').textContent = p.note ? p.note[0].toUpperCase() + p.note.slice(1) + '.' : '';
  $('larger').hidden = !p.larger;
}

// showFit fills the fit panel from a fit's report (experiment.Result's
// JSON); sys is the worker's description of the system.
export function showFit(fit, info, sys) {
  $('fit').hidden = false;
  if (fit.formula) $('system-formula').textContent = formulaOf(sys, fit.formula); // the H it learned
  const q = rate(fit, sys && sys.preset && sys.preset.larger);
  $('quality').dataset.level = q.level;
  $('quality-text').textContent = q.level[0].toUpperCase() + q.level.slice(1) + ': ' + q.text + '.';
  $('quality-hint').textContent = q.level === 'good' ? '' : q.hint[0].toUpperCase() + q.hint.slice(1) + '.';
  const e = (v) => (v == null ? '–' : v.toExponential(1));
  const sampler = optionLabel(fieldOf(info.fields, 'sampler'), fit.sampler);
  $('fit-summary').textContent = fit.fit_seconds == null ? 'Loaded from a file.' :
    `${sampler}, width ${fit.width}, ${fit.points} points: relative error of H ${e(fit.rel_l2_H)}, of ∇H ` +
    `${e(fit.rel_l2_grad)}; rank ${fit.rank}, ${fit.fit_seconds.toFixed(3)} s` +
    (fit.workers ? ` on ${fit.workers} worker${fit.workers > 1 ? 's' : ''}.` : '.') +
    (fit.inside && fit.outside ? ` Error of H inside the data region ${e(fit.inside.rel_l2_H)}, outside ${e(fit.outside.rel_l2_H)}.` : '') +
    (fit.corrected ? ` From snapshot pairs h = ${fit.snapshot_h} apart: error of H ${e(fit.rel_l2_H)} for Ĥ, ` +
      `${e(fit.corrected.rel_l2_H)} for the corrected H_corr = Ĥ + (h/2)∇_qĤ·∇_pĤ.` : '');
  $('reproduce').hidden = !fit.link;
  if (fit.link) {
    $('cli-command').textContent = `go run ./core/cmd/hnnplay fit -link '${fit.link}' -json`;
    $('fingerprints').textContent = `data ${fit.data_fingerprint}, hidden layer ${fit.hidden_fingerprint}`;
  }
}

// showProgress writes a running fit's stage, and its estimate when there is
// one ("about 6 s").
export function showProgress(m) {
  let t = STAGES[m.stage] || m.stage;
  if (m.estimate > 1) t += ` (about ${Math.ceil(m.estimate)} s in all)`;
  $('stage').textContent = t;
}

const SAMPLING = {
  aswim: 'A-SWIM drew these pairs in a second pass, with probabilities from a first, uniform fit\'s Ĥ: the red ones ' +
    'straddle fast changes of Ĥ. Each neuron switches on its line, half-way between its two points.',
  swim: 'SWIM drew these pairs with probabilities from the true H: the red ones straddle its fast changes. Each neuron ' +
    'switches on its line, half-way between its two points.',
  uswim: 'U-SWIM drew every pair with the same probability. Each neuron switches on its line, half-way between its two points.',
  elm: 'ELM has no pairs: its neurons\' lines fall at random, many far from the data.',
};

// showSamplingNote explains the sampling layer for the model's sampler
// while the layer is on.
export function showSamplingNote(sampler, on) {
  const el = $('sampling-note');
  el.hidden = !on || !SAMPLING[sampler];
  el.textContent = SAMPLING[sampler] || '';
}
