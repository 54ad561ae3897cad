// The browser builds, loaded in Node from their files: the main module reads
// text only (for size) and says so for HTML; the HTML module reads both.
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

test('the text-only module reads text exactly as the full one', () => {
  assert.deepEqual(web.parse(SEED), ogi.parse(SEED));
  assert.deepEqual(web.validate(ogi.parse(SEED).report), ogi.validate(ogi.parse(SEED).report));
});

test('the text-only module answers HTML with input.unsupported, not a guess', () => {
  const { report, findings } = web.parse(PAGE);
  assert.equal(findings[0].code, 'input.unsupported');
  assert.equal(findings[0].severity, 'error');
  assert.match(findings[0].message_en, /HTML/);
  assert.equal(report.t2, null);
  assert.equal(report.t3, null);
  assert.ok(web.rules().some((r) => r.code === 'input.unsupported'));
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
  assert.equal(refs.length, 200 + 198, 'one reference per cell of each format');
  for (const r of new Set(refs)) {
    const name = r.match(/#\/\$defs\/(\w+)/)?.[1];
    assert.ok(name && schema.$defs[name], `${r} resolves`);
  }
  // Every table cell of the parsed seed is a property the schema declares.
  const { report } = web.parse(SEED);
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
