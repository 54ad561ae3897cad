// The report out, in the national layout: a DOCX (WordprocessingML written here,
// packed by a minimal ZIP writer: deflate through CompressionStream when the
// browser has it, else stored) and a print-ready A4 HTML page. Loaded by the
// form only when the user exports.
//
// Layout as in the national template (tests/corpus/templates/template_2021_blank.docx):
// the six sections with their headings, tables 2-4 under sections 二-四 with
// the merged cells as printed (gridSpan across, vMerge down), the grid widths
// of the template.
import {
  SECTIONS, T3_COLUMNS, T4_COLUMNS, T4_GROUPS, cellText, getCell, otherAsOneRow, t2Blocks, t3Rows,
} from './layout.js';

// ---- the tables as rows of cells (shared by DOCX and HTML) -----------------
// A cell: { text, rowspan?, colspan?, head? (a label), path? (a value cell) }.

/** Grid column widths (twips) of the template's tables. */
const GRID = {
  t2: [2435, 2435, 2435, 2435],
  t3: [754, 921, 3271, 685, 685, 685, 685, 685, 685, 685],
  t4: [649, 649, 649, 649, 649, 649, 649, 650, 650, 650, 650, 650, 650, 650, 650],
};

const value = (report, path) => ({ text: cellText(getCell(report, path)), path });

function t2Model(report) {
  const width = GRID.t2.length;
  const rows = [];
  // The last cell of a row takes what is left of the grid (one value column
  // printed across three).
  const stretch = (cells) => {
    const used = cells.reduce((n, c) => n + (c.colspan ?? 1), 0);
    cells[cells.length - 1].colspan = (cells[cells.length - 1].colspan ?? 1) + width - used;
    return cells;
  };
  for (const block of t2Blocks(report.format)) {
    rows.push([{ text: block.heading, colspan: width, head: true }]);
    rows.push(stretch([{ text: '信息内容', head: true }, ...block.columns.map(([, l]) => ({ text: l, head: true }))]));
    for (const [row, label] of block.rows) {
      rows.push(stretch([{ text: label, head: true }, ...block.columns.map(([col]) => value(report, `t2.${row}.${col}`))]));
    }
  }
  return rows;
}

function t3Model(report) {
  const rows = [
    [{ text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', rowspan: 3, colspan: 3, head: true },
      { text: '申请人情况', colspan: 7, head: true }],
    [{ text: '自然人', rowspan: 2, head: true }, { text: '法人或其他组织', colspan: 5, head: true }, { text: '总计', rowspan: 2, head: true }],
    T3_COLUMNS.slice(1, 6).map(([, l]) => ({ text: l, head: true })),
  ];
  for (const [row, labels] of t3Rows(report.format, otherAsOneRow(report))) {
    rows.push([
      ...labels.map(([text, rowspan, colspan]) => ({ text, rowspan, colspan, head: true })),
      ...T3_COLUMNS.map(([col]) => value(report, `t3.${row}.${col}`)),
    ]);
  }
  return rows;
}

function t4Model(report) {
  return [
    [{ text: '行政复议', colspan: 5, head: true }, { text: '行政诉讼', colspan: 10, head: true }],
    [...T4_COLUMNS.map(([, l]) => ({ text: l, rowspan: 2, head: true })),
      { text: '未经复议直接起诉', colspan: 5, head: true }, { text: '复议后起诉', colspan: 5, head: true }],
    [1, 2].flatMap(() => T4_COLUMNS.map(([, l]) => ({ text: l, head: true }))),
    T4_GROUPS.flatMap(([g]) => T4_COLUMNS.map(([c]) => value(report, `t4.${g}.${c}`))),
  ];
}

const MODELS = { t2: t2Model, t3: t3Model, t4: t4Model };

/** The report's title: as typed, else 「<agency><year>年政府信息公开工作年度报告」. */
export function titleOf(report, title) {
  if (title && title.trim()) return title.trim();
  return `${report.agency ?? ''}${report.year ? `${report.year}年` : ''}政府信息公开工作年度报告`;
}

/** The paragraphs of a section's text (its non-empty lines). */
function paragraphs(text) {
  return (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

/** 2024-01-17 → 2024年1月17日 (as printed under a report). */
function dateText(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : (iso ?? '');
}

// ---- DOCX -------------------------------------------------------------------

const xmlEscape = (s) => String(s)
  // Characters XML 1.0 does not allow.
  .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
  .replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

function run(text, { bold = false, size = 32, font = '仿宋_GB2312' } = {}) {
  return `<w:r><w:rPr><w:rFonts w:ascii="${font}" w:eastAsia="${font}" w:hAnsi="${font}"/>${bold ? '<w:b/>' : ''}`
    + `<w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr><w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r>`;
}

function para(text, { align = 'both', indent = false, spacing = true, ...style } = {}) {
  return `<w:p><w:pPr>${spacing ? '<w:spacing w:line="560" w:lineRule="exact"/>' : ''}`
    + `${indent ? '<w:ind w:firstLineChars="200" w:firstLine="640"/>' : ''}<w:jc w:val="${align}"/></w:pPr>`
    + `${text ? run(text, style) : ''}</w:p>`;
}

/** Rows of cells (rowspan/colspan) → rows of grid cells (gridSpan, vMerge restart/continue). */
export function toGrid(rows, width) {
  const above = new Array(width).fill(null);
  return rows.map((row) => {
    const out = [];
    let c = 0;
    let i = 0;
    while (c < width) {
      const a = above[c];
      if (a && a.left > 0) {
        out.push({ text: '', colspan: a.colspan, merge: 'continue', head: a.head });
        a.left -= 1;
        c += a.colspan;
        continue;
      }
      const cell = row[i++];
      if (!cell) break;
      const colspan = cell.colspan ?? 1;
      const rowspan = cell.rowspan ?? 1;
      out.push({ ...cell, colspan, merge: rowspan > 1 ? 'restart' : null });
      above[c] = rowspan > 1 ? { left: rowspan - 1, colspan, head: cell.head } : null;
      c += colspan;
    }
    return out;
  });
}

function docxTable(rows, grid) {
  const border = (side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
  let x = '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/><w:tblBorders>'
    + ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')
    + '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>'
    + grid.map((w) => `<w:gridCol w:w="${w}"/>`).join('') + '</w:tblGrid>';
  for (const row of toGrid(rows, grid.length)) {
    x += '<w:tr><w:trPr><w:jc w:val="center"/></w:trPr>';
    let c = 0;
    for (const cell of row) {
      const w = grid.slice(c, c + cell.colspan).reduce((a, b) => a + b, 0);
      c += cell.colspan;
      x += `<w:tc><w:tcPr><w:tcW w:w="${w}" w:type="dxa"/>`
        + (cell.colspan > 1 ? `<w:gridSpan w:val="${cell.colspan}"/>` : '')
        + (cell.merge === 'restart' ? '<w:vMerge w:val="restart"/>' : cell.merge === 'continue' ? '<w:vMerge/>' : '')
        + '<w:vAlign w:val="center"/></w:tcPr>'
        + para(cell.text, { align: cell.head && cell.colspan >= 3 && !cell.path ? 'left' : 'center', spacing: false, size: 20, font: '宋体' })
        + '</w:tc>';
    }
    x += '</w:tr>';
  }
  return `${x}</w:tbl>`;
}

/** word/document.xml of the report. */
export function documentXml(report, { title } = {}) {
  const body = [para(titleOf(report, title), { align: 'center', size: 44, font: '方正小标宋简体' }), para('')];
  for (const [key, heading, table] of SECTIONS) {
    body.push(para(heading, { indent: true, font: '黑体' }));
    for (const p of paragraphs(report.sections?.[key])) body.push(para(p, { indent: true }));
    if (table && report[table]) body.push(docxTable(MODELS[table](report), GRID[table]), para(''));
  }
  if (report.agency || report.published) {
    body.push(para(''));
    if (report.agency) body.push(para(report.agency, { align: 'right' }));
    if (report.published) body.push(para(dateText(report.published), { align: 'right' }));
  }
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    + `<w:body>${body.join('')}`
    // A4 portrait; the template's margins.
    + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1080" w:bottom="1440" w:left="1080" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>'
    + '</w:body></w:document>';
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
  + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
  + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
  + '<Default Extension="xml" ContentType="application/xml"/>'
  + '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
  + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
  + '</Types>';

const RELS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
  + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
  + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
  + '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
  + '</Relationships>';

function coreXml(report, title) {
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
    + `<dc:title>${xmlEscape(titleOf(report, title))}</dc:title><dc:creator>${xmlEscape(report.agency ?? '')}</dc:creator>`
    + '</cp:coreProperties>';
}

/** The report as a .docx file (a Blob). */
export async function docx(report, { title } = {}) {
  const enc = new TextEncoder();
  const bytes = await zip([
    ['[Content_Types].xml', enc.encode(CONTENT_TYPES)],
    ['_rels/.rels', enc.encode(RELS)],
    ['docProps/core.xml', enc.encode(coreXml(report, title))],
    ['word/document.xml', enc.encode(documentXml(report, { title }))],
  ]);
  return new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
}

// ---- ZIP ----------------------------------------------------------------------

let crcTable = null;
function crc32(bytes) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xFFFFFFFF;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]) & 0xFF] ^ (c >>> 8);
  return (c ^ 0xFFFFFFFF) >>> 0;
}

/** Raw deflate through the browser's CompressionStream, or null when it has none. */
async function deflateRaw(bytes) {
  if (typeof CompressionStream === 'undefined') return null;
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch {
    return null;
  }
}

/** A ZIP archive of [name, bytes] entries (UTF-8 names; deflated when that is smaller). */
export async function zip(files) {
  const enc = new TextEncoder();
  const now = new Date();
  const time = (now.getHours() << 11) | (now.getMinutes() << 5) | (now.getSeconds() >> 1);
  const date = ((now.getFullYear() - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate();
  const chunks = [];
  const central = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBytes = enc.encode(name);
    const deflated = await deflateRaw(data);
    const stored = !deflated || deflated.length >= data.length;
    const body = stored ? data : deflated;
    const crc = crc32(data);
    const head = new DataView(new ArrayBuffer(30));
    head.setUint32(0, 0x04034b50, true);
    head.setUint16(4, 20, true);
    head.setUint16(6, 0x0800, true); // UTF-8 names
    head.setUint16(8, stored ? 0 : 8, true);
    head.setUint16(10, time, true);
    head.setUint16(12, date, true);
    head.setUint32(14, crc, true);
    head.setUint32(18, body.length, true);
    head.setUint32(22, data.length, true);
    head.setUint16(26, nameBytes.length, true);
    head.setUint16(28, 0, true);
    const cd = new DataView(new ArrayBuffer(46));
    cd.setUint32(0, 0x02014b50, true);
    cd.setUint16(4, 20, true);
    cd.setUint16(6, 20, true);
    cd.setUint16(8, 0x0800, true);
    cd.setUint16(10, stored ? 0 : 8, true);
    cd.setUint16(12, time, true);
    cd.setUint16(14, date, true);
    cd.setUint32(16, crc, true);
    cd.setUint32(20, body.length, true);
    cd.setUint32(24, data.length, true);
    cd.setUint16(28, nameBytes.length, true);
    cd.setUint32(42, offset, true);
    chunks.push(new Uint8Array(head.buffer), nameBytes, body);
    central.push(new Uint8Array(cd.buffer), nameBytes);
    offset += 30 + nameBytes.length + body.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, files.length, true);
  end.setUint16(10, files.length, true);
  end.setUint32(12, cdSize, true);
  end.setUint32(16, offset, true);
  const parts = [...chunks, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// ---- print-ready HTML -------------------------------------------------------------

const htmlEscape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

function htmlTable(rows, table) {
  let x = `<table class="t ${table}">`;
  for (const row of rows) {
    x += '<tr>';
    for (const c of row) {
      const tag = c.head ? 'th' : 'td';
      const span = `${(c.rowspan ?? 1) > 1 ? ` rowspan="${c.rowspan}"` : ''}${(c.colspan ?? 1) > 1 ? ` colspan="${c.colspan}"` : ''}`;
      x += `<${tag}${span}${c.path ? ` data-path="${c.path}"` : ''}>${htmlEscape(c.text)}</${tag}>`;
    }
    x += '</tr>';
  }
  return `${x}</table>`;
}

const PRINT_CSS = `
@page { size: A4; margin: 25mm 20mm 22mm; }
body { font-family: "FangSong", "仿宋_GB2312", "仿宋", "STFangsong", "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 1.75; color: #000; max-width: 170mm; margin: 0 auto; }
h1 { font-family: "方正小标宋简体", "SimSun", "Noto Serif CJK SC", serif; font-size: 22pt; font-weight: normal; text-align: center; margin: 0 0 1em; line-height: 1.4; }
h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal; margin: .6em 0 .2em; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.sign { text-align: right; text-indent: 0; }
table.t { border-collapse: collapse; width: 100%; margin: .4em 0 1em; font-family: "SimSun", "宋体", "Noto Serif CJK SC", serif; font-size: 10pt; line-height: 1.3; page-break-inside: auto; }
table.t tr { page-break-inside: avoid; }
table.t th, table.t td { border: 1px solid #000; padding: 2px 3px; text-align: center; vertical-align: middle; font-weight: normal; }
table.t3 td { width: 7%; }
@media screen { body { padding: 20mm 0; } }
`;

/** The report as a print-ready A4 HTML page (text). */
export function html(report, { title } = {}) {
  const t = titleOf(report, title);
  let body = `<h1>${htmlEscape(t)}</h1>`;
  for (const [key, heading, table] of SECTIONS) {
    body += `<h2>${htmlEscape(heading)}</h2>`;
    for (const p of paragraphs(report.sections?.[key])) body += `<p>${htmlEscape(p)}</p>`;
    if (table && report[table]) body += htmlTable(MODELS[table](report), table);
  }
  if (report.agency) body += `<p class="sign">${htmlEscape(report.agency)}</p>`;
  if (report.published) body += `<p class="sign">${htmlEscape(dateText(report.published))}</p>`;
  return `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${htmlEscape(t)}</title>`
    + `<style>${PRINT_CSS}</style></head><body>${body}</body></html>\n`;
}
