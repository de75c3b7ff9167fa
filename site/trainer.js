// hnnplay trainer worker: runs trainer.wasm (Go) off the page's thread.
//
// Messages in:  {type: "init", module: WebAssembly.Module}
//               {type: "train", id, request: "<JSON settings>"}
// Messages out: {type: "ready", info: "<JSON: systems, limits, defaults>"}
//               {type: "result", id, reply: "<JSON reply>", ms}
//               {type: "failed", error}   (the wasm could not start)
// A fit runs synchronously inside hnnplayTrain; the page cancels it by
// terminating this worker.
'use strict';
importScripts('wasm_exec.js');

let ready = false;
const queued = [];

function train(m) {
  const t0 = performance.now();
  let reply;
  try {
    reply = self.hnnplayTrain(m.request);
  } catch (err) {
    // The Go program died (out of memory, for instance): report and let the
    // page start a fresh worker.
    reply = JSON.stringify({ type: 'result', id: m.id, error: 'The trainer stopped unexpectedly (' + String(err && err.message || err) + '); try a smaller width or fewer points.', crashed: true });
  }
  self.postMessage({ type: 'result', id: m.id, reply, ms: performance.now() - t0 });
}

self.onmessage = async (e) => {
  const m = e.data;
  if (m.type === 'init') {
    try {
      const go = new Go();
      const instance = await WebAssembly.instantiate(m.module, go.importObject);
      go.run(instance); // main registers the functions, then blocks
      ready = true;
      self.postMessage({ type: 'ready', info: self.hnnplayTrainerInfo() });
      while (queued.length) train(queued.shift());
    } catch (err) {
      self.postMessage({ type: 'failed', error: String(err && err.message || err) });
    }
  } else if (m.type === 'train') {
    if (ready) train(m); else queued.push(m);
  }
};
