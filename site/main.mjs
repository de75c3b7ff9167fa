// hnnplay page: loads the phase-space app (hnnplay.wasm, ebiten) and the
// worker (worker.js + worker.wasm), builds the form from the worker's table
// of settings, and keeps the address's fragment a link to what is shown:
// the settings of the model on the plot, Adam's and the view's.
//
// The Go side reads and validates every value (core/experiment); this file
// moves text between the form, the link, the worker and the app.

import { loadApp, Worker } from './bridge.mjs';
import { fieldOf, optionLabel, pick } from './fields.mjs';
import { Form } from './form.mjs';
import { formatLink, parseLink } from './link.mjs';
import { Comparison, RaceView, sentence } from './race.mjs';
import { setStatus, statusText, useApp } from './status.mjs';

const $ = (id) => document.getElementById(id);
const RACE_SLICE_MS = 80; // plus about 20 ms to score Adam on the test set

let info = null; // the worker's: fields, systems, limits
let form = null;
let app = null; // window.hnnplay once the app runs
let appLoaded = null;
let trained = null; // the values of the model on the plot
let pendingNote = ''; // a link's problems, shown with the first model
let linkWritten = '';

// ---------- the link ----------
// linkValues: the model's data and network settings, and the form's Adam,
// simulation and view settings.
function linkValues() {
  const now = form.values();
  if (!trained) return now;
  return { ...pick(trained, info.fields, 'data', 'network'), ...pick(now, info.fields, 'simulate', 'adam', 'view') };
}

function writeLink() {
  linkWritten = '#' + formatLink(linkValues(), info.fields);
  history.replaceState(null, '', linkWritten);
  $('share').href = linkWritten;
}

// readLink applies a link: the worker reads it as a fit would, and what it
// refuses is replaced by defaults, marked and said.
async function readLink(hash) {
  const { values, error } = parseLink(hash);
  const problems = error ? [error] : [];
  const r = await worker.check(values);
  if (!r) return problems;
  form.set(r.values);
  form.mark(r.errors);
  for (const e of r.errors || []) problems.push(e.msg);
  return problems;
}

// ---------- the view (the app's settings) ----------
function sendView(values) {
  writeLink();
  if (!app) return;
  const err = app.setSettings(JSON.stringify(values));
  form.mark(err ? [{ key: Object.keys(values)[0], msg: err }] : []);
}

function viewValues() { return pick(form.values(), info.fields, 'simulate', 'view'); }

// ---------- fitting ----------
let trainId = 0;
let training = false;
let trainStart = 0;
let elapsedTimer = 0;
let firstFit = true;

function train() {
  const fitting = race && race.running && race.phase === 'starting';
  if (race && race.running) endRace('superseded'); // a comparison gives way to a fit
  if (training || fitting) worker.restart(); // cancels the running fit
  const id = ++trainId;
  const values = form.values();
  worker.post({ type: 'train', id, request: { id, values } });
  training = true;
  trainStart = performance.now();
  $('busy').hidden = false;
  $('train').setAttribute('aria-busy', 'true');
  setStatus('busy', `Training… (width ${values.width}, ${values.points} points, ${values.system})`);
  if (app) app.setTraining(true);
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
  if (app) app.setTraining(false);
}

async function onResult(m) {
  if (m.id !== trainId) return; // superseded
  finishTraining();
  const reply = m.reply;
  if (!reply || typeof reply !== 'object') {
    setStatus('error', 'The trainer sent an unreadable reply.');
    return;
  }
  if (reply.crashed) worker.restart();
  if (reply.error) {
    form.mark(reply.errors);
    if (firstFit && location.hash.length > 1) {
      // The link's settings cannot be trained: fall back to the defaults.
      firstFit = false;
      form.build();
      pendingNote = 'The settings in this link could not be used (' + reply.error + '); the defaults are used instead.';
      train();
      setStatus('error', pendingNote + ' Training…');
      return;
    }
    setStatus('error', reply.error);
    return;
  }
  firstFit = false;
  form.mark([]);
  try {
    await appLoaded;
  } catch (err) {
    return; // the plot failed to load; the status says so
  }
  const err = app.setModel(JSON.stringify(reply), pendingNote);
  pendingNote = '';
  if (err) {
    setStatus('error', err);
    return;
  }
  trained = reply.values;
  showFit(reply.fit);
  writeLink();
}

// showFit writes the fit's figures and the command that reproduces it.
function showFit(fit) {
  $('fit').hidden = false;
  const e = (v) => (v == null ? '–' : v.toExponential(1));
  $('fit-summary').textContent = `${optionLabel(fieldOf(info.fields, 'sampler'), fit.sampler)}, width ${fit.width}, ${fit.points} points: ` +
    `relative error of H ${e(fit.rel_l2_H)}, of ∇H ${e(fit.rel_l2_grad)}; rank ${fit.rank}, ${fit.fit_seconds.toFixed(3)} s.`;
  $('cli-command').textContent = `go run ./core/cmd/hnnplay fit -link '${fit.link}' -json`;
  $('fingerprints').textContent = `data ${fit.data_fingerprint}, hidden layer ${fit.hidden_fingerprint}`;
}

// ---------- the comparison with gradient descent ----------
let raceId = 0;
let race = null; // the current or last comparison
const raceView = new RaceView(document);

function startRace() {
  const fitting = training || (race && race.running && race.phase === 'starting');
  if (race && race.running) endRace('superseded');
  if (fitting) {
    worker.restart();
    if (training) { trainId++; finishTraining(); }
  }
  const id = ++raceId;
  const values = form.values();
  race = new Comparison(id);
  worker.post({ type: 'race-start', id, request: { id, values }, sliceMs: RACE_SLICE_MS });
  setStatus('busy', `Comparing: fitting the sampled network (width ${values.width}, ${values.points} points, ${values.system})…`);
  if (app) app.setTraining(true);
  raceView.show(race);
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
    race.ignore = true; // the sampled fit still runs: only a new worker stops it
    if (why === 'user') {
      worker.restart();
      if (app) app.setTraining(false);
      setStatus('info', 'Comparison stopped before the sampled fit ended.');
    }
  } else {
    worker.post({ type: 'race-stop', id: race.id });
    race.ignore = why !== 'user';
  }
  raceView.update(race);
}

function togglePause() {
  if (!race || !race.running || race.phase !== 'running') return;
  race.paused = !race.paused;
  worker.post({ type: 'race-pause', id: race.id, paused: race.paused });
  if (race.paused) setStatus('info', 'Comparison paused: ' + race.text + '.');
  else setStatus('busy', 'Adam is training… ' + race.text + '.');
  raceView.update(race);
}

async function onRace(m) {
  const c = race;
  if (!c || m.id !== c.id || c.ignore) return;
  if (m.reply && m.reply.crashed) worker.restart();
  const out = c.apply(m.reply, performance.now());
  if (out.errors) form.mark(out.errors);
  if (out.install) {
    try { await appLoaded; } catch (err) { return; }
    if (c.ignore || race !== c) return;
    app.setTraining(false);
    const err = app.setModel(JSON.stringify(out.install));
    if (err) {
      setStatus('error', err);
      raceView.update(c);
      return;
    }
    form.mark([]);
    trained = out.install.values;
    showFit(out.install.fit);
    writeLink();
  }
  if (c.error && app) app.setTraining(false);
  if (out.compare && app && !app.setCompareModel(JSON.stringify(out.compare))) c.models++;
  if (out.status) setStatus(...out.status);
  raceView.update(c);
}

// ---------- the workers ----------
const worker = new Worker({
  result: onResult,
  race: onRace,
  failed(msg) {
    if (training) finishTraining();
    if (race && race.running) { race.fail(msg); raceView.update(race); }
    setStatus('error', msg);
  },
});

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

async function startApp() {
  try {
    app = await loadApp(() => {
      app = null;
      useApp(null);
      setStatus('error', 'The plot stopped. Reload the page to start again.');
    });
  } catch (err) {
    setStatus('error', 'Cannot load the plot (hnnplay.wasm): ' + err.message + '. A browser with WebAssembly and WebGL is needed.');
    $('placeholder').firstElementChild.textContent = 'The plot could not be loaded.';
    throw err;
  }
  const status = { kind: $('status').dataset.kind, text: statusText() };
  useApp(app);
  setStatus(status.kind, status.text);
  window.hnnplay.race = () => JSON.stringify(race ? race.state() : { started: false, running: false, points: 0 });
  $('placeholder').hidden = true;
  const canvas = document.querySelector('body > canvas');
  if (canvas) keepTabUsable(canvas);
}

// ---------- wiring ----------
function wire() {
  $('race').addEventListener('click', startRace);
  $('race-pause').addEventListener('click', togglePause);
  $('race-stop').addEventListener('click', () => endRace('user'));
  window.addEventListener('resize', () => raceView.update(race));
  $('controls').addEventListener('submit', (e) => {
    e.preventDefault();
    // Enter in a simulation or view field applies it; in Adam's, it starts
    // a comparison; elsewhere (and the Train button) it fits.
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
  $('system').addEventListener('change', () => {
    form.set({ system: $('system').value });
    form.box(true);
    train();
  });
  $('controls').addEventListener('change', (e) => {
    const name = e.target.name;
    if (!name || name === 'system') return;
    if (e.target.closest('#sim-settings, #layers')) {
      sendView({ [name]: name === 'layers' ? form.values().layers : e.target.value });
    } else {
      writeLink();
    }
  });
  $('play').addEventListener('click', () => {
    const playing = $('play').getAttribute('aria-pressed') !== 'true';
    $('play').setAttribute('aria-pressed', String(playing));
    sendView({ playing: String(playing) });
  });
  $('step').addEventListener('click', () => {
    if ($('play').getAttribute('aria-pressed') === 'true') {
      $('play').setAttribute('aria-pressed', 'false');
      sendView({ playing: 'false' });
    }
    if (app) app.step();
  });
  $('reset').addEventListener('click', () => app && app.reset());
  $('clear').addEventListener('click', () => app && app.clear());
  $('add').addEventListener('click', () => app && app.addRandom(5));
  // A typed start point, so a keyboard can place a trajectory where it wants.
  const addTyped = () => {
    const text = $('start').value;
    const nums = text.split(',').map((p) => (p.trim() === '' ? NaN : Number(p.trim())));
    if (nums.length !== 2 || !nums.every(Number.isFinite)) {
      setStatus('error', `Start point: type two numbers separated by a comma, such as "1, 0"; got "${text}".`);
      return;
    }
    if (!app) return;
    app.add(nums[0], nums[1]);
    setStatus('info', `Trajectory started at (${nums[0]}, ${nums[1]}).`);
  };
  $('start-add').addEventListener('click', addTyped);
  $('start').addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); addTyped(); } });
  const copy = (text, what) => {
    if (!navigator.clipboard) return;
    navigator.clipboard.writeText(text).then(() => setStatus('info', what + ' copied.'), () => {});
  };
  $('share').addEventListener('click', (e) => {
    e.preventDefault();
    writeLink();
    copy(location.href, 'Link');
  });
  $('copy-command').addEventListener('click', () => copy($('cli-command').textContent, 'Command'));
  // A new model: show the section it uses (a 4-d system's fixed coordinates).
  window.addEventListener('hnnplay:model', () => setTimeout(() => {
    const s = JSON.parse(app.section());
    const values = {};
    for (const n of s.names) values['section.' + n] = s.values[n];
    form.buildSection(values);
    writeLink();
  }, 0));
  // A link pasted into the address bar of the open page applies at once.
  window.addEventListener('hashchange', async () => {
    if (location.hash === linkWritten) return;
    const problems = await readLink(location.hash);
    train();
    if (app) sendView(viewValues());
    if (problems.length) pendingNote = 'Some values in the link were not usable and were replaced by defaults: ' + problems.join('; ') + '.';
  });
}

// ---------- start ----------
async function main() {
  setStatus('busy', 'Loading the playground…');
  appLoaded = startApp();
  appLoaded.catch(() => {});
  try {
    info = await worker.start();
  } catch (err) {
    setStatus('error', 'Cannot start the trainer (worker.wasm): ' + err.message + '.');
    return;
  }
  form = new Form(document, info);
  form.build();
  const problems = location.hash.length > 1 ? await readLink(location.hash) : [];
  wire();
  train(); // the automatic first fit
  if (problems.length) {
    // shown with the first model instead of the fit's summary
    pendingNote = 'Some values in the link were not usable and were replaced by defaults: ' + problems.join('; ') + '.';
    setStatus('error', pendingNote + ' Training with the rest…');
  }
  try {
    await appLoaded;
  } catch (err) {
    return;
  }
  app.setTraining(training);
  sendView(viewValues());
  if (training) setStatus('busy', statusText());
}

main();
