// The web form (examples/web-form) in a real browser: Debian's chromium, headless,
// driven by playwright-core, on a page served from 127.0.0.1 by a tiny static server.
// Saves screenshots under target/ and prints the time one keystroke takes to check
// (in a cell and in the text of section 一). The clerk's features: clerk.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, ROOT } from '../../../../examples/web-form/serve.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SEED = readFileSync(resolve(ROOT, 'tests/corpus/000_daxiang_2021_cellpipes.txt'), 'utf8');
const OUT = resolve(ROOT, 'target');

let server;
let context;
let page;
let profile;
const pageErrors = [];

before(async () => {
  server = await startServer();
  profile = mkdtempSync(join(tmpdir(), 'ogi-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: FLAGS, acceptDownloads: true,
    viewport: { width: 1500, height: 1000 },
  });
  page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const cell = (path) => page.locator(`td[data-cell="${path}"]`);
const input = (path) => page.locator(`input[data-path="${path}"]`);
const type = async (path, text) => { await input(path).fill(''); await input(path).pressSequentially(text); };

test('the form shows tables 2, 3 and 4 with the official labels, every cell an input', async () => {
  const inputs = await page.locator('input[data-path]').count();
  // Table 2: 10 cells; table 3: 25 rows of 7 columns; table 4: 3 groups of 5.
  assert.equal(inputs, 10 + 25 * 7 + 15);
  for (const label of ['主动公开政府信息情况', '本年新收政府信息公开申请数量', '结转下年度继续办理',
    '行政规范性文件', '本年收费金额(单位:万元)', '未经复议直接起诉', '属于国家秘密', '申请人情况']) {
    // In the tables (the collapsed notes name cells by the same labels).
    assert.ok(await page.locator('#tables').getByText(label, { exact: false }).first().isVisible(), label);
  }
  assert.equal(await page.locator('#status').textContent(), '表格无错误');
});

test('a table 3 column that does not add up is highlighted with its message; fixing it clears it', async () => {
  const col = 'natural_person';
  await type(`t3.new_received.${col}`, '5');
  await type(`t3.carried_over.${col}`, '0');
  await type(`t3.outcome.total.${col}`, '3');
  await type(`t3.carried_forward.${col}`, '1');
  const anchor = cell(`t3.carried_forward.${col}`);
  await assert.doesNotReject(anchor.locator('.msg.sev-error').waitFor({ timeout: 2000 }));
  assert.match(await anchor.getAttribute('class'), /sev-error/);
  const msg = anchor.locator('.msg[data-code="t3.balance"]');
  assert.ok(await msg.isVisible());
  assert.match(await msg.textContent(), /表三/);
  // The other cells of the equation are highlighted too.
  for (const p of ['new_received', 'carried_over', 'outcome.total']) {
    assert.match(await cell(`t3.${p}.${col}`).getAttribute('class'), /sev-error/, p);
  }
  assert.match(await page.locator('#status').textContent(), /1 处错误/);
  assert.equal(await page.locator('#findings li[data-code="t3.balance"]').count(), 1);
  await anchor.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT, 'web-form-error.png'), fullPage: false });

  // English messages.
  await page.click('#lang');
  assert.match(await msg.textContent(), /table 3/i);
  assert.match(await page.locator('#status').textContent(), /1 error/);
  await page.click('#lang');
  assert.match(await msg.textContent(), /表三/);

  // Fix it.
  await type(`t3.carried_forward.${col}`, '2');
  assert.equal(await page.locator('td.sev-error').count(), 0);
  assert.equal(await page.locator('.msg.sev-error').count(), 0);
  assert.equal(await page.locator('#status').textContent(), '表格无错误');
});

test('typed text means what it means in a report: a bad count is an error on its cell', async () => {
  await type('t4.review.upheld', '2.5');
  assert.ok(await cell('t4.review.upheld').locator('.msg[data-code="cell.invalid"]').isVisible());
  await type('t4.review.upheld', '');
  assert.equal(await page.locator('td.sev-error').count(), 0);
});

/** Waits until the pasted text is in the form (the parser module loads on the first paste). */
const pasted = () => page.waitForFunction(() => !document.body.dataset.busy, null, { timeout: 15000 });

test('pasting the seed report fills the form and shows no errors', async () => {
  // The page starts without the parser: the first paste loads it.
  const parserFetched = page.waitForRequest(
    (r) => new URL(r.url()).pathname.endsWith('/pkg/web-html/ogi_report_wasm_bg.wasm'),
    { timeout: 15000 },
  );
  await page.click('#paste-box summary');
  await page.fill('#paste', SEED);
  await page.click('#paste-fill');
  await pasted();
  assert.ok(await parserFetched, 'the parser module was fetched on the first paste');
  assert.equal(await input('t3.new_received.total').inputValue(), '15');
  assert.equal(await input('t2.licensing.decisions').inputValue(), '12172');
  assert.equal(await input('t2.fees.amount_wan_yuan').inputValue(), '539.16');
  const meta = await page.evaluate(() => {
    const { report } = window.ogiForm.api.parse(document.querySelector('#paste').value);
    return { agency: report.agency ?? '', year: String(report.year ?? '') };
  });
  assert.equal(meta.year, '2021');
  assert.equal(await page.inputValue('#agency'), meta.agency);
  assert.equal(await page.inputValue('#year'), meta.year);
  // Every input holds the parsed cell.
  const mismatches = await page.evaluate(() => {
    const { report } = window.ogiForm.api.parse(document.querySelector('#paste').value);
    const out = [];
    for (const el of document.querySelectorAll('input[data-path]')) {
      let v = report;
      for (const k of el.dataset.path.split('.')) v = v?.[k];
      const want = v === null || v === undefined ? '' : String(v);
      if (el.value !== want) out.push(`${el.dataset.path}: ${el.value} vs ${want}`);
    }
    return out;
  });
  assert.deepEqual(mismatches, []);
  assert.equal(await page.locator('td.sev-error, td.sev-warning').count(), 0);
  assert.equal(await page.locator('#findings li.sev-error').count(), 0);
  assert.equal(await page.locator('#status').textContent(), '表格无错误');
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: join(OUT, 'web-form.png'), fullPage: true });
});

/** Inputs whose value differs from the cell of parse(text).report (the form's reading). */
const formMismatches = () => page.evaluate(() => {
  const { report } = window.ogiForm.api.parse(document.querySelector('#paste').value);
  const text = (v) => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'object' && Array.isArray(v.ambiguous)) return v.ambiguous.join(' 或 ');
    if (typeof v === 'object' && typeof v.invalid === 'string') return v.invalid;
    return String(v);
  };
  const out = [];
  const shown = new Set();
  for (const el of document.querySelectorAll('input[data-path]')) {
    shown.add(el.dataset.path);
    let v = report;
    for (const k of el.dataset.path.split('.')) v = v?.[k];
    if (v === undefined) out.push(`${el.dataset.path}: no such cell in the report`);
    else if (el.value !== text(v)) out.push(`${el.dataset.path}: ${el.value} vs ${JSON.stringify(v)}`);
  }
  // Every cell of the format has its input.
  const empty = window.ogiForm.api.emptyReport(report.format);
  (function walk(o, pre) {
    for (const [k, v] of Object.entries(o)) {
      const p = pre + k;
      if (v !== null && typeof v === 'object') walk(v, `${p}.`);
      else if (!shown.has(p)) out.push(`${p}: no input`);
    }
  })({ t2: empty.t2, t3: empty.t3, t4: empty.t4 }, '');
  return out;
});

test('a 2019-format report switches the form to the 2019 tables', async () => {
  const text = readFileSync(resolve(ROOT, 'tests/corpus/008_shanghai_govoffice_2019_old_format_rows.txt'), 'utf8');
  await page.fill('#paste', text);
  await page.click('#paste-fill');
  await pasted();
  assert.equal(await page.inputValue('#format'), '2019');
  // The title line of the pasted text goes to the title field.
  assert.equal(await page.inputValue('#title'), '2019年上海市人民政府办公厅政府信息公开工作年度报告');
  // 2019: outcome.other is one row (23 rows of 7); table 2 has 6+6+6+2+2 cells.
  assert.equal(await page.locator('input[data-path^="t3."]').count(), 23 * 7);
  assert.equal(await page.locator('input[data-path^="t2."]').count(), 22);
  assert.equal(await input('t3.outcome.other.total').count(), 1);
  assert.deepEqual(await formMismatches(), []);
  // Back to the seed (2021) for the next tests.
  await page.fill('#paste', SEED);
  await page.click('#paste-fill');
  await pasted();
  assert.equal(await page.inputValue('#format'), '2021');
  assert.deepEqual(await formMismatches(), []);
});

test('a 2021 table printing (六)其他处理 as one row shows that row, its values kept', async () => {
  const text = readFileSync(resolve(ROOT, 'tests/corpus/layout8/040_hongze_district_2024.pypdf.txt'), 'utf8');
  await page.fill('#paste', text);
  await page.click('#paste-fill');
  await pasted();
  assert.equal(await page.inputValue('#format'), '2021');
  // One row of inputs for the group's total, none for the absent sub-rows.
  assert.equal(await page.locator('input[data-path^="t3.outcome.other_total."]').count(), 7);
  assert.equal(await input('t3.outcome.other_total.total').inputValue(), '0');
  assert.equal(await page.locator('input[data-path^="t3.outcome.other."]').count(), 0);
  assert.equal(await page.locator('input[data-path^="t3."]').count(), 23 * 7);
  const kept = await page.evaluate(() => window.ogiForm.state.report.t3.outcome.other_total);
  assert.equal(kept.natural_person, 0);
  // A value typed into the row is checked with it standing for the sub-rows.
  await input('t3.outcome.other_total.natural_person').fill('4');
  await page.waitForFunction(() => window.ogiForm.state.findings
    .some((f) => f.code === 't3.outcome_total' && f.related.includes('t3.outcome.other_total.natural_person')));
  // Back to the seed (2021, sub-rows printed) for the next tests.
  await page.fill('#paste', SEED);
  await page.click('#paste-fill');
  await pasted();
  assert.equal(await page.locator('input[data-path^="t3.outcome.other_total."]').count(), 0);
  assert.equal(await page.locator('input[data-path^="t3.outcome.other."]').count(), 21);
  assert.deepEqual(await formMismatches(), []);
});

test('pasted HTML fills the form as the text does', async () => {
  // The seed's pipe rows as an HTML table, its other lines as paragraphs.
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  let html = '<html><body>';
  let inTable = false;
  for (const line of SEED.split('\n')) {
    const row = line.includes('|');
    if (row && !inTable) html += '<table>';
    if (!row && inTable) html += '</table>';
    inTable = row;
    html += row
      ? `<tr>${line.split('|').map((c) => `<td>${esc(c.trim())}</td>`).join('')}</tr>`
      : `<p>${esc(line)}</p>`;
  }
  html += (inTable ? '</table>' : '') + '</body></html>';
  await page.fill('#paste', html);
  await page.click('#paste-fill');
  await pasted();
  await page.waitForFunction(() => document.querySelector('input[data-path="t3.new_received.total"]').value === '15');
  const differences = await page.evaluate(async (seed) => {
    const viaHtml = (await window.ogiForm.api.parseAny(document.querySelector('#paste').value)).report;
    const viaText = window.ogiForm.api.parse(seed).report;
    const out = [];
    for (const el of document.querySelectorAll('input[data-path]')) {
      let a = viaHtml;
      let b = viaText;
      for (const k of el.dataset.path.split('.')) { a = a?.[k]; b = b?.[k]; }
      if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${el.dataset.path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
    return out;
  }, SEED);
  assert.deepEqual(differences, []);
  assert.equal(await page.locator('td.sev-error').count(), 0);
  // Back to the seed text for the next tests.
  await page.fill('#paste', SEED);
  await page.click('#paste-fill');
  await pasted();
});

test('export JSON downloads the nested report', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const saved = join(profile, 'export.json');
  await download.saveAs(saved);
  const report = JSON.parse(readFileSync(saved, 'utf8'));
  assert.equal(report.format, '2021');
  assert.equal(report.t3.new_received.total, 15);
  assert.equal(report.t2.fees.amount_wan_yuan, '539.16');
  assert.match(download.suggestedFilename(), /2021\.json$/);
});

test('checking one keystroke stays far below a frame', async () => {
  const timing = await page.evaluate(() => {
    const { validate, parse } = window.ogiForm.api;
    const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
    const timeValidate = (report) => {
      for (let i = 0; i < 30; i++) validate(report);
      // performance.now() is coarse in browsers: time batches of 10 calls.
      const perCall = [];
      for (let i = 0; i < 60; i++) {
        const t0 = performance.now();
        for (let k = 0; k < 10; k++) validate(report);
        perCall.push((performance.now() - t0) / 10);
      }
      return median(perCall);
    };
    // The seed report as parse() returns it (with the source span of every cell),
    // and as the form holds it (the same cells, without the spans).
    const parsed = parse(document.querySelector('#paste').value).report;
    const validateParsed = timeValidate(parsed);
    const validateForm = timeValidate(window.ogiForm.state.report);
    // The whole keystroke: read the cell, validate, show the findings.
    const el = document.querySelector('input[data-path="t3.outcome.disclosed.natural_person"]');
    const keystroke = [];
    for (let i = 0; i < 40; i++) {
      el.value = String(15 + (i % 2));
      const t0 = performance.now();
      el.dispatchEvent(new Event('input', { bubbles: true }));
      keystroke.push(performance.now() - t0);
    }
    el.value = '15';
    el.dispatchEvent(new Event('input', { bubbles: true }));
    // A keystroke in the text of section 一 (the prose, section and fee rules run on it).
    const area = document.querySelector('textarea[data-text="overview"]');
    const text = area.value;
    const textKeystroke = [];
    for (let i = 0; i < 40; i++) {
      area.value = text + (i % 2 ? '。' : '');
      const t0 = performance.now();
      area.dispatchEvent(new Event('input', { bubbles: true }));
      textKeystroke.push(performance.now() - t0);
    }
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
    return { validate_parsed_seed_median_ms: validateParsed, validate_form_seed_median_ms: validateForm,
      keystroke_median_ms: median(keystroke), text_keystroke_median_ms: median(textKeystroke),
      section_chars: Object.values(window.ogiForm.state.report.sections ?? {}).reduce((n, s) => n + (s?.length ?? 0), 0) };
  });
  console.log('keystroke timing (seed report, chromium headless, medians): '
    + `validate(parse(seed).report) ${timing.validate_parsed_seed_median_ms.toFixed(3)} ms; `
    + `validate(form report) ${timing.validate_form_seed_median_ms.toFixed(3)} ms; `
    + `whole input handler (read cell + validate + render) ${timing.keystroke_median_ms.toFixed(3)} ms; `
    + `a keystroke in section 一 (${timing.section_chars} characters of text) ${timing.text_keystroke_median_ms.toFixed(3)} ms`);
  mkdirSync(join(OUT, 'wasm'), { recursive: true });
  writeFileSync(join(OUT, 'wasm', 'keystroke-timing.json'), JSON.stringify(timing, null, 2) + '\n');
  assert.ok(timing.validate_parsed_seed_median_ms < 5, `validate takes ${timing.validate_parsed_seed_median_ms} ms`);
  assert.ok(timing.validate_form_seed_median_ms < 5, `validate takes ${timing.validate_form_seed_median_ms} ms`);
  assert.ok(timing.keystroke_median_ms < 16, `a keystroke takes ${timing.keystroke_median_ms} ms`);
  assert.ok(timing.text_keystroke_median_ms < 16, `a keystroke in the text takes ${timing.text_keystroke_median_ms} ms`);
  assert.equal(await page.locator('#status').textContent(), '表格无错误');
});

test('no errors on the page console', () => {
  assert.deepEqual(pageErrors, []);
});
