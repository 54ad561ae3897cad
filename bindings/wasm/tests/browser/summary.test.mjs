// The crawl summary page of `ogi summary --html` in a real browser: Debian's chromium,
// headless, driven by playwright-core. The page is generated here by the `ogi` binary
// (target/debug, built by `cargo test` before this suite, or target/release) from the
// corpus and a few reports with errors and a broken chain, opened from file:// with
// nothing else, and saved as target/summary.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../../../..');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const OUT = resolve(ROOT, 'target');

/** The `ogi` binary that has the summary command: debug first (fresh from cargo test). */
function ogiBinary() {
  for (const profile of ['debug', 'release']) {
    const bin = join(ROOT, 'target', profile, 'ogi');
    if (existsSync(bin) && spawnSync(bin, ['summary', '--help']).status === 0) return bin;
  }
  execFileSync('cargo', ['build', '--quiet', '-p', 'ogi-cli'], { cwd: ROOT, stdio: 'inherit' });
  return join(ROOT, 'target', 'debug', 'ogi');
}

const report = (agency, year, over, forward, broken) => JSON.stringify({
  format: '2021', agency, year,
  cells: {
    't3.carried_over.total': over, 't3.carried_forward.total': forward,
    ...(broken ? {
      't4.review.upheld': 1, 't4.review.corrected': 0, 't4.review.other': 0,
      't4.review.pending': 0, 't4.review.total': 2,
    } : {}),
  },
});

let dir;
let html;
let context;
let page;
const problems = [];
const requests = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ogi-summary-'));
  writeFileSync(join(dir, 'jia_2021.json'), report('甲县人民政府', 2021, 0, 5, false));
  writeFileSync(join(dir, 'jia_2022.json'), report('甲县人民政府', 2022, 4, 0, true));
  writeFileSync(join(dir, 'caizheng_2022.json'), report('乙县财政局', 2022, 0, 0, true));
  writeFileSync(join(dir, 'town_2023.json'), report('丙镇人民政府', 2023, 0, 0, true));
  const corpus = join(ROOT, 'tests', 'corpus');
  const texts = readdirSync(corpus).filter((f) => f.endsWith('.txt')).map((f) => join(corpus, f));
  html = join(dir, 'summary.html');
  const run = spawnSync(ogiBinary(), ['summary', dir, ...texts, '--html', html, '--no-progress'],
    { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /已读取报告: \d+/);
  const profile = mkdtempSync(join(tmpdir(), 'ogi-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: FLAGS,
    viewport: { width: 1200, height: 900 },
  });
  context.profile = profile;
  page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(html).href);
});

after(async () => {
  await context?.close();
  if (context?.profile) rmSync(context.profile, { recursive: true, force: true });
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the summary page opens offline: nothing but the file is requested, no errors', async () => {
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), []);
  assert.deepEqual(problems, []);
  assert.equal(await page.locator('script').count(), 0);
});

test('it shows the counts, the charts, the chain breaks and the worst reports', async () => {
  assert.match(await page.locator('h1').textContent(), /年度报告/);
  const cards = await page.locator('.card .n').allTextContents();
  assert.equal(cards.length, 4);
  assert.ok(Number(cards[0]) >= 21, `reports read: ${cards[0]}`);
  assert.equal(Number(cards[2]), 3, 'three reports with errors');
  for (const id of ['codes', 'years', 'kinds', 'chains']) {
    const chart = page.locator(`#chart-${id}`);
    assert.ok(await chart.isVisible(), id);
    const box = await chart.boundingBox();
    assert.ok(box.width > 100 && box.height > 20, `${id}: ${JSON.stringify(box)}`);
    assert.ok(await chart.locator('rect').count() >= 1, id);
  }
  assert.ok(await page.locator('#chart-codes').getByText('t4.group_total', { exact: true }).isVisible());
  assert.ok(await page.locator('table').getByText('甲县人民政府').first().isVisible());
  assert.ok(await page.getByText('series.carry_over').first().isVisible());
});

test('a top report links to its findings with the source line', async () => {
  const link = page.locator('a[href="#r0"]');
  assert.equal(await link.count(), 1);
  await link.click();
  const target = page.locator('#r0');
  assert.ok(await target.isVisible());
  assert.ok(await target.locator('tr.error').count() >= 1);
  assert.match(await target.textContent(), /t4\.group_total/);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(OUT, 'summary.png'), fullPage: true });
  assert.ok(existsSync(join(OUT, 'summary.png')));
});
