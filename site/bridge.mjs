// The page's two programs: the app (hnnplay.wasm: ebiten, the phase-space
// plot) on the page's thread, and the worker (worker.js + worker.wasm), which
// fits and races off it. loadApp starts the first; Worker wraps the second:
// it restarts it (terminate and start again, the only way to cancel a fit),
// ignores the messages of a terminated one, and resolves a check by its ID.

// loadApp instantiates hnnplay.wasm and resolves with window.hnnplay once
// the app has installed it. onExit is called if the program stops.
export async function loadApp(onExit) {
  const go = new Go();
  const ready = new Promise((resolve) => window.addEventListener('hnnplay:ready', resolve, { once: true }));
  const result = await WebAssembly.instantiateStreaming(fetch('hnnplay.wasm'), go.importObject);
  go.run(result.instance).then(onExit);
  await ready;
  return window.hnnplay;
}

// Worker runs worker.wasm in a Web Worker. handlers: result(m), race(m),
// sweep(m) (the h-sweep's replies),
// progress(m) (the stages of a running fit), failed(message) — the last
// when the worker cannot start or dies.
export class Worker {
  constructor(handlers) {
    this.handlers = handlers;
    this.module = null; // worker.wasm, compiled
    this.kernels = null; // kernels.wasm, compiled
    this.w = null;
    this.info = null;
    this.pending = new Map(); // replies awaited by ID: checks and data
    this.nextId = 0;
  }

  // start compiles worker.wasm (once) and starts a worker; it resolves with
  // the worker's info (the table of settings, the systems, the limits).
  async start() {
    if (!this.module) {
      // The fit's kernels need WebAssembly SIMD (Chrome 91, Firefox 89, Safari 16.4).
      const kernels = WebAssembly.compileStreaming(fetch('kernels.wasm')).catch((err) => {
        throw err instanceof WebAssembly.CompileError
          ? new Error(`this browser lacks WebAssembly SIMD (${err.message}): use a newer one`) : err;
      });
      [this.module, this.kernels] = await Promise.all([WebAssembly.compileStreaming(fetch('worker.wasm')), kernels]);
    }
    const w = new window.Worker('worker.js');
    this.w = w;
    let ready, fail;
    const p = new Promise((res, rej) => { ready = res; fail = rej; });
    p.catch(() => {}); // reported through handlers.failed
    // A terminated worker can still have an event queued (e.g. the error of
    // an importScripts its termination aborted): only the current one counts.
    w.onmessage = (e) => {
      if (w !== this.w) return;
      const m = e.data;
      switch (m.type) {
        case 'ready':
          this.info = this.info || m.info;
          ready(this.info);
          break;
        case 'failed':
          fail(new Error(m.error));
          this.handlers.failed('Cannot start the trainer: ' + m.error + '.');
          break;
        case 'check':
        case 'data':
        case 'upload': {
          const done = this.pending.get(m.id);
          this.pending.delete(m.id);
          if (done) done(m.reply);
          break;
        }
        case 'progress': this.handlers.progress(m); break;
        case 'result': this.handlers.result(m); break;
        case 'race': this.handlers.race(m); break;
        case 'sweep': this.handlers.sweep(m); break;
      }
    };
    w.onerror = (e) => {
      e.preventDefault();
      if (w !== this.w) return;
      fail(new Error(e.message || 'worker error'));
      this.handlers.failed('The trainer failed to run: ' + (e.message || 'unknown error') + '.');
    };
    w.postMessage({ type: 'init', module: this.module, kernels: this.kernels });
    if (this.onStart) this.onStart(); // e.g. send the uploaded data again
    return p;
  }

  // restart replaces the worker (cancelling whatever it computes); the
  // compiled module is reused, so this takes some tens of milliseconds.
  restart() {
    this.w.terminate();
    for (const done of this.pending.values()) done(null);
    this.pending.clear();
    return this.start();
  }

  post(m) { this.w.postMessage(m); }

  // check resolves with the worker's reading of values: {values, errors,
  // hints, error}, or null if the worker was restarted meanwhile.
  check(values) { return this.ask('check', values); }

  // data resolves with the training set of values as CSV: {csv, error}, or
  // null if the worker was restarted meanwhile.
  data(values) { return this.ask('data', values); }

  // upload resolves with the worker's reading of a data file (see
  // session.Upload): {name, format, about, rows, dof, error}, or null.
  upload(name, text) {
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.post({ type: 'upload', id, request: { id, name, text } });
    });
  }

  ask(type, values) {
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.post({ type, id, request: { id, values } });
    });
  }
}

// keepTabUsable: ebiten calls preventDefault on every key event on its
// canvas, so Tab could not leave it once clicked. Stop Tab (and Escape)
// before they reach the canvas's own listeners; the browser then moves
// focus as usual.
export function keepTabUsable(canvas) {
  const pass = (e) => {
    if (e.target === canvas && (e.key === 'Tab' || e.key === 'Escape')) e.stopPropagation();
  };
  window.addEventListener('keydown', pass, true);
  window.addEventListener('keyup', pass, true);
}
