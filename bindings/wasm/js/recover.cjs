// The package's entry for Node (CommonJS): the API of the wasm-bindgen glue
// (ogi_report_wasm.js), re-created after a trap. A trap (a RuntimeError such
// as "unreachable" or "memory access out of bounds") leaves a WebAssembly
// instance in an undefined state, so every later call could fail; the wrapper
// drops it, loads a fresh instance, and answers the call that trapped with a
// clean result: parse, validate and validateSeries return one
// `input.unsupported` error finding; the other functions throw an Error.
'use strict';

const GLUE = require.resolve('./ogi_report_wasm.js');
let glue = require(GLUE);

/** A fresh instance: the glue module loaded again instantiates the module again. */
function recreate() {
  delete require.cache[GLUE];
  glue = require(GLUE);
}

function trapFinding(name, e) {
  const why = String(e && e.message);
  return {
    code: 'input.unsupported',
    severity: 'error',
    path: '',
    message: `内部错误：WebAssembly 模块在 ${name}() 中止（${why}），已重新创建；未读取任何内容`,
    message_en: `internal error: the WebAssembly module trapped in ${name}() (${why}) and was re-created; nothing was read`,
  };
}

const ANSWERS = {
  parse: (f) => ({ report: { format: '2021', t2: null, t3: null, t4: null }, findings: [f] }),
  validate: (f) => ({ valid: false, findings: [f] }),
  validateSeries: (f) => ({ valid: false, findings: [f] }),
};

function wrap(name) {
  const fn = function (...args) {
    try {
      return glue[name](...args);
    } catch (e) {
      if (!(e instanceof WebAssembly.RuntimeError)) throw e;
      recreate();
      const f = trapFinding(name, e);
      if (ANSWERS[name]) return ANSWERS[name](f);
      throw new Error(f.message_en, { cause: e });
    }
  };
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

for (const name of Object.keys(glue)) {
  module.exports[name] = typeof glue[name] === 'function' ? wrap(name) : glue[name];
}
