// The browser builds, loaded in Node from their files: the main module checks
// what is typed and has no parser (for size); the second module has the whole API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ogi, PKG, CORPUS } from './load.mjs';

const load = async (dir) => {
  const m = await import(resolve(PKG, dir, 'ogi_report_wasm.js'));
  m.initSync({ module: readFileSync(resolve(PKG, dir, 'ogi_report_wasm_bg.wasm')) });
  return m;
};
const web = await load('web');
const webHtml = await load('web-html');

const SEED = readFileSync(resolve(CORPUS, '000_daxiang_2021_cellpipes.txt'), 'utf8');
const PAGE = '<html><body><p>二、主动公开政府信息情况</p><table><tr><td>规章</td><td>0</td><td>0</td><td>3</td></tr></table></body></html>';

test('the main module checks as the full one, and leaves parsing and series to the second module', () => {
  assert.equal(typeof web.parse, 'undefined');
  assert.equal(typeof web.validateSeries, 'undefined');
  for (const f of ['validate', 'readCell', 'emptyReport', 'label', 'agencyKind', 'rules', 'schema']) {
    assert.equal(typeof web[f], 'function', f);
  }
  const report = ogi.parse(SEED).report;
  assert.deepEqual(web.validate(report), ogi.validate(report));
  assert.deepEqual(web.label('t3.new_received.total', 'en'), ogi.label('t3.new_received.total', 'en'));
});

test('the second module reads text exactly as the Node package', () => {
  assert.deepEqual(webHtml.parse(SEED), ogi.parse(SEED));
  assert.equal(typeof webHtml.validateSeries, 'function');
});

test('the HTML module parses HTML as the Node package does', () => {
  const viaHtml = webHtml.parse(PAGE);
  assert.ok(!viaHtml.findings.some((f) => f.code === 'input.unsupported'));
  assert.deepEqual(viaHtml, ogi.parse(PAGE));
  assert.equal(viaHtml.report.t2.regulations.in_force, 3);
});

test('the schema the modules carry resolves every reference and fits a parsed report', () => {
  const schema = web.schema();
  const refs = JSON.stringify(schema).match(/"\$ref":"[^"]*"/g) ?? [];
  // 2021: 200 cells and the 7 of the (六) group total a one-row table prints.
  assert.equal(refs.length, 207 + 198, 'one reference per cell of each format');
  for (const r of new Set(refs)) {
    const name = r.match(/#\/\$defs\/(\w+)/)?.[1];
    assert.ok(name && schema.$defs[name], `${r} resolves`);
  }
  // Every table cell of the parsed seed is a property the schema declares.
  const { report } = webHtml.parse(SEED);
  const declared = schema.oneOf.find((s) => s.properties.format.const === report.format);
  (function walk(value, node, path) {
    if (node.$ref) return;
    const obj = node.oneOf ? node.oneOf.find((s) => s.type === 'object') : node;
    for (const [k, v] of Object.entries(value)) {
      assert.ok(obj.properties[k], `${path}${k} is declared`);
      if (v !== null && typeof v === 'object') walk(v, obj.properties[k], `${path}${k}.`);
    }
  })({ t2: report.t2, t3: report.t3, t4: report.t4 }, declared, '');
  assert.deepEqual(web.rules(), ogi.rules());
});
