// The tables of the annual report as the national formats print them
// (docs/format.md): labels verbatim, cells by canonical path.

/** Table 3 columns (申请人情况), in order. */
export const T3_COLUMNS = [
  ['natural_person', '自然人'],
  ['commercial', '商业企业'],
  ['research', '科研机构'],
  ['public_interest', '社会公益组织'],
  ['legal_services', '法律服务机构'],
  ['other_org', '其他'],
  ['total', '总计'],
];

/**
 * Does a 2021 report print (六)其他处理 as one row, the 2019 way? Its values
 * are then the group's total, `t3.outcome.other_total`, and the sub-rows 1.–3.
 * are absent (docs/format.md, §5).
 */
export function otherAsOneRow(report) {
  const t = report?.t3?.outcome?.other_total;
  return report?.format === '2021' && t !== null && typeof t === 'object';
}

/**
 * Table 3 rows. Each row: [key, label cells]; a label cell is
 * [text, rowspan, colspan] for the three label columns of the printed table.
 * Rows that only continue a spanned label list fewer label cells. With
 * `oneRow` (see `otherAsOneRow`), a 2021 table prints (六)其他处理 as one row.
 */
export function t3Rows(format, oneRow = false) {
  const one = format === '2019' || oneRow;
  const otherTotal = [['outcome.other_total', [['(六)其他处理', 1, 2]]]];
  const other2021 = [
    ['outcome.other.no_correction', [['(六)其他处理', 3, 1], ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 1, 1]]],
    ['outcome.other.unpaid_fee', [['2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', 1, 1]]],
    ['outcome.other.other', [['3.其他', 1, 1]]],
  ];
  const other2019 = [['outcome.other', [['(六)其他处理', 1, 2]]]];
  const outcomeRows = 22 - (one ? 2 : 0);
  return [
    ['new_received', [['一、本年新收政府信息公开申请数量', 1, 3]]],
    ['carried_over', [['二、上年结转政府信息公开申请数量', 1, 3]]],
    ['outcome.disclosed', [['三、本年度办理结果', outcomeRows, 1], ['(一)予以公开', 1, 2]]],
    ['outcome.partly_disclosed', [['(二)部分公开(区分处理的,只计这一情形,不计其他情形)', 1, 2]]],
    ['outcome.withheld.state_secret', [['(三)不予公开', 8, 1], ['1.属于国家秘密', 1, 1]]],
    ['outcome.withheld.prohibited_by_law', [['2.其他法律行政法规禁止公开', 1, 1]]],
    ['outcome.withheld.security_stability', [['3.危及“三安全一稳定”', 1, 1]]],
    ['outcome.withheld.third_party', [['4.保护第三方合法权益', 1, 1]]],
    ['outcome.withheld.internal_affairs', [['5.属于三类内部事务信息', 1, 1]]],
    ['outcome.withheld.process_info', [['6.属于四类过程性信息', 1, 1]]],
    ['outcome.withheld.enforcement_files', [['7.属于行政执法案卷', 1, 1]]],
    ['outcome.withheld.inquiry', [['8.属于行政查询事项', 1, 1]]],
    ['outcome.unable.not_held', [['(四)无法提供', 3, 1], ['1.本机关不掌握相关政府信息', 1, 1]]],
    ['outcome.unable.needs_creation', [['2.没有现成信息需要另行制作', 1, 1]]],
    ['outcome.unable.unclear', [['3.补正后申请内容仍不明确', 1, 1]]],
    ['outcome.rejected.petition', [['(五)不予处理', 5, 1], ['1.信访举报投诉类申请', 1, 1]]],
    ['outcome.rejected.duplicate', [['2.重复申请', 1, 1]]],
    ['outcome.rejected.publication', [['3.要求提供公开出版物', 1, 1]]],
    ['outcome.rejected.repetitive', [['4.无正当理由大量反复申请', 1, 1]]],
    ['outcome.rejected.confirmation', [['5.要求行政机关确认或重新出具已获取信息', 1, 1]]],
    ...(format === '2019' ? other2019 : oneRow ? otherTotal : other2021),
    ['outcome.total', [['(七)总计', 1, 2]]],
    ['carried_forward', [['四、结转下年度继续办理', 1, 3]]],
  ];
}

/** Table 4 groups and columns. */
export const T4_GROUPS = [
  ['review', '行政复议'],
  ['litigation_direct', '未经复议直接起诉'],
  ['litigation_after_review', '复议后起诉'],
];
export const T4_COLUMNS = [
  ['upheld', '结果维持'],
  ['corrected', '结果纠正'],
  ['other', '其他结果'],
  ['pending', '尚未审结'],
  ['total', '总计'],
];

/**
 * Table 2 blocks: each block is a heading (第二十条第(x)项), its column
 * headers and its rows [key, label]. Cells are `t2.<row>.<column>`.
 */
export function t2Blocks(format) {
  if (format === '2019') {
    const services = [['items_last_year', '上一年项目数量'], ['items_change', '本年增/减'], ['decisions', '处理决定数量']];
    return [
      { heading: '第二十条第(一)项', columns: [['made', '本年新制作数量'], ['published', '本年新公开数量'], ['published_total', '对外公开总数量']],
        rows: [['regulations', '规章'], ['normative_documents', '规范性文件']] },
      { heading: '第二十条第(五)项', columns: services, rows: [['licensing', '行政许可'], ['other_services', '其他对外管理服务事项']] },
      { heading: '第二十条第(六)项', columns: services, rows: [['penalties', '行政处罚'], ['coercive_measures', '行政强制']] },
      { heading: '第二十条第(八)项', columns: [['items_last_year', '上一年项目数量'], ['items_change', '本年增/减']], rows: [['fees', '行政事业性收费']] },
      { heading: '第二十条第(九)项', columns: [['projects', '采购项目数量'], ['amount', '采购总金额']], rows: [['procurement', '政府集中采购']] },
    ];
  }
  return [
    { heading: '第二十条第(一)项', columns: [['issued', '本年制发件数'], ['abolished', '本年废止件数'], ['in_force', '现行有效件数']],
      rows: [['regulations', '规章'], ['normative_documents', '行政规范性文件']] },
    { heading: '第二十条第(五)项', columns: [['decisions', '本年处理决定数量']], rows: [['licensing', '行政许可']] },
    { heading: '第二十条第(六)项', columns: [['decisions', '本年处理决定数量']], rows: [['penalties', '行政处罚'], ['coercive_measures', '行政强制']] },
    { heading: '第二十条第(八)项', columns: [['amount_wan_yuan', '本年收费金额(单位:万元)']], rows: [['fees', '行政事业性收费']] },
  ];
}

/** The six sections of the report: key, heading as printed (2021 wording),
 * the table printed under it, the template's placeholder. */
export const SECTIONS = [
  ['overview', '一、总体情况', null, '（文字描述）'],
  ['proactive', '二、主动公开政府信息情况', 't2', '（文字描述，可空；表格见下）'],
  ['requests', '三、收到和处理政府信息公开申请情况', 't3', '（文字描述，可空；表格见下）'],
  ['review_litigation', '四、政府信息公开行政复议、行政诉讼情况', 't4', '（文字描述，可空；表格见下）'],
  ['problems', '五、存在的主要问题及改进情况', null, '（文字描述）'],
  ['other', '六、其他需要报告的事项', null, '（文字描述，收取信息处理费情况在此处报告。）'],
];

/** What a cell value shows as text (in an input, the exported tables). */
export function cellText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if (Array.isArray(value.ambiguous)) return value.ambiguous.join(' 或 ');
    if (typeof value.invalid === 'string') return value.invalid;
    return '';
  }
  return String(value);
}

/** The value of a cell path in a nested report (undefined when there is none). */
export function getCell(report, path) {
  let v = report;
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = v[k];
  }
  return v;
}

export const TABLE_TITLES = {
  t2: '二、主动公开政府信息情况',
  t3: '三、收到和处理政府信息公开申请情况',
  t4: '四、政府信息公开行政复议、行政诉讼情况',
};

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, String(v));
  }
  for (const c of children) e.append(c);
  return e;
}

function th(text, rowspan = 1, colspan = 1, cls = '') {
  const attrs = {};
  if (rowspan > 1) attrs.rowspan = rowspan;
  if (colspan > 1) attrs.colspan = colspan;
  if (cls) attrs.class = cls;
  return el('th', attrs, text);
}

/** A table cell holding the input of one canonical path. */
function inputCell(path, label) {
  const input = el('input', { type: 'text', inputmode: 'decimal', 'data-path': path, 'aria-label': label, autocomplete: 'off', title: path });
  return el('td', { class: 'cell', 'data-cell': path }, input, el('div', { class: 'cell-msg', 'data-msg-for': path }));
}

/** Builds table 2 of a format. */
export function buildT2(format) {
  const table = el('table', { class: 'report-table', 'data-table': 't2' });
  for (const block of t2Blocks(format)) {
    const span = block.columns.length + 1;
    table.append(el('tr', {}, th(block.heading, 1, span, 'block-heading')));
    table.append(el('tr', {}, th('信息内容'), ...block.columns.map(([, l]) => th(l))));
    for (const [row, label] of block.rows) {
      table.append(el('tr', {}, th(label, 1, 1, 'row-label'),
        ...block.columns.map(([col, cl]) => inputCell(`t2.${row}.${col}`, `${label} ${cl}`))));
    }
  }
  return table;
}

/** Builds table 3 of a format (`oneRow`: (六)其他处理 as one row, see `t3Rows`). */
export function buildT3(format, oneRow = false) {
  const table = el('table', { class: 'report-table', 'data-table': 't3' });
  table.append(el('tr', {},
    th('(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)', 3, 3, 'note'),
    th('申请人情况', 1, 7)));
  table.append(el('tr', {}, th('自然人', 2), th('法人或其他组织', 1, 5), th('总计', 2)));
  table.append(el('tr', {}, ...T3_COLUMNS.slice(1, 6).map(([, l]) => th(l))));
  for (const [row, labels] of t3Rows(format, oneRow)) {
    const label = labels[labels.length - 1][0];
    table.append(el('tr', {},
      ...labels.map(([text, rs, cs]) => th(text, rs, cs, 'row-label')),
      ...T3_COLUMNS.map(([col, cl]) => inputCell(`t3.${row}.${col}`, `${label} ${cl}`))));
  }
  return table;
}

/** Builds table 4 (the same in both formats). */
export function buildT4() {
  const table = el('table', { class: 'report-table', 'data-table': 't4' });
  table.append(el('tr', {}, th('行政复议', 1, 5), th('行政诉讼', 1, 10)));
  table.append(el('tr', {},
    ...T4_COLUMNS.map(([, l]) => th(l, 2)),
    th('未经复议直接起诉', 1, 5), th('复议后起诉', 1, 5)));
  table.append(el('tr', {}, ...[1, 2].flatMap(() => T4_COLUMNS.map(([, l]) => th(l)))));
  table.append(el('tr', {}, ...T4_GROUPS.flatMap(([g, gl]) =>
    T4_COLUMNS.map(([c, cl]) => inputCell(`t4.${g}.${c}`, `${gl} ${cl}`)))));
  return table;
}
