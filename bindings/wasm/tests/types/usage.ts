// Type-checked (never run) by scripts/test-wasm.sh with `tsc --noEmit --strict`:
// the declarations of both builds describe what a user writes against them.
import init, { validate as validateWeb } from '../../pkg/web/ogi_report_wasm.js';
// The package's entries (the glue wrapped to re-create the module after a trap).
import initEntry, { ready, validate as validateEntry, type ValidationResult as EntryResult } from '../../pkg/web/index.js';
// The browser's second module: the parser (text and HTML) and validateSeries.
import { parse as parseFull, type ParseResult as FullResult } from '../../pkg/web-html/index.js';
import { validate as validateNodeEntry } from '../../pkg/node/index.js';
import {
  validate, parse, emptyReport, schema, rules, readCell, validateSeries, agencyKind, label,
  type AgencyKind, type Finding, type FindingCode, type Report, type Severity, type ValidationResult,
  type ParseResult, type RuleInfo, type CellValue, type Source,
} from '../../pkg/node/ogi_report_wasm.js';

export async function web(): Promise<boolean> {
  await init();
  return validateWeb({ format: '2021' }).valid;
}

export async function entries(text: string): Promise<boolean> {
  await initEntry();
  await ready();
  const full: FullResult = parseFull(text);
  const p: EntryResult = validateEntry(full.report);
  return p.findings.length > 0 && validateNodeEntry(full.report).valid;
}

export function node(text: string): string[] {
  const report: Report = emptyReport('2021');
  const again: Report = emptyReport(2019);
  const r: ValidationResult = validate(report);
  const p: ParseResult = parse(text);
  const valid: boolean = r.valid && validate(JSON.stringify(again)).valid;
  const out: string[] = [String(valid)];
  for (const f of [...r.findings, ...p.findings]) {
    const finding: Finding = f;
    const code: FindingCode = finding.code;
    const severity: Severity = finding.severity;
    const related: string[] = finding.related ?? [];
    const numbers: Array<number | undefined> = [finding.expected, finding.actual, finding.year];
    const source: Source | undefined = finding.source;
    const line: number | undefined = source?.line;
    out.push(code, severity, finding.path, finding.message, finding.message_en, ...related,
      String(numbers), String(line), finding.agency ?? '');
  }
  const catalogue: RuleInfo[] = rules();
  const first: FindingCode | undefined = catalogue[0]?.code;
  const cell: CellValue = readCell('t3.new_received.total', '15');
  const s: Record<string, unknown> = schema();
  out.push(String(first), String(cell), String(Object.keys(s).length), String(p.report.t3 === null));
  const series: ValidationResult = validateSeries([report, JSON.stringify(again), p.report]);
  const kind: AgencyKind = agencyKind('沭阳县发展和改革局');
  const where: string | null = label('t3.new_received.total', 'en');
  out.push(String(series.valid), kind, where ?? '');
  return out;
}
