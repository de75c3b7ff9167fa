// Self-test mode (a link with selftest=N): for N seconds the page plays
// random input on itself, as a careless or curious user would — clicks,
// drags and hovers on the plot, shortcut keys, good, bad and hostile values
// typed into the form, Train, comparisons started, paused and stopped, links
// pasted — and after every action checks that nothing went wrong: no console
// error or uncaught exception, frames keep coming, and the app's state agrees
// with itself and with the page. window.hnnplay.selftest() reports; the
// status line says the outcome at the end. The random choices are seeded and
// the seed is reported.

import { parseLink } from './link.mjs';

// rng returns a generator of uniform numbers in [0, 1) (mulberry32).
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];

// VALUES are what the self-test types into the form: each field's good
// values and the bad and hostile ones the worker must refuse with a message.
export const VALUES = {
  width: ['1', '37', '200', '400', '0', '-3', 'abc', '1e9', '', '2.5', 'NaN'],
  points: ['10', '300', '1500', '3000', '5', '', 'Infinity', '-1'],
  'test-points': ['1', '500', '2000', '0', 'x'],
  box: ['-pi,pi,-1,1', '-2pi,2pi,-2.5,2.5', '1,0,-1,1', '-1e308,1e308,-1,1', 'pi', '', ',,,', '0,0,0,0'],
  'train-box': ['-2,2,-1,1', '0,1,0,0.5', '', '-1,9,-1,1', '1,0,-1,1', '0,1e-9,0,1', 'x', '-1,1'],
  noise: ['0', '0.01', '-1', '1e308', 'NaN'],
  rcond: ['1e-13', '1e-6', '0', '2', 'x'],
  seed: ['1', '2', '18446744073709551615', '-1', '1.5'],
  'data-seed': ['1', '7', 'x'],
  snapshots: ['0', '0.1', '0.8', '-0.1', '3', 'x'],
  'step-size': ['0.05', '0.2', '0', '-0.1', '1e9', 'x'],
  speed: ['1', '2', '10', '0', '100'],
  'adam-steps': ['20', '50', '0', 'x'],
  'adam-budget': ['2', '1x', '100x, 1', 'x', ''],
  start: ['1, 0', '0.5,0.5', 'x', '1e400, 0', ''],
};

// BUTTONS are the buttons the self-test presses (the downloads, the file
// chooser and full screen excepted: a headless browser cannot take them).
export const BUTTONS = ['train', 'clear', 'add', 'reset', 'step', 'play', 'energy', 'race', 'race-pause', 'race-stop',
  'race-enlarge', 'cancel', 'larger', 'start-add', 'present', 'share', 'keys', 'lessons', 'lesson-next', 'lesson-back',
  'lesson-try', 'lesson-close', 'sweep', 'sweep-stop', 'sweep-enlarge', 'draw-region', 'whole-box'];

export const KEYS = [' ', 'c', 'r', 'e', 't', 'p', '?', 'x', 'Enter', 'Escape'];

// KINDS weighs the kinds of action.
export const KINDS = [
  ['click', 4], ['drag', 3], ['hover', 2], ['key', 4], ['value', 6], ['choice', 3], ['button', 5], ['layer', 2], ['link', 1],
];

// chooseKind draws a kind of action by its weight.
export function chooseKind(r) {
  const total = KINDS.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [k, w] of KINDS) {
    if ((x -= w) < 0) return k;
  }
  return KINDS[KINDS.length - 1][0];
}

// mutateLink returns a link with one value replaced by a random one, or a
// key removed, or junk appended: what a pasted, hand-edited link may be.
export function mutateLink(hash, r) {
  const parts = hash.replace(/^#/, '').split('&').filter(Boolean);
  const junk = ['width=NaN', 'system=bogus', 'traj=1,2,3', 'box=1,0', 'points=1e99', 'layers=error,,x', 'p.zz=1',
    'section.q9=1', 'width=%zz', 'selftest=5', 'embed=true', 'present=maybe', '=', '&&', 'traj=' + '1,0;'.repeat(60)];
  const choice = r();
  if (choice < 0.4 && parts.length) parts.splice(Math.floor(r() * parts.length), 1, pick(r, junk));
  else if (choice < 0.6 && parts.length) parts.splice(Math.floor(r() * parts.length), 1);
  else parts.push(pick(r, junk));
  return '#' + parts.join('&');
}

// inconsistencies lists what is wrong between the app's state s
// (window.hnnplay.state()) and the page p: {status, busy, hash}.
export function inconsistencies(s, p) {
  const out = [];
  if (s.starts.length !== s.trajectories) out.push(`${s.starts.length} starts for ${s.trajectories} trajectories`);
  if (s.trained && !(s.fit && Number.isFinite(s.fit.rel_l2_H))) out.push('a trained model without a finite fit report');
  if (s.trained && !(s.plot.w > 0 && s.plot.h > 0)) out.push(`an empty plot ${JSON.stringify(s.plot)}`);
  if (s.error && !p.status.includes(s.error)) out.push(`the error "${s.error}" is not in the status line "${p.status}"`);
  if (p.busy && !s.training) out.push('the busy bar shows while nothing trains');
  if (!Number.isFinite(s.max_energy_drift)) out.push('a non-finite energy drift');
  const link = parseLink(p.hash);
  if (link.error) out.push(`the page wrote a link it cannot read: ${link.error}`);
  return out;
}

// SelfTest drives the page. app() is window.hnnplay (or null once the app
// stopped); setStatus writes the status line.
export class SelfTest {
  constructor(seconds, { app, setStatus, seed = (Date.now() ^ (Math.random() * 2 ** 32)) >>> 0 }) {
    this.seconds = seconds;
    this.app = app;
    this.setStatus = setStatus;
    this.r = rng(seed);
    this.report = { seed, seconds, done: false, actions: 0, kinds: {}, errors: [], stalls: [], inconsistencies: [] };
    this.lastFrames = -1;
    this.lastFrameAt = performance.now();
    this.watchConsole();
  }

  // watchConsole records console errors, uncaught exceptions and rejected
  // promises, as a browser test's console listener would.
  watchConsole() {
    const rep = this.report;
    const error = console.error.bind(console);
    console.error = (...args) => {
      rep.errors.push(args.map(String).join(' ').slice(0, 300));
      error(...args);
    };
    window.addEventListener('error', (e) => rep.errors.push('uncaught: ' + (e.message || e.error)));
    window.addEventListener('unhandledrejection', (e) => rep.errors.push('unhandled rejection: ' + (e.reason && e.reason.message || e.reason)));
  }

  // run plays actions every 60–250 ms for the set time, checking after each.
  async run() {
    const end = performance.now() + this.seconds * 1000;
    const $ = (id) => document.getElementById(id);
    $('adam-steps').value = '40'; // comparisons that end in a few seconds
    while (performance.now() < end && this.app()) {
      const kind = chooseKind(this.r);
      try {
        this.act(kind);
      } catch (err) {
        this.report.errors.push(`the ${kind} action threw: ${err.message}`);
      }
      this.report.actions++;
      this.report.kinds[kind] = (this.report.kinds[kind] || 0) + 1;
      await new Promise((res) => setTimeout(res, 60 + this.r() * 190));
      this.check(kind);
    }
    for (const d of document.querySelectorAll('dialog[open]')) d.close();
    const rep = this.report;
    rep.done = true;
    const problems = rep.errors.length + rep.stalls.length + rep.inconsistencies.length;
    this.setStatus(problems ? 'error' : 'ok', `Self-test (seed ${rep.seed}): ${rep.actions} actions in ${rep.seconds} s; ` +
      (problems ? `${rep.errors.length} console errors, ${rep.stalls.length} stalls, ${rep.inconsistencies.length} inconsistencies ` +
        '(window.hnnplay.selftest() lists them).' : 'no problems found.'));
  }

  // check reads the state after an action: frames still come (unless the
  // plot is off screen or the tab hidden) and the state is consistent.
  check(after) {
    const app = this.app();
    if (!app) return;
    const s = JSON.parse(app.state());
    const now = performance.now();
    if (s.frames !== this.lastFrames || !s.visible || document.visibilityState === 'hidden') {
      this.lastFrames = s.frames;
      this.lastFrameAt = now;
    } else if (now - this.lastFrameAt > 3000 && !this.stalled) {
      this.report.stalls.push(`no frame for ${((now - this.lastFrameAt) / 1000).toFixed(1)} s, after a ${after} action`);
      this.stalled = true;
      return;
    }
    this.stalled = now - this.lastFrameAt > 3000;
    // a link pasted is the self-test's own until the page has read it and
    // written its own (the worker may be busy with a fit meanwhile)
    const hash = location.hash === this.pasted ? '' : location.hash;
    const page = { status: document.getElementById('status').textContent, busy: !document.getElementById('busy').hidden, hash };
    for (const msg of inconsistencies(s, page)) {
      if (this.report.inconsistencies.length < 50) this.report.inconsistencies.push(`after a ${after} action: ${msg}`);
    }
  }

  act(kind) {
    const r = this.r;
    const $ = (id) => document.getElementById(id);
    const app = this.app();
    const s = JSON.parse(app.state());
    const canvas = document.querySelector('body > canvas');
    const at = () => [s.plot.x + r() * s.plot.w, s.plot.y + r() * s.plot.h];
    const pointer = (type, [x, y], buttons) => canvas.dispatchEvent(new PointerEvent(type, {
      clientX: x, clientY: y, pointerId: 1, pointerType: r() < 0.3 ? 'touch' : 'mouse', button: 0, buttons, bubbles: true, isPrimary: true,
    }));
    const type = (el, value) => {
      el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    };
    if (document.querySelector('dialog[open]') && r() < 0.5) {
      for (const d of document.querySelectorAll('dialog[open]')) d.close();
      return;
    }
    switch (kind) {
      case 'click': {
        const p = at();
        pointer('pointerdown', p, 1);
        pointer('pointerup', p, 0);
        break;
      }
      case 'drag': {
        let p = at();
        pointer('pointerdown', p, 1);
        for (let i = 0; i < 6; i++) {
          p = [p[0] + (r() - 0.5) * 80, p[1] + (r() - 0.5) * 80];
          pointer('pointermove', p, 1);
        }
        pointer('pointerup', p, 0);
        break;
      }
      case 'hover':
        pointer('pointermove', at(), 0);
        if (r() < 0.3) canvas.dispatchEvent(new PointerEvent('pointerleave', { pointerId: 1 }));
        break;
      case 'key': {
        const key = pick(r, KEYS);
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
        break;
      }
      case 'value': {
        const id = pick(r, Object.keys(VALUES));
        const el = $(id);
        if (!el) break;
        type(el, pick(r, VALUES[id]));
        if (r() < 0.3 && el.form) {
          el.focus(); // Enter in the field
          el.form.requestSubmit();
        } else if (r() < 0.4) {
          $('train').click();
        }
        break;
      }
      case 'choice': {
        const el = $(pick(r, ['system', 'sampler', 'integrator', 'e-system', 'e-sampler']));
        if (!el || !el.options.length) break;
        type(el, r() < 0.1 ? 'bogus' : el.options[Math.floor(r() * el.options.length)].value);
        break;
      }
      case 'button': {
        const el = $(pick(r, BUTTONS));
        if (el && !el.disabled && !el.hidden) el.click();
        break;
      }
      case 'layer': {
        const boxes = document.querySelectorAll('#layers input[type=checkbox]');
        if (!boxes.length) break;
        const b = boxes[Math.floor(r() * boxes.length)];
        b.checked = !b.checked;
        b.dispatchEvent(new Event('change', { bubbles: true }));
        break;
      }
      case 'link':
        location.hash = mutateLink(location.hash, r);
        this.pasted = location.hash;
        break;
    }
  }
}
