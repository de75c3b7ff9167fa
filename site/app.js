// hnnplay page glue: loads the phase-space app (hnnplay.wasm, ebiten) and the
// trainer worker (trainer.js + trainer.wasm), wires the controls to both, and
// keeps every setting in the URL hash so that a link reproduces an experiment.
//
// The Go side validates everything again; this file only moves values around,
// checks link values against the trainer's own limits, and shows progress.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);

  // ---------- status ----------
  let appReady = false;
  function setStatus(kind, text) {
    if (appReady) {
      window.hnnplay.setStatus(kind, text); // the app owns #status and state().error
      return;
    }
    const el = $('status');
    el.textContent = text;
    el.dataset.kind = kind;
  }

  // ---------- settings <-> controls <-> URL ----------
  const trainFields = ['system', 'box', 'points', 'width', 'sampler', 'rcond', 'noise', 'seed'];
  const viewFields = { integrator: 'integrator', step: 'step-size', speed: 'speed' };
  const layerIds = { learned: 'show-learned', true: 'show-true', field: 'show-field', points: 'show-points', error: 'show-error' };
  // Adam's settings of the comparison: request field (and hash key) → input id.
  const raceFields = { adam_steps: 'adam-steps', adam_lr: 'adam-lr', adam_batch: 'adam-batch', adam_budget: 'adam-budget' };

  let info = null; // from the trainer: systems, limits, defaults, samplers

  function systemInfo(name) {
    return info && info.systems.find((s) => s.name === name);
  }

  function paramInputs() {
    return Array.from(document.querySelectorAll('#params input'));
  }

  // Build the parameter inputs of the selected system (empty = default).
  function buildParams(values) {
    const box = $('params');
    box.replaceChildren();
    const sys = systemInfo($('system').value);
    if (!sys) return;
    for (const p of sys.params || []) {
      const row = document.createElement('div');
      row.className = 'row';
      const id = 'param-' + p.name;
      const label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = p.name;
      label.title = p.doc;
      const input = document.createElement('input');
      input.id = id;
      input.type = 'text';
      input.autocomplete = 'off';
      input.dataset.param = p.name;
      input.placeholder = p.default;
      input.title = p.doc;
      input.setAttribute('aria-description', p.doc + ' (default ' + p.default + ')');
      input.value = (values && values[p.name]) || '';
      row.append(label, input);
      box.append(row);
    }
  }

  // Build the section inputs (fixed coordinates of a 4-d system).
  function buildSection(names, values) {
    const box = $('section');
    box.querySelectorAll('.row').forEach((r) => r.remove());
    box.hidden = names.length === 0;
    for (const n of names) {
      const row = document.createElement('div');
      row.className = 'row';
      const id = 'section-' + n;
      const label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = n[0] + subscript(n.slice(1)) + ' fixed at';
      const input = document.createElement('input');
      input.id = id;
      input.type = 'text';
      input.inputMode = 'decimal';
      input.autocomplete = 'off';
      input.dataset.coord = n;
      const v = values && values[n];
      input.value = v === undefined ? '0' : String(Math.round(v * 1e6) / 1e6);
      input.addEventListener('change', () => {
        sendView({ section: { [n]: input.value } });
      });
      row.append(label, input);
      box.append(row);
    }
  }

  function subscript(s) {
    return s.replace(/[0-9]/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[d]);
  }

  // The coordinates a system's section fixes: all but q1 and p1.
  function sectionNames(sys) {
    if (!sys || sys.dof < 2) return [];
    return sys.coords.filter((_, i) => i !== 0 && i !== sys.dof);
  }

  function trainRequest(id) {
    const r = { id };
    for (const f of trainFields) r[f] = $(f).value;
    const params = {};
    for (const input of paramInputs()) {
      if (input.value.trim() !== '') params[input.dataset.param] = input.value.trim();
    }
    r.params = params;
    return r;
  }

  function layersValue() {
    return Object.keys(layerIds).filter((k) => $(layerIds[k]).checked).join(',');
  }

  function viewSettings() {
    const layers = {};
    for (const [k, id] of Object.entries(layerIds)) layers[k] = $(id).checked;
    const section = {};
    document.querySelectorAll('#section input').forEach((i) => { section[i.dataset.coord] = i.value; });
    return {
      integrator: $('integrator').value,
      step: $('step-size').value,
      speed: $('speed').value,
      layers,
      section,
      playing: $('play').getAttribute('aria-pressed') === 'true',
    };
  }

  // Write all settings into the hash (replaceState: no history spam).
  function writeHash() {
    const h = new URLSearchParams();
    for (const f of trainFields) h.set(f, $(f).value);
    for (const input of paramInputs()) if (input.value.trim() !== '') h.set('p.' + input.dataset.param, input.value.trim());
    for (const [k, id] of Object.entries(viewFields)) h.set(k, $(id).value);
    for (const [k, id] of Object.entries(raceFields)) if ($(id).value.trim() !== '') h.set(k, $(id).value.trim());
    h.set('layers', layersValue());
    document.querySelectorAll('#section input').forEach((i) => h.set('section.' + i.dataset.coord, i.value));
    const url = '#' + h.toString();
    history.replaceState(null, '', url);
    $('share').href = url;
  }

  // ---------- link (hash) validation ----------
  const NUM = /^[+-−]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
  const PI = /^[+-−]?((\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\*?)?(pi|π)(\/(\d+(\.\d*)?|\.\d+))?$/i;
  const isNumber = (s) => NUM.test(s.trim()) || PI.test(s.trim().replace(/\s+/g, ''));
  const toNumber = (s) => Number(s.trim().replace('−', '-'));

  function checkInt(v, lo, hi) {
    const s = v.trim();
    if (!/^\d+$/.test(s)) return false;
    const n = Number(s);
    return Number.isSafeInteger(n) && n >= lo && n <= hi;
  }
  function checkFloat(v, lo, hi) {
    if (!NUM.test(v.trim())) return false;
    const x = toNumber(v);
    return Number.isFinite(x) && x >= lo && x <= hi;
  }

  // Apply the hash to the controls. Values that fail a check are replaced by
  // the defaults, each with a sentence in the returned list.
  function readHash() {
    const h = new URLSearchParams(location.hash.slice(1));
    const problems = [];
    const L = info.limits;
    const bad = (key, val, why, def) => problems.push(`${key}=${JSON.stringify(val)} (${why}; using ${def})`);

    if (h.has('system')) {
      const v = h.get('system');
      if (systemInfo(v)) $('system').value = v;
      else bad('system', v, 'unknown system', $('system').value);
    }
    const sys = systemInfo($('system').value);
    $('box').value = sys.box;
    if (h.has('box')) {
      const v = h.get('box');
      const parts = v.replace(/[[\]()]/g, '').split(/[,;]/);
      if (parts.length === 4 * sys.dof && parts.every(isNumber)) $('box').value = v;
      else bad('box', v, `need ${4 * sys.dof} numbers`, sys.box);
    }
    const ints = { points: [L.min_points, L.max_points], width: [L.min_width, L.max_width], seed: [0, L.max_seed] };
    for (const [k, [lo, hi]] of Object.entries(ints)) {
      if (!h.has(k)) continue;
      const v = h.get(k);
      if (checkInt(v, lo, hi)) $(k).value = v.trim();
      else bad(k, v, `must be a whole number from ${lo} to ${hi}`, $(k).value);
    }
    if (h.has('sampler')) {
      const v = h.get('sampler');
      if (info.samplers.includes(v)) $('sampler').value = v;
      else bad('sampler', v, 'must be one of ' + info.samplers.join(', '), $('sampler').value);
    }
    const floats = { rcond: [L.min_rcond, L.max_rcond], noise: [0, L.max_noise] };
    for (const [k, [lo, hi]] of Object.entries(floats)) {
      if (!h.has(k)) continue;
      const v = h.get(k);
      if (checkFloat(v, lo, hi)) $(k).value = v.trim();
      else bad(k, v, `must be a number from ${lo} to ${hi}`, $(k).value);
    }
    const params = {};
    for (const [k, v] of h) {
      if (!k.startsWith('p.')) continue;
      const name = k.slice(2);
      if ((sys.params || []).some((p) => p.name === name)) params[name] = v;
      else bad(k, v, 'not a parameter of ' + sys.name, 'nothing');
    }
    buildParams(params);

    if (h.has('integrator')) {
      const v = h.get('integrator');
      if (Array.from($('integrator').options).some((o) => o.value === v)) $('integrator').value = v;
      else bad('integrator', v, 'unknown integrator', $('integrator').value);
    }
    if (h.has('step')) {
      const v = h.get('step');
      if (checkFloat(v, 1e-4, 1)) $('step-size').value = v.trim();
      else bad('step', v, 'must be a number from 0.0001 to 1', $('step-size').value);
    }
    if (h.has('speed')) {
      const v = h.get('speed');
      if (checkInt(v, 1, 50)) $('speed').value = v.trim();
      else bad('speed', v, 'must be a whole number from 1 to 50', $('speed').value);
    }
    // Adam's settings: loosely checked here (the trainer validates them and says what is wrong).
    const raceChecks = {
      adam_steps: (v) => checkInt(v, 1, 1e7),
      adam_lr: (v) => checkFloat(v, 1e-12, 1),
      adam_batch: (v) => checkInt(v, 1, L.max_points),
      adam_budget: (v) => v.length <= 40 && /^[0-9eE.+\-x×s ,;]*$/.test(v),
    };
    for (const [k, ok] of Object.entries(raceChecks)) {
      if (!h.has(k)) continue;
      const v = h.get(k);
      if (ok(v)) $(raceFields[k]).value = v.trim();
      else bad(k, v, 'not a usable value', $(raceFields[k]).value || 'none');
    }
    if (h.has('layers')) {
      const v = h.get('layers');
      const on = v.split(',').map((s) => s.trim()).filter(Boolean);
      if (on.every((k) => k in layerIds)) {
        for (const [k, id] of Object.entries(layerIds)) $(id).checked = on.includes(k);
      } else bad('layers', v, 'known layers are ' + Object.keys(layerIds).join(', '), layersValue());
    }
    const section = {};
    for (const n of sectionNames(sys)) {
      const key = 'section.' + n;
      if (!h.has(key)) continue;
      const v = h.get(key);
      if (checkFloat(v, -1e6, 1e6)) section[n] = toNumber(v);
      else bad(key, v, 'must be a number', 'the default');
    }
    const anchor = {};
    sectionNames(sys).forEach((n) => {
      const i = sys.coords.indexOf(n);
      anchor[n] = n in section ? section[n] : sys.anchor[i];
    });
    buildSection(sectionNames(sys), anchor);
    return problems;
  }

  // ---------- the app (ebiten) ----------
  function sendView(partial) {
    writeHash();
    if (!appReady) return;
    const err = window.hnnplay.setSettings(JSON.stringify(partial || viewSettings()));
    return err;
  }

  async function loadApp() {
    const go = new Go();
    const ready = new Promise((resolve) => window.addEventListener('hnnplay:ready', resolve, { once: true }));
    let result;
    try {
      result = await WebAssembly.instantiateStreaming(fetch('hnnplay.wasm'), go.importObject);
    } catch (err) {
      setStatus('error', 'Cannot load the plot (hnnplay.wasm): ' + err.message + '. A browser with WebAssembly and WebGL is needed.');
      $('placeholder').firstElementChild.textContent = 'The plot could not be loaded.';
      throw err;
    }
    go.run(result.instance).then(() => {
      appReady = false;
      setStatus('error', 'The plot stopped. Reload the page to start again.');
    });
    await ready;
    appReady = true;
    window.hnnplay.race = () => JSON.stringify(raceState());
    $('placeholder').hidden = true;
    const canvas = document.querySelector('body > canvas');
    if (canvas) keepTabUsable(canvas);
  }

  // Ebiten calls preventDefault on every key event on its canvas, so Tab
  // could not leave it once clicked. Stop Tab (and Escape) before they reach
  // the canvas's own listeners; the browser then moves focus as usual.
  function keepTabUsable(canvas) {
    const pass = (e) => {
      if (e.target === canvas && (e.key === 'Tab' || e.key === 'Escape')) e.stopPropagation();
    };
    window.addEventListener('keydown', pass, true);
    window.addEventListener('keyup', pass, true);
  }

  // ---------- the trainer worker ----------
  let trainerModule = null;
  let worker = null;
  let workerReady = null; // promise of the first 'ready'
  let trainId = 0;
  let training = false;
  let trainStart = 0;
  let elapsedTimer = 0;
  let firstFit = true;

  function startWorker() {
    const t0 = performance.now();
    const w = new Worker('trainer.js');
    worker = w;
    let resolveReady, rejectReady;
    workerReady = new Promise((res, rej) => { resolveReady = res; rejectReady = rej; });
    workerReady.catch(() => {}); // reported through the status line, not as an unhandled rejection
    // A terminated worker can still have an event queued (e.g. the error of
    // an importScripts its termination aborted): ignore all but the current one.
    w.onmessage = (e) => {
      if (w !== worker) return;
      const m = e.data;
      if (m.type === 'ready') {
        window.__hnnplayWorkerReadyMs = performance.now() - t0; // for measurements
        if (!info) info = m.info;
        resolveReady();
      } else if (m.type === 'failed') {
        rejectReady(new Error(m.error));
        if (training) finishTraining();
        if (race && race.running) raceFailed('Cannot start the trainer: ' + m.error + '.');
        setStatus('error', 'Cannot start the trainer: ' + m.error + '.');
      } else if (m.type === 'result') {
        onResult(m);
      } else if (m.type === 'race') {
        onRace(m);
      }
    };
    w.onerror = (e) => {
      e.preventDefault();
      if (w !== worker) return;
      rejectReady(new Error(e.message || 'worker error'));
      if (training) finishTraining();
      if (race && race.running) raceFailed('The trainer failed to run: ' + (e.message || 'unknown error') + '.');
      setStatus('error', 'The trainer failed to run: ' + (e.message || 'unknown error') + '.');
    };
    worker.postMessage({ type: 'init', module: trainerModule });
  }

  function train() {
    if (!worker) return;
    writeHash();
    const fitting = race && race.running && race.phase === 'starting';
    if (race && race.running) endRace('superseded'); // a comparison gives way to a fit
    if (training || fitting) {
      // A fit is running: cancel it by replacing the worker. Restarting is
      // cheap because the compiled module is reused (measured ~30 ms).
      worker.terminate();
      startWorker();
    }
    const id = ++trainId;
    const req = trainRequest(id);
    worker.postMessage({ type: 'train', id, request: req });
    training = true;
    trainStart = performance.now();
    $('busy').hidden = false;
    $('train').setAttribute('aria-busy', 'true');
    setStatus('busy', `Training… (width ${req.width.trim()}, ${req.points.trim()} points, ${req.system})`);
    if (appReady) window.hnnplay.setTraining(true);
    clearInterval(elapsedTimer);
    elapsedTimer = setInterval(() => {
      $('elapsed').textContent = ((performance.now() - trainStart) / 1000).toFixed(1) + ' s';
    }, 100);
  }

  function finishTraining() {
    training = false;
    clearInterval(elapsedTimer);
    $('busy').hidden = true;
    $('elapsed').textContent = '';
    $('train').removeAttribute('aria-busy');
    if (appReady) window.hnnplay.setTraining(false);
  }

  async function onResult(m) {
    if (m.id !== trainId) return; // superseded
    finishTraining();
    const reply = m.reply;
    if (!reply || typeof reply !== 'object') {
      setStatus('error', 'The trainer sent an unreadable reply.');
      return;
    }
    if (reply.crashed) { worker.terminate(); startWorker(); }
    if (reply.error) {
      if (firstFit && location.hash.length > 1) {
        // The link's settings cannot be trained: fall back to the defaults.
        firstFit = false;
        resetTrainControls();
        train();
        pendingLinkMessage = 'The settings in this link could not be used (' + reply.error + '); the defaults are used instead.';
        setStatus('error', pendingLinkMessage + ' Training…');
        return;
      }
      setStatus('error', reply.error);
      return;
    }
    firstFit = false;
    window.__hnnplayLastFitMs = m.ms; // wall time in the worker, for measurements
    if (!appReady) {
      try {
        await appLoaded;
      } catch (err) {
        return; // the plot failed to load; the status says so
      }
    }
    const err = window.hnnplay.setModel(JSON.stringify(reply), pendingLinkMessage);
    pendingLinkMessage = '';
    if (err) setStatus('error', err);
  }

  function resetTrainControls() {
    const d = info.defaults;
    $('system').value = d.system;
    $('box').value = systemInfo(d.system).box;
    for (const k of ['points', 'width', 'sampler', 'rcond', 'noise', 'seed']) $(k).value = d[k];
    buildParams({});
  }

  // ---------- the comparison with gradient descent (race) ----------
  // The worker fits the sampled network, then trains the same network by Adam
  // in slices of about RACE_SLICE_MS, posting each new point of Adam's error
  // curve; the chart grows as they arrive, and about once a second Adam's
  // current network goes to the canvas (setCompareModel), where every
  // trajectory also follows its flow. Pause and stop are messages the worker
  // reads between slices. A fit (Train) ends a comparison; a comparison
  // cancels a fit.
  const RACE_SLICE_MS = 80; // plus about 20 ms to score Adam on the test set
  let raceId = 0;
  let race = null; // the current or last comparison

  function startRace() {
    if (!worker) return;
    writeHash();
    const fitting = training || (race && race.running && race.phase === 'starting');
    if (race && race.running) endRace('superseded');
    if (fitting) {
      worker.terminate();
      startWorker();
      if (training) { trainId++; finishTraining(); }
    }
    const id = ++raceId;
    const req = trainRequest(id);
    for (const [k, el] of Object.entries(raceFields)) req[k] = $(el).value;
    race = {
      id, phase: 'starting', running: true, paused: false, done: false, stopped: false, ignore: false,
      error: '', reason: '', sampled: null, adam: null, points: [], summary: null, text: '',
      models: 0, lastStatus: 0, started: performance.now(),
    };
    worker.postMessage({ type: 'race-start', id, request: req, sliceMs: RACE_SLICE_MS });
    setStatus('busy', `Comparing: fitting the sampled network (width ${req.width.trim()}, ${req.points.trim()} points, ${req.system})…`);
    if (appReady) window.hnnplay.setTraining(true);
    $('race-figure').hidden = false;
    raceControls();
    raceText();
    drawChart();
    // Bring the chart into the panel's view, keeping the buttons visible.
    const panel = $('panel').getBoundingClientRect();
    const over = $('race-figure').getBoundingClientRect().bottom - panel.bottom;
    if (over > 0) $('panel').scrollTop += Math.min(over + 8, $('race').getBoundingClientRect().top - panel.top - 8);
  }

  // endRace stops the current comparison: 'user' (the Stop button) keeps
  // listening for the worker's final state; 'superseded' (a fit or a new
  // comparison) ignores the rest.
  function endRace(why) {
    if (!race || !race.running) return;
    const starting = race.phase === 'starting';
    race.running = false;
    race.stopped = true;
    race.paused = false;
    if (starting) {
      // The sampled fit is still running: only a new worker stops it.
      race.ignore = true;
      if (why === 'user') {
        worker.terminate();
        startWorker();
        if (appReady) window.hnnplay.setTraining(false);
        setStatus('info', 'Comparison stopped before the sampled fit ended.');
      }
    } else {
      worker.postMessage({ type: 'race-stop', id: race.id });
      race.ignore = why !== 'user';
    }
    raceControls();
    scheduleChart();
  }

  function raceFailed(msg) {
    race.running = false;
    race.error = msg;
    raceControls();
    if (appReady) window.hnnplay.setTraining(false);
  }

  function togglePause() {
    if (!race || !race.running || race.phase !== 'running') return;
    race.paused = !race.paused;
    worker.postMessage({ type: 'race-pause', id: race.id, paused: race.paused });
    if (race.paused) setStatus('info', 'Comparison paused: ' + race.text + '.');
    else setStatus('busy', 'Adam is training… ' + race.text + '.');
    raceControls();
    scheduleChart();
  }

  function raceControls() {
    const running = !!(race && race.running);
    $('race-pause').disabled = !running || race.phase !== 'running';
    $('race-stop').disabled = !running;
    $('race-pause').setAttribute('aria-pressed', String(running && race.paused));
    $('race-pause').textContent = running && race.paused ? 'Resume' : 'Pause';
    if (running) $('race').setAttribute('aria-busy', 'true');
    else $('race').removeAttribute('aria-busy');
  }

  const reasons = {
    steps: (r) => `Adam used its ${r.adam ? r.adam.steps : ''} steps`,
    budget: () => "Adam reached its time limit",
    reached: () => "Adam reached the sampled network's error",
    diverged: () => 'Adam diverged',
  };

  async function onRace(m) {
    const r0 = race;
    if (!r0 || m.id !== r0.id || r0.ignore) return;
    const r = m.reply;
    if (!r || typeof r !== 'object') {
      raceFailed('The trainer sent an unreadable reply.');
      setStatus('error', race.error);
      return;
    }
    if (r.crashed) { worker.terminate(); startWorker(); }
    if (r.error) {
      raceFailed(r.error);
      setStatus('error', r.error);
      scheduleChart();
      return;
    }
    if (r.summary) r0.summary = r.summary;
    if (r.text) r0.text = r.text;
    if (r.points) r0.points.push(...r.points);
    if (r.sampled) r0.sampled = r.sampled;
    if (r.phase === 'start') {
      r0.phase = 'running';
      r0.adam = r.adam;
      if (!appReady) {
        try { await appLoaded; } catch (err) { return; }
      }
      if (r0.ignore || race !== r0) return;
      window.hnnplay.setTraining(false);
      const err = window.hnnplay.setModel(JSON.stringify(r.result));
      if (err) setStatus('error', err);
      else setStatus('busy', 'Adam is training… ' + r0.text + '.');
      r0.lastStatus = performance.now();
      raceControls();
    } else {
      if (r.model && appReady) {
        const err = window.hnnplay.setCompareModel(JSON.stringify(r.model));
        if (!err) r0.models++;
      }
      if (r.phase === 'stopped') {
        r0.running = false;
        r0.stopped = true;
        r0.done = true;
        setStatus('info', 'Comparison stopped. ' + sentence(r0.text) + '.');
        raceControls();
      } else if (r.done) {
        r0.running = false;
        r0.done = true;
        r0.reason = r.reason || '';
        const why = reasons[r0.reason] ? ' ' + reasons[r0.reason](r0) + '.' : '';
        setStatus('ok', sentence(r0.text) + '.' + why);
        raceControls();
      } else if (!r0.paused && performance.now() - r0.lastStatus > 1000) {
        // a polite live region: about once a second, not at every slice
        r0.lastStatus = performance.now();
        setStatus('busy', 'Adam is training… ' + r0.text + '.');
      }
    }
    scheduleChart();
  }

  function sentence(t) { return t ? t[0].toUpperCase() + t.slice(1) : t; }

  // raceState is window.hnnplay.race(): the comparison for tests and the curious.
  function raceState() {
    if (!race) return { started: false, running: false, points: 0 };
    const s = race.summary || {};
    const adamPoints = race.points.filter((p) => p.steps > 0);
    return {
      started: true, id: race.id, phase: race.phase, running: race.running, paused: race.paused,
      done: race.done, stopped: race.stopped, reason: race.reason, error: race.error,
      points: race.points.length, curve: race.points,
      sampled_seconds: race.sampled ? race.sampled.seconds : null,
      sampled_rel_l2_H: race.sampled ? race.sampled.rel_l2_H : null,
      adam_seconds: adamPoints.length ? adamPoints[adamPoints.length - 1].seconds : 0,
      adam_best_rel_l2_H: s.adam_best_rel_l2_H ?? null,
      adam_steps: s.adam_steps || 0,
      speedup: s.speedup ?? null, lower_bound: !!s.speedup_lower_bound, reached: !!s.reached,
      time_to_reach: s.reached ? s.time_to_reach : null,
      text: race.text, adam: race.adam, models: race.models,
    };
  }

  // ---------- the chart: test error against training time, log-log ----------
  let chartQueued = false;
  function scheduleChart() {
    raceText();
    if (chartQueued) return;
    chartQueued = true;
    requestAnimationFrame(() => { chartQueued = false; drawChart(); });
  }

  const SUP = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
  const decade = (k) => (k === 0 ? '1' : '10' + String(k).split('').map((c) => SUP[c]).join(''));
  const sci = (v) => (v == null || !Number.isFinite(v) ? '–' : v.toExponential(1).replace('e-', 'e−').replace('e+', 'e'));
  const secs = (v) => (v >= 10 ? v.toFixed(1) : v >= 0.1 ? v.toFixed(2) : v.toPrecision(2)) + ' s';

  // raceText writes the outcome beside the chart (the status line may move on
  // to other news) and the chart's text alternative, at once (the chart
  // itself is drawn at the next animation frame).
  // chartCanvas returns the chart's canvas, made with the first comparison.
  // (Made then, not in the HTML: the plot's canvas, which ebiten appends to
  // the body, stays the page's first and only canvas until a comparison.)
  function chartCanvas() {
    let c = $('race-chart');
    if (!c) {
      c = document.createElement('canvas');
      c.id = 'race-chart';
      c.setAttribute('role', 'img');
      c.setAttribute('aria-label', 'Chart of test error against training time.');
      $('race-figure').prepend(c);
    }
    return c;
  }

  function raceText() {
    if (!race) return;
    const c = chartCanvas();
    const sp = race && race.sampled;
    const pts = race ? race.points.filter((p) => p.steps > 0 && p.rel_l2_H != null) : [];
    if (!sp && pts.length === 0) {
      c.setAttribute('aria-label', 'Chart of test error against training time: ' + (race.running ? 'the sampled network is being fitted.' : 'no comparison yet.'));
      $('race-result').textContent = race.error;
      return;
    }
    // the outcome in words beside the chart (the status line may move on to other news)
    let result = race.text ? sentence(race.text) + '.' : '';
    if (result && race.running) result = (race.paused ? 'Paused. ' : 'Adam is training. ') + result;
    else if (result && race.done && reasons[race.reason]) result += ' ' + reasons[race.reason](race) + '.';
    else if (result && race.stopped) result = 'Stopped. ' + result;
    if ($('race-result').textContent !== result) $('race-result').textContent = result;

    // the text alternative: the latest figures
    const s = race.summary || {};
    let label = 'Chart of the relative test error of H against training time, log–log. ';
    if (sp) label += `Sampled network: ${sci(sp.rel_l2_H)} in ${secs(sp.seconds)}. `;
    if (pts.length) {
      const last = pts[pts.length - 1];
      label += `Adam: ${last.steps} steps in ${secs(last.seconds)}, error now ${sci(last.rel_l2_H)}, best ${sci(s.adam_best_rel_l2_H)}. `;
    }
    if (race.text) label += sentence(race.text) + '.';
    c.setAttribute('aria-label', label);
  }

  function drawChart() {
    if (!race || $('race-figure').hidden) return;
    const c = chartCanvas();
    const dpr = window.devicePixelRatio || 1;
    const W = c.clientWidth, H = c.clientHeight;
    if (W < 10 || H < 10) return;
    if (c.width !== Math.round(W * dpr) || c.height !== Math.round(H * dpr)) {
      c.width = Math.round(W * dpr);
      c.height = Math.round(H * dpr);
    }
    const g = c.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, W, H);
    const font = '11px system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif';
    g.font = font;
    const ink = '#222b36', muted = '#5b6672', grid = '#eaedf0', SAMPLED = '#d55e00', ADAM = '#0072b2';
    const sp = race && race.sampled;
    const pts = race ? race.points.filter((p) => p.seconds > 0 && p.rel_l2_H > 0 && Number.isFinite(p.rel_l2_H)) : [];
    if (!sp && pts.length === 0) {
      g.fillStyle = muted;
      g.textAlign = 'center';
      g.fillText(race && race.running ? 'Fitting the sampled network…' : 'No comparison yet.', W / 2, H / 2);
      return;
    }
    // Ranges in log10, from the data, padded; the sampled point and 100× its
    // time are always in view.
    const xs = [], ys = [];
    if (sp) { xs.push(sp.seconds, sp.seconds * 100); ys.push(sp.rel_l2_H); }
    for (const p of pts) { xs.push(p.seconds); ys.push(p.rel_l2_H); }
    const first = race.points.find((p) => p.steps === 0);
    if (first && first.rel_l2_H > 0) ys.push(first.rel_l2_H);
    const lg = (v) => Math.log10(Math.max(v, 1e-300));
    let x0 = lg(Math.min(...xs)) - 0.3, x1 = lg(Math.max(...xs)) + 0.15;
    let y0 = lg(Math.min(...ys)) - 0.5, y1 = lg(Math.max(...ys)) + 0.3;
    if (x1 - x0 < 1) x1 = x0 + 1;
    if (y1 - y0 < 1) y0 = y1 - 1;
    const L = 44, R = 10, T = 10, B = 30;
    const pw = W - L - R, ph = H - T - B;
    const X = (v) => L + (lg(v) - x0) / (x1 - x0) * pw;
    const Y = (v) => T + (y1 - lg(v)) / (y1 - y0) * ph;

    // grid and ticks at decades (every other one when crowded)
    g.lineWidth = 1;
    g.strokeStyle = grid;
    g.fillStyle = muted;
    const xStep = Math.ceil((x1 - x0) / 6), yStep = Math.ceil((y1 - y0) / 6);
    g.textAlign = 'center';
    g.textBaseline = 'top';
    for (let k = Math.ceil(x0); k <= x1; k++) {
      if (k % xStep) continue;
      const x = Math.round(X(10 ** k)) + 0.5;
      g.beginPath(); g.moveTo(x, T); g.lineTo(x, T + ph); g.stroke();
      g.fillText(decade(k), x, T + ph + 3);
    }
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    for (let k = Math.ceil(y0); k <= y1; k++) {
      if (k % yStep) continue;
      const y = Math.round(Y(10 ** k)) + 0.5;
      g.beginPath(); g.moveTo(L, y); g.lineTo(L + pw, y); g.stroke();
      g.fillText(decade(k), L - 4, y);
    }
    g.strokeStyle = '#c4cbd3';
    g.strokeRect(L + 0.5, T + 0.5, pw - 1, ph - 1);
    g.fillStyle = ink;
    g.textAlign = 'right';
    g.textBaseline = 'bottom';
    g.fillText('training time (s)', L + pw, H - 1);
    g.save();
    g.translate(11, T + ph / 2);
    g.rotate(-Math.PI / 2);
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText('test error of H', 0, 0);
    g.restore();

    g.save();
    g.beginPath();
    g.rect(L, T, pw, ph);
    g.clip();
    if (sp) {
      // the sampled error (dashed) and 10×, 100× the sampled time (dotted)
      g.strokeStyle = SAMPLED;
      g.globalAlpha = 0.7;
      g.setLineDash([5, 4]);
      const ys0 = Y(sp.rel_l2_H);
      g.beginPath(); g.moveTo(L, ys0); g.lineTo(L + pw, ys0); g.stroke();
      g.setLineDash([1.5, 3]);
      g.strokeStyle = muted;
      g.fillStyle = muted;
      g.textAlign = 'left';
      g.textBaseline = 'top';
      for (const f of [10, 100]) {
        const x = X(sp.seconds * f);
        g.beginPath(); g.moveTo(x, T); g.lineTo(x, T + ph); g.stroke();
        const right = x > L + pw - 30;
        g.textAlign = right ? 'right' : 'left';
        g.fillText(f + '×', x + (right ? -3 : 3), T + 2);
      }
      g.setLineDash([]);
      g.globalAlpha = 1;
    }
    if (pts.length) {
      g.strokeStyle = ADAM;
      g.lineWidth = 2;
      g.lineJoin = 'round';
      g.beginPath();
      pts.forEach((p, i) => (i ? g.lineTo(X(p.seconds), Y(p.rel_l2_H)) : g.moveTo(X(p.seconds), Y(p.rel_l2_H))));
      g.stroke();
      const last = pts[pts.length - 1];
      g.fillStyle = ADAM;
      g.beginPath(); g.arc(X(last.seconds), Y(last.rel_l2_H), 3.5, 0, 2 * Math.PI); g.fill();
    }
    if (sp) {
      const x = X(sp.seconds), y = Y(sp.rel_l2_H);
      g.fillStyle = '#fff';
      g.beginPath(); g.arc(x, y, 6.5, 0, 2 * Math.PI); g.fill();
      g.fillStyle = SAMPLED;
      g.beginPath(); g.arc(x, y, 5, 0, 2 * Math.PI); g.fill();
    }
    g.restore();
    if (sp) {
      g.fillStyle = SAMPLED;
      g.textAlign = X(sp.seconds) > L + pw / 2 ? 'right' : 'left';
      g.textBaseline = 'bottom';
      const dx = g.textAlign === 'left' ? 8 : -8;
      g.fillText(`sampled ${sci(sp.rel_l2_H)} in ${secs(sp.seconds)}`, X(sp.seconds) + dx, Math.max(T + 12, Y(sp.rel_l2_H) - 6));
    }

  }

  // ---------- wiring ----------
  function onSystemChange() {
    const sys = systemInfo($('system').value);
    if (!sys) return;
    $('box').value = sys.box;
    buildParams({});
    const anchor = {};
    sectionNames(sys).forEach((n) => { anchor[n] = sys.anchor[sys.coords.indexOf(n)]; });
    buildSection(sectionNames(sys), anchor);
    train();
  }

  function wire() {
    $('race').addEventListener('click', startRace);
    $('race-pause').addEventListener('click', togglePause);
    $('race-stop').addEventListener('click', () => endRace('user'));
    for (const id of Object.values(raceFields)) $(id).addEventListener('change', writeHash);
    window.addEventListener('resize', scheduleChart);
    $('controls').addEventListener('submit', (e) => {
      e.preventDefault();
      // Enter in a simulation field applies that field; only the training
      // fields (and the Train button) start a fit.
      const a = document.activeElement;
      if (a && a.closest('#race-settings')) {
        if (a.tagName === 'INPUT') startRace();
        return;
      }
      if (a && a !== $('train') && a.closest('#sim-settings, #layers')) {
        a.dispatchEvent(new Event('change', { bubbles: true }));
        return;
      }
      train();
    });
    $('system').addEventListener('change', onSystemChange);
    for (const f of trainFields) if (f !== 'system') $(f).addEventListener('change', writeHash);
    $('params').addEventListener('change', writeHash);
    $('integrator').addEventListener('change', () => sendView({ integrator: $('integrator').value }));
    $('step-size').addEventListener('change', () => sendView({ step: $('step-size').value }));
    $('speed').addEventListener('change', () => sendView({ speed: $('speed').value }));
    for (const [k, id] of Object.entries(layerIds)) {
      $(id).addEventListener('change', () => sendView({ layers: { [k]: $(id).checked } }));
    }
    $('play').addEventListener('click', () => {
      const playing = $('play').getAttribute('aria-pressed') !== 'true';
      $('play').setAttribute('aria-pressed', String(playing));
      sendView({ playing });
    });
    $('step').addEventListener('click', () => {
      if ($('play').getAttribute('aria-pressed') === 'true') {
        $('play').setAttribute('aria-pressed', 'false');
        sendView({ playing: false });
      }
      if (appReady) window.hnnplay.step();
    });
    $('reset').addEventListener('click', () => appReady && window.hnnplay.reset());
    $('clear').addEventListener('click', () => appReady && window.hnnplay.clear());
    $('add').addEventListener('click', () => appReady && window.hnnplay.addRandom(5));
    // A typed start point, so a keyboard can place a trajectory where it wants.
    const addTyped = () => {
      const text = $('start').value;
      const parts = text.split(',').map((p) => p.trim());
      const nums = parts.map((p) => (p === '' ? NaN : Number(p)));
      if (nums.length !== 2 || !nums.every(Number.isFinite)) {
        setStatus('error', `Start point: type two numbers separated by a comma, such as "1, 0"; got "${text}".`);
        return;
      }
      if (!appReady) return;
      window.hnnplay.add(nums[0], nums[1]);
      setStatus('info', `Trajectory started at (${nums[0]}, ${nums[1]}).`);
    };
    $('start-add').addEventListener('click', addTyped);
    $('start').addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); addTyped(); } });
    $('share').addEventListener('click', (e) => {
      e.preventDefault();
      writeHash();
      if (navigator.clipboard) {
        navigator.clipboard.writeText(location.href).then(
          () => setStatus('info', 'Link copied: it reproduces this experiment.'),
          () => setStatus('info', 'The address bar holds the link to this experiment.'));
      }
    });
    // A new model: show the section it uses (a 4-d system's fixed coordinates).
    window.addEventListener('hnnplay:model', () => setTimeout(() => {
      const s = JSON.parse(window.hnnplay.section());
      buildSection(s.names, s.values);
      writeHash();
    }, 0));
  }

  // ---------- start ----------
  let appLoaded;
  async function main() {
    setStatus('busy', 'Loading the playground…');
    appLoaded = loadApp();
    try {
      trainerModule = await WebAssembly.compileStreaming(fetch('trainer.wasm'));
      startWorker();
      await workerReady;
    } catch (err) {
      setStatus('error', 'Cannot start the trainer (trainer.wasm): ' + err.message + '.');
      return;
    }
    const problems = readHash();
    wire();
    train(); // the automatic first fit
    if (problems.length) {
      // shown after the first result replaces "Training…"
      const msg = 'Some values in the link were not usable and were replaced by defaults: ' + problems.join('; ') + '.';
      pendingLinkMessage = msg;
      setStatus('error', msg + ' Training with the rest…');
    }
    try {
      await appLoaded;
    } catch (err) {
      return;
    }
    window.hnnplay.setTraining(training);
    sendView(viewSettings());
    if (training) setStatus('busy', $('status').textContent);
  }

  // Link problems are reported as an error with the first model, instead of
  // the "Trained…" summary that would hide them.
  let pendingLinkMessage = '';

  main();
})();
