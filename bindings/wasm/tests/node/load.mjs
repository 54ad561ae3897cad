// Loads the package the way users do: by its name, through package.json
// ("exports" → pkg/node for Node). Build first: bash scripts/build-wasm.sh.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
export const ogi = require('ogi-report');
export const PKG = resolve(fileURLToPath(new URL('../../pkg', import.meta.url)));
export const REPO = resolve(fileURLToPath(new URL('../../../..', import.meta.url)));
export const CORPUS = resolve(REPO, 'tests/corpus');

/** The value at a dotted path of a nested report, or undefined. */
export function cellAt(report, path) {
  let v = report;
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object' || !(k in v)) return undefined;
    v = v[k];
  }
  return v;
}

/** The layout-8 fixtures: PDF and DOCX files with their truth. */
export const LAYOUT8 = resolve(CORPUS, 'layout8');

/**
 * Parses a layout-8 file given as bytes and asserts that it is read as `kind`,
 * with no input finding, and that every cell equals its truth (cells the truth
 * marks "ambiguous" skipped; a null the report does not print may be absent).
 */
export function assertFileEqualsTruth(name, kind) {
  const stem = name.replace(/\.[a-z]+$/, '');
  const truth = JSON.parse(readFileSync(resolve(LAYOUT8, `${stem}.truth.json`), 'utf8'));
  const { report, findings, kind: gotKind } = ogi.parse(new Uint8Array(readFileSync(resolve(LAYOUT8, name))));
  assert.equal(gotKind, kind, name);
  assert.equal(report.format, truth.format, name);
  assert.ok(!findings.some((f) => f.code.startsWith('input.')), name);
  for (const [path, want] of Object.entries(truth.cells)) {
    if (want === 'ambiguous') continue;
    const got = cellAt(report, path);
    if (want === 'n/a') {
      assert.equal(typeof got, 'string', `${name}: ${path}`);
    } else if (want === null) {
      assert.ok(got === null || (typeof got === 'object' && 'absent' in got), `${name}: ${path}: ${JSON.stringify(got)}`);
    } else if (typeof want === 'string' && typeof got === 'string') {
      assert.equal(Number(got), Number(want), `${name}: ${path}`);
    } else {
      assert.deepEqual(got, want, `${name}: ${path}`);
    }
  }
}

