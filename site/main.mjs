// hnnplay page: loads the phase-space app (hnnplay.wasm, ebiten) and the
// worker (worker.js + worker.wasm), builds the form from the worker's table
// of settings, and keeps the address's fragment a link to what is shown:
// the settings of the model on the plot, the trajectories, Adam's and the
// view's settings.
//
// The Go side reads and validates every value (core/experiment); this file
// moves text between the form, the link, the worker and the app.

import { keepTabUsable, loadApp, Worker } from './bridge.mjs';
import { wireControls } from './controls.mjs';
import { applyModes, tellHost, watchVisibility, wireEmbed } from './embed.mjs';
import { fieldOf, optionLabel, pick } from './fields.mjs';
import { showFit, showProgress, showSamplingNote, showSystem } from './fitview.mjs';
import { Form } from './form.mjs';
import { formatLink, parseLink } from './link.mjs';
import { buildOverlay, foldLegend } from './overlay.mjs';
import { wireRegion } from './region.mjs';
import { wireShare } from './share.mjs';
import { setStatus, statusText, useApp } from './status.mjs';
import { Uploads } from './upload.mjs';

const $ = (id) => document.getElementById(id);
const RACE_SLICE_MS = 80; // plus about 20 ms to score Adam on the test set

let info = null; // the worker's: fields, systems, limits
let form = null;
let app = null; // window.hnnplay once the app runs
let appLoaded = null;
let trained = null; // the values of the model on the plot
let lastFit = null; // its report
let modes = {}; // embed, hide and the open lesson: the page's, in its link
let tour = null; // the guided tour (lesson.mjs), loaded when first opened (theTour)
let tourPage = null; // what the tour reads of the page and does to it
let uploads = null; // the user's data file (upload.mjs)
let pendingNote = ''; // a link's problems, shown with the first model
let linkWritten = '';
let linkTraj = null; // the trajectories a link brought, until the app takes them

// ---------- the link ----------
// linkValues: the model's data and network settings, the form's Adam,
// simulation and view settings, the trajectories and the page's modes.
function linkValues() {
  const now = form.values();
  const v = trained ? { ...pick(trained, info.fields, 'data', 'network'), ...pick(now, info.fields, 'simulate', 'adam', 'view') } : now;
  if (app) v.traj = JSON.parse(app.state()).starts.map((x) => x.join(',')).join(';');
  return { ...v, ...modes };
}

function writeLink() {
  $('e-system').value = form.value('system');
  $('e-sampler').value = form.value('sampler');
  linkWritten = '#' + formatLink(linkValues(), info.fields);
  history.replaceState(null, '', linkWritten);
  $('e-open').href = linkWritten.replace(/&?embed=true/, '');
}

// readLink applies a link: the worker reads it as a fit would, and what it
// refuses is replaced by defaults, marked and said.
async function readLink(hash) {
  const { values, error } = parseLink(hash);
  const problems = error ? [error] : [];
  const r = await worker.check(values);
  if (!r) return { problems, values: {} };
  form.set(r.values);
  form.mark(r.errors);
  modes = { embed: r.values.embed, hide: r.values.hide };
  if (r.values.lesson && r.values.lesson !== '0') modes.lesson = r.values.lesson;
  linkTraj = 'traj' in values ? r.values.traj : null;
  applyModes(r.values);
  for (const e of r.errors || []) problems.push(e.msg);
  const dataNote = uploads.fromLink(r.values);
  if (dataNote) problems.push(dataNote);
  return { problems, values: r.values };
}

// ---------- the view (the app's settings) ----------
function sendView(values) {
  applyModes({ ...form.values(), ...modes });
  samplingNote();
  writeLink();
  if (!app) return;
  const err = app.setSettings(JSON.stringify(values));
  form.mark(err ? [{ key: Object.keys(values)[0], msg: err }] : []);
}

// viewValues: the app's settings from the form and the page's modes, with
// the trajectories of a link just read (once: then they are the app's).
function viewValues() {
  const v = form.values();
  const traj = linkTraj === null ? {} : { traj: linkTraj };
  linkTraj = null;
  return { system: v.system, ...pick(v, info.fields, 'simulate', 'view'), ...modes, ...traj };
}

function toggleView(key) {
  const on = form.values()[key] !== 'true';
  form.set({ [key]: String(on) });
  sendView({ [key]: String(on) });
  $('e-play').textContent = form.values().playing === 'true' ? 'Pause' : 'Play';
}

// ---------- fitting ----------
let trainId = 0;
let training = false;
let trainStart = 0;
let elapsedTimer = 0;
let firstFit = true;

function train() {
  if (races.running) races.end('superseded'); // a comparison gives way to a fit
  sweeps.end('superseded'); // so does an h-sweep
  if (training || races.starting) worker.restart(); // cancels the running fit
  const id = ++trainId;
  const values = form.values();
  worker.post({ type: 'train', id, request: { id, values } });
  training = true;
  trainStart = performance.now();
  $('busy').hidden = false;
  $('stage').textContent = '';
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

function cancel() {
  if (!training) return;
  trainId++;
  worker.restart();
  finishTraining();
  setStatus('info', lastFit ? 'Fit cancelled; the model on the plot stays.' : 'Fit cancelled.');
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
  try {
    await appLoaded;
  } catch (err) {
    return; // the plot failed to load; the status says so
  }
  const err = app.setModel(JSON.stringify(reply), pendingNote);
  pendingNote = '';
  if (err) setStatus('error', err);
  else install(reply);
}

function samplingNote() {
  showSamplingNote(trained && trained.sampler, form.values().layers.split(',').includes('sampling'));
}

// settingsIn reports whether a link gives settings beyond the page's modes:
// "#lesson=3" opens a lesson at its settings, the link the page wrote while
// showing it keeps its own.
function settingsIn(hash) {
  return Object.keys(parseLink(hash).values).some((k) => !['lesson', 'embed', 'hide', 'present', 'selftest'].includes(k));
}

// chooseSystem shows a system at its preset and trains.
function chooseSystem(name) {
  form.set({ system: name, train_box: '' });
  form.preset(false);
  showSystem(form.system());
  train();
}

// applyValues applies settings as a link would, a lesson's step for one:
// a system named comes with its preset, trajectories replace the app's, the
// view changes at once, and new data or network settings train.
function applyValues(values) {
  if (values.system) {
    form.set({ system: values.system, train_box: '' });
    form.preset(false);
    showSystem(form.system());
  }
  if ('traj' in values) linkTraj = values.traj;
  form.set(values);
  const model = (v) => JSON.stringify(pick(v, info.fields, 'data', 'network'));
  if (!trained || model({ ...trained, ...form.values() }) !== model(trained)) train();
  sendView(viewValues());
}

// install records a model the app now shows: its settings and report.
function install(reply) {
  form.mark([]);
  if (trained) races.stale(`width ${trained.width}, ${trained.points} points`);
  trained = reply.values;
  lastFit = reply.fit;
  showFit(reply.fit, info, form.system(reply.values.system));
  uploads.show(reply.fit);
  samplingNote();
  if (tour) tour.render();
  writeLink();
}

// theTour loads the guided tour (its code and its lessons) on first use:
// most visits never open it. If they cannot be loaded (offline, say), the
// status says so and a stand-in opens nothing, but trains the first model
// when asked to (a link's lesson).
async function theTour() {
  if (!tour) {
    try {
      const [{ Tour }, lessons] = await Promise.all([import('./lesson.mjs'),
        fetch('lessons.json').then((r) => r.ok ? r.json() : Promise.reject(new Error(`lessons.json: HTTP ${r.status}`)))]);
      tour ??= new Tour(lessons, tourPage);
    } catch (err) {
      const msg = `Cannot load the guided tour (${err.message}): reload the page to try again.`;
      setStatus('error', msg);
      if (!trained) pendingNote = msg; // shown with the first model, which a link's lesson trains
      if (modes.lesson) tourPage.changed(0); // no lesson is open: not in the link, nor in the state
      return { n: 0, open: (n, fit = true) => { if (fit && !trained) train(); } };
    }
  }
  return tour;
}

// loadModel installs a model file's text, as if it had been trained.
function loadModel(text) {
  const r = app.loadModelFile(text);
  if (r.error) return r.error;
  const loaded = JSON.parse(r.loaded);
  form.set(loaded.values);
  install({ values: loaded.values, fit: loaded.fit });
  return '';
}

// ---------- the workers ----------
const worker = new Worker({
  result: onResult,
  race: (m) => races.onMessage(m),
  sweep: (m) => sweeps.onMessage(m),
  progress: (m) => { if (training && m.id === trainId) showProgress(m); },
  failed(msg) {
    if (training) finishTraining();
    races.failed(msg);
    sweeps.failed(msg);
    setStatus('error', msg);
  },
});

// page is what the export buttons read: the app, the model on the plot.
const page = {
  app: () => app, trained: () => trained, fit: () => lastFit, system: (name) => form.system(name), layers: () => form.values().layers,
  data: (values) => worker.data(values), race: () => races.state(), setStatus,
};

// The comparison with Adam. Its code (race.mjs, the chart) loads when one
// first starts: a first visit does not fetch it.
let race = null; // the RaceController, once started
const races = {
  get running() { return !!race?.running; },
  get starting() { return !!race?.starting; },
  async start(values, sliceMs) {
    race ??= new (await import('./race.mjs')).RaceController({
      worker, app: () => app, get appLoaded() { return appLoaded; }, setStatus, mark: (e) => form.mark(e),
      install, fitting: () => training, cancelFit() { if (training) { trainId++; finishTraining(); } },
    });
    race.start(values, sliceMs);
  },
  end: (why) => race?.end(why),
  stale: (what) => race?.stale(what),
  onMessage: (m) => race?.onMessage(m),
  failed: (msg) => race?.failed(msg),
  togglePause: () => race?.togglePause(),
  redraw: () => race?.view.update(race.race),
  state: () => race?.state() ?? { started: false, running: false, points: 0 },
};

// The h-sweep takes the worker from a fit or a comparison (restarting it
// if it is busy), and a comparison takes it from the sweep. Its code
// (sweep.mjs) loads when it first starts: a first visit does not fetch it.
let sweep = null; // the SweepController, once started
const sweeps = {
  async start(values) {
    sweep ??= new (await import('./sweep.mjs')).SweepController({
      worker, setStatus, mark: (e) => form.mark(e),
      beforeStart() {
        const busy = training || races.starting;
        if (races.running) races.end('superseded');
        if (busy) {
          worker.restart();
          if (training) { trainId++; finishTraining(); }
        }
      },
    });
    sweep.start(values);
  },
  end: (why) => sweep?.end(why),
  enlarge: () => sweep?.enlarge(),
  onMessage: (m) => sweep?.onMessage(m),
  failed: (msg) => sweep?.failed(msg),
  update: () => sweep?.update(),
  state: () => sweep?.state() ?? { started: false, running: false, rows: [], markers: 0, drawn_rows: 0 },
};

// The exports' code (export.mjs) loads at the first export.
const exports = () => import('./export.mjs');

function startRace() {
  sweeps.end('superseded');
  races.start(form.values(), RACE_SLICE_MS);
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
  window.hnnplay.race = () => JSON.stringify(races.state());
  window.hnnplay.sweep = () => JSON.stringify(sweeps.state());
  window.hnnplay.exportPNG = async () => { const p = await (await exports()).exportPNG(page); return { url: p.url, width: p.width, height: p.height, labels: p.labels }; };
  window.hnnplay.loadModel = loadModel;
  $('placeholder').hidden = true;
  const canvas = document.querySelector('body > canvas');
  if (canvas) keepTabUsable(canvas);
  watchVisibility(canvas, (on) => app && app.setVisible(on));
  foldLegend(() => app);
}

// ---------- wiring ----------
function on(id, event, f) { $(id).addEventListener(event, f); }

function wire() {
  on('race', 'click', startRace);
  on('sweep', 'click', () => sweeps.start(form.values()));
  on('sweep-stop', 'click', () => sweeps.end('user'));
  on('sweep-enlarge', 'click', () => sweeps.enlarge());
  on('race-pause', 'click', () => races.togglePause());
  on('race-stop', 'click', () => races.end('user'));
  on('race-enlarge', 'click', () => {
    const big = $('race-figure').classList.toggle('enlarged');
    document.body.classList.toggle('race-enlarged', big);
    $('race-enlarge').setAttribute('aria-pressed', String(big));
    $('race-enlarge').textContent = big ? 'Back' : 'Enlarge';
    races.redraw();
  });
  window.addEventListener('resize', () => { races.redraw(); sweeps.update(); });
  on('controls', 'submit', (e) => {
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
  on('system', 'change', () => chooseSystem($('system').value));
  on('formula', 'change', () => { form.formulaChanged(); showSystem(form.system()); });
  on('larger', 'click', () => { form.preset(true); train(); });
  on('controls', 'change', (e) => {
    const name = e.target.name;
    if (!name || name === 'system') return;
    if (e.target.closest('#sim-settings, #layers')) sendView({ [name]: name === 'layers' ? form.values().layers : e.target.value });
    else writeLink();
  });
  // Limits that depend on other fields, and refused values, while typing.
  let typing = 0;
  on('controls', 'input', () => {
    clearTimeout(typing);
    typing = setTimeout(async () => {
      const r = await worker.check(form.values());
      if (r) { form.mark(r.errors); form.hint(r.hints); }
    }, 250);
  });
  wireControls({
    app: () => app, form, train, cancel, toggleView, chooseSystem, setStatus,
    lessons: async () => { const t = await theTour(); t.open(t.n || 1); },
  });
  wireShare(writeLink, setStatus);
  wireRegion({ app: () => app, form, train, setStatus });
  for (const b of document.querySelectorAll('#export button[id^="export-"]')) {
    b.addEventListener('click', async () => {
      if (!trained) return setStatus('info', 'Train a model first.');
      return (await exports()).exporters(page)[b.id]();
    });
  }
  uploads.wire();
  on('load-model', 'change', async () => {
    const file = $('load-model').files[0];
    if (!file || !app) return;
    const err = loadModel(await file.text());
    setStatus(err ? 'error' : 'ok', err || `Loaded ${file.name}.`);
    $('load-model').value = '';
  });
  // A new model: show the section it uses; new starts: write the link.
  window.addEventListener('hnnplay:model', () => setTimeout(() => {
    const s = JSON.parse(app.section());
    const values = {};
    for (const n of s.names) values['section.' + n] = s.values[n];
    form.buildSection(values);
    writeLink();
  }, 0));
  window.addEventListener('hnnplay:starts', () => { if (trained) writeLink(); });
  // A link pasted into the address bar of the open page applies at once.
  window.addEventListener('hashchange', async () => {
    const hash = location.hash;
    if (hash === linkWritten) return;
    const r = await readLink(hash);
    writeLink(); // what is shown, until the link's model replaces it
    showSystem(form.system());
    const lesson = Number(modes.lesson || 0);
    if (lesson && !settingsIn(hash)) {
      (await theTour()).open(lesson); // its settings, and a fit if they need one
    } else {
      if ((tour ? tour.n : 0) !== lesson) (await theTour()).open(lesson, false);
      train();
    }
    if (app) sendView(viewValues());
    if (r.problems.length) pendingNote = 'Some values in the link were not usable and were replaced by defaults: ' + r.problems.join('; ') + '.';
  });
}

// ---------- start ----------
async function main() {
  setStatus('busy', 'Loading the playground…');
  const opened = location.hash; // the link that opened the page (the page rewrites it)
  const early = parseLink(opened).values;
  applyModes(early); // before anything draws: an embed shows its picture
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
  uploads = new Uploads({ worker, form, train, maxBytes: info.limits.max_file_bytes });
  buildOverlay(form);
  tourPage = {
    apply: applyValues,
    race: startRace,
    fit: () => lastFit,
    dof: () => (form.system(trained ? trained.system : form.value('system')) || { dof: 1 }).dof,
    samplerLabel: (v) => optionLabel(fieldOf(info.fields, 'sampler'), v),
    changed(n) {
      if (n) modes.lesson = String(n);
      else delete modes.lesson;
      sendView({ lesson: String(n) });
    },
  };
  const { problems, values: linked = {} } = opened.length > 1 ? await readLink(opened) : { problems: [] };
  // A small embed shows the plot alone unless the link asks for the energy strip.
  if (modes.embed === 'true' && !('energy' in early) && window.innerHeight < 700) {
    form.set({ energy: 'false' });
  }
  showSystem(form.system());
  wire();
  if (modes.lesson && !settingsIn(opened)) {
    (await theTour()).open(Number(modes.lesson)); // its settings, and the first fit
  } else {
    if (modes.lesson) (await theTour()).open(Number(modes.lesson), false);
    train(); // the automatic first fit
  }
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
  wireEmbed();
  tellHost('hnnplay:ready');
  const seconds = Number(linked.selftest || 0);
  if (seconds > 0) {
    const { SelfTest } = await import('./selftest.mjs');
    const st = new SelfTest(seconds, { app: () => app, setStatus });
    window.hnnplay.selftest = () => JSON.stringify(st.report);
    st.run();
  }
}

main();
