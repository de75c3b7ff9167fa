// What the page draws over the plot beside the axes (which Go places): the
// legend, folded into a button on a small plot, and the menus of the compact
// toolbar shown when embedded or presenting.

// LEGEND is the plot's legend, shown over the plot and drawn into the PNG.
export const LEGEND = [
  { kind: 'learned', layer: 'learned', text: 'learned Ĥ: level sets' },
  { kind: 'true', layer: 'true', text: 'true H: level sets', upload: 'reference H (the system chosen): level sets' },
  { kind: 'field', layer: 'field', text: 'flow of the learned Ĥ' },
  { kind: 'box', text: 'the box: where the data are drawn', upload: 'the box: around your data' },
  { kind: 'region', region: true, text: 'training data: the points come from here' },
  { kind: 'traj', text: 'trajectory: learned (solid), true (dashed)' },
  { kind: 'neurons', layer: 'sampling', text: 'a neuron: its line w·x + b = 0' },
  { kind: 'pairs', layer: 'sampling', text: 'the pair it was built from; red: drawn often' },
  { kind: 'crossings', layer: 'poincare', text: 'crossings of q₂ = 0 upwards: learned, true (faint)' },
];

// legendFor returns the legend's entries for the layers shown (a set's
// text, "learned,true,sampling"); entries without a layer always show, the
// data region's when region (the model's train_box) is not empty; with
// upload (the model learned from a file) the true H is the reference.
export function legendFor(layers, region = '', upload = false) {
  const on = String(layers || '').split(',');
  return LEGEND.filter((it) => (!it.layer || on.includes(it.layer)) && (!it.region || region))
    .map((it) => (upload && it.upload ? { ...it, text: it.upload } : it));
}

const $ = (id) => document.getElementById(id);

// buildOverlay fills the legend and copies the form's system and sampler
// menus into the toolbar.
export function buildOverlay(form) {
  $('legend').replaceChildren(...LEGEND.map((it) => {
    const li = document.createElement('li');
    const sw = document.createElement('span');
    sw.className = 'swatch ' + it.kind;
    if (it.upload) {
      const gen = document.createElement('span');
      const up = document.createElement('span');
      gen.className = 'generated';
      up.className = 'uploaded';
      gen.textContent = it.text;
      up.textContent = it.upload;
      li.append(sw, gen, up);
    } else li.append(sw, it.text);
    if (it.layer) li.dataset.layer = it.layer;
    if (it.region) li.dataset.region = '';
    return li;
  }));
  for (const [id, key] of [['e-system', 'system'], ['e-sampler', 'sampler']]) {
    $(id).replaceChildren(...form.controls(key)[0].cloneNode(true).options);
  }
}

// foldLegend keeps the legend open on a plot at least 560 CSS px wide and
// folds it on a smaller one (a phone, a narrow embed), at the first model
// and on every resize. app() is the running app, or null once it stopped.
export function foldLegend(app) {
  const fold = () => { if (app()) $('legend-box').open = JSON.parse(app().state()).plot.w >= 560; };
  window.addEventListener('resize', fold);
  window.addEventListener('hnnplay:model', fold, { once: true });
}
