// Files given as bytes (Uint8Array) are told by their content: a DOCX is read
// by its tables (every cell equals its truth, and a cell's finding names its
// table, row and cell); a legacy .doc/.wps is one input.unsupported finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ogi, CORPUS, LAYOUT8, assertFileEqualsTruth } from './load.mjs';

const docxs = readdirSync(LAYOUT8).filter((n) => n.endsWith('.docx')).sort();

test('every cell of every DOCX fixture equals its truth', () => {
  assert.ok(docxs.length >= 10, `${docxs.length} DOCX fixtures`);
  for (const name of docxs) assertFileEqualsTruth(name, 'docx');
});

test('a finding on a DOCX cell names its table, row and cell', () => {
  const bytes = new Uint8Array(readFileSync(resolve(LAYOUT8, '010_shuyang_fgj_2023_plain.docx')));
  const { findings } = ogi.parse(bytes);
  const placed = findings.filter((f) => f.source && f.source.table !== undefined);
  assert.ok(placed.length > 0, JSON.stringify(findings));
  for (const f of placed) {
    for (const k of ['line', 'start', 'end', 'table', 'row', 'cell']) {
      assert.equal(typeof f.source[k], 'number', `${f.code} ${k}`);
    }
    assert.equal(f.source.page, undefined);
  }
});

test('a legacy .doc or .wps file is one input.unsupported finding', () => {
  const bytes = new Uint8Array(2048);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const name = 'WordDocument';
  for (let i = 0; i < name.length; i++) bytes[512 + 2 * i] = name.charCodeAt(i);
  const { report, findings } = ogi.parse(bytes);
  assert.deepEqual(findings.map((f) => f.code), ['input.unsupported']);
  assert.match(findings[0].message_en, /\.doc.*\.wps/);
  assert.match(findings[0].message_en, /DOCX or PDF/);
  assert.equal(report.format, null);
});

test('text still parses as a string and as bytes; other values are a TypeError', () => {
  const text = readFileSync(resolve(CORPUS, '000_daxiang_2021_cellpipes.txt'), 'utf8');
  const a = ogi.parse(text);
  const b = ogi.parse(new TextEncoder().encode(text));
  assert.equal(a.kind, 'text');
  assert.deepEqual(b.report, a.report);
  assert.throws(() => ogi.parse(42), TypeError);
  assert.throws(() => ogi.parse(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2])), /binary/);
});
