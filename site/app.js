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
    worker = new Worker('trainer.js');
    let resolveReady, rejectReady;
    workerReady = new Promise((res, rej) => { resolveReady = res; rejectReady = rej; });
    workerReady.catch(() => {}); // reported through the status line, not as an unhandled rejection
    worker.onmessage = (e) => {
      const m = e.data;
      if (m.type === 'ready') {
        window.__hnnplayWorkerReadyMs = performance.now() - t0; // for measurements
        if (!info) info = JSON.parse(m.info);
        resolveReady();
      } else if (m.type === 'failed') {
        rejectReady(new Error(m.error));
        if (training) finishTraining();
        setStatus('error', 'Cannot start the trainer: ' + m.error + '.');
      } else if (m.type === 'result') {
        onResult(m);
      }
    };
    worker.onerror = (e) => {
      e.preventDefault();
      rejectReady(new Error(e.message || 'worker error'));
      if (training) finishTraining();
      setStatus('error', 'The trainer failed to run: ' + (e.message || 'unknown error') + '.');
    };
    worker.postMessage({ type: 'init', module: trainerModule });
  }

  function train() {
    if (!worker) return;
    writeHash();
    if (training) {
      // A fit is running: cancel it by replacing the worker. Restarting is
      // cheap because the compiled module is reused (measured ~30 ms).
      worker.terminate();
      startWorker();
    }
    const id = ++trainId;
    const req = trainRequest(id);
    worker.postMessage({ type: 'train', id, request: JSON.stringify(req) });
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
    let reply;
    try {
      reply = JSON.parse(m.reply);
    } catch (err) {
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
    const err = window.hnnplay.setModel(m.reply, pendingLinkMessage);
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
    $('controls').addEventListener('submit', (e) => {
      e.preventDefault();
      // Enter in a simulation field applies that field; only the training
      // fields (and the Train button) start a fit.
      const a = document.activeElement;
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
