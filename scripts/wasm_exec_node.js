// Go's lib/wasm/wasm_exec_node.js, plus the vector kernels that worker.wasm
// and the tests of hnnplay/core/lstsq (and the packages above it) import:
// site/kernels.js forwards them to site/kernels.wasm, which `make site`
// builds from core/lstsq/kernel_wasm.wat. Run by scripts/wasm-exec, the
// -exec of `go test` for GOOS=js GOARCH=wasm in the Makefile.
'use strict';

if (process.argv.length < 3) {
  console.error('usage: wasm-exec [wasm binary] [arguments]');
  process.exit(1);
}

globalThis.require = require;
globalThis.fs = require('fs');
globalThis.path = require('path');
globalThis.TextEncoder = require('util').TextEncoder;
globalThis.TextDecoder = require('util').TextDecoder;
globalThis.performance ??= require('performance');
globalThis.crypto ??= require('crypto');

require(path.join(process.env.GOROOT_WASM, 'wasm_exec'));
const site = path.join(__dirname, '..', 'site');
require(path.join(site, 'kernels.js'));

const go = new Go();
go.argv = process.argv.slice(2);
go.env = Object.assign({ TMPDIR: require('os').tmpdir() }, process.env);
go.exit = process.exit;
const kernels = new WebAssembly.Module(fs.readFileSync(path.join(site, 'kernels.wasm')));
const attach = hnnplayKernels(go.importObject, kernels);
WebAssembly.instantiate(fs.readFileSync(process.argv[2]), go.importObject).then((result) => {
  attach(result.instance);
  process.on('exit', (code) => { // Node.js exits if no event handler is pending
    if (code === 0 && !go.exited) {
      // deadlock, make Go print error and stack traces
      go._pendingEvent = { id: 0 };
      go._resume();
    }
  });
  return go.run(result.instance);
}).catch((err) => {
  console.error(err);
  process.exit(1);
});
