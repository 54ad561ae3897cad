// The golden corpus (tests/corpus): the WebAssembly build reads the same cells
// as the Rust golden test and reports the same findings as the Rust core.
//
// The Rust side's findings come from `cargo run -p ogi-report-wasm --example
// corpus_findings` (scripts/test-wasm.sh writes them to the file named by
// OGI_EXPECTED_FINDINGS, default target/wasm/corpus-findings.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ogi, REPO, CORPUS } from './load.mjs';

const texts = readdirSync(CORPUS).filter((n) => n.endsWith('.txt')).sort();
const truths = readdirSync(resolve(CORPUS, 'truth')).filter((n) => n.endsWith('.json')).sort();

function cellAt(report, path) {
  let v = report;
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object' || !(k in v)) return undefined;
    v = v[k];
  }
  return v;
}

const isMoney = (s) => typeof s === 'string' && /^[+-]?\d+(\.\d+)?$/.test(s);
/** A decimal string without trailing zeros ("539.160" -> "539.16", "5.0" -> "5"). */
const norm = (s) => String(s).includes('.') ? String(s).replace(/0+$/, '').replace(/\.$/, '') : String(s);

/** null when the parsed cell agrees with the truth (golden_parse.rs rules), else why not. */
function disagreement(cell, truth) {
  if (truth === 'ambiguous') return null;
  if (cell === undefined) return 'missing';
  // Unread: the text does not settle the cell (flagged with its reason), never a wrong value.
  if (cell !== null && typeof cell === 'object' && typeof cell.unread === 'string') return null;
  const ambiguous = cell !== null && typeof cell === 'object' && Array.isArray(cell.ambiguous) ? cell.ambiguous : null;
  if (typeof truth === 'number') {
    if (cell === truth) return null;
    if (ambiguous && ambiguous.includes(truth)) return null;
  } else if (truth === null) {
    if (cell === null) return null;
  } else if (truth === 'n/a') {
    if (typeof cell === 'string' && !isMoney(cell)) return null;
  } else if (typeof truth === 'string') {
    if (isMoney(cell) && norm(cell) === norm(truth)) return null;
    if (ambiguous && ambiguous.some((c) => norm(c) === norm(truth))) return null;
  }
  return `${JSON.stringify(cell)} vs truth ${JSON.stringify(truth)}`;
}

test('the corpus is there', () => {
  assert.ok(texts.length >= 15, `${texts.length} texts`);
  assert.ok(truths.length >= 10, `${truths.length} truths`);
});

test('parsed cells match the truth (as the Rust golden test)', () => {
  const problems = [];
  let cells = 0;
  for (const t of truths) {
    const truth = JSON.parse(readFileSync(resolve(CORPUS, 'truth', t), 'utf8'));
    const { report } = ogi.parse(readFileSync(resolve(CORPUS, truth.file), 'utf8'));
    if (report.format !== truth.format) {
      problems.push(`${t}: format ${report.format} vs ${truth.format}`);
      continue;
    }
    for (const table of ['t2', 't3', 't4']) {
      if ((report[table] !== null) !== truth.tables_present[table]) problems.push(`${t}: ${table} present`);
    }
    assert.equal(report.year ?? null, truth.year ?? null, `${t}: year`);
    if (report.agency) assert.equal(report.agency, truth.agency, `${t}: agency`);
    for (const [path, want] of Object.entries(truth.cells)) {
      cells += 1;
      const d = disagreement(cellAt(report, path), want);
      if (d) problems.push(`${t}: ${path}: ${d}`);
    }
  }
  assert.ok(cells > 1900, `${cells} cells`);
  assert.deepEqual(problems, []);
});

test('a wrong value is caught by the comparison', () => {
  assert.notEqual(disagreement(15, 16), null);
  assert.notEqual(disagreement(null, 0), null);
  assert.notEqual(disagreement('/', 0), null);
  assert.notEqual(disagreement({ ambiguous: [2, 27] }, 3), null);
  assert.notEqual(disagreement('539.16', '539.17'), null);
  assert.equal(disagreement({ ambiguous: [2, 27] }, 27), null);
  assert.equal(disagreement('539.160', '539.16'), null);
  assert.equal(disagreement('—', 'n/a'), null);
});

test('findings equal the Rust core (Parsed::check) for every corpus text', () => {
  const file = process.env.OGI_EXPECTED_FINDINGS ?? resolve(REPO, 'target/wasm/corpus-findings.json');
  const expected = JSON.parse(readFileSync(file, 'utf8'));
  assert.deepEqual(Object.keys(expected).sort(), texts);
  let total = 0;
  for (const name of texts) {
    const text = readFileSync(resolve(CORPUS, name), 'utf8');
    const { report, findings } = ogi.parse(text);
    assert.deepEqual(findings, expected[name].findings, name);
    total += findings.length;
    // parse() = parse findings + validate(report): validating the returned report
    // gives the tail.
    const { valid, findings: v } = ogi.validate(report);
    assert.deepEqual(v, findings.slice(findings.length - v.length), `${name}: validate(report)`);
    assert.equal(valid, !v.some((f) => f.severity === 'error'));
  }
  assert.ok(total > 200, `${total} findings compared`);
});
