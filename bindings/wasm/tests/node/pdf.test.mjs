// PDF files given as bytes (Uint8Array) in the Node build (feature `pdf`): every
// cell of every PDF fixture of tests/corpus/layout8 equals its truth, and a
// finding on a PDF cell names its page and box.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ogi, LAYOUT8, assertFileEqualsTruth } from './load.mjs';

const pdfs = readdirSync(LAYOUT8).filter((n) => n.endsWith('.pdf')).sort();

test('every cell of every PDF fixture equals its truth', () => {
  assert.ok(pdfs.length >= 10, `${pdfs.length} PDF fixtures`);
  for (const name of pdfs) assertFileEqualsTruth(name, 'pdf');
});

test('the published PDF (040, WPS, CID fonts): agency and year as printed', () => {
  const { report } = ogi.parse(new Uint8Array(readFileSync(resolve(LAYOUT8, '040_hongze_district_2024.pdf'))));
  assert.equal(report.agency, '淮安市洪泽区人民政府');
  assert.equal(report.year, 2024);
});

test('a finding on a PDF cell names its page and box', () => {
  const { findings } = ogi.parse(new Uint8Array(readFileSync(resolve(LAYOUT8, '040_hongze_district_2024.pdf'))));
  const placed = findings.filter((f) => f.source && f.source.page !== undefined);
  assert.ok(placed.length > 0, JSON.stringify(findings.map((f) => [f.code, f.source])));
  for (const f of placed) {
    assert.ok(Number.isInteger(f.source.page) && f.source.page >= 1, `${f.code} page`);
    assert.equal(f.source.bbox.length, 4, `${f.code} bbox`);
  }
});

test('bytes that start as a PDF but hold none give one input finding, not a report of zeros', () => {
  const bytes = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
  let result;
  try {
    result = ogi.parse(bytes);
  } catch (e) {
    assert.ok(e instanceof Error, String(e));
    return;
  }
  assert.ok(result.findings.some((f) => f.code.startsWith('input.')), JSON.stringify(result.findings));
});

test('a PDF whose tables are pictures: each table absent once, with the pages of the pictures', () => {
  const bytes = readFileSync(resolve(LAYOUT8, '..', 'pictures', '000_daxiang_2021_pictures.pdf'));
  const { report, findings } = ogi.parse(new Uint8Array(bytes));
  assert.equal(report.format, null);
  const absent = findings.filter((f) => f.code === 'table.absent');
  assert.deepEqual(absent.map((f) => f.path).sort(), ['t2', 't3', 't4']);
  for (const f of absent) {
    assert.match(f.message_en, /page\(s\) 4, 6, 7 hold pictures/);
    assert.equal(f.source.page, 4);
  }
});
