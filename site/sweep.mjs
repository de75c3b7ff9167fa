// "Limited data: error against h": the worker fits the page's settings on
// snapshot pairs h apart for each step h of the sweep (core/experiment's
// SweepSteps), one fit per message, and the page draws the test error of Ĥ,
// of order h, and of the corrected H_corr, of order h², against h, log–log.
// SweepRun is the state of one sweep, built from the worker's replies, and
// the chart's geometry is a pure function (both tested with node --test);
// SweepController runs sweeps in the page and draws the chart as SVG.

import { decade, sci, ticks } from './chart.mjs';

const SVG = 'http://www.w3.org/2000/svg';

// order writes an observed order with its meaning: "1.02, O(h)".
export function order(p, expect) {
  if (p == null || !Number.isFinite(p)) return '–';
  return `${p.toFixed(2)}, O(${expect})`;
}

// SweepRun is one sweep. apply(reply) takes a worker reply (phase start,
// then one per step) and returns {status: [kind, text], errors} for the
// page.
export class SweepRun {
  constructor(id) {
    this.id = id;
    this.running = true;
    this.done = false; // every step fitted
    this.stopped = false;
    this.ignore = false; // replies of a superseded sweep
    this.error = '';
    this.steps = [];
    this.result = null; // experiment.SweepResult's JSON over the steps fitted so far
  }

  get rows() { return this.result ? this.result.rows : []; }

  apply(r) {
    if (!r || typeof r !== 'object') {
      this.fail('The trainer sent an unreadable reply.');
      return { status: ['error', this.error] };
    }
    if (r.error) {
      this.fail(r.error);
      return { status: ['error', 'The sweep over h stopped: ' + r.error], errors: r.errors || [] };
    }
    this.steps = r.steps || this.steps;
    if (r.sweep) this.result = r.sweep;
    const n = this.steps.length;
    if (r.finished) {
      this.running = false;
      this.done = true;
      const s = this.result || {};
      const done = `Sweep over h done: the error of Ĥ falls with order ${order(s.order_H, 'h')}, and that of ` +
        `H_corr with order ${order(s.corrected_order_H, 'h²')}, in the snapshot step h.`;
      return { status: s.note ? ['info', `${done} Not the expected 1 and 2: ${s.note}.`] : ['ok', done] };
    }
    const next = this.steps[r.done];
    return { status: ['busy', `Sweep over h: fitting on snapshot pairs h = ${next} apart (${r.done + 1} of ${n})…`] };
  }

  fail(msg) {
    this.running = false;
    this.error = msg;
  }

  // text is the outcome in words, beside the chart.
  text() {
    if (this.error) return this.error;
    const s = this.result;
    const fitted = this.steps.length ? `${this.rows.length} of ${this.steps.length} steps fitted` : 'no step fitted';
    if (this.running) return `Fitting… ${fitted}.`;
    if (this.stopped) return `Stopped: ${fitted}.`;
    if (!s || !s.rows.length) return '';
    const first = s.rows[0], last = s.rows[s.rows.length - 1];
    return `From h = ${last.h} to h = ${first.h}, the error of Ĥ falls from ${sci(last.errors.rel_l2_H)} to ` +
      `${sci(first.errors.rel_l2_H)} and that of H_corr from ${sci(last.corrected.rel_l2_H)} to ${sci(first.corrected.rel_l2_H)}.` +
      (s.note && !this.running ? ` Why the slopes are not 1 and 2 here: ${s.note}.` : '');
  }

  // label is the chart's text alternative.
  label() {
    const rows = this.rows;
    if (!rows.length) return 'Chart of the test error against the snapshot step h: ' + (this.running ? 'the first fit runs.' : 'no sweep yet.');
    return 'Chart of the relative test error of H against the snapshot step h, log–log. ' +
      rows.map((r) => `h = ${r.h}: Ĥ ${sci(r.errors.rel_l2_H)}, H_corr ${sci(r.corrected.rel_l2_H)}`).join('; ') + '. ' +
      `Orders: Ĥ ${order(this.result.order_H, 'h')}, H_corr ${order(this.result.corrected_order_H, 'h²')}.`;
  }

  // state is window.hnnplay.sweep(): the sweep for tests and the curious.
  state() {
    const s = this.result || {};
    return {
      started: true, id: this.id, running: this.running, done: this.done, stopped: this.stopped, error: this.error,
      steps: this.steps,
      rows: this.rows.map((r) => ({ h: r.h, rel_l2_H: r.errors.rel_l2_H, corrected_rel_l2_H: r.corrected.rel_l2_H })),
      order_H: s.order_H ?? null, corrected_order_H: s.corrected_order_H ?? null,
      note: s.note || '', link: s.link || '', result: this.result,
    };
  }
}

// layout returns the chart's geometry for rows of {h, e (Ĥ), c (H_corr)}
// in a W×H box with font size fs: the plot rectangle, the log10 ranges
// (padded; each at least a decade), and X(h), Y(error) in box units; null
// without a positive, finite point.
export function layout(rows, W, H, fs) {
  const ok = (v) => v > 0 && Number.isFinite(v);
  const hs = rows.map((r) => r.h).filter(ok);
  const es = rows.flatMap((r) => [r.e, r.c]).filter(ok);
  if (!hs.length || !es.length) return null;
  let x0 = Math.log10(Math.min(...hs)) - 0.12, x1 = Math.log10(Math.max(...hs)) + 0.12;
  let y0 = Math.log10(Math.min(...es)) - 0.25, y1 = Math.log10(Math.max(...es)) + 0.25;
  if (x1 - x0 < 1) { const m = (x0 + x1) / 2; x0 = m - 0.5; x1 = m + 0.5; }
  if (y1 - y0 < 1) { const m = (y0 + y1) / 2; y0 = m - 0.5; y1 = m + 0.5; }
  const L = fs * 4.2, R = fs * 0.8, T = fs * 0.6, B = fs * 2.7;
  const pw = Math.max(W - L - R, 1), ph = Math.max(H - T - B, 1);
  return {
    L, T, pw, ph, x0, x1, y0, y1,
    X: (h) => L + (Math.log10(h) - x0) / (x1 - x0) * pw,
    Y: (e) => T + (y1 - Math.log10(e)) / (y1 - y0) * ph,
  };
}

// fitLine returns the ends of the line of slope p (an observed order)
// through the centroid of the points' logarithms: the power law C·h^p that
// the order describes, over the points' range of h; null for fewer than
// two points or no order.
export function fitLine(points, p) {
  const ok = points.filter((q) => q.h > 0 && q.e > 0 && Number.isFinite(q.e));
  if (ok.length < 2 || p == null || !Number.isFinite(p)) return null;
  const lx = ok.map((q) => Math.log10(q.h)), ly = ok.map((q) => Math.log10(q.e));
  const mx = lx.reduce((a, b) => a + b) / ok.length, my = ly.reduce((a, b) => a + b) / ok.length;
  const a = Math.min(...lx), b = Math.max(...lx);
  return [{ h: 10 ** a, e: 10 ** (my + p * (a - mx)) }, { h: 10 ** b, e: 10 ** (my + p * (b - mx)) }];
}

// hText writes a step for an axis: 0.05, 0.1, 0.8.
const hText = (h) => String(Number(h.toPrecision(3)));

function el(name, attrs, text) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, typeof v === 'number' ? String(Math.round(v * 10) / 10) : v);
  if (text !== undefined) e.textContent = text;
  return e;
}

// drawSweep draws a sweep's rows into svg (sized by CSS), and returns the
// number of markers drawn.
export function drawSweep(svg, run) {
  const W = svg.clientWidth, H = svg.clientHeight;
  svg.replaceChildren();
  if (W < 10 || H < 10) return 0;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const fs = parseFloat(getComputedStyle(svg).fontSize) || 13;
  const rows = run.rows.map((r) => ({ h: r.h, e: r.errors.rel_l2_H, c: r.corrected.rel_l2_H }));
  const g = layout(rows, W, H, fs);
  if (!g) {
    svg.append(el('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'muted' },
      run.running ? 'Fitting the first step…' : run.error ? 'No result.' : 'No sweep yet.'));
    return 0;
  }
  const { L, T, pw, ph, X, Y } = g;
  const grid = el('g', { class: 'grid' });
  const labels = el('g', { class: 'ticks' });
  for (const h of run.steps.filter((v) => v > 0)) {
    const x = X(h);
    grid.append(el('line', { x1: x, x2: x, y1: T, y2: T + ph }));
    labels.append(el('text', { x, y: T + ph + fs * 1.1, 'text-anchor': 'middle' }, hText(h)));
  }
  for (const k of ticks(g.y0, g.y1, Math.max(2, Math.floor(ph / (fs * 2.2))))) {
    const y = Y(10 ** k);
    grid.append(el('line', { x1: L, x2: L + pw, y1: y, y2: y }));
    labels.append(el('text', { x: L - fs * 0.3, y: y + fs * 0.35, 'text-anchor': 'end' }, decade(k)));
  }
  svg.append(grid, el('rect', { x: L, y: T, width: pw, height: ph, class: 'frame' }), labels);
  svg.append(el('text', { x: L + pw, y: H - fs * 0.25, 'text-anchor': 'end', class: 'title' }, 'snapshot step h'));
  svg.append(el('text', { x: 0, y: 0, 'text-anchor': 'middle', class: 'title',
    transform: `translate(${fs * 0.9} ${T + ph / 2}) rotate(-90)` }, 'test error of H'));

  let markers = 0;
  const series = [
    { key: 'e', cls: 'hat', p: run.result.order_H, shape: 'circle' },
    { key: 'c', cls: 'corr', p: run.result.corrected_order_H, shape: 'square' },
  ];
  for (const s of series) {
    const pts = rows.map((r) => ({ h: r.h, e: r[s.key] })).filter((q) => q.h > 0 && q.e > 0 && Number.isFinite(q.e));
    const gs = el('g', { class: 'series ' + s.cls });
    const line = fitLine(pts, s.p);
    if (line) gs.append(el('line', { x1: X(line[0].h), y1: Y(line[0].e), x2: X(line[1].h), y2: Y(line[1].e), class: 'fit' }));
    const r = Math.max(3.5, fs * 0.32);
    for (const q of pts) {
      const x = X(q.h), y = Y(q.e);
      gs.append(s.shape === 'circle' ? el('circle', { cx: x, cy: y, r }) : el('rect', { x: x - r, y: y - r, width: 2 * r, height: 2 * r }));
      markers++;
    }
    svg.append(gs);
  }
  return markers;
}

// SweepController runs sweeps in the page: it starts one in the worker,
// stops it (the Stop button, or superseded by a fit or a comparison), and
// turns the worker's replies into the chart, the outcome and the status.
// deps: {worker, setStatus(kind, text), mark(errors), beforeStart()
// (end what the worker runs for the page: a fit, a comparison)}.
export class SweepController {
  constructor(deps) {
    this.d = deps;
    this.run = null; // the current or last sweep
    this.nextId = 0;
    this.markers = 0; // markers on the chart
    this.drawnRows = 0; // the rows the chart shows
    this.queued = false;
  }

  $(id) { return document.getElementById(id); }

  get running() { return !!(this.run && this.run.running); }

  start(values) {
    this.d.beforeStart();
    if (this.running) this.end('superseded');
    const id = ++this.nextId;
    this.run = new SweepRun(id);
    this.d.worker.post({ type: 'sweep-start', id, request: { id, values } });
    this.d.setStatus('busy', `Sweep over h: checking the settings (width ${values.width}, ${values.points} points, ${values.system})…`);
    this.$('sweep-figure').hidden = false;
    this.$('sweep-enlarge').hidden = false;
    this.update();
  }

  // enlarge toggles the chart between the panel and the plot's place.
  enlarge() {
    const big = this.$('sweep-figure').classList.toggle('enlarged');
    document.body.classList.toggle('sweep-enlarged', big);
    this.$('sweep-enlarge').setAttribute('aria-pressed', String(big));
    this.$('sweep-enlarge').textContent = big ? 'Back' : 'Enlarge';
    this.update();
  }

  // end stops the current sweep: 'user' (the Stop button) says so;
  // 'superseded' (a fit or a comparison took the worker) too, quietly.
  end(why) {
    const r = this.run;
    if (!r || !r.running) return;
    r.running = false;
    r.stopped = true;
    r.ignore = true;
    this.d.worker.post({ type: 'sweep-stop', id: r.id });
    if (why === 'user') {
      this.d.setStatus('info', r.steps.length ? `Sweep over h stopped after ${r.rows.length} of ${r.steps.length} steps.` :
        'Sweep over h stopped before its first fit.');
    }
    this.update();
  }

  onMessage(m) {
    const r = this.run;
    if (!r || m.id !== r.id || r.ignore) return;
    if (m.reply && m.reply.crashed) this.d.worker.restart();
    const out = r.apply(m.reply);
    if (out.errors) this.d.mark(out.errors);
    if (out.status) this.d.setStatus(...out.status);
    this.update();
  }

  failed(msg) {
    if (!this.running) return;
    this.run.fail(msg);
    this.update();
  }

  // update writes the outcome, the legend and the text alternative at once
  // and draws the chart at the next animation frame.
  update() {
    const r = this.run;
    if (!r) return;
    this.$('sweep').disabled = false;
    this.$('sweep-stop').disabled = !r.running;
    if (r.running) this.$('sweep').setAttribute('aria-busy', 'true');
    else this.$('sweep').removeAttribute('aria-busy');
    const text = r.text();
    if (this.$('sweep-result').textContent !== text) this.$('sweep-result').textContent = text;
    const s = r.result || {};
    this.$('sweep-order-hat').textContent = order(s.order_H, 'h');
    this.$('sweep-order-corr').textContent = order(s.corrected_order_H, 'h²');
    const svg = this.$('sweep-chart');
    svg.setAttribute('aria-label', r.label());
    if (this.queued) return;
    this.queued = true;
    requestAnimationFrame(() => {
      this.queued = false;
      if (this.$('sweep-figure').hidden || !this.run) return;
      this.markers = drawSweep(svg, this.run);
      this.drawnRows = this.run.rows.length;
    });
  }

  state() {
    return this.run ? { ...this.run.state(), markers: this.markers, drawn_rows: this.drawnRows } :
      { started: false, running: false, rows: [], markers: 0, drawn_rows: 0 };
  }
}
