// Hostile values and traps (issue 12): validate reads any JavaScript value and
// answers with findings, never throwing for bad data; a trap of the module (a
// bug) costs one call, after which the package's wrapper has re-created it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ogi, PKG, CORPUS } from './load.mjs';

const SEED = readFileSync(resolve(CORPUS, '000_daxiang_2021_cellpipes.txt'), 'utf8');

/** The schema.invalid findings of validate(value), which must not throw. */
function invalid(api, value) {
  const r = api.validate(value);
  assert.equal(r.valid, false);
  return r.findings.filter((f) => f.code === 'schema.invalid');
}

function assertNamed(api, value, path, why) {
  const fs = invalid(api, value);
  assert.equal(fs.length, 1, JSON.stringify(fs));
  assert.equal(fs[0].path, path);
  assert.match(fs[0].message_en, why);
  assert.equal(fs[0].severity, 'error');
}

function hostileValues() {
  const cyclic = { format: '2021', t3: { new_received: {} } };
  cyclic.t3.new_received.total = cyclic.t3; // an object holding itself where a cell belongs
  const selfTop = { format: '2021' };
  selfTop.t4 = selfTop;
  const getter = { format: '2021', t3: { new_received: {} } };
  Object.defineProperty(getter.t3.new_received, 'total', {
    enumerable: true,
    get() { throw new Error('boom in a getter'); },
  });
  const trap = (handler) => new Proxy({}, handler);
  const throwing = () => { throw new RangeError('boom in a trap'); };
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  return [
    [{ format: '2021', t3: { new_received: { total: 10n } } }, 't3.new_received.total', /bigint/],
    [{ format: '2021', year: 2022n }, 'year', /bigint/],
    [{ format: '2021', cells: { 't3.new_received.total': 1n } }, 'cells.t3.new_received.total', /bigint/],
    [cyclic, 't3.new_received.total', /expected|object/],
    [selfTop, 't4.format', /unknown key|format/],
    [getter, 't3.new_received.total', /boom in a getter/],
    [{ format: '2021', t3: { new_received: trap({ get: throwing }) } }, 't3.new_received.natural_person', /boom in a trap/],
    [{ format: '2021', t3: trap({ ownKeys: throwing, get: () => undefined }) }, 't3', /boom in a trap/],
    [{ format: '2021', t4: trap({ getOwnPropertyDescriptor: throwing, get: () => 1 }) }, 't4.review', /boom in a trap/],
    [{ format: '2021', t3: revoked }, 't3', /revoked/],
    [trap({ get: throwing }), 'format', /boom in a trap/],
    [{ format: '2021', t3: { new_received: { total: { ambiguous: trap({ get: throwing }) } } } }, 't3.new_received.total', /./],
  ];
}

test('validate answers any value with findings naming the path, never throwing for bad data', () => {
  for (const [value, path, why] of hostileValues()) {
    const fs = invalid(ogi, value);
    assert.ok(fs.length >= 1, path);
    assert.ok(fs[0].path.startsWith(path) || path.startsWith(fs[0].path), `${fs[0].path} for ${path}`);
    assert.match(fs[0].message_en, why, path);
  }
  assertNamed(ogi, hostileValues()[0][0], 't3.new_received.total', /bigint/);
  assertNamed(ogi, hostileValues()[5][0], 't3.new_received.total', /reading the property threw: Error: boom in a getter/);
  // A cycle where the schema does not read (an ignored or unknown key) is not a hang.
  const r = ogi.validate(JSON.parse(JSON.stringify(ogi.parse(SEED).report)));
  assert.equal(typeof r.valid, 'boolean');
  // Misuse still throws a TypeError; the module works on.
  assert.throws(() => ogi.validate(10n), TypeError);
  assert.equal(ogi.validate(ogi.emptyReport('2021')).valid, true);
});

test('validateSeries names the report and the path of hostile values', () => {
  const [[bigint], , , , , [getter]] = hostileValues();
  const r = ogi.validateSeries([ogi.emptyReport('2021'), bigint, getter]);
  assert.equal(r.valid, false);
  const paths = r.findings.filter((f) => f.code === 'schema.invalid').map((f) => f.path);
  assert.deepEqual(paths, ['[1].t3.new_received.total', '[2].t3.new_received.total']);
  const list = new Proxy([ogi.emptyReport('2021')], { get: (t, k) => (k === '0' ? (() => { throw new Error('no'); })() : t[k]) });
  const l = ogi.validateSeries(list);
  assert.equal(l.findings[0].path, '[0]');
});

test('a getter that calls the module again is read safely', () => {
  const report = { format: '2021', t3: { new_received: {} } };
  Object.defineProperty(report.t3.new_received, 'total', {
    enumerable: true,
    get() { return ogi.validate({ format: '2021' }).valid ? 3 : 4; },
  });
  const r = ogi.validate(report);
  assert.ok(!r.findings.some((f) => f.code === 'schema.invalid'));
});

test('a trap costs one call: the Node package re-creates the module', () => {
  const before = ogi.parse(SEED);
  // __testTrap panics inside Rust (a trap) while holding a cache the readers use.
  assert.throws(() => ogi.__testTrap(), (e) => !(e instanceof WebAssembly.RuntimeError)
    && /trapped in __testTrap\(\).*re-created/.test(e.message) && e.cause instanceof WebAssembly.RuntimeError);
  assert.deepEqual(ogi.parse(SEED), before);
  assert.equal(ogi.validate(ogi.emptyReport('2021')).valid, true);
  for (let i = 0; i < 3; i++) assert.throws(() => ogi.__testTrap());
  assert.deepEqual(ogi.parse(SEED), before);
});

const loadWeb = async (query) => import(`${resolve(PKG, 'web/ogi_report_wasm.js')}?${query}`);
const WASM = () => readFileSync(resolve(PKG, 'web/ogi_report_wasm_bg.wasm'));

test('without the wrapper, a trapped module fails every later call (why the wrapper exists)', async () => {
  const raw = await loadWeb('raw');
  raw.initSync({ module: WASM() });
  assert.throws(() => raw.__testTrap(), WebAssembly.RuntimeError);
  assert.throws(() => raw.validate({ format: '2021' }), WebAssembly.RuntimeError);
});

test('a trap costs one call: the browser entry re-creates the module synchronously', async () => {
  const web = await import(resolve(PKG, 'web/index.js'));
  const out = await web.default({ module_or_path: WASM() });
  assert.ok(out.memory instanceof WebAssembly.Memory, 'init resolves to what the glue gives');
  assert.equal(await web.default(), out);
  // The main module has no parser (size): it validates the seed report.
  const seed = ogi.parse(SEED).report;
  const before = web.validate(seed);
  assert.deepEqual(before, ogi.validate(seed));
  assert.throws(() => web.__testTrap(), /re-created/);
  assert.deepEqual(web.validate(seed), before);
  await web.ready();
  for (let i = 0; i < 3; i++) {
    await web.ready(); // the next spare copy of the glue is loaded
    assert.throws(() => web.__testTrap(), /re-created/);
    assert.deepEqual(web.validate(seed), before); // at once: synchronously re-created
  }
  assert.equal(web.validate(web.emptyReport('2019')).valid, true);
  const html = await import(resolve(PKG, 'web-html/index.js'));
  html.initSync({ module: readFileSync(resolve(PKG, 'web-html/ogi_report_wasm_bg.wasm')) });
  // Trapped before its spare copy of the glue is loaded: re-created asynchronously.
  assert.throws(() => html.__testTrap(), /re-created/);
  assert.throws(() => html.parse(SEED), /being re-created/);
  await html.ready();
  const parsed = ogi.parse(SEED);
  assert.deepEqual(html.parse(SEED), parsed);
  assert.throws(() => html.__testTrap(), /re-created/);
  assert.deepEqual(html.parse(SEED), parsed);
});

test('parse survives hostile HTML (thousands of attributes, deep nesting)', () => {
  const attrs = Array.from({ length: 6000 }, (_, i) => `a${i}="v${i}"`).join(' ');
  const pages = [
    `<html><body><p ${attrs}>2022年度政府信息公开工作年度报告</p></body></html>`,
    `<html><body>${'<div>'.repeat(20000)}x${'</div>'.repeat(20000)}</body></html>`,
    `<html><body>${'<table><tr><td>'.repeat(3000)}1</body></html>`,
  ];
  for (const page of pages) {
    const { findings } = ogi.parse(page);
    assert.ok(Array.isArray(findings));
  }
  assert.deepEqual(ogi.parse(SEED).report, ogi.parse(SEED).report);
});
