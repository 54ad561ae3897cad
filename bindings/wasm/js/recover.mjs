// The package's entry for browsers (ES module): the API of the wasm-bindgen
// glue (ogi_report_wasm.js), re-created after a trap. A trap (a RuntimeError
// such as "unreachable" or "memory access out of bounds") leaves a
// WebAssembly instance in an undefined state, so every later call could fail;
// the wrapper drops it and instantiates the compiled module again in a fresh
// copy of the glue, imported ahead of need so that this is synchronous. The
// call that trapped gets a clean answer: parse, validate and validateSeries
// return one `input.unsupported` error finding; the other functions throw.
import * as first from './ogi_report_wasm.js';

let glue = first;
let compiled = null; // the WebAssembly.Module, kept to instantiate again
let output; // what the glue's initSync returned (its InitOutput)
let spare = null; // a fresh, uninitialised copy of the glue
let copies = 0;
let pending = null; // an asynchronous re-creation under way (fallback)
let loading = Promise.resolve(); // the next spare copy of the glue, loading

async function freshGlue() {
  copies += 1;
  return import(`./ogi_report_wasm.js?instance=${copies}`);
}

/** Loads the next spare copy of the glue, in the background. */
function loadSpare() {
  loading = freshGlue().then((g) => { spare = g; });
}

async function compile(input) {
  let source = input;
  if (source && typeof source === 'object' && 'module_or_path' in source) source = source.module_or_path;
  if (source && typeof source === 'object' && 'module' in source && !(source instanceof WebAssembly.Module)) {
    source = source.module;
  }
  if (source === undefined) source = new URL('ogi_report_wasm_bg.wasm', import.meta.url);
  if (source instanceof WebAssembly.Module) return source;
  if (typeof source === 'string' || source instanceof URL || (typeof Request === 'function' && source instanceof Request)) {
    source = fetch(source);
  }
  source = await source;
  if (typeof Response === 'function' && source instanceof Response) source = await source.arrayBuffer();
  return WebAssembly.compile(source);
}

/** Initialises the module (as the glue's `init`, with the same arguments and result). */
export default async function init(input) {
  if (compiled) return output;
  compiled = await compile(input);
  output = glue.initSync({ module: compiled });
  loadSpare();
  await loading;
  return output;
}

/** Initialises the module synchronously from a compiled module or its bytes. */
export function initSync(input) {
  if (compiled) return output;
  const source = input && typeof input === 'object' && 'module' in input ? input.module : input;
  compiled = source instanceof WebAssembly.Module ? source : new WebAssembly.Module(source);
  output = glue.initSync({ module: compiled });
  loadSpare();
  return output;
}

function recreate() {
  const next = spare;
  spare = null;
  if (next) {
    try {
      output = next.initSync({ module: compiled });
      glue = next;
      loadSpare();
      return;
    } catch (e) {
      // Synchronous instantiation refused (a browser's main-thread limit): below.
    }
  }
  pending = (async () => {
    const g = next ?? (await freshGlue());
    output = await g.default({ module_or_path: compiled });
    glue = g;
    pending = null;
    loadSpare();
    await loading;
  })();
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

function call(name, args) {
  if (pending) throw new Error('ogi-report: the WebAssembly module is being re-created after a trap; try again');
  try {
    return glue[name](...args);
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError) || !compiled) throw e;
    recreate();
    const f = trapFinding(name, e);
    if (ANSWERS[name]) return ANSWERS[name](f);
    throw new Error(f.message_en, { cause: e });
  }
}

/**
 * Resolves once the module can be re-created synchronously again: a
 * re-creation after a trap is done and a spare copy of the glue is loaded.
 */
export async function ready() {
  await pending;
  await loading;
}

