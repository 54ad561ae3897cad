// The annual report form: the report's title, dates and six sections, tables
// 2-4 as printed, every cell an input, checked by the WebAssembly build of
// ogi-report on every keystroke (same rules and messages as the server), kept
// as a draft in the browser's storage, exported as JSON, DOCX or print HTML.
import init, { validate, emptyReport, rules, readCell, label } from '../../bindings/wasm/pkg/web/index.js';
import { buildT2, buildT3, buildT4, SECTIONS, cellText, getCell, otherAsOneRow } from './layout.js';
import * as drafts from './drafts.js';
import { installKeys } from './keys.js';

await init();

const state = {
  /** The report being edited, in the nested JSON form. */
  report: emptyReport('2021'),
  /** The report's title (not part of the report's JSON: the DOCX and print page use it). */
  title: '',
  /** What was typed into each cell (1,234 shows as typed after a reload, read as 1234). */
  typed: {},
  /** Findings about the pasted text itself (table.incomplete): kept until the next paste. */
  parseFindings: [],
  /** The latest findings, as the library reports them. */
  findings: [],
  lang: 'zh',
  /** "Check everything": every finding as the library reports it, blanks included. */
  all: false,
  /** The storage key of the draft being edited (null until the first change). */
  draftKey: null,
  /** What 撤销 brings back: { what, draft } from before a clear, an import or a paste. */
  undo: null,
};
const RULES = new Map(rules().map((r) => [r.code, r]));
const $ = (sel) => document.querySelector(sel);
const TABLE_NAMES = { zh: { t2: '表二', t3: '表三', t4: '表四' }, en: { t2: 'table 2', t3: 'table 3', t4: 'table 4' } };

const UI = {
  zh: {
    valid: '表格无错误', invalid: (n) => `${n} 处错误`, warnings: (n) => `${n} 处警告`, notes: (n) => `${n} 条提示`,
    none: '没有错误或警告',
    blanks: (t, n) => `${TABLE_NAMES.zh[t]}还有 ${n} 个单元格未填`,
    sections: (n) => `正文还有 ${n} 节未填`,
    quiet: (n) => `另有 ${n} 条与未填内容有关的提示已折叠（“检查全部”可查看）`,
    saved: (t) => `已保存 ${t}`, notSaved: '未能保存：浏览器存储不可用或已满',
    checkAll: '检查全部', checkProgress: '按填写进度显示',
    cleared: '已清空', imported: '已导入', pasted: '已填入', undone: '已撤销',
    block: (n, d) => `已填入 ${n} 个单元格${d ? `，${d} 个超出表格未填` : ''}`,
    noDraft: '（未保存的新草稿）', newDraft: '＋ 新草稿',
    importBad: (m) => `未导入：${m}`, fileBad: (m) => `未能读取文件：${m}`,
    noBytes: '浏览器版的解析模块尚不能读取 PDF / DOCX 文件（命令行 ogi 可以读取）；请复制文件中的文字后粘贴。',
    filesSize: (kb) => `读取 PDF/Word 文件需下载约 ${kb} KB（仅在首次打开此类文件时下载）`,
    noReport: (m) => `未填入：${m}`,
  },
  en: {
    valid: 'No errors in the tables', invalid: (n) => `${n} error(s)`, warnings: (n) => `${n} warning(s)`, notes: (n) => `${n} note(s)`,
    none: 'No errors or warnings',
    blanks: (t, n) => `${TABLE_NAMES.en[t]}: ${n} cell(s) not filled in yet`,
    sections: (n) => `${n} section(s) of text not written yet`,
    quiet: (n) => `${n} more note(s) about what is not filled in yet, folded ("check everything" shows them)`,
    saved: (t) => `saved ${t}`, notSaved: 'not saved: the browser storage is unavailable or full',
    checkAll: 'check everything', checkProgress: 'show by progress',
    cleared: 'cleared', imported: 'imported', pasted: 'filled in', undone: 'undone',
    block: (n, d) => `${n} cell(s) filled${d ? `, ${d} outside the table left out` : ''}`,
    noDraft: '(new draft, not saved)', newDraft: '+ new draft',
    importBad: (m) => `not imported: ${m}`, fileBad: (m) => `could not read the file: ${m}`,
    noBytes: 'the browser parsing module cannot read PDF / DOCX files yet (the ogi command line can); copy the text and paste it.',
    filesSize: (kb) => `reading PDF/Word files downloads about ${kb} KB (once, on the first such file)`,
    noReport: (m) => `not filled in: ${m}`,
  },
};
const ui = () => UI[state.lang];
/** The sections under which a table is printed: key → table. */
const TABLE_SECTIONS = new Map(SECTIONS.filter(([, , t]) => t).map(([k, , t]) => [k, t]));

// ---- the cells of the report --------------------------------------------

function setCell(report, path, value) {
  const keys = path.split('.');
  let v = report;
  for (const k of keys.slice(0, -1)) {
    if (v[k] === null || typeof v[k] !== 'object') v[k] = {};
    v = v[k];
  }
  v[keys[keys.length - 1]] = value;
}

function inputs() {
  return document.querySelectorAll('input[data-path]');
}

/** The page's elements by path, found once per layout (a keystroke looks up many). */
const els = { td: new Map(), msg: new Map() };
function indexElements() {
  els.td.clear();
  els.msg.clear();
  for (const td of document.querySelectorAll('td[data-cell]')) els.td.set(td.dataset.cell, td);
  for (const box of document.querySelectorAll('[data-msg-for]')) {
    if (!els.msg.has(box.dataset.msgFor)) els.msg.set(box.dataset.msgFor, box);
  }
}

/** Blank cells of a present table, counted in the report (null values). */
function blanks(table) {
  let n = 0;
  (function walk(o) {
    for (const k in o) {
      const v = o[k];
      if (v === null) n += 1;
      else if (typeof v === 'object' && !Array.isArray(v) && !('invalid' in v) && !('ambiguous' in v)
        && !('unread' in v) && !('absent' in v)) walk(v);
    }
  })(state.report[table]);
  return n;
}

const labels = new Map();
/** The printed label of a path in the chosen language (the core's `label`), cached. */
function labelOf(path) {
  const key = `${state.lang}:${path}`;
  if (!labels.has(key)) {
    let l = null;
    try {
      l = label(path, state.lang);
    } catch {
      l = null;
    }
    labels.set(key, l ?? path);
  }
  return labels.get(key);
}

// ---- layout ----------------------------------------------------------------

/** The six sections, each with its text area; tables 2-4 under sections 二-四.
 * Table 3 prints (六)其他处理 as one row when the report does (`otherAsOneRow`). */
function buildBody(format) {
  lastShown = null;
  const host = $('#tables');
  host.replaceChildren();
  const oneRow = otherAsOneRow(state.report);
  const builders = { t2: () => buildT2(format), t3: () => buildT3(format, oneRow), t4: () => buildT4() };
  for (const [key, heading, table, placeholder] of SECTIONS) {
    const section = document.createElement('section');
    section.className = 'report-section';
    section.dataset.key = key;
    const h = document.createElement('h2');
    h.id = `h-${key}`;
    h.textContent = heading;
    const text = document.createElement('textarea');
    text.dataset.text = key;
    text.rows = key === 'overview' || key === 'problems' ? 5 : 2;
    text.placeholder = placeholder;
    text.title = `sections.${key}`;
    text.setAttribute('aria-labelledby', h.id);
    const msg = document.createElement('div');
    msg.className = 'table-msg';
    msg.dataset.msgFor = `sections.${key}`;
    section.append(h, text, msg);
    if (table) {
      const box = document.createElement('div');
      box.className = 'table-section';
      box.dataset.section = table;
      const tmsg = document.createElement('div');
      tmsg.className = 'table-msg';
      tmsg.dataset.msgFor = table;
      box.append(tmsg, builders[table]());
      section.append(box);
    }
    host.append(section);
  }
  $('#format').value = format;
  indexElements();
}

/** Shows the report's values in the inputs (after a paste, a restore or a format change). */
function fillInputs() {
  const r = state.report;
  $('#agency').value = r.agency ?? '';
  $('#year').value = r.year ?? '';
  $('#title').value = state.title;
  $('#published').value = r.published ?? '';
  for (const input of inputs()) {
    const p = input.dataset.path;
    const table = p.split('.')[0];
    const value = getCell(r, p);
    const typed = state.typed[p];
    // The text as typed when it still reads as the cell's value, else the value.
    input.value = typed !== undefined && JSON.stringify(readCell(p, typed)) === JSON.stringify(value ?? null)
      ? typed : cellText(value);
    input.disabled = r[table] === null;
  }
  for (const area of document.querySelectorAll('textarea[data-text]')) {
    area.value = r.sections?.[area.dataset.text] ?? '';
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

/**
 * What the form shows while a report is being filled in: the findings about
 * what is not filled in yet (blank cells, equations waiting on blanks, sections
 * not written) are folded into one line per table; everything else as the
 * library reports it. "Check everything" shows every finding.
 */
function presentation() {
  if (state.all) return { shown: state.findings, pending: [], quiet: 0 };
  const shown = [];
  let quiet = 0;
  const sections = state.report.sections ?? {};
  for (const f of state.findings) {
    if (f.code === 'cell.blank' || f.code === 'equation.unchecked' || f.code === 'section.missing') quiet += 1;
    // Sections 二-四 print their table; the national template has no text there.
    else if (f.code === 'section.empty' && TABLE_SECTIONS.has(f.path.slice(9)) && !(sections[f.path.slice(9)] ?? '').trim()
      && state.report[TABLE_SECTIONS.get(f.path.slice(9))]) quiet += 1;
    else shown.push(f);
  }
  const pending = [];
  for (const t of ['t2', 't3', 't4']) {
    const n = state.report[t] ? blanks(t) : 0;
    if (n > 0) pending.push({ path: t, text: ui().blanks(t, n) });
  }
  // Sections with text to write: 一, 五, 六, and 二-四 when their table is absent.
  const empty = SECTIONS.filter(([key, , table]) => !(table && state.report[table])
    && !(sections[key] ?? '').trim()).length;
  if (empty > 0) pending.push({ path: 'sections', text: ui().sections(empty) });
  return { shown, pending, quiet };
}

const marked = new Set();

function message(f) {
  return state.lang === 'en' ? f.message_en : f.message;
}

/** The box a finding's message goes in: under its cell, its section, its table, the metadata. */
function msgBoxOf(path) {
  return els.msg.get(path)
    ?? els.msg.get(path.split('.')[0])
    ?? $('#meta-msg');
}

/** Shows the findings: next to their cells, highlighted equation cells, the summary. */
let lastShown = null;
function render() {
  const view = presentation();
  // Most keystrokes change nothing that is shown: then the page is left as it is.
  const sig = `${state.lang}${state.all}${view.quiet}\n${view.pending.map((l) => l.text).join('\n')}\n${
    view.shown.map((f) => `${f.severity} ${f.code} ${f.path} ${message(f)} ${f.related?.join(',') ?? ''}`).join('\n')}`;
  if (sig === lastShown) return;
  lastShown = sig;
  for (const e of marked) {
    e.classList.remove('sev-error', 'sev-warning', 'related');
    if (e.classList.contains('cell-msg') || e.classList.contains('table-msg')) e.replaceChildren();
  }
  marked.clear();
  const rank = { error: 3, warning: 2, info: 1 };
  for (const f of view.shown) {
    if (f.severity === 'info') continue;
    const msgBox = msgBoxOf(f.path);
    if (msgBox) {
      const p = document.createElement('p');
      // A blank read as 0 that breaks an equation: one short line, the whole text on hover.
      p.className = `msg sev-${f.severity}${f.code === 'cell.blank' ? ' brief' : ''}`;
      p.dataset.code = f.code;
      p.textContent = message(f);
      p.title = `${f.code} · ${f.path}`;
      msgBox.append(p);
      marked.add(msgBox);
    }
    for (const path of [f.path, ...(f.related ?? [])]) {
      const td = els.td.get(path);
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
  for (const line of view.pending) {
    const box = els.msg.get(line.path);
    if (!box) continue;
    const p = document.createElement('p');
    p.className = 'msg pending';
    p.textContent = line.text;
    box.append(p);
    marked.add(box);
  }
  renderSummary(view);
}

/** Focuses what a path names: a cell, a section's text, a table's first blank cell, a field. */
function focusPath(path) {
  const target = document.querySelector(`input[data-path="${CSS.escape(path)}"]`)
    ?? (path.startsWith('sections.') ? document.querySelector(`textarea[data-text="${CSS.escape(path.slice(9))}"]`) : null)
    ?? (path === 'sections' ? [...document.querySelectorAll('textarea[data-text]')].find((a) => !a.value.trim()) : null)
    ?? [...document.querySelectorAll(`input[data-path^="${CSS.escape(path)}."]`)].find((i) => !i.value.trim() && !i.disabled)
    ?? document.getElementById(path === 'year' ? 'year' : path === 'agency' ? 'agency' : path === 'published' ? 'published' : '');
  if (target) {
    target.focus();
    target.scrollIntoView?.({ block: 'center' });
  }
}

function summaryItem(cls, parts, path, tip) {
  const li = document.createElement('li');
  li.className = cls;
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'finding';
  b.append(...parts);
  if (tip) b.title = tip;
  b.addEventListener('click', () => focusPath(path));
  li.append(b);
  return li;
}

function renderSummary(view) {
  const t = ui();
  const by = (s) => view.shown.filter((f) => f.severity === s);
  const errors = by('error');
  const warnings = by('warning');
  const notes = by('info');
  const status = $('#status');
  status.textContent = errors.length === 0 ? t.valid : t.invalid(errors.length);
  status.className = errors.length === 0 ? 'ok' : 'bad';
  $('#counts').textContent = `${t.warnings(warnings.length)} · ${t.notes(notes.length)}`;
  const list = $('#findings');
  const noteList = $('#notes');
  const pendingList = $('#pending');
  list.replaceChildren();
  noteList.replaceChildren();
  pendingList.replaceChildren();
  $('#notes-title').textContent = t.notes(notes.length);
  for (const line of view.pending) {
    const li = summaryItem('pending', [line.text], line.path);
    li.dataset.table = line.path;
    pendingList.append(li);
  }
  if (view.quiet > 0) {
    const li = document.createElement('li');
    li.className = 'quiet';
    li.textContent = t.quiet(view.quiet);
    pendingList.append(li);
  }
  if (errors.length + warnings.length === 0) {
    const li = document.createElement('li');
    li.textContent = t.none;
    list.append(li);
  }
  for (const f of [...errors, ...warnings, ...notes]) {
    const code = document.createElement('code');
    code.textContent = f.code;
    code.title = state.lang === 'en' ? RULES.get(f.code)?.description_en ?? '' : RULES.get(f.code)?.description ?? '';
    const where = document.createElement('span');
    where.className = 'where';
    where.textContent = labelOf(f.path);
    const li = summaryItem(`sev-${f.severity}`, [code, ' ', where, ' ', message(f)], f.path, f.path);
    li.dataset.code = f.code;
    li.dataset.path = f.path;
    (f.severity === 'info' ? noteList : list).append(li);
  }
  const button = $('#check-all');
  button.setAttribute('aria-pressed', String(state.all));
  button.textContent = state.all ? `${t.checkProgress}` : `${t.checkAll} / check everything`;
}

// ---- drafts -----------------------------------------------------------------

function draftOf() {
  // The form's report without anything it does not show (no sources).
  return { version: 1, report: state.report, title: state.title, typed: state.typed, savedAt: new Date().toISOString() };
}

function timeText(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString(state.lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
}

/** Saves the draft (every change): one per agency and year; the draft moves when they change. */
function persist() {
  const wanted = drafts.keyOf(state.report);
  let listChanged = false;
  if (state.draftKey === null || drafts.baseOf(state.draftKey) !== wanted) {
    const key = drafts.freeKey(wanted, state.draftKey);
    if (state.draftKey !== null && state.draftKey !== key) drafts.remove(state.draftKey);
    state.draftKey = key;
    listChanged = true;
  }
  const draft = draftOf();
  try {
    drafts.save(state.draftKey, draft);
    const saved = $('#saved');
    saved.textContent = ui().saved(timeText(draft.savedAt));
    saved.dataset.savedAt = draft.savedAt;
  } catch {
    $('#saved').textContent = ui().notSaved;
  }
  if (listChanged) renderDrafts();
}

/** After a bulk load (paste, import): the report goes to the draft of its agency and
 * year: the current one when they are the same (replaced; 撤销 brings it back),
 * else a draft of its own (the current one is kept). */
function adoptKey() {
  const wanted = drafts.keyOf(state.report);
  if (state.draftKey === null || drafts.baseOf(state.draftKey) !== wanted) {
    state.draftKey = drafts.freeKey(wanted, null);
  }
}

function renderDrafts() {
  const select = $('#drafts');
  select.replaceChildren();
  const all = drafts.list();
  if (state.draftKey === null || !all.some((d) => d.key === state.draftKey)) {
    select.append(new Option(ui().noDraft, '', true, true));
  }
  for (const d of all) {
    const name = `${d.agency || '（未填机关）'} · ${d.year || '（未填年度）'} · ${timeText(d.savedAt)}`;
    select.append(new Option(name, d.key, false, d.key === state.draftKey));
  }
  select.append(new Option(ui().newDraft, '+new'));
}

/** A report with every cell of its present tables (a missing row or column of a
 * present table is a blank cell: null), so that blanks are counted right. */
function complete(report) {
  const merge = (into, from) => {
    for (const k of Object.keys(from)) {
      if (into[k] && typeof into[k] === 'object' && from[k] && typeof from[k] === 'object') merge(into[k], from[k]);
      else into[k] = from[k];
    }
    return into;
  };
  const full = emptyReport(report.format);
  const out = { ...report };
  for (const t of ['t2', 't3', 't4']) out[t] = report[t] === null || report[t] === undefined ? null : merge(full[t], report[t]);
  return out;
}

/** Puts a saved draft (or an imported report) into the form. */
function applyDraft(draft) {
  if (draft.report.format !== '2021' && draft.report.format !== '2019') throw new Error('format');
  const report = complete(draft.report);
  delete report.sources;
  const rebuild = report.format !== state.report.format
    || otherAsOneRow(report) !== otherAsOneRow(state.report)
    || !document.querySelector('input[data-path]');
  state.report = report;
  state.title = typeof draft.title === 'string' ? draft.title : '';
  state.typed = draft.typed && typeof draft.typed === 'object' ? { ...draft.typed } : {};
  state.parseFindings = [];
  if (rebuild) buildBody(report.format);
  fillInputs();
  check();
}

/** Keeps what the form holds, for 撤销, before a bulk change. */
function keepForUndo(what) {
  flushPersist();
  state.undo = { what, draft: JSON.parse(JSON.stringify(draftOf())), key: state.draftKey };
  const b = $('#undo');
  b.hidden = false;
  b.textContent = `撤销${{ clear: '清空', import: '导入', format: '切换格式' }[what] ?? '填入'} / undo`;
}

function say(text) {
  $('#io-msg').textContent = text;
}

$('#undo').addEventListener('click', () => {
  const u = state.undo;
  if (!u) return;
  state.undo = null;
  $('#undo').hidden = true;
  if (state.draftKey !== null && state.draftKey !== u.key) drafts.remove(state.draftKey);
  state.draftKey = u.key;
  applyDraft(u.draft);
  persist();
  renderDrafts();
  say(ui().undone);
});

$('#drafts').addEventListener('change', (ev) => {
  flushPersist();
  // 撤销 belongs to the draft it was offered for.
  state.undo = null;
  $('#undo').hidden = true;
  const key = ev.target.value;
  if (key === '+new') {
    state.draftKey = null;
    drafts.setCurrent(null);
    applyDraft({ report: emptyReport($('#format').value), title: '' });
    renderDrafts();
    return;
  }
  const d = key && drafts.load(key);
  if (!d) return;
  state.draftKey = key;
  drafts.setCurrent(key);
  applyDraft(d);
  $('#saved').textContent = ui().saved(timeText(d.savedAt));
});

// ---- events -----------------------------------------------------------------

/** Saves right after the change is shown (a task of its own, so a keystroke is
 * checked and painted first); on leaving the page what is pending is saved at once. */
let saveTimer = null;
function schedulePersist() {
  if (saveTimer !== null) return;
  saveTimer = setTimeout(() => {
    saveTimer = null;
    persist();
  }, 0);
}
function flushPersist() {
  if (saveTimer === null) return;
  clearTimeout(saveTimer);
  saveTimer = null;
  persist();
}
window.addEventListener('pagehide', flushPersist);
// The same draft edited in another tab: say so (the last tab to save wins).
window.addEventListener('storage', (ev) => {
  if (ev.key !== null && ev.key === state.draftKey && ev.newValue !== null) {
    say(state.lang === 'en' ? 'this draft was changed in another tab: the tab that saves last wins'
      : '此草稿已在另一个标签页中修改：以最后保存的为准');
  }
});
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') flushPersist();
});

function changed() {
  check();
  schedulePersist();
}

$('#tables').addEventListener('input', (ev) => {
  const el = ev.target;
  if (el instanceof HTMLInputElement && el.dataset.path) {
    setCell(state.report, el.dataset.path, readCell(el.dataset.path, el.value));
    state.typed[el.dataset.path] = el.value;
  } else if (el instanceof HTMLTextAreaElement && el.dataset.text) {
    state.report.sections ??= {};
    state.report.sections[el.dataset.text] = el.value.trim() ? el.value : null;
  } else {
    return;
  }
  changed();
});

// The focused cell's printed row and column (the table's row labels are far to the left).
$('#tables').addEventListener('focusin', (ev) => {
  const el = ev.target;
  const path = el instanceof HTMLInputElement ? el.dataset.path : el instanceof HTMLTextAreaElement ? `sections.${el.dataset.text}` : null;
  const box = $('#current-cell');
  box.textContent = path ? labelOf(path) : '';
  box.title = path ?? '';
});

installKeys($('#tables'), {
  onBlock(entries) {
    keepForUndo('paste');
    for (const [input, text] of entries) {
      input.value = text;
      setCell(state.report, input.dataset.path, readCell(input.dataset.path, text));
      state.typed[input.dataset.path] = text;
    }
    changed();
    say(ui().block(entries.length, entries.dropped));
  },
});

$('#agency').addEventListener('input', (ev) => {
  state.report.agency = ev.target.value.trim() || null;
  changed();
});

$('#year').addEventListener('input', (ev) => {
  const t = ev.target.value.trim();
  state.report.year = /^\d{4}$/.test(t) ? Number(t) : null;
  changed();
});

$('#title').addEventListener('input', (ev) => {
  state.title = ev.target.value;
  schedulePersist();
});

$('#published').addEventListener('input', (ev) => {
  state.report.published = ev.target.value || null;
  changed();
});

$('#format').addEventListener('change', (ev) => {
  // The metadata and the text stay; the tables are those of the other format
  // (撤销 brings the cells back).
  keepForUndo('format');
  const { t2: _2, t3: _3, t4: _4, format: _f, ...rest } = state.report;
  state.report = { ...emptyReport(ev.target.value), ...rest };
  state.typed = {};
  state.parseFindings = [];
  buildBody(ev.target.value);
  fillInputs();
  changed();
});

$('#check-all').addEventListener('click', () => {
  state.all = !state.all;
  // Everything: the notes unfolded too.
  $('#notes-box').open = state.all;
  render();
});

/** A wasm-bindgen module imported and initialised on first use: `load()` gives
 * it, `loaded` is it once loaded (else null). */
function lazyModule(importIt) {
  const lazy = {
    loaded: null,
    async load() {
      if (!lazy.loaded) {
        const m = await importIt();
        await m.default();
        lazy.loaded = m;
      }
      return lazy.loaded;
    },
  };
  return lazy;
}

/** The module with the parser (text and HTML): loaded on the first paste, so the
 * page starts with the small module that checks what is typed. */
const parserModule = lazyModule(() => import('../../bindings/wasm/pkg/web-html/index.js'));
const loadParser = parserModule.load;

/** parse() of the full module, loaded on first use: text or HTML (files given as
 * bytes go to the files module: parseFile). */
async function parseAny(input) {
  return (await loadParser()).parse(input);
}

/** parse() once the full module is there (after the first paste). */
function parse(text) {
  if (!parserModule.loaded) throw new Error('the parser loads with the first paste');
  return parserModule.loaded.parse(text);
}

/** The module that reads files given as bytes (PDF, DOCX, text in any encoding):
 * `pkg/web-files`, the whole API built with the core's `docx` and `pdf` features.
 * Loaded on the first dropped or chosen PDF/DOCX file only: it is several times
 * the size of the others (lopdf and its decoders; see bindings/wasm/SIZE.md). */
const loadFileReader = lazyModule(() => import('../../bindings/wasm/pkg/web-files/index.js')).load;

/** What `pkg/web-files` weighs, gzipped (.wasm + glue), as measured by
 * scripts/build-wasm.sh (bindings/wasm/SIZE.md); the form says so when it is
 * over 500 KB. */
const FILES_MODULE_KB = 964;

/** Reads a file given as bytes (PDF, DOCX) with the files module. */
async function parseFile(bytes) {
  return (await loadFileReader()).parse(bytes);
}

function showFilesSize() {
  $('#file-note').textContent = FILES_MODULE_KB > 500 ? ui().filesSize(FILES_MODULE_KB) : '';
}

/** Parses (text or bytes) and fills the form; `busy` is set meanwhile (tests wait for it). */
async function parseAndFill(input) {
  document.body.dataset.busy = 'paste';
  try {
    let result;
    try {
      result = input instanceof Uint8Array ? await parseFile(input) : await parseAny(input);
    } catch (e) {
      if (input instanceof Uint8Array && e instanceof TypeError) say(ui().noBytes);
      else {
        console.error('ogi-report: the parser module did not load or refused the input', e);
        say(ui().fileBad(String(e.message ?? e)));
      }
      return;
    }
    fill(result, typeof input === 'string' ? titleFrom(input) : '');
  } finally {
    delete document.body.dataset.busy;
  }
}

$('#paste-fill').addEventListener('click', () => parseAndFill($('#paste').value));

/**
 * A section's text without the table printed in it: sections 二-四 of a pasted
 * report hold their table's text (pipe rows, cells on lines of their own), which
 * the form shows as cells. The text before the table is kept.
 */
function withoutTable(key, text) {
  if (typeof text !== 'string' || !['proactive', 'requests', 'review_litigation'].includes(key)) return text;
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /[|\t]/.test(l)
    || /^\s*(第二十条|信息内容|[（(]本列数据|申请人情况|行政复议|行政诉讼|一、本年新收)/.test(l)
    || /\d+\s+\d+\s+\d+\s+\d+/.test(l));
  if (start < 0) return text;
  const kept = lines.slice(0, start).join('\n').trim();
  return kept || null;
}

/** The report's title from the first lines of a pasted text (「…政府信息公开工作年度报告」), or ''. */
function titleFrom(text) {
  if (/<[a-z!]/i.test(text.slice(0, 4000))) return '';
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(0, 8);
  for (const line of lines) {
    const l = line.replace(/^(#+\s*|标题[:：]\s*|Page \d+\s*-\s*)/, '').replace(/\s*[-—|｜].*$/, '').trim();
    if (l.length <= 60 && l.includes('政府信息公开') && /(年度报告|年报)$/.test(l) && !/[，。,《]/.test(l)) return l;
  }
  return '';
}

/** Puts what parse() read into the form (and the title found in the pasted text). */
/** Findings that say the input held no report, or nothing readable (the core's `is_no_report`). */
const NO_REPORT = new Set(['input.no_report', 'input.unsupported', 'input.image_only', 'input.encrypted', 'input.damaged']);

function fill(result, title = '') {
  if (result.report.format === null || result.findings.some((f) => NO_REPORT.has(f.code))) {
    // No report in the pasted text or the file (input.no_report; a scanned PDF,
    // an encrypted or damaged file, a legacy .doc): say so, keep what is typed.
    state.parseFindings = result.findings;
    check();
    const first = result.findings.find((f) => f.severity === 'error');
    if (first) say(ui().noReport(message(first)));
    return;
  }
  keepForUndo('paste');
  // The source spans point into the pasted text, not into the form: the form
  // keeps the report without them (and checks faster without them).
  const { sources: _spans, ...report } = result.report;
  if (report.sections) {
    report.sections = Object.fromEntries(Object.entries(report.sections).map(([k, v]) => [k, withoutTable(k, v)]));
  }
  state.report = report;
  state.title = title;
  state.typed = {};
  // parse() gives the parse findings followed by validate()'s: keep the former.
  const rest = validate(result.report).findings.length;
  state.parseFindings = result.findings.slice(0, result.findings.length - rest);
  buildBody(result.report.format);
  fillInputs();
  // The parse findings, then the rules on the report as the form now holds it.
  check();
  adoptKey();
  persist();
  renderDrafts();
  say(ui().pasted);
}

// ---- files: a saved JSON (draft), a report as text/HTML, PDF/DOCX --------------

/** The nested form of a report given in the flat form (`cells` keyed by path). */
function fromFlat(flat) {
  const report = emptyReport(flat.format);
  for (const k of ['agency', 'year', 'period_start', 'period_end', 'published', 'procurement_unit', 'sections']) {
    if (flat[k] !== undefined) report[k] = flat[k];
  }
  const cells = flat.cells ?? {};
  for (const t of ['t2', 't3', 't4']) {
    const given = Object.keys(cells).some((p) => p.startsWith(`${t}.`));
    const present = flat.tables_present ? flat.tables_present[t] !== false : given;
    if (!present) report[t] = null;
  }
  for (const [path, v] of Object.entries(cells)) {
    if (report[path.slice(0, 2)] === null) continue;
    setCell(report, path, v === 'n/a' ? flat.marks?.[path] ?? '/' : v);
  }
  return report;
}

/** Restores a draft from a saved JSON report (nested or flat form, or a draft file). */
function importJson(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    say(ui().importBad(String(e.message)));
    return;
  }
  const title = typeof data?.title === 'string' && data.report ? data.title : '';
  if (data && typeof data === 'object' && data.report && typeof data.report === 'object') data = data.report;
  if (!data || typeof data !== 'object' || Array.isArray(data) || (data.format !== '2021' && data.format !== '2019')) {
    say(ui().importBad('format 2021 / 2019'));
    return;
  }
  const bad = validate(data).findings.filter((f) => f.code === 'schema.invalid');
  if (bad.length) {
    say(ui().importBad(`${bad[0].path}: ${message(bad[0])}`));
    return;
  }
  const report = 'cells' in data ? fromFlat(data) : data;
  keepForUndo('import');
  applyDraft({ report, title });
  adoptKey();
  persist();
  renderDrafts();
  say(ui().imported);
}

async function openFile(file) {
  const name = file.name.toLowerCase();
  if (name.endsWith('.json')) importJson(await file.text());
  else if (/\.(txt|html?|md)$/.test(name)) {
    const text = await file.text();
    $('#paste').value = text;
    await parseAndFill(text);
  } else await parseAndFill(new Uint8Array(await file.arrayBuffer()));
}

$('#file').addEventListener('change', async (ev) => {
  const file = ev.target.files?.[0];
  if (file) await openFile(file);
  ev.target.value = '';
});

document.addEventListener('dragover', (ev) => {
  if (!ev.dataTransfer?.types?.includes('Files')) return;
  ev.preventDefault();
  document.body.classList.add('dragging');
});
document.addEventListener('dragleave', (ev) => {
  if (ev.relatedTarget === null) document.body.classList.remove('dragging');
});
document.addEventListener('drop', async (ev) => {
  document.body.classList.remove('dragging');
  const file = ev.dataTransfer?.files?.[0];
  if (!file) return;
  ev.preventDefault();
  await openFile(file);
});

// ---- clear (confirmed, undoable) ----------------------------------------------

$('#clear').addEventListener('click', () => {
  $('#clear-confirm').hidden = false;
  $('#clear-yes').focus();
});
$('#clear-no').addEventListener('click', () => {
  $('#clear-confirm').hidden = true;
  $('#clear').focus();
});
$('#clear-confirm').addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape') $('#clear-no').click();
});
$('#clear-yes').addEventListener('click', () => {
  $('#clear-confirm').hidden = true;
  keepForUndo('clear');
  // The draft of this agency and year is emptied (撤销 brings it back).
  const wasOneRow = otherAsOneRow(state.report);
  state.report = { ...emptyReport($('#format').value), agency: state.report.agency, year: state.report.year };
  state.typed = {};
  state.parseFindings = [];
  // An emptied table 3 has the national format's rows again.
  if (wasOneRow) buildBody(state.report.format);
  fillInputs();
  changed();
  say(ui().cleared);
  $('#undo').focus();
});

$('#lang').addEventListener('click', () => {
  state.lang = state.lang === 'zh' ? 'en' : 'zh';
  $('#lang').textContent = state.lang === 'zh' ? 'English' : '中文';
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  showFilesSize();
  render();
});

// ---- export -------------------------------------------------------------------

function download(blob, ext) {
  const a = document.createElement('a');
  const name = [state.report.agency, state.report.year].filter(Boolean).join('-') || 'report';
  a.href = URL.createObjectURL(blob);
  a.download = `${name}.${ext}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

$('#export').addEventListener('click', () => {
  download(new Blob([JSON.stringify(state.report, null, 2) + '\n'], { type: 'application/json' }), 'json');
});

/** The export module (DOCX and print HTML), loaded on the first export. */
const exporter = () => import('./export.js');

$('#export-docx').addEventListener('click', async () => {
  const m = await exporter();
  download(await m.docx(state.report, { title: state.title }), 'docx');
});

$('#export-html').addEventListener('click', async () => {
  const m = await exporter();
  download(new Blob([m.html(state.report, { title: state.title })], { type: 'text/html' }), 'html');
});

// ---- start: the last draft, else an empty 2021 report ---------------------------

{
  const key = drafts.current();
  const d = key ? drafts.load(key) : null;
  let restored = false;
  if (d) {
    try {
      state.draftKey = key;
      applyDraft(d);
      $('#saved').textContent = ui().saved(timeText(d.savedAt));
      restored = true;
    } catch (e) {
      // An unreadable draft stays in the storage untouched; the form starts empty.
      console.warn('ogi-report form: the saved draft could not be restored', e);
      state.draftKey = null;
    }
  }
  if (!restored) {
    buildBody('2021');
    fillInputs();
    check();
  }
  renderDrafts();
}

// What reading a PDF/DOCX file downloads, when it is much.
showFilesSize();

// For tests and the curious: the API and the state.
window.ogiForm = { api: { validate, parse, parseAny, parseFile, emptyReport, rules, readCell, label, exporter }, state, ready: true };
document.body.dataset.ready = 'true';
