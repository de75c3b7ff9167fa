// hnnplay worker: runs worker.wasm (Go) off the page's thread.
//
// Messages in:  {type: "init", module, kernels, helper}  (compiled worker.wasm and kernels.wasm)
//               {type: "factor", id, job}  (a helper's: see hnnplayDispatch)
//               {type: "check", id, request: {id, values}}
//               {type: "data", id, request: {id, values}}
//               {type: "upload", id, request: {id, name, text}}
//               {type: "train", id, request: {id, values}}
//               {type: "race-start", id, request: {id, values}, sliceMs}
//               {type: "race-pause", id, paused: true|false}
//               {type: "race-stop", id}
//               {type: "sweep-start", id, request: {id, values}}
//               {type: "sweep-stop", id}
// Messages out: {type: "ready", info: {fields, systems, limits, display_points}}
//               {type: "check", id, reply: {values, errors, hints, error}}
//               {type: "data", id, reply: {csv, error}}
//               {type: "upload", id, reply: {name, format, about, rows, dof, error}}
//               {type: "progress", id, stage, elapsed, estimate}  (as each stage of a fit begins)
//               {type: "result", id, reply: {reply}, ms}
//               {type: "race", id, reply: {race reply}}   (phase start, progress or stopped)
//               {type: "sweep", id, reply: {sweep reply}} (phase start, then one per step h)
//               {type: "factor", id, reply: Float64Array or error text}  (a helper's)
//               {type: "failed", error}   (the wasm could not start)
// Requests and replies are plain objects: worker.wasm reads and builds them
// without JSON (it links no JSON codec, to stay small).
// A fit runs inside hnnplayFit, which resolves when it is done: meanwhile it
// awaits the helper workers that factor blocks of its rows, and other
// messages wait their turn. The page cancels it by terminating this worker,
// which ends its helpers too. A comparison (sampled fit against Adam) runs in
// slices: hnnplayRaceAdvance trains Adam for about sliceMs, its reply is
// posted, and the next slice is queued with setTimeout, so that pause and
// stop messages are handled between slices. An h-sweep runs one fit per
// step h the same way (hnnplaySweepStep), so "sweep-stop" is read between
// fits. A "train" message stops a running comparison or sweep first; a
// comparison and a sweep stop each other.
'use strict';
importScripts('wasm_exec.js', 'kernels.js');

let ready = false;
let exited = null; // settles if the Go program ends (out of memory, say)
let busy = false; // a fit runs: it awaits its helpers, and messages wait in queued
const queued = [];
let race = null; // {id, sliceMs, paused, timer}
let sweep = null; // {id, timer}

function crashed(err, what) {
  return 'The trainer stopped unexpectedly (' + String(err && err.message || err) + '); ' + what;
}

// Helpers: further workers running this script and worker.wasm, which
// factor blocks of the training rows of a fit (hnnplayFactor) while this
// worker factors its own; as many as the machine has cores, at most
// MAX_WORKERS in all. Each holds only the block it is given: at most about
// 8·K·M/workers bytes for the features, plus its M×M factor.
const MAX_WORKERS = 8;
let helpers = [];
let factorId = 0;

function startHelpers(module, kernels) {
  const n = Math.max(1, Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 1)) - 1;
  for (let i = 0; i < n; i++) {
    const h = { w: new Worker('worker.js', { name: 'helper' }), waiting: new Map(), failed: null };
    const fail = (err) => {
      h.failed = err;
      for (const p of h.waiting.values()) p.reject(err);
      h.waiting.clear();
    };
    h.w.onmessage = (e) => {
      const r = e.data;
      if (r.type === 'failed') fail(new Error(r.error));
      else if (r.type === 'factor' && h.waiting.has(r.id)) {
        h.waiting.get(r.id).resolve(r.reply);
        h.waiting.delete(r.id);
      }
    };
    h.w.onerror = (e) => {
      e.preventDefault();
      fail(new Error(e.message || 'the helper failed'));
    };
    h.w.postMessage({ type: 'init', module, kernels, helper: true });
    helpers.push(h);
  }
}

// hnnplayDispatch (called by worker.wasm during a fit) hands job i (a
// Float64Array) to helper i at once — a helper still starting keeps it
// until it is ready — and resolves to their factors, in order; a helper
// that fails rejects, and the fit factors its blocks itself.
self.hnnplayDispatch = (jobs) => Promise.all(jobs.map((job, i) => new Promise((resolve, reject) => {
  const h = helpers[i];
  if (!h || h.failed) {
    reject(h ? h.failed : new Error('no helper'));
    return;
  }
  const id = ++factorId;
  h.waiting.set(id, { resolve, reject });
  h.w.postMessage({ type: 'factor', id, job }, [job.buffer]);
})));

function factor(m) {
  let reply;
  try {
    reply = self.hnnplayFactor(m.job);
  } catch (err) {
    reply = String(err && err.message || err);
  }
  self.postMessage({ type: 'factor', id: m.id, reply }, reply.buffer ? [reply.buffer] : []);
}

async function train(m) {
  if (race) raceStop(race.id);
  if (sweep) sweepStop();
  const t0 = performance.now();
  let reply;
  busy = true;
  try {
    reply = await Promise.race([
      self.hnnplayFit(m.request, (p) => self.postMessage({ type: 'progress', ...p }), 1 + helpers.length),
      exited.then(() => { throw new Error('the program exited'); }),
    ]);
  } catch (err) {
    // The Go program died (out of memory, for instance): report and let the
    // page start a fresh worker.
    reply = { type: 'result', id: m.id, error: crashed(err, 'try a smaller width or fewer points.'), crashed: true };
  }
  busy = false;
  self.postMessage({ type: 'result', id: m.id, reply, ms: performance.now() - t0 });
  drain();
}

function raceReply(id, phase, f) {
  try {
    return f();
  } catch (err) {
    race = null;
    return { type: 'race', phase, id, error: crashed(err, 'try a smaller width, batch or fewer points.'), done: true, crashed: true };
  }
}

function raceStart(m) {
  if (race) raceStop(race.id);
  if (sweep) sweepStop();
  const reply = raceReply(m.id, 'start', () => self.hnnplayRaceStart(m.request));
  self.postMessage({ type: 'race', id: m.id, reply });
  if (reply && !reply.error) {
    race = { id: m.id, sliceMs: m.sliceMs || 50, paused: false, timer: 0 };
    race.timer = setTimeout(raceTick, 0);
  }
}

function raceTick() {
  if (!race) return;
  race.timer = 0;
  if (race.paused) return;
  const id = race.id;
  const reply = raceReply(id, 'progress', () => self.hnnplayRaceAdvance(race.sliceMs));
  self.postMessage({ type: 'race', id, reply });
  if (!race || race.id !== id) return;
  if (!reply || reply.done) {
    race = null; // the Go side keeps the finished race until the next start or stop
    return;
  }
  race.timer = setTimeout(raceTick, 0);
}

function racePause(m) {
  if (!race || race.id !== m.id) return;
  race.paused = !!m.paused;
  if (race.paused) {
    clearTimeout(race.timer);
    race.timer = 0;
  } else if (!race.timer) {
    race.timer = setTimeout(raceTick, 0);
  }
}

function raceStop(id) {
  if (race) clearTimeout(race.timer);
  race = null;
  const reply = raceReply(id, 'stopped', () => self.hnnplayRaceStop());
  self.postMessage({ type: 'race', id, reply });
}

function sweepCall(id, phase, f) {
  try {
    return f();
  } catch (err) {
    sweep = null;
    return { type: 'sweep', phase, id, error: crashed(err, 'try a smaller width or fewer points.'), finished: true, crashed: true };
  }
}

function sweepStart(m) {
  if (race) raceStop(race.id);
  if (sweep) sweepStop();
  const reply = sweepCall(m.id, 'start', () => self.hnnplaySweepStart(m.request));
  self.postMessage({ type: 'sweep', id: m.id, reply });
  if (reply && !reply.error && !reply.finished) {
    sweep = { id: m.id, timer: setTimeout(sweepTick, 0) };
  }
}

function sweepTick() {
  if (!sweep) return;
  const id = sweep.id;
  const reply = sweepCall(id, 'progress', () => self.hnnplaySweepStep());
  self.postMessage({ type: 'sweep', id, reply });
  if (!sweep || sweep.id !== id) return;
  if (!reply || reply.finished) {
    sweep = null;
    return;
  }
  sweep.timer = setTimeout(sweepTick, 0);
}

function sweepStop() {
  if (sweep) clearTimeout(sweep.timer);
  sweep = null;
  try {
    self.hnnplaySweepStop();
  } catch (err) {
    // the Go program is gone; nothing to stop
  }
}

function check(m) {
  let reply;
  try {
    reply = self.hnnplayCheck(m.request);
  } catch (err) {
    reply = null;
  }
  self.postMessage({ type: 'check', id: m.id, reply });
}

function data(m) {
  let reply;
  try {
    reply = self.hnnplayData(m.request);
  } catch (err) {
    reply = { type: 'data', id: m.id, error: crashed(err, 'try fewer points.'), csv: '' };
  }
  self.postMessage({ type: 'data', id: m.id, reply });
}

function upload(m) {
  let reply;
  try {
    reply = self.hnnplayUpload(m.request);
  } catch (err) {
    reply = { type: 'upload', id: m.id, error: crashed(err, 'try a smaller file.') };
  }
  self.postMessage({ type: 'upload', id: m.id, reply });
}

// drain handles the queued messages, until one starts a fit.
function drain() {
  while (ready && !busy && queued.length) handle(queued.shift());
}

function handle(m) {
  switch (m.type) {
    case 'factor': factor(m); break;
    case 'upload': upload(m); break;
    case 'check': check(m); break;
    case 'data': data(m); break;
    case 'train': train(m); break;
    case 'race-start': raceStart(m); break;
    case 'race-pause': racePause(m); break;
    case 'race-stop': raceStop(m.id); break;
    case 'sweep-start': sweepStart(m); break;
    case 'sweep-stop': sweepStop(); break;
  }
}

self.onmessage = async (e) => {
  const m = e.data;
  if (m.type === 'init') {
    try {
      const go = new Go();
      const attach = hnnplayKernels(go.importObject, m.kernels);
      const instance = await WebAssembly.instantiate(m.module, go.importObject);
      attach(instance);
      exited = go.run(instance); // main registers the functions, then blocks
      // A helper that ends tells its coordinator, whose fit then factors
      // the helper's blocks itself; the coordinator's own fit hears of it.
      if (m.helper) exited.then(() => self.postMessage({ type: 'failed', error: 'the program exited' }));
      ready = true;
      self.postMessage({ type: 'ready', info: self.hnnplayWorkerInfo() });
      if (!m.helper) startHelpers(m.module, m.kernels);
      drain();
    } catch (err) {
      self.postMessage({ type: 'failed', error: String(err && err.message || err) });
    }
  } else if (ready && !busy) {
    handle(m);
  } else {
    queued.push(m);
  }
};
