// The vector kernels of the fit (kernels.wasm, built from
// core/lstsq/kernel_wasm.wat): worker.wasm imports them as the module
// "lstsq", and they import worker.wasm's memory, so each needs the other to
// exist first. hnnplayKernels(importObject, module) therefore adds to the Go
// program's imports functions that forward to the kernels, and returns
// attach(instance), which instantiates the kernels on the Go instance's
// memory; call it before go.run. A classic script, for the workers'
// importScripts and for the Node test runner (scripts/wasm_exec_node.js).
'use strict';
globalThis.hnnplayKernels = function hnnplayKernels(importObject, module) {
  let k = null;
  importObject.lstsq = {};
  for (const { name } of WebAssembly.Module.exports(module)) {
    importObject.lstsq[name] = (...args) => k[name](...args);
  }
  return (instance) => {
    k = new WebAssembly.Instance(module, { go: { mem: instance.exports.mem } }).exports;
  };
};
