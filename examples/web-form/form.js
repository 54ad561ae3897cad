// The annual report form: every cell an input, checked by the WebAssembly build
// of ogi-report on every keystroke (same rules and messages as the server).
import init, { validate, emptyReport, rules, readCell } from '../../bindings/wasm/pkg/web/index.js';
import { buildT2, buildT3, buildT4, TABLE_TITLES } from './layout.js';

await init();

const state = {
  /** The report being edited, in the nested JSON form. */
  report: emptyReport('2021'),
  /** Findings about the pasted text itself (table.incomplete): kept until the next paste. */
  parseFindings: [],
  /** The latest findings. */
  findings: [],
  lang: 'zh',
};
const RULES = new Map(rules().map((r) => [r.code, r]));
const $ = (sel) => document.querySelector(sel);

const UI = {
  zh: { valid: '表格无错误', invalid: (n) => `${n} 处错误`, warnings: (n) => `${n} 处警告`, notes: (n) => `${n} 条提示`, none: '没有错误或警告' },
  en: { valid: 'No errors in the tables', invalid: (n) => `${n} error(s)`, warnings: (n) => `${n} warning(s)`, notes: (n) => `${n} note(s)`, none: 'No errors or warnings' },
};

// ---- the cells of the report --------------------------------------------

function getCell(report, path) {
  let v = report;
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = v[k];
  }
  return v;
}

function setCell(report, path, value) {
  const keys = path.split('.');
  let v = report;
  for (const k of keys.slice(0, -1)) {
    if (v[k] === null || typeof v[k] !== 'object') v[k] = {};
    v = v[k];
  }
  v[keys[keys.length - 1]] = value;
}

/** What an input shows for a cell value. */
function cellText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if (Array.isArray(value.ambiguous)) return value.ambiguous.join(' 或 ');
    if (typeof value.invalid === 'string') return value.invalid;
  }
  return String(value);
}

function inputs() {
  return document.querySelectorAll('input[data-path]');
}

// ---- layout ----------------------------------------------------------------

function buildTables(format) {
  const host = $('#tables');
  host.replaceChildren();
  const builders = { t2: () => buildT2(format), t3: () => buildT3(format), t4: () => buildT4() };
  for (const t of ['t2', 't3', 't4']) {
    const section = document.createElement('section');
    section.className = 'table-section';
    section.dataset.section = t;
    const h = document.createElement('h2');
    h.textContent = TABLE_TITLES[t];
    const msg = document.createElement('div');
    msg.className = 'table-msg';
    msg.dataset.msgFor = t;
    section.append(h, msg, builders[t]());
    host.append(section);
  }
  $('#format').value = format;
}

/** Shows the report's values in the inputs (after a paste or a format change). */
function fillInputs() {
  const r = state.report;
  $('#agency').value = r.agency ?? '';
  $('#year').value = r.year ?? '';
  for (const input of inputs()) {
    const p = input.dataset.path;
    const table = p.split('.')[0];
    input.value = cellText(getCell(r, p));
    input.disabled = r[table] === null;
  }
  for (const t of ['t2', 't3', 't4']) {
    $(`[data-section="${t}"]`).classList.toggle('absent', r[t] === null);
  }
}

// ---- checking ---------------------------------------------------------------

function check() {
  const { findings } = validate(state.report);
  state.findings = state.parseFindings.concat(findings);
  render();
}

const marked = new Set();

function message(f) {
  return state.lang === 'en' ? f.message_en : f.message;
}

/** Shows every finding: next to its cells, highlighted equation cells, the summary. */
function render() {
  for (const e of marked) {
    e.classList.remove('sev-error', 'sev-warning', 'related');
    if (e.classList.contains('cell-msg') || e.classList.contains('table-msg')) e.replaceChildren();
  }
  marked.clear();
  const rank = { error: 3, warning: 2, info: 1 };
  const shown = state.findings.filter((f) => f.severity !== 'info');
  for (const f of shown) {
    const anchor = document.querySelector(`td[data-cell="${CSS.escape(f.path)}"]`);
    const msgBox = anchor
      ? anchor.querySelector('.cell-msg')
      : document.querySelector(`[data-msg-for="${CSS.escape(f.path.split('.')[0])}"]`);
    if (msgBox) {
      const p = document.createElement('p');
      // A blank read as 0 that breaks an equation: one short line, the whole text on hover.
      p.className = `msg sev-${f.severity}${f.code === 'cell.blank' ? ' brief' : ''}`;
      p.dataset.code = f.code;
      p.textContent = message(f);
      p.title = message(f);
      msgBox.append(p);
      marked.add(msgBox);
    }
    for (const path of [f.path, ...(f.related ?? [])]) {
      const td = document.querySelector(`td[data-cell="${CSS.escape(path)}"]`);
      if (!td) continue;
      const sev = `sev-${f.severity}`;
      const current = ['error', 'warning'].find((s) => td.classList.contains(`sev-${s}`));
      if (!current || rank[f.severity] > rank[current]) {
        td.classList.remove('sev-error', 'sev-warning');
        td.classList.add(sev);
      }
      if (path !== f.path) td.classList.add('related');
      marked.add(td);
    }
  }
  renderSummary();
}

function renderSummary() {
  const ui = UI[state.lang];
  const by = (s) => state.findings.filter((f) => f.severity === s);
  const errors = by('error');
  const warnings = by('warning');
  const notes = by('info');
  const status = $('#status');
  status.textContent = errors.length === 0 ? ui.valid : ui.invalid(errors.length);
  status.className = errors.length === 0 ? 'ok' : 'bad';
  $('#counts').textContent = `${ui.warnings(warnings.length)} · ${ui.notes(notes.length)}`;
  const list = $('#findings');
  const noteList = $('#notes');
  list.replaceChildren();
  noteList.replaceChildren();
  $('#notes-title').textContent = ui.notes(notes.length);
  if (errors.length + warnings.length === 0) {
    const li = document.createElement('li');
    li.textContent = ui.none;
    list.append(li);
  }
  for (const f of [...errors, ...warnings, ...notes]) {
    const li = document.createElement('li');
    li.className = `sev-${f.severity}`;
    li.dataset.code = f.code;
    li.dataset.path = f.path;
    const code = document.createElement('code');
    code.textContent = f.code;
    code.title = state.lang === 'en' ? RULES.get(f.code)?.description_en ?? '' : RULES.get(f.code)?.description ?? '';
    const where = document.createElement('span');
    where.className = 'path';
    where.textContent = f.path;
    li.append(code, ' ', where, ' ', message(f));
    li.addEventListener('click', () => {
      const input = document.querySelector(`input[data-path="${CSS.escape(f.path)}"]`);
      if (input) input.focus();
    });
    (f.severity === 'info' ? noteList : list).append(li);
  }
}

// ---- events -----------------------------------------------------------------

$('#tables').addEventListener('input', (ev) => {
  const input = ev.target;
  if (!(input instanceof HTMLInputElement) || !input.dataset.path) return;
  const path = input.dataset.path;
  setCell(state.report, path, readCell(path, input.value));
  check();
});

$('#agency').addEventListener('input', (ev) => {
  state.report.agency = ev.target.value.trim() || null;
  check();
});

$('#year').addEventListener('input', (ev) => {
  const t = ev.target.value.trim();
  state.report.year = /^\d{4}$/.test(t) ? Number(t) : null;
  check();
});

$('#format').addEventListener('change', (ev) => {
  state.report = emptyReport(ev.target.value);
  state.parseFindings = [];
  buildTables(ev.target.value);
  fillInputs();
  check();
});

/** The module with the parser (text and HTML): loaded on the first paste, so the
 * page starts with the small module that checks what is typed. */
let fullModule = null;

/** parse() of the full module, loaded on first use. */
async function parseAny(text) {
  if (!fullModule) {
    const m = await import('../../bindings/wasm/pkg/web-html/index.js');
    await m.default();
    fullModule = m;
  }
  return fullModule.parse(text);
}

/** parse() once the full module is there (after the first paste). */
function parse(text) {
  if (!fullModule) throw new Error('the parser loads with the first paste');
  return fullModule.parse(text);
}

$('#paste-fill').addEventListener('click', async () => {
  const text = $('#paste').value;
  // Set until the pasted text is in the form (tests wait for it).
  document.body.dataset.busy = 'paste';
  let result;
  try {
    result = await parseAny(text);
  } catch (e) {
    console.error('ogi-report: the parser module did not load', e);
    delete document.body.dataset.busy;
    return;
  }
  try {
    fill(result);
  } finally {
    delete document.body.dataset.busy;
  }
});

/** Puts what parse() read into the form. */
function fill(result) {
  if (result.report.format === null) {
    // No report in the pasted text (input.no_report): say so, keep what is typed.
    state.parseFindings = result.findings;
    check();
    return;
  }
  // The source spans point into the pasted text, not into the form: the form
  // keeps the report without them (and checks faster without them).
  const { sources: _spans, ...report } = result.report;
  state.report = report;
  // parse() gives the parse findings followed by validate()'s: keep the former.
  const rest = validate(result.report).findings.length;
  state.parseFindings = result.findings.slice(0, result.findings.length - rest);
  buildTables(result.report.format);
  fillInputs();
  state.findings = result.findings;
  render();
}

$('#clear').addEventListener('click', () => {
  state.report = emptyReport($('#format').value);
  state.parseFindings = [];
  fillInputs();
  check();
});

$('#lang').addEventListener('click', () => {
  state.lang = state.lang === 'zh' ? 'en' : 'zh';
  $('#lang').textContent = state.lang === 'zh' ? 'English' : '中文';
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  render();
});

$('#export').addEventListener('click', () => {
  const blob = new Blob([JSON.stringify(state.report, null, 2) + '\n'], { type: 'application/json' });
  const a = document.createElement('a');
  const name = [state.report.agency, state.report.year].filter(Boolean).join('-') || 'report';
  a.href = URL.createObjectURL(blob);
  a.download = `${name}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
});

buildTables('2021');
fillInputs();
check();

// For tests and the curious: the API and the state.
window.ogiForm = { api: { validate, parse, parseAny, emptyReport, rules, readCell }, state, ready: true };
document.body.dataset.ready = 'true';
