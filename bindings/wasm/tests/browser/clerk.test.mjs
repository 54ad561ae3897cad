// The web form as a clerk uses it (issue 16), in headless chromium driven by
// playwright-core: drafts that survive a reload, a confirmed and undoable clear,
// JSON import (nested and flat), spreadsheet keys and block paste, the folded
// blank-cell summary and "check everything", the report's text checked as typed,
// DOCX and print-HTML export (the DOCX tables compared with the form's cells and
// with the national template's merged cells), and an axe-core run.
// Saves target/web-form-filled.png, target/web-form-summary.png, target/web-form-print.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { crc32, gzipSync, inflateRawSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer, ROOT } from '../../../../examples/web-form/serve.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SEED = readFileSync(resolve(ROOT, 'tests/corpus/000_daxiang_2021_cellpipes.txt'), 'utf8');
const OUT = resolve(ROOT, 'target');
const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

let server;
let context;
let page;
let profile;
const pageErrors = [];

before(async () => {
  mkdirSync(OUT, { recursive: true });
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
  await ready();
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const ready = () => page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
const input = (path) => page.locator(`input[data-path="${path}"]`);
const text = (key) => page.locator(`textarea[data-text="${key}"]`);
const type = async (path, t) => { await input(path).fill(''); await input(path).pressSequentially(t); };
const pasted = () => page.waitForFunction(() => !document.body.dataset.busy, null, { timeout: 15000 });
const state = () => page.evaluate(() => JSON.parse(JSON.stringify(window.ogiForm.state.report)));
/** Every value the form shows: inputs, text areas, the metadata fields. */
const shown = () => page.evaluate(() => {
  const out = {};
  for (const el of document.querySelectorAll('input[data-path]')) out[el.dataset.path] = el.value;
  for (const el of document.querySelectorAll('textarea[data-text]')) out[`sections.${el.dataset.text}`] = el.value;
  for (const id of ['agency', 'year', 'title', 'published', 'format']) out[id] = document.getElementById(id).value;
  return out;
});
const blankForm = async () => {
  await page.selectOption('#drafts', '+new');
  await page.waitForFunction(() => document.querySelector('input[data-path="t3.new_received.total"]').value === '');
};

test('type, reload: every value is back (one draft per agency and year, last saved shown)', async () => {
  await page.fill('#agency', '测试县人民政府');
  await page.fill('#year', '2024');
  await page.fill('#title', '测试县人民政府2024年政府信息公开工作年度报告');
  await page.fill('#published', '2025-01-20');
  await type('t3.new_received.natural_person', '12');
  await type('t3.new_received.total', '1,234');
  await type('t2.fees.amount_wan_yuan', '１２.５');
  await type('t4.review.pending', '/');
  await text('overview').fill('2024年，本县深入推进政务公开。\n第二段。');
  await text('other').fill('本年度未收取信息处理费。');
  assert.match(await page.locator('#saved').textContent(), /已保存/);
  const before = await shown();
  const report = await state();
  assert.equal(report.t3.new_received.total, 1234, '1,234 is read as the parser reads it');
  assert.equal(report.t2.fees.amount_wan_yuan, '12.5', 'full-width digits');
  assert.equal(report.t4.review.pending, '/');
  assert.equal(report.published, '2025-01-20');
  assert.equal(report.sections.overview, '2024年，本县深入推进政务公开。\n第二段。');
  await page.reload();
  await ready();
  assert.deepEqual(await shown(), before);
  assert.deepEqual(await state(), report);
  assert.match(await page.locator('#saved').textContent(), /已保存/);
  // The draft is listed under its agency and year.
  const options = await page.locator('#drafts option').allTextContents();
  assert.ok(options.some((o) => o.startsWith('测试县人民政府 · 2024')), options.join(' | '));

  // Changing the year moves the draft (one draft per agency and year, not one per keystroke).
  await page.fill('#year', '2023');
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ogi-form/draft/')).sort());
  assert.deepEqual(keys, ['ogi-form/draft/测试县人民政府|2023']);
  await page.fill('#year', '2024');
  // A new draft for another agency; both are kept and either reopens.
  await page.selectOption('#drafts', '+new');
  assert.equal(await input('t3.new_received.total').inputValue(), '');
  await page.fill('#agency', '另一县人民政府');
  await type('t3.new_received.total', '8');
  const other = await shown();
  const names = await page.locator('#drafts option').allTextContents();
  assert.equal(names.filter((o) => / · \d{4} · |（未填年度）/.test(o)).length, 2, names.join(' | '));
  await page.reload();
  await ready();
  assert.deepEqual(await shown(), other, 'the page reopens the draft edited last');
  const first = await page.locator('#drafts option', { hasText: '测试县人民政府 · 2024' }).getAttribute('value');
  await page.selectOption('#drafts', first);
  assert.deepEqual(await shown(), before);
  await page.reload();
  await ready();
  assert.deepEqual(await shown(), before);
});

test('清空 asks first, and 撤销 brings everything back', async () => {
  const before = await shown();
  await page.click('#clear');
  assert.ok(await page.locator('#clear-confirm').isVisible());
  await page.click('#clear-no');
  assert.ok(await page.locator('#clear-confirm').isHidden());
  assert.deepEqual(await shown(), before);
  await page.click('#clear');
  await page.click('#clear-yes');
  assert.equal(await input('t3.new_received.total').inputValue(), '');
  assert.equal(await text('overview').inputValue(), '');
  assert.ok(await page.locator('#undo').isVisible());
  await page.click('#undo');
  assert.deepEqual(await shown(), before);
  await page.reload();
  await ready();
  assert.deepEqual(await shown(), before, 'the undone state is the saved draft');
});

test('importing a saved JSON (nested, flat) restores a draft; a broken file is refused', async () => {
  const nested = await state();
  nested.agency = '导入县人民政府';
  nested.t3.carried_over.total = 7;
  nested.sections.problems = '存在的问题：人员不足。下一步加强培训。';
  await page.setInputFiles('#file', { name: 'draft.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(nested)) });
  await page.waitForFunction(() => document.querySelector('#agency').value === '导入县人民政府');
  assert.deepEqual(await state(), nested);
  assert.equal(await text('problems').inputValue(), nested.sections.problems);

  const flat = {
    format: '2021', agency: '扁平县人民政府', year: 2022, published: '2023-01-30',
    tables_present: { t2: true, t3: true, t4: true },
    cells: { 't3.new_received.total': 15, 't3.carried_over.research': 'n/a', 't2.fees.amount_wan_yuan': '539.16' },
    marks: { 't3.carried_over.research': '—' },
    sections: { overview: '总体情况。' },
  };
  await page.setInputFiles('#file', { name: 'flat.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(flat)) });
  await page.waitForFunction(() => document.querySelector('#agency').value === '扁平县人民政府');
  assert.equal(await input('t3.new_received.total').inputValue(), '15');
  assert.equal(await input('t3.carried_over.research').inputValue(), '—');
  assert.equal(await input('t2.fees.amount_wan_yuan').inputValue(), '539.16');
  assert.equal(await input('t3.new_received.natural_person').inputValue(), '');
  assert.equal(await text('overview').inputValue(), '总体情况。');
  assert.equal(await page.inputValue('#published'), '2023-01-30');

  await page.setInputFiles('#file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"2021","t3":{"new_received":{"total":"many"}}}') });
  await page.waitForFunction(() => /未导入/.test(document.querySelector('#io-msg').textContent));
  assert.equal(await page.inputValue('#agency'), '扁平县人民政府', 'a refused file changes nothing');
  // Both imports are drafts of their own.
  const options = await page.locator('#drafts option').allTextContents();
  assert.ok(options.some((o) => o.startsWith('导入县人民政府 · 2024')) && options.some((o) => o.startsWith('扁平县人民政府 · 2022')), options.join(' | '));
});

test('a 3×7 block pasted from a spreadsheet fills the cells to the right and below', async () => {
  await blankForm();
  const rows = [
    ['1', '0', '0', '0', '0', '0', '1'],
    ['2', '１', '0', '0', '0', '0', '3'],
    ['1,000', '0', '0', '0', '0', '0', '1,000'],
  ];
  const tsv = rows.map((r) => r.join('\t')).join('\r\n') + '\r\n';
  const start = 't3.outcome.withheld.state_secret.natural_person';
  await input(start).focus();
  await page.evaluate(({ start, tsv }) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', tsv);
    document.querySelector(`input[data-path="${start}"]`)
      .dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, { start, tsv });
  const report = await state();
  const cols = ['natural_person', 'commercial', 'research', 'public_interest', 'legal_services', 'other_org', 'total'];
  const rowKeys = ['state_secret', 'prohibited_by_law', 'security_stability'];
  for (const [r, key] of rowKeys.entries()) {
    for (const [c, col] of cols.entries()) {
      const want = Number(rows[r][c].replace(',', '').replace('１', '1'));
      assert.equal(report.t3.outcome.withheld[key][col], want, `${key}.${col}`);
      assert.equal(await input(`t3.outcome.withheld.${key}.${col}`).inputValue(), rows[r][c]);
    }
  }
  // Nothing else was touched.
  assert.equal(report.t3.outcome.withheld.third_party.natural_person, null);
  assert.equal(report.t3.outcome.partly_disclosed.total, null);
  assert.match(await page.locator('#io-msg').textContent(), /已填入 21 个单元格/);
  // A block wider than the table: what falls outside is counted, not wrapped;
  // the row below the last row of table 3 is table 4's.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/plain', '4\t5\t6\n7\t8\t9');
    document.querySelector('input[data-path="t3.carried_forward.other_org"]')
      .dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  assert.equal(await input('t3.carried_forward.total').inputValue(), '5');
  assert.equal(await input('t4.litigation_direct.upheld').inputValue(), '7');
  assert.equal(await input('t4.litigation_direct.other').inputValue(), '9');
  assert.match(await page.locator('#io-msg').textContent(), /已填入 5 个单元格，1 个超出表格未填/);
  await page.click('#undo');
  assert.equal(await input('t3.carried_forward.total').inputValue(), '');
});

test('Enter and the arrow keys move between cells', async () => {
  const at = async () => page.evaluate(() => document.activeElement?.dataset?.path ?? document.activeElement?.id);
  await input('t3.new_received.commercial').focus();
  await page.keyboard.type('4');
  await page.keyboard.press('Enter');
  assert.equal(await at(), 't3.carried_over.commercial');
  await page.keyboard.type('0');
  await page.keyboard.press('ArrowDown');
  assert.equal(await at(), 't3.outcome.disclosed.commercial');
  await page.keyboard.press('ArrowRight');
  assert.equal(await at(), 't3.outcome.disclosed.research');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowUp');
  assert.equal(await at(), 't3.carried_over.commercial');
  await page.keyboard.press('Shift+Enter');
  assert.equal(await at(), 't3.new_received.commercial');
  // Into a cell its value is selected: the arrows move on. Inside a typed value
  // the left arrow moves the caret; at its start, the cell.
  await page.keyboard.press('ArrowRight');
  assert.equal(await at(), 't3.new_received.research');
  await page.keyboard.type('12');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await at(), 't3.new_received.research', 'the caret moved inside 12');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await at(), 't3.new_received.commercial');
  // From the last row of table 2 down into table 3, from table 3 into table 4.
  await input('t2.fees.amount_wan_yuan').focus();
  await page.keyboard.press('Enter');
  assert.equal(await at(), 't3.new_received.natural_person');
  await input('t3.carried_forward.research').focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await at(), 't4.review.other');
  // The focused cell's printed row and column are shown (path in the tooltip).
  assert.equal(await page.textContent('#current-cell'), '表四“行政复议”“其他结果”');
  assert.equal(await page.getAttribute('#current-cell', 'title'), 't4.review.other');
  const report = await state();
  assert.equal(report.t3.new_received.commercial, 4);
  assert.equal(report.t3.carried_over.commercial, 0);
  assert.equal(report.t3.new_received.research, 12);
});

test('while filling in, blanks fold into one line per table; "check everything" shows every finding', async () => {
  await blankForm();
  await type('t3.new_received.natural_person', '5');
  await type('t3.new_received.total', '5');
  await type('t3.carried_over.total', '0');
  const lines = await page.locator('#pending li[data-table]').allTextContents();
  assert.deepEqual(lines, ['表二还有 10 个单元格未填', '表三还有 172 个单元格未填', '表四还有 15 个单元格未填', '正文还有 3 节未填']);
  assert.equal(await page.locator('#findings li[data-code="cell.blank"], #notes li[data-code="cell.blank"]').count(), 0);
  assert.equal(await page.locator('[data-code="equation.unchecked"]').count(), 0);
  assert.equal(await page.locator('td.sev-warning, td.sev-error').count(), 0, 'no cell flagged for being not filled yet');
  assert.equal(await page.locator('#status').textContent(), '表格无错误');
  assert.equal(await page.locator('[data-msg-for="t3"] .msg.pending').textContent(), '表三还有 172 个单元格未填');
  await page.locator('#summary').screenshot({ path: join(OUT, 'web-form-summary.png') });

  // Every finding, as the library reports it.
  const library = await page.evaluate(() => window.ogiForm.api.validate(window.ogiForm.state.report).findings
    .map((f) => `${f.code} ${f.path}`));
  await page.click('#check-all');
  assert.equal(await page.getAttribute('#check-all', 'aria-pressed'), 'true');
  const listed = await page.locator('#findings li[data-code], #notes li[data-code]').evaluateAll(
    (lis) => lis.map((li) => `${li.dataset.code} ${li.dataset.path}`));
  assert.deepEqual([...listed].sort(), [...library].sort());
  assert.ok(library.filter((f) => f.startsWith('cell.blank')).length > 10);
  assert.ok(await page.locator('td.sev-warning').count() > 0);
  assert.equal(await page.locator('#pending li[data-table]').count(), 0);
  // Labels for people: the printed label, the path in the tooltip.
  const item = page.locator('#findings li[data-code="cell.blank"]').first();
  assert.match(await item.locator('.where').textContent(), /^表三“.+”行“.+”列$/);
  assert.match(await item.locator('button').getAttribute('title'), /^t3\./);
  await page.click('#lang');
  assert.match(await item.locator('.where').textContent(), /^table 3, row “.+”, column “.+”$/);
  await page.click('#lang');
  await page.click('#check-all');
  assert.equal(await page.locator('#pending li[data-table]').count(), 4);
});

test('the report text is checked as it is typed: a figure in the prose against table 3', async () => {
  await page.click('#paste-box summary');
  await page.fill('#paste', SEED);
  await page.click('#paste-fill');
  await pasted();
  assert.equal(await input('t3.new_received.total').inputValue(), '15');
  // The whole report: the text areas are filled as well as the tables.
  const sections = await page.evaluate(() => window.ogiForm.api.parse(document.querySelector('#paste').value).report.sections);
  for (const key of ['overview', 'problems', 'other']) {
    assert.equal(await text(key).inputValue(), sections[key] ?? '', key);
  }
  assert.ok((await text('overview').inputValue()).length > 200);
  // Sections 二-四 without the text of their tables (the form shows those as cells).
  for (const key of ['proactive', 'requests', 'review_litigation']) {
    const shownText = await text(key).inputValue();
    assert.ok(!shownText.includes('|') && (sections[key] ?? '').startsWith(shownText), key);
  }
  assert.equal(await page.locator('[data-code="prose.mismatch"]').count(), 0);
  await text('requests').focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('本年度共收到政府信息公开申请70件。');
  const item = page.locator('#findings li[data-code="prose.mismatch"]');
  await item.waitFor({ timeout: 2000 });
  assert.match(await item.textContent(), /70/);
  assert.match(await item.locator('.where').textContent(), /表三“一、本年新收政府信息公开申请数量”行“总计”列/);
  // Under the cell the figure contradicts.
  assert.ok(await page.locator('td[data-cell="t3.new_received.total"] .msg[data-code="prose.mismatch"]').isVisible());
  // Clicking the finding goes to the cell.
  await item.locator('button').click();
  assert.equal(await page.evaluate(() => document.activeElement.dataset.path), 't3.new_received.total');
  // The fee rule reads section 六.
  await text('other').fill('本年度收取信息处理费0元。');
  assert.equal(await page.locator('[data-code="fees.not_stated"]').count(), 0);
  await text('other').fill('无。');
  assert.ok(await page.locator('#findings [data-code="fees.not_stated"], #findings [data-code="section.empty"], #notes [data-code="section.empty"]').count() > 0);
  await text('other').fill('本年度未收取信息处理费。');
  // Back to the seed's figure for the exports.
  await text('requests').fill('');
  await page.fill('#title', '大祥区2021年政府信息公开工作年度报告');
  await page.fill('#published', '2022-01-25');
  await page.locator('#content').screenshot({ path: join(OUT, 'web-form-filled.png') });
});

/** Reads a ZIP archive (stored or deflated entries): { name: Buffer }, CRCs checked. */
function unzip(buf) {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const files = {};
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const skip = buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    assert.equal(crc32(data), crc, `CRC of ${name}`);
    files[name] = data;
    at += 46 + nameLen + skip;
  }
  return files;
}

/** The tables of a document.xml, parsed by the browser's XML parser: rows of { text, span, merge }. */
const docxTables = (xml) => page.evaluate((xml) => {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) return { error: doc.documentElement.textContent };
  const kids = (el, name) => [...el.childNodes].filter((n) => n.namespaceURI === W && n.localName === name);
  const body = doc.getElementsByTagNameNS(W, 'body')[0];
  const tables = kids(body, 'tbl').map((tbl) => kids(tbl, 'tr').map((tr) => kids(tr, 'tc').map((tc) => {
    const pr = kids(tc, 'tcPr')[0];
    const span = pr && kids(pr, 'gridSpan')[0];
    const merge = pr && kids(pr, 'vMerge')[0];
    return {
      text: [...tc.getElementsByTagNameNS(W, 't')].map((t) => t.textContent).join('').trim(),
      span: span ? Number(span.getAttributeNS(W, 'val')) : 1,
      merge: merge ? merge.getAttributeNS(W, 'val') || 'continue' : null,
    };
  })));
  const headings = kids(body, 'p').map((p) => [...p.getElementsByTagNameNS(W, 't')].map((t) => t.textContent).join(''));
  return { tables, paragraphs: headings };
}, xml);

test('export: a DOCX in the national layout whose tables hold the form\'s cells', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-docx')]);
  assert.match(download.suggestedFilename(), /\.docx$/);
  const saved = join(profile, 'export.docx');
  await download.saveAs(saved);
  const files = unzip(readFileSync(saved));
  assert.deepEqual(Object.keys(files).sort(), ['[Content_Types].xml', '_rels/.rels', 'docProps/core.xml', 'word/document.xml']);
  const doc = await docxTables(files['word/document.xml'].toString('utf8'));
  assert.equal(doc.error, undefined);
  assert.equal(doc.tables.length, 3);
  // The six headings, the title and the section text.
  for (const h of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况',
    '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']) {
    assert.ok(doc.paragraphs.includes(h), h);
  }
  assert.equal(doc.paragraphs[0], '大祥区2021年政府信息公开工作年度报告');
  assert.ok(doc.paragraphs.includes('本年度未收取信息处理费。'));
  assert.ok(doc.paragraphs.includes('2022年1月25日'));

  // The value cells, table by table in reading order, are the form's inputs.
  const form = await page.evaluate(() => Object.fromEntries(['t2', 't3', 't4'].map((t) =>
    [t, [...document.querySelectorAll(`input[data-path^="${t}."]`)].map((i) => i.value)])));
  const [t2, t3, t4] = doc.tables;
  const t2Values = t2.filter((r) => r.length > 1 && r[0].text !== '信息内容').flatMap((r) => r.slice(1).map((c) => c.text));
  assert.deepEqual(t2Values, form.t2);
  assert.deepEqual(t3.slice(3).flatMap((r) => r.slice(-7).map((c) => c.text)), form.t3);
  assert.deepEqual(t4[3].map((c) => c.text), form.t4);
  assert.ok(form.t3.filter(Boolean).length > 100, 'the seed fills table 3');

  // The merged cells are those of the national template (tests/corpus/templates).
  const template = unzip(readFileSync(resolve(ROOT, 'tests/corpus/templates/template_2021_blank.docx')));
  const official = await docxTables(template['word/document.xml'].toString('utf8'));
  const shape = (tables) => tables.map((rows) => rows.map((r) => r.map((c) => `${c.span}${c.merge ? `:${c.merge}` : ''}`).join(' ')));
  assert.deepEqual(shape(doc.tables), shape(official.tables));
  exportedDocx = readFileSync(saved);
});

let exportedDocx = null;

test('round trip: the project\'s own reader gives the exported DOCX\'s cells and texts back', async (t) => {
  assert.ok(exportedDocx, 'the DOCX export test ran');
  const { parse } = require('../../pkg/node/index.js');
  let result;
  try {
    result = parse(new Uint8Array(exportedDocx));
  } catch (e) {
    if (e instanceof TypeError) {
      t.skip(`the Node package does not read DOCX (parse(Uint8Array): ${e.message})`);
      return;
    }
    throw e;
  }
  const form = await state();
  const read = result.report;
  assert.equal(result.kind ?? 'docx', 'docx');
  assert.equal(read.format, form.format);
  const differences = [];
  const empty = await page.evaluate((f) => window.ogiForm.api.emptyReport(f), form.format);
  (function walk(o, pre) {
    for (const [k, v] of Object.entries(o)) {
      const p = pre + k;
      if (v !== null && typeof v === 'object') { walk(v, `${p}.`); continue; }
      const get = (r) => p.split('.').reduce((x, key) => x?.[key], r) ?? null;
      if (JSON.stringify(get(read)) !== JSON.stringify(get(form))) differences.push(`${p}: ${JSON.stringify(get(read))} vs ${JSON.stringify(get(form))}`);
    }
  })({ t2: empty.t2, t3: empty.t3, t4: empty.t4 }, '');
  assert.deepEqual(differences, []);
  // The texts, paragraph by paragraph (white space aside).
  const squeeze = (x) => (x ?? '').replace(/\s+/g, '');
  for (const key of ['overview', 'problems']) {
    assert.equal(squeeze(read.sections?.[key]), squeeze(form.sections?.[key]), key);
  }
  // Section 六 runs to the end of the document: the agency and date signed under it.
  const [y, m, d] = form.published.split('-').map(Number);
  assert.equal(squeeze(read.sections?.other), squeeze(form.sections?.other) + squeeze(form.agency) + `${y}年${m}月${d}日`);
  assert.equal(read.published, form.published);
  assert.equal(read.year, form.year);
});

test('export: a print-ready A4 HTML page with the tables', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-html')]);
  assert.match(download.suggestedFilename(), /\.html$/);
  const saved = join(profile, 'export.html');
  await download.saveAs(saved);
  const html = readFileSync(saved, 'utf8');
  assert.match(html, /@page\s*\{\s*size:\s*A4/);
  const printed = await context.newPage();
  await printed.goto(pathToFileURL(saved).href);
  await printed.emulateMedia({ media: 'print' });
  const cells = await printed.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll('td[data-path]')].map((td) => [td.dataset.path, td.textContent])));
  const form = await page.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll('input[data-path]')].map((i) => [i.dataset.path, i.value])));
  assert.deepEqual(cells, form);
  assert.equal(await printed.locator('h1').textContent(), '大祥区2021年政府信息公开工作年度报告');
  assert.equal(await printed.locator('h2').count(), 6);
  await printed.screenshot({ path: join(OUT, 'web-form-print.png'), fullPage: true });
  const pdf = await printed.pdf({ preferCSSPageSize: true });
  assert.ok(pdf.length > 10000);
  // A4: 595 × 842 pt.
  assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 59[45]\.\d* 84[12]\.\d*\]/);
  await printed.close();
});

test('axe-core finds no serious or critical accessibility violation; keyboard-only use works', async () => {
  await page.addScriptTag({ path: AXE });
  const run = () => page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes[0]?.target }));
  });
  const bad = (vs) => vs.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  // The filled form with a finding shown, then everything listed.
  await type('t4.review.total', '9');
  let violations = await run();
  assert.deepEqual(bad(violations), [], JSON.stringify(violations));
  await page.click('#check-all');
  violations = await run();
  assert.deepEqual(bad(violations), [], JSON.stringify(violations));
  await page.click('#check-all');

  // Keyboard only: from the summary's finding to its cell, fix it, the summary follows.
  const finding = page.locator('#findings li[data-code="t4.group_total"] button');
  await finding.focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.path), 't4.review.total');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('0');
  assert.equal(await page.locator('#findings li[data-code="t4.group_total"]').count(), 0);
  // The clear confirmation takes the focus; Tab reaches 取消, Escape cancels too.
  await page.focus('#clear');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'clear-yes');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.ok(await page.locator('#clear-confirm').isHidden());
  assert.equal(await page.evaluate(() => document.activeElement.id), 'clear');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  assert.ok(await page.locator('#clear-confirm').isHidden());
  assert.equal(await input('t3.new_received.total').inputValue(), '15');
  // Every cell keeps its accessible name, the summary stays a live region.
  assert.equal(await page.locator('input[data-path]:not([aria-label])').count(), 0);
  assert.equal(await page.getAttribute('#summary', 'aria-live'), 'polite');
});

test('a dropped or chosen file: PDF/DOCX go to the files module (loaded then, not before), JSON restores a draft', async () => {
  const before = await shown();
  assert.equal(await filesModuleLoads(), 0, 'pkg/web-files is not loaded before a file is opened');
  await page.evaluate(() => { document.querySelector('#io-msg').textContent = ''; });
  await page.setInputFiles('#file', { name: 'report.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004 not a real docx') });
  await page.waitForFunction(() => document.querySelector('#io-msg').textContent !== '' && !document.body.dataset.busy,
    null, { timeout: 60000 });
  const said = await page.locator('#io-msg').textContent();
  // Not a DOCX the reader can open: the finding's message, and the form keeps what it held.
  assert.match(said, /^(未填入|未能读取文件)：/);
  assert.deepEqual(await shown(), before);
  assert.equal(await filesModuleLoads(), 1);
  // A file dropped on the page is opened the same way (here a saved draft).
  const draft = { ...(await state()), agency: '拖放县人民政府' };
  const dt = await page.evaluateHandle((json) => {
    const d = new DataTransfer();
    d.items.add(new File([json], 'dropped.json', { type: 'application/json' }));
    return d;
  }, JSON.stringify(draft));
  await page.dispatchEvent('#tables', 'drop', { dataTransfer: dt });
  await page.waitForFunction(() => document.querySelector('#agency').value === '拖放县人民政府');
  assert.deepEqual(await state(), draft);
});

/** How many times the page fetched the files module (pkg/web-files) since it was loaded. */
const filesModuleLoads = () => page.evaluate(() => performance.getEntriesByType('resource')
  .filter((e) => e.name.endsWith('/pkg/web-files/ogi_report_wasm_bg.wasm')).length);

/** Drops a file (its bytes) on the form, as a clerk drags it from the desktop, and waits for the parse. */
async function dropFile(name, bytes) {
  const dt = await page.evaluateHandle(([n, b64]) => {
    const bin = atob(b64);
    const data = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
    const d = new DataTransfer();
    d.items.add(new File([data], n, { type: 'application/octet-stream' }));
    return d;
  }, [name, Buffer.from(bytes).toString('base64')]);
  await page.evaluate(() => { document.querySelector('#io-msg').textContent = ''; });
  await page.dispatchEvent('#tables', 'drop', { dataTransfer: dt });
  await page.waitForFunction(() => document.querySelector('#io-msg').textContent !== '' && !document.body.dataset.busy,
    null, { timeout: 60000 });
}

/** Where the form's cells differ from a truth file (tests/corpus/layout8/<name>.truth.json). */
function againstTruth(form, truth) {
  const norm = (s) => String(s).includes('.') ? String(s).replace(/0+$/, '').replace(/\.$/, '') : String(s);
  const wrong = [];
  for (const [path, want] of Object.entries(truth.cells)) {
    if (want === 'ambiguous') continue;
    const got = form[path];
    // A table printing (六)其他处理 as one row (040): the form shows that row
    // (t3.outcome.other_total), and no input for the absent sub-rows.
    const oneRow = 't3.outcome.other_total.total' in form && path.startsWith('t3.outcome.other.');
    const ok = want === null ? got === '' || (oneRow && got === undefined)
      : want === 'n/a' ? got !== '' && !/^\d/.test(got)         // a mark as printed ("/", "—"…)
        : typeof want === 'string' ? norm(got) === norm(want)   // money
          : got === String(want);
    if (!ok) wrong.push(`${path}: form ${JSON.stringify(got)}, truth ${JSON.stringify(want)}`);
  }
  return wrong;
}

test('a PDF and a DOCX dropped on the form: the files module loads once, every cell equals the truth, 撤销 brings the typed draft back; unreadable files are refused', async () => {
  const layout8 = resolve(ROOT, 'tests/corpus/layout8');
  await blankForm();
  await page.fill('#agency', '手填县人民政府');
  await type('t3.new_received.total', '7');
  const before = await shown();
  for (const name of ['040_hongze_district_2024', '000_daxiang_2021_plain']) {
    const ext = name.startsWith('040') ? 'pdf' : 'docx';
    const truth = JSON.parse(readFileSync(join(layout8, `${name}.truth.json`), 'utf8'));
    await dropFile(`${name}.${ext}`, readFileSync(join(layout8, `${name}.${ext}`)));
    const said = await page.locator('#io-msg').textContent();
    assert.equal(said, '已填入', `${name}.${ext}: ${said}`);
    const form = await shown();
    assert.equal(form.agency, truth.agency, name);
    assert.equal(form.year, String(truth.year), name);
    assert.equal(form.format, truth.format, name);
    const cells = Object.keys(truth.cells).filter((p) => truth.cells[p] !== 'ambiguous');
    assert.ok(cells.length >= 190, `${name}: ${cells.length} truth cells`);
    assert.deepEqual(againstTruth(form, truth), [], `${name}.${ext}`);
    // 040's one (六) row is the group total, shown in its own row of inputs.
    assert.equal(form['t3.outcome.other_total.total'], name.startsWith('040') ? '0' : undefined, name);
    assert.ok(form['sections.overview'].length > 50, `${name}: section 一 filled`);
    // Nothing typed is lost: 撤销 gives the typed draft back, as after a paste.
    await page.click('#undo');
    await page.waitForFunction(() => document.querySelector('#agency').value === '手填县人民政府');
    assert.deepEqual(await shown(), before, `${name}.${ext}: undone`);
  }
  // The files module came once, with the first file (the test above), never again.
  assert.equal(await filesModuleLoads(), 1);
  // A file that holds no report (not a PDF the reader can open) is refused with the
  // finding's message, and the form keeps what it held.
  await dropFile('damaged.pdf', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n'));
  assert.match(await page.locator('#io-msg').textContent(), /^(未填入|未能读取文件)：/);
  assert.deepEqual(await shown(), before);
  const doc = Buffer.alloc(2048);
  doc.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  doc.write('WordDocument', 512, 'utf16le');
  await dropFile('old.doc', doc);
  assert.match(await page.locator('#io-msg').textContent(), /^未填入：.*DOCX/);
  assert.deepEqual(await shown(), before);
  // The module every page loads stays within its budget (the files module is a module of its own).
  const gz = (f) => gzipSync(readFileSync(resolve(ROOT, 'bindings/wasm/pkg', f)), { level: 9 }).length;
  const main = gz('web/ogi_report_wasm_bg.wasm') + gz('web/ogi_report_wasm.js');
  assert.ok(main <= 150 * 1024, `pkg/web is ${main} B gzipped`);
  const files = gz('web-files/ogi_report_wasm_bg.wasm') + gz('web-files/ogi_report_wasm.js');
  const note = await page.locator('#file-note').textContent();
  if (files > 500 * 1024) assert.match(note, /读取 PDF\/Word 文件需下载约 \d+ KB/);
  else assert.equal(note, '');
  console.log(`pkg/web ${main} B, pkg/web-files ${files} B gzipped; the form says: ${note}`);
});

test('a 2019-format report exports its own tables (DOCX cells as in the form)', async () => {
  const report = await page.evaluate(() => {
    const r = window.ogiForm.api.emptyReport('2019');
    let n = 0;
    (function fill(o) {
      for (const [k, v] of Object.entries(o)) {
        if (v !== null && typeof v === 'object') fill(v);
        else o[k] = n++ % 5;
      }
    })({ t2: r.t2, t3: r.t3, t4: r.t4 });
    r.t2.procurement.amount = '12.5';
    return { ...r, agency: '旧格式县人民政府', year: 2019 };
  });
  await page.setInputFiles('#file', { name: 'r2019.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(report)) });
  await page.waitForFunction(() => document.querySelector('#format').value === '2019');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-docx')]);
  const saved = join(profile, 'export2019.docx');
  await download.saveAs(saved);
  const doc = await docxTables(unzip(readFileSync(saved))['word/document.xml'].toString('utf8'));
  const form = await page.evaluate(() => Object.fromEntries(['t2', 't3', 't4'].map((t) =>
    [t, [...document.querySelectorAll(`input[data-path^="${t}."]`)].map((i) => i.value)])));
  const [t2, t3, t4] = doc.tables;
  assert.equal(form.t2.length, 22);
  assert.deepEqual(t2.filter((r) => r.length > 1 && r[0].text !== '信息内容').flatMap((r) => r.slice(1).map((c) => c.text)), form.t2);
  assert.equal(t3.length, 3 + 23);
  assert.deepEqual(t3.slice(3).flatMap((r) => r.slice(-7).map((c) => c.text)), form.t3);
  assert.deepEqual(t4[3].map((c) => c.text), form.t4);
  // Every row of a table spans its whole grid.
  for (const [i, rows] of doc.tables.entries()) {
    const widths = rows.map((r) => r.reduce((n, c) => n + c.span, 0));
    assert.equal(new Set(widths).size, 1, `table ${i + 2}: ${widths}`);
  }
  // The project's own reader gives every cell back (rows under a merged label
  // start with a blank cell: it is not taken for a border).
  const { parse } = require('../../pkg/node/index.js');
  const read = parse(new Uint8Array(readFileSync(saved))).report;
  assert.equal(read.format, '2019');
  const differences = [];
  (function walk(o, pre) {
    for (const [k, v] of Object.entries(o)) {
      const p = pre + k;
      if (v !== null && typeof v === 'object') { walk(v, `${p}.`); continue; }
      const get = (r) => p.split('.').reduce((x, key) => x?.[key], r) ?? null;
      if (String(get(read)) !== String(v)) differences.push(`${p}: ${JSON.stringify(get(read))} vs ${JSON.stringify(v)}`);
    }
  })({ t2: report.t2, t3: report.t3, t4: report.t4 }, '');
  assert.deepEqual(differences, []);
});

test('no errors on the page console', () => {
  assert.deepEqual(pageErrors, []);
});
