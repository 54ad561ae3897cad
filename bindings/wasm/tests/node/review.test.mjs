// The reviewer's rules on text and dates, and the cross-year checks, through
// the npm package: the same codes as the core, validateSeries and agencyKind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ogi } from './load.mjs';

const OVERVIEW = '2023年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，严格审签程序。全年主动公开政府信息249条，其中政策文件9件，办理依申请公开26件，全部按期答复。';
const PROBLEMS = '（一）存在的主要问题。政策解读形式较为单一，政民互动栏目留言回复效率有待提高。（二）整改措施。一是丰富解读形式，加强图解、视频解读；二是完善留言办理机制，提高回复时效。';

function report(year, overview) {
  return {
    format: '2021',
    year,
    agency: '沭阳县发展和改革局',
    published: `${year + 1}-01-17`,
    sections: {
      overview,
      proactive: '详见下表。',
      requests: '详见下表。',
      review_litigation: '详见下表。',
      problems: PROBLEMS,
      other: '本年度未收取信息处理费。',
    },
  };
}

test('agencyKind recognises the kind of agency from its name', () => {
  assert.equal(ogi.agencyKind('沭阳县发展和改革局'), 'department');
  assert.equal(ogi.agencyKind('淮安市洪泽区人民政府'), 'county_government');
  assert.equal(ogi.agencyKind('桐梓县夜郎镇'), 'township');
  assert.equal(ogi.agencyKind('平潭综合实验区'), 'zone');
  assert.equal(ogi.agencyKind(''), 'unknown');
});

test('validate reports perfunctory sections, the missing fee statement and late publication', () => {
  const r = report(2023, OVERVIEW);
  r.sections.problems = '暂无问题。';
  r.sections.other = '无其他需要报告的事项。';
  r.published = '2024-02-20';
  const codes = ogi.validate(r).findings.map((f) => `${f.code} ${f.path}`);
  assert.ok(codes.includes('section.perfunctory sections.problems'), codes.join('\n'));
  assert.ok(codes.includes('fees.not_stated sections.other'), codes.join('\n'));
  assert.ok(codes.includes('meta.late published'), codes.join('\n'));
  const clean = ogi.validate(report(2023, OVERVIEW)).findings.map((f) => f.code);
  for (const code of ['section.perfunctory', 'fees.not_stated', 'meta.late', 'meta.period']) {
    assert.ok(!clean.includes(code), `${code}: ${clean.join(', ')}`);
  }
});

test('validateSeries finds a section copied from the year before, as the core does', () => {
  const lastYear = report(2022, OVERVIEW.replace('2023', '2022').replace('249', '231'));
  const { valid, findings } = ogi.validateSeries([report(2023, OVERVIEW), JSON.stringify(lastYear)]);
  assert.equal(valid, true);
  const copied = findings.filter((f) => f.code === 'series.prose_copied');
  assert.deepEqual(copied.map((f) => f.path).sort(), ['sections.overview', 'sections.problems']);
  assert.ok(copied.every((f) => f.year === 2023 && f.expected === 80 && f.actual >= 95));
  assert.equal(copied[0].agency, '沭阳县发展和改革局');
});

test('validateSeries gives a bad report as a finding with its index and checks the others', () => {
  const { valid, findings } = ogi.validateSeries([{ format: '1999' }, report(2023, OVERVIEW), '{not json']);
  assert.equal(valid, false);
  const schema = findings.filter((f) => f.code === 'schema.invalid').map((f) => f.path);
  assert.equal(schema.length, 2, JSON.stringify(findings));
  assert.ok(schema[0].startsWith('[0]'), schema[0]);
  assert.equal(schema[1], '[2]');
  assert.throws(() => ogi.validateSeries('not an array'), TypeError);
  assert.throws(() => ogi.validateSeries([42]), TypeError);
});

test('label gives the printed words of the form, as the messages use them', () => {
  assert.equal(ogi.label('t3.outcome.withheld.third_party.natural_person'),
    '表三“（三）不予公开 4.保护第三方合法权益”行“自然人”列');
  assert.equal(ogi.label('t4.review.upheld', 'en'), 'table 4, administrative review, “upheld”');
  assert.equal(ogi.label('sections.problems', 'zh'), '五、存在的主要问题及改进情况');
  assert.equal(ogi.label('t9.nothing'), null);
  assert.throws(() => ogi.label('t3', 'fr'), TypeError);
  const r = ogi.emptyReport('2021');
  r.t4.review = { upheld: 1, corrected: 0, other: 0, pending: 0, total: 2 };
  const f = ogi.validate(r).findings.find((x) => x.code === 't4.group_total');
  assert.ok(f.message.includes('行政复议') && !f.message.includes('review'), f.message);
});

test('rowLabel, columnLabel and groupLabel give the printed words of a row, a column and a group', () => {
  assert.equal(ogi.rowLabel('t3', 'outcome.withheld.third_party'), '（三）不予公开 4.保护第三方合法权益');
  assert.equal(ogi.rowLabel('t2', 'licensing', 'en'), 'administrative licensing');
  assert.equal(ogi.columnLabel('t3', 'natural_person'), '自然人');
  assert.equal(ogi.columnLabel('t4', 'upheld', 'en'), 'upheld');
  assert.equal(ogi.groupLabel('review'), '行政复议');
  assert.equal(ogi.rowLabel('t3', 'nothing'), null);
  assert.equal(ogi.columnLabel('t9', 'total'), null);
  assert.equal(ogi.groupLabel('appeal'), null);
  // The cell's whole label is made of the same words.
  const whole = ogi.label('t3.outcome.withheld.third_party.natural_person');
  assert.ok(whole.includes(ogi.rowLabel('t3', 'outcome.withheld.third_party')));
  assert.ok(whole.includes(ogi.columnLabel('t3', 'natural_person')));
  assert.throws(() => ogi.rowLabel('t3', 'carried_over', 'fr'), TypeError);
  assert.throws(() => ogi.groupLabel('review', 'fr'), TypeError);
});
