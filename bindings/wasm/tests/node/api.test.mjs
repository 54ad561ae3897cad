// The API of the npm package: shapes, misuse, invalid data, robustness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import { ogi, PKG, CORPUS } from './load.mjs';

const SEED = readFileSync(resolve(CORPUS, '000_daxiang_2021_cellpipes.txt'), 'utf8');
const DTS = readFileSync(resolve(PKG, 'node/ogi_report_wasm.d.ts'), 'utf8');

/** The fields of `export interface NAME { ... }` in the .d.ts: name -> { type, optional }. */
function declaredFields(name) {
  const m = DTS.match(new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`));
  assert.ok(m, `interface ${name} is declared`);
  const body = m[1].replace(/\/\*\*[\s\S]*?\*\//g, '');
  // An index signature makes the interface open: other keys are allowed.
  const fields = /^\s*\[key: string\]/m.test(body) ? { [OPEN]: true } : {};
  for (const f of body.matchAll(/^\s*(\w+)(\??):\s*([^;]+);/gm)) {
    fields[f[1]] = { optional: f[2] === '?', type: f[3].trim() };
  }
  return fields;
}

const OPEN = Symbol('open');

/** Does `value` fit the declared TypeScript `type` (the few forms the .d.ts uses)? */
function fits(value, type) {
  const record = type.match(/^Record<string, (.*)>$/);
  if (record) return isPlain(value) && Object.values(value).every((v) => fits(v, record[1]));
  if (type.endsWith('[]')) return Array.isArray(value) && value.every((v) => fits(v, type.slice(0, -2)));
  if (type.includes('|')) return type.split('|').some((t) => fits(value, t.trim()));
  if (/^".*"$/.test(type)) return value === JSON.parse(type);
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number';
    case 'boolean': return typeof value === 'boolean';
    case 'null': return value === null;
    case 'Severity': return ['error', 'warning', 'info'].includes(value);
    case 'FindingCode': return declaredCodes().includes(value);
    default: {
      const fields = declaredFields(type);
      return checkShape(value, fields) === null;
    }
  }
}

function isPlain(v) {
  return v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
}

/** null when `obj` is a plain object with exactly the declared fields, else why not. */
function checkShape(obj, fields) {
  if (!isPlain(obj)) {
    return `not a plain object: ${Object.prototype.toString.call(obj)}`;
  }
  for (const [k, { optional, type }] of Object.entries(fields)) {
    if (!(k in obj)) {
      if (!optional) return `missing ${k}`;
      continue;
    }
    if (!fits(obj[k], type)) return `${k}: ${JSON.stringify(obj[k])} is not ${type}`;
  }
  if (!fields[OPEN]) for (const k of Object.keys(obj)) if (!(k in fields)) return `undeclared key ${k}`;
  return null;
}

function declaredCodes() {
  const m = DTS.match(/export type FindingCode =([\s\S]*?);/);
  assert.ok(m, 'FindingCode is declared');
  return [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]);
}

function assertFinding(f) {
  const why = checkShape(f, declaredFields('Finding'));
  assert.equal(why, null, `finding ${JSON.stringify(f)} does not match the .d.ts: ${why}`);
}

test('the README example: a table 4 total that does not add up', () => {
  const report = { format: '2021', agency: '某县人民政府', year: 2022,
    t4: { review: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 2 } } };
  const { valid, findings } = ogi.validate(report);
  assert.equal(valid, false);
  const errors = findings.filter((f) => f.severity === 'error');
  assert.equal(errors[0].code, 't4.group_total');
  assert.equal(errors[0].path, 't4.review.total');
  assert.equal(errors[0].expected, 1);
  assert.equal(errors[0].actual, 2);
  assert.match(errors[0].message, /表四/);
  assert.match(errors[0].message_en, /table 4/);
  assert.ok(errors[0].related.includes('t4.review.upheld'));
  // JSON text works the same.
  assert.deepEqual(ogi.validate(JSON.stringify(report)), { valid, findings });
});

test('returned findings are plain objects of the declared shape', () => {
  const { report, findings } = ogi.parse(SEED);
  // The seed's tables are clean; its section six does not say whether fees were charged.
  assert.deepEqual(findings.map((f) => f.code), ['fees.not_stated'], 'the seed report is clean but for one note');
  for (const f of findings) assertFinding(f);
  const concat = ogi.parse(readFileSync(resolve(CORPUS, '003_pingtan_2021_concat.txt'), 'utf8')).findings;
  assert.ok(concat.length > 0);
  assert.ok(concat.some((f) => f.source), 'some finding carries a source span');
  for (const f of concat) assertFinding(f);
  const broken = structuredClone(report);
  broken.t3.new_received.total = 16;
  const v = ogi.validate(broken);
  assert.equal(checkShape(v, declaredFields('ValidationResult')), null);
  const t3 = v.findings.find((f) => f.code === 't3.row_total');
  assert.ok(t3 && t3.related.length > 0 && t3.expected === 15 && t3.actual === 16);
  for (const f of v.findings) assertFinding(f);
  assert.equal(checkShape(ogi.parse(SEED), declaredFields('ParseResult')), null);
  assert.equal(checkShape(ogi.emptyReport('2019'), declaredFields('Report')), null);
  for (const r of ogi.rules()) assert.equal(checkShape(r, declaredFields('RuleInfo')), null);
});

test('the .d.ts declares what the functions return', () => {
  for (const [fn, ret] of [['validate', 'ValidationResult'], ['parse', 'ParseResult'],
    ['emptyReport', 'Report'], ['rules', 'RuleInfo\\[\\]'], ['readCell', 'CellValue']]) {
    assert.match(DTS, new RegExp(`export function ${fn}\\([^)]*\\): ${ret};`), fn);
  }
  assert.deepEqual([...declaredCodes()].sort(), ogi.rules().map((r) => r.code).sort());
});

test('emptyReport gives every cell blank in both formats', () => {
  for (const fmt of ['2021', '2019', 2021, 2019]) {
    const r = ogi.emptyReport(fmt);
    assert.equal(r.format, String(fmt));
    assert.equal(r.t3.new_received.total, null);
    assert.equal(r.t4.review.total, null);
    const { valid, findings } = ogi.validate(r);
    assert.equal(valid, true);
    assert.ok(findings.some((f) => f.code === 'cell.blank'));
  }
  assert.equal(ogi.emptyReport('2021').t2.fees.amount_wan_yuan, null);
  assert.equal(ogi.emptyReport('2019').t3.outcome.other.total, null);
});

test('schema() is the JSON Schema and rules() the code table', () => {
  const s = ogi.schema();
  assert.equal(typeof s, 'object');
  assert.match(JSON.stringify(s), /new_received/);
  const rules = ogi.rules();
  assert.ok(rules.length >= 20);
  assert.deepEqual(rules.find((r) => r.code === 't3.balance').severity, 'error');
  assert.match(rules.find((r) => r.code === 't3.balance').description, /本年新收/);
});

test('readCell reads typed text as the parser reads a cell', () => {
  assert.equal(ogi.readCell('t3.new_received.total', ' 15 '), 15);
  assert.equal(ogi.readCell('t3.new_received.total', '１５'), 15);
  assert.equal(ogi.readCell('t3.new_received.total', ''), null);
  assert.equal(ogi.readCell('t3.new_received.total', '/'), '/');
  assert.equal(ogi.readCell('t3.new_received.total', '无'), '无');
  assert.deepEqual(ogi.readCell('t3.new_received.total', '3.5'), { invalid: '3.5' });
  assert.equal(ogi.readCell('t2.fees.amount_wan_yuan', '539.16'), '539.16');
  assert.equal(ogi.readCell('t2.procurement.amount', '12.5'), '12.5');
  const r = ogi.emptyReport('2021');
  r.t3.new_received.total = ogi.readCell('t3.new_received.total', '-3');
  assert.ok(ogi.validate(r).findings.some((f) => f.code === 'cell.invalid' && f.path === 't3.new_received.total'));
});

test('misuse throws a TypeError', () => {
  for (const bad of [42, null, undefined, true, [], () => 1, 10n]) {
    assert.throws(() => ogi.validate(bad), TypeError, `validate(${String(bad)})`);
  }
  // (A cycle or a BigInt inside the data is bad data, not misuse: hostile.test.mjs.)
  for (const bad of [42, null, undefined, {}, ['x']]) assert.throws(() => ogi.parse(bad), TypeError);
  for (const bad of ['2020', 2020, null, undefined, {}]) assert.throws(() => ogi.emptyReport(bad), TypeError);
  assert.throws(() => ogi.readCell('t3.nope', '1'), TypeError);
  assert.throws(() => ogi.readCell('t3.new_received.total', 1), TypeError);
  // Still working afterwards.
  assert.equal(ogi.validate(ogi.emptyReport('2021')).valid, true);
});

test('invalid report data never throws: it comes back as findings', () => {
  const cases = [
    { format: '2021', t3: { new_received: { total: 'abc' } } },
    { format: '2021', t3: { new_received: { total: 1.5 } } },
    { format: '2021', t3: { new_received: { total: 1e300 } } },
    { format: '2021', t3: { new_received: { total: NaN } } },
    { format: '2021', t3: 42 },
    { format: '2022' },
    { format: '2021', unknown_key: 1 },
    { cells: 'nope' },
    {},
    new Map([['format', '2021']]),
    '{"format": "2021", ',
    '',
    '[1, 2, 3]',
    'null',
  ];
  for (const c of cases) {
    const r = ogi.validate(c);
    assert.equal(typeof r.valid, 'boolean');
    for (const f of r.findings) assertFinding(f);
    if (!r.valid) assert.ok(r.findings.some((f) => f.severity === 'error'));
  }
  const bad = ogi.validate({ format: '2021', t3: { new_received: { total: 'abc' } } });
  assert.equal(bad.valid, false);
  assert.deepEqual(bad.findings.map((f) => [f.code, f.path]), [['schema.invalid', 't3.new_received.total']]);
  const syntax = ogi.validate('{"format": "2021", ');
  assert.equal(syntax.findings[0].code, 'schema.invalid');
  // Deeper than any parser limit: a finding, not a crash.
  let deep = {};
  for (let i = 0; i < 5000; i++) deep = { a: deep };
  assert.equal(ogi.validate(deep).valid, false);
});

/** A small deterministic PRNG (mulberry32). */
function rng(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('no input traps the module: mangled reports and random data', () => {
  const rand = rng(20260101);
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const glyphs = ['|', ' ', '\n', '0', '9', '12', '—', '/', '无', '（', '一、', '总计', '<td>', '</table>', '\u0000', '\ud800', '𠀀', '-', '.'];
  const texts = [SEED, readFileSync(resolve(CORPUS, '003_pingtan_2021_concat.txt'), 'utf8')];
  for (let i = 0; i < 150; i++) {
    let t = pick(texts);
    const n = 1 + Math.floor(rand() * 8);
    for (let k = 0; k < n; k++) {
      const at = Math.floor(rand() * t.length);
      const op = rand();
      if (op < 0.3) t = t.slice(0, at);
      else if (op < 0.6) t = t.slice(0, at) + pick(glyphs).repeat(1 + Math.floor(rand() * 30)) + t.slice(at);
      else t = t.slice(0, at) + t.slice(at + Math.floor(rand() * 200));
    }
    const { report, findings } = ogi.parse(t);
    assert.ok(Array.isArray(findings) && typeof report === 'object');
    ogi.validate(report);
  }
  const values = [null, 0, -1, 7, 2 ** 53, 1.25, '', '/', 'x', '12.5', true, [], {}, { ambiguous: [1, 2] }, { ambiguous: [] }, { invalid: '?' }];
  const template = ogi.emptyReport('2021');
  const paths = [];
  (function walk(o, pre) {
    for (const [k, v] of Object.entries(o)) {
      if (v && typeof v === 'object') walk(v, `${pre}${k}.`);
      else if (pre) paths.push(`${pre}${k}`);
    }
  })({ t2: template.t2, t3: template.t3, t4: template.t4 }, '');
  for (let i = 0; i < 300; i++) {
    const r = structuredClone(template);
    r.year = pick([null, 2019, 2021, 0, -5, 99999, '2021']);
    r.agency = pick([null, '某镇人民政府', '', 7]);
    for (let k = 0; k < 5; k++) {
      const keys = pick(paths).split('.');
      let o = r;
      for (const key of keys.slice(0, -1)) o = o[key];
      o[keys.at(-1)] = pick(values);
    }
    const v = ogi.validate(r);
    assert.equal(typeof v.valid, 'boolean');
  }
  // The module still answers as before.
  assert.deepEqual(ogi.parse(SEED).findings, ogi.parse(SEED).findings);
  assert.equal(ogi.validate(ogi.emptyReport('2019')).valid, true);
});

test('the browser build (ES module) gives the same answers', async () => {
  const web = await import('ogi-report/web');
  web.initSync({ module: readFileSync(resolve(PKG, 'web/ogi_report_wasm_bg.wasm')) });
  // The main browser module has no parser (size); it checks as the Node build does.
  const seed = ogi.parse(SEED).report;
  assert.deepEqual(web.validate(seed), ogi.validate(seed));
  const r = ogi.emptyReport('2021');
  r.t3.new_received.total = 3;
  assert.deepEqual(web.validate(r), ogi.validate(r));
  assert.throws(() => web.validate(1), TypeError);
});

test('package.json has browser and main entries that exist', () => {
  const pkg = JSON.parse(readFileSync(resolve(PKG, '../package.json'), 'utf8'));
  for (const entry of [pkg.main, pkg.browser, pkg.types]) {
    assert.ok(readFileSync(resolve(PKG, '..', entry)).length > 0, entry);
  }
  assert.match(pkg.browser, /web/);
  assert.match(pkg.main, /node/);
});

test('the README example runs and says what its comments say', () => {
  const readme = readFileSync(resolve(PKG, '../README.md'), 'utf8');
  const code = readme.match(/```js\n([\s\S]*?)```/)[1];
  const require = createRequire(import.meta.url);
  // Each `expr; // value` line: the expression evaluates to the commented JSON value.
  const checks = [...code.matchAll(/^(\S[^;\n]*);\s+\/\/ (\S.*)$/gm)]
    .map(([, expr, comment]) => [expr, comment])
    .filter(([, c]) => /^(false|true|"[^"]*"|\[[^…]*\])/.test(c));
  assert.ok(checks.length >= 4);
  const body = `${code}\nreturn [${checks.map(([e]) => e).join(', ')}];`;
  const values = new Function('require', body)(require);
  checks.forEach(([expr, comment], i) => {
    const want = JSON.parse(comment.match(/^(false|true|"[^"]*"|\[[^…]*\])/)[1]);
    assert.deepEqual(values[i], want, expr);
  });
});

test('a 2021 table printing (六)其他处理 as one row: its values are the group total', () => {
  const text = readFileSync(resolve(CORPUS, 'layout8/040_hongze_district_2024.pypdf.txt'), 'utf8');
  const { report, findings } = ogi.parse(text);
  assert.deepEqual(report.t3.outcome.other_total, {
    natural_person: 0, commercial: 0, research: 0, public_interest: 0,
    legal_services: 0, other_org: 0, total: 0,
  });
  assert.ok('absent' in report.t3.outcome.other.no_correction.total);
  const mixed = findings.filter((f) => f.code === 'format.mixed');
  assert.equal(mixed.length, 1);
  // The message names the row as printed; the cells are in `related`.
  assert.ok(mixed[0].message.includes('（六）其他处理'), mixed[0].message);
  assert.ok(!mixed[0].message_en.includes('other_total'), mixed[0].message_en);
  assert.ok(mixed[0].related.includes('t3.outcome.other_total.natural_person'), mixed[0].related.join());
  // The group total stands for the sub-rows: (七)总计 is checked and fails when it is off.
  report.t3.outcome.other_total.natural_person = 3;
  report.t3.outcome.other_total.total = 3;
  const { findings: after } = ogi.validate(report);
  const failed = after.filter((f) => f.code === 't3.outcome_total');
  assert.deepEqual(failed.map((f) => f.path), ['t3.outcome.total.natural_person', 't3.outcome.total.total']);
  assert.ok(failed.every((f) => f.related.includes(f.path.replace('outcome.total', 'outcome.other_total'))));
  // A report printing the sub-rows has no such key.
  assert.equal(ogi.parse(SEED).report.t3.outcome.other_total, undefined);
});
