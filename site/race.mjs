// "Compare with gradient descent": the worker fits the sampled network, then
// trains the same network by Adam in slices, posting each new point of
// Adam's error curve. Comparison is the state of one comparison, built from
// the worker's replies (pure, tested with node --test); RaceView shows it
// beside the chart and keeps the buttons in step.

import { draw, sci, secs } from './chart.mjs';

const REASONS = {
  steps: (c) => `Adam used its ${c.adam ? c.adam.steps : ''} steps`,
  budget: () => 'Adam reached its time limit',
  reached: () => "Adam reached the sampled network's error",
  diverged: () => 'Adam diverged',
};

export const sentence = (t) => (t ? t[0].toUpperCase() + t.slice(1) : t);

// Comparison is one comparison. apply(reply) takes a worker reply (phase
// start, progress or stopped) and returns what the page must do:
// {install: fit reply} when the sampled network is ready, {compare: model}
// for Adam's current network, and {status: [kind, text]} for news.
export class Comparison {
  constructor(id) {
    this.id = id;
    this.phase = 'starting'; // starting (the sampled fit runs), running (Adam)
    this.running = true;
    this.paused = false;
    this.done = false;
    this.stopped = false;
    this.ignore = false; // replies of a superseded comparison
    this.error = '';
    this.adam = null;
    this.points = [];
    this.summary = {};
    this.models = 0;
    this.lastStatus = -Infinity;
  }

  get text() { return this.summary.text || ''; }
  get reason() { return this.summary.reason || ''; }
  get sampled() {
    const s = this.summary;
    return s.sampled ? { seconds: s.sampled_seconds, error: s.sampled_rel_l2_H } : null;
  }

  // apply takes a reply; now is the time in ms (for the once-a-second status).
  apply(r, now = 0) {
    const out = {};
    if (!r || typeof r !== 'object') {
      this.fail('The trainer sent an unreadable reply.');
      out.status = ['error', this.error];
      return out;
    }
    if (r.error) {
      this.fail(r.error);
      out.status = ['error', r.error];
      out.errors = r.errors || [];
      return out;
    }
    if (r.summary) this.summary = r.summary;
    if (r.points) this.points.push(...r.points);
    if (r.phase === 'start') {
      this.phase = 'running';
      this.adam = r.adam;
      out.install = r.result;
      out.status = ['busy', 'Adam is training… ' + this.text + '.'];
      this.lastStatus = now;
      return out;
    }
    if (r.model) out.compare = r.model;
    if (r.phase === 'stopped') {
      this.running = false;
      this.stopped = true;
      this.done = true;
      out.status = ['info', 'Comparison stopped. ' + sentence(this.text) + '.'];
    } else if (r.done) {
      this.running = false;
      this.done = true;
      const why = REASONS[this.reason] ? ' ' + REASONS[this.reason](this) + '.' : '';
      out.status = ['ok', sentence(this.text) + '.' + why];
    } else if (!this.paused && now - this.lastStatus > 1000) {
      // a polite live region: about once a second, not at every slice
      this.lastStatus = now;
      out.status = ['busy', 'Adam is training… ' + this.text + '.'];
    }
    return out;
  }

  fail(msg) {
    this.running = false;
    this.error = msg;
  }

  // result is the outcome in words, for beside the chart.
  result() {
    let t = this.text ? sentence(this.text) + '.' : '';
    if (!t) return this.error;
    if (this.running) return (this.paused ? 'Paused. ' : 'Adam is training. ') + t;
    if (this.done && !this.stopped && REASONS[this.reason]) return t + ' ' + REASONS[this.reason](this) + '.';
    if (this.stopped) return 'Stopped. ' + t;
    return t;
  }

  // label is the chart's text alternative: the latest figures.
  label() {
    const sp = this.sampled;
    const pts = this.adamPoints();
    if (!sp && pts.length === 0) {
      return 'Chart of test error against training time: ' + (this.running ? 'the sampled network is being fitted.' : 'no comparison yet.');
    }
    let label = 'Chart of the relative test error of H against training time, log–log. ';
    if (sp) label += `Sampled network: ${sci(sp.error)} in ${secs(sp.seconds)}. `;
    if (pts.length) {
      const last = pts[pts.length - 1];
      label += `Adam: ${last.steps} steps in ${secs(last.seconds)}, error now ${sci(last.rel_l2_H)}, best ${sci(this.summary.adam_best_rel_l2_H)}. `;
    }
    if (this.text) label += sentence(this.text) + '.';
    return label;
  }

  adamPoints() { return this.points.filter((p) => p.steps > 0 && p.rel_l2_H != null); }

  chart() {
    return {
      sampled: this.sampled,
      points: this.adamPoints().map((p) => ({ seconds: p.seconds, error: p.rel_l2_H })),
      running: this.running,
    };
  }

  // state is window.hnnplay.race(): the comparison for tests and the curious.
  state() {
    const s = this.summary;
    const adam = this.adamPoints();
    return {
      started: true, id: this.id, phase: this.phase, running: this.running, paused: this.paused,
      done: this.done, stopped: this.stopped, reason: this.reason, error: this.error,
      points: this.points.length, curve: this.points,
      sampled_seconds: s.sampled ? s.sampled_seconds : null,
      sampled_rel_l2_H: s.sampled ? s.sampled_rel_l2_H : null,
      adam_seconds: adam.length ? adam[adam.length - 1].seconds : 0,
      adam_best_rel_l2_H: s.adam_best_rel_l2_H ?? null,
      adam_steps: s.adam_steps || 0,
      speedup: s.speedup ?? null, lower_bound: !!s.speedup_lower_bound, reached: !!s.reached,
      time_to_reach: s.reached ? s.time_to_reach : null,
      text: this.text, models: this.models,
      adam: this.adam ? { ...this.adam, budget_seconds: s.limit_seconds || 0 } : null,
    };
  }
}

// RaceView shows a comparison in the page: the chart, the outcome beside
// it, and the state of the pause and stop buttons.
export class RaceView {
  constructor(doc) {
    this.doc = doc;
    this.queued = false;
  }

  $(id) { return this.doc.getElementById(id); }

  // canvas returns the chart's canvas, made with the first comparison (so
  // that the plot's canvas, which ebiten appends to the body, stays the
  // page's first canvas until then).
  canvas() {
    let c = this.$('race-chart');
    if (!c) {
      c = this.doc.createElement('canvas');
      c.id = 'race-chart';
      c.setAttribute('role', 'img');
      this.$('race-figure').prepend(c);
    }
    return c;
  }

  show(c) {
    this.$('race-figure').hidden = false;
    this.$('race-enlarge').hidden = false;
    this.update(c);
  }

  // update writes the outcome and the text alternative at once and draws
  // the chart at the next animation frame.
  update(c) {
    if (!c) return;
    const canvas = this.canvas();
    canvas.setAttribute('aria-label', c.label());
    const res = c.result();
    if (this.$('race-result').textContent !== res) this.$('race-result').textContent = res;
    this.controls(c);
    if (this.queued) return;
    this.queued = true;
    requestAnimationFrame(() => {
      this.queued = false;
      if (!this.$('race-figure').hidden) draw(canvas, c.chart());
    });
  }

  controls(c) {
    const running = !!(c && c.running);
    this.$('race-pause').disabled = !running || c.phase !== 'running';
    this.$('race-stop').disabled = !running;
    this.$('race-pause').setAttribute('aria-pressed', String(running && c.paused));
    this.$('race-pause').textContent = running && c.paused ? 'Resume' : 'Pause';
    if (running) this.$('race').setAttribute('aria-busy', 'true');
    else this.$('race').removeAttribute('aria-busy');
  }
}

// RaceController runs comparisons in the page: it starts one in the worker,
// ends it (the Stop button, or superseded by a fit or another comparison),
// pauses it, and turns the worker's replies into what the page shows. deps:
// {worker, app() (window.hnnplay or null), appLoaded (a promise),
// setStatus(kind, text), mark(errors), install(reply) (a sampled network
// is ready: show it as the model on the plot), fitting() (a fit is
// running), cancelFit() (stop waiting for it)}.
export class RaceController {
  constructor(deps) {
    this.d = deps;
    this.view = new RaceView(document);
    this.race = null; // the current or last comparison
    this.nextId = 0;
  }

  get running() { return !!(this.race && this.race.running); }
  get starting() { return this.running && this.race.phase === 'starting'; }

  start(values, sliceMs) {
    const d = this.d;
    const busy = d.fitting() || this.starting;
    if (this.running) this.end('superseded');
    if (busy) {
      d.worker.restart();
      d.cancelFit();
    }
    const id = ++this.nextId;
    this.race = new Comparison(id);
    d.worker.post({ type: 'race-start', id, request: { id, values }, sliceMs });
    d.setStatus('busy', `Comparing: fitting the sampled network (width ${values.width}, ${values.points} points, ${values.system})…`);
    if (d.app()) d.app().setTraining(true);
    document.getElementById('race-figure').classList.remove('stale');
    this.view.show(this.race);
  }

  // end stops the current comparison: 'user' (the Stop button) keeps
  // listening for the worker's final state; 'superseded' ignores the rest.
  end(why) {
    const c = this.race;
    if (!c || !c.running) return;
    const starting = c.phase === 'starting';
    c.running = false;
    c.stopped = true;
    c.paused = false;
    if (starting) {
      c.ignore = true; // the sampled fit still runs: only a new worker stops it
      if (why === 'user') {
        this.d.worker.restart();
        if (this.d.app()) this.d.app().setTraining(false);
        this.d.setStatus('info', 'Comparison stopped before the sampled fit ended.');
      }
    } else {
      this.d.worker.post({ type: 'race-stop', id: c.id });
      c.ignore = why !== 'user';
    }
    this.view.update(c);
  }

  togglePause() {
    const c = this.race;
    if (!c || !c.running || c.phase !== 'running') return;
    c.paused = !c.paused;
    this.d.worker.post({ type: 'race-pause', id: c.id, paused: c.paused });
    this.d.setStatus(c.paused ? 'info' : 'busy', (c.paused ? 'Comparison paused: ' : 'Adam is training… ') + c.text + '.');
    this.view.update(c);
  }

  // stale marks the last comparison as one of an earlier model (a new fit
  // replaced the model on the plot).
  stale(what) {
    const c = this.race;
    if (!c || c.running) return;
    document.getElementById('race-figure').classList.add('stale');
    document.getElementById('race-result').textContent = 'This comparison was for the previous model (' + what + '). ' + c.result();
  }

  async onMessage(m) {
    const c = this.race;
    const d = this.d;
    if (!c || m.id !== c.id || c.ignore) return;
    if (m.reply && m.reply.crashed) d.worker.restart();
    const out = c.apply(m.reply, performance.now());
    if (out.errors) d.mark(out.errors);
    if (out.install) {
      try { await d.appLoaded; } catch (err) { return; }
      if (c.ignore || this.race !== c) return;
      d.app().setTraining(false);
      const err = d.app().setModel(JSON.stringify(out.install));
      if (err) {
        d.setStatus('error', err);
        this.view.update(c);
        return;
      }
      d.install(out.install);
    }
    if (c.error && d.app()) d.app().setTraining(false);
    if (out.compare && d.app() && !d.app().setCompareModel(JSON.stringify(out.compare))) c.models++;
    if (out.status) d.setStatus(...out.status);
    this.view.update(c);
    document.getElementById('export-curve').disabled = c.adamPoints().length === 0;
  }

  failed(msg) {
    if (!this.running) return;
    this.race.fail(msg);
    this.view.update(this.race);
  }

  state() { return this.race ? this.race.state() : { started: false, running: false, points: 0 }; }
}
