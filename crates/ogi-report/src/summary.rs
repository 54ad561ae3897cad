//! A crawl summary: what thousands of checked reports say, counted as they
//! stream by, and a self-contained HTML page of it with charts.
//!
//! [`Summary`] is an accumulator fed one report at a time ([`Summary::add`],
//! [`Summary::add_unreadable`]). It keeps counts (findings by code and
//! severity, error rates by report year and by agency kind, recognised by
//! [`agency_kind`]), the reports with the most errors in a bounded heap, and,
//! for the cross-year chains, each agency's reports by year reduced to what the
//! chain rules read (the counts of table 2 and of table 3's carried-over and
//! carried-forward rows: a few hundred bytes).
//! So memory grows with the number of agencies (times the years each
//! reports), never with the number of files: a crawl that holds the same
//! agency-year twice keeps the first.
//!
//! The chain breaks are those of the numbers (`series.carry_over`,
//! `series.in_force_chain`, `series.published_total_chain`); text copied from
//! the year before (`series.prose_copied`) needs each section's shingle set,
//! 8 KB apiece, and is left to [`crate::validate_series`] and `ogi series`.
//!
//! [`Item::new`] does the per-report work (the reduction)
//! and can run on any thread; [`Summary::add`] only merges. [`Summary::to_html`]
//! renders one page with inline SVG charts: no script, no CDN, no external
//! file, so it opens offline and can be mailed.
//!
//! ```
//! use ogi_report::summary::{Item, Summary};
//! let mut s = Summary::new(20);
//! let parsed = ogi_report::parse_text("某县人民政府2022年政府信息公开工作年度报告\n");
//! s.add(Item::new("a.txt", &parsed.report, &parsed.check()));
//! s.add_unreadable("b.pdf", "not text");
//! assert_eq!((s.reports(), s.unreadable()), (1, 1));
//! assert!(s.to_html("en").contains("<svg"));
//! ```

use crate::agency::{agency_kind, AgencyKind};
use crate::finding::{Code, Finding, Severity};
use crate::id::{CellId, T3Row};
use crate::report::Report;
use crate::rules::series_pair;
use crate::schema::Format;
use crate::template::Template;
use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::fmt::Write as _;

/// How many reports with the most errors a summary keeps, unless told otherwise.
pub const DEFAULT_TOP: usize = 20;

/// How many unreadable inputs a summary names (all are counted).
const UNREADABLE_NAMED: usize = 100;

/// Reports and those with errors, in one group (a year, an agency kind).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rate {
    /// Reports read.
    pub reports: u64,
    /// Reports with at least one error.
    pub with_errors: u64,
}

impl Rate {
    /// The share of reports with errors, 0 to 1 (0 with no reports).
    pub fn error_rate(&self) -> f64 {
        if self.reports == 0 {
            0.0
        } else {
            self.with_errors as f64 / self.reports as f64
        }
    }
}

/// One finding of a report in the summary's top list, with its source line.
#[derive(Debug, Clone, PartialEq)]
pub struct TopFinding {
    /// The finding.
    pub finding: Finding,
    /// The text of the source line it points at, when the caller gave the text.
    pub line_text: Option<String>,
}

/// A report among those with the most errors.
#[derive(Debug, Clone, PartialEq)]
pub struct TopReport {
    /// The name the caller gave (a file's path).
    pub name: String,
    /// The agency, as read from the report.
    pub agency: Option<String>,
    /// The report year.
    pub year: Option<i32>,
    /// Error-level findings.
    pub errors: u32,
    /// Warning-level findings.
    pub warnings: u32,
    /// Its error and warning findings, in the report's order.
    pub findings: Vec<TopFinding>,
}

/// The cross-year chain breaks of one agency's series.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyBreaks {
    /// The agency's name (trimmed), as in the reports.
    pub agency: String,
    /// Its kind, recognised from the name.
    pub kind: AgencyKind,
    /// The years it has reports for.
    pub years: Vec<i32>,
    /// The chain findings between consecutive years (carry-over, in-force
    /// and published-total chains).
    pub breaks: Vec<Finding>,
}

/// What the chain rules read of one report: the counts of table 2 and of
/// table 3's carried-over and carried-forward rows, by position in the
/// format's template. A few hundred bytes, where the report is several
/// kilobytes (and the shingle sets of its sections, which the copied-prose
/// rule compares, 8 KB each: that rule is left to `validate_series`).
#[derive(Debug, Clone)]
struct Link {
    format: Format,
    counts: Vec<(u16, i64)>,
}

/// Does a cell hold a count the series rules read?
fn read_across_years(id: CellId) -> bool {
    matches!(
        id,
        CellId::T2(..) | CellId::T3(T3Row::CarriedOver | T3Row::CarriedForward, _)
    )
}

impl Link {
    fn of(report: &Report) -> Link {
        let template = Template::get(report.format());
        let mut counts = Vec::new();
        let cells = report.tables.cells();
        for (i, (cell, &id)) in cells.iter().zip(&template.ids).enumerate() {
            if !read_across_years(id) {
                continue;
            }
            if let (Some(v), Ok(i)) = (cell.and_then(|c| c.count()), u16::try_from(i)) {
                counts.push((i, v));
            }
        }
        counts.shrink_to_fit();
        Link {
            format: report.format(),
            counts,
        }
    }

    /// The report again, as far as the series rules read it.
    fn report(&self, agency: &str, year: i32) -> Report {
        let mut r = Report::empty(self.format);
        r.meta.agency = Some(agency.to_string());
        r.meta.year = Some(year);
        // Every position `Link::of` keeps is a cell of a table's own rows,
        // which an empty report has; an extra row (`other_total`) is not
        // there until written by its path, so widening `read_across_years`
        // to one would drop its counts here.
        let mut cells = r.tables.cells_mut();
        for &(i, v) in &self.counts {
            if let Some(Some(cell)) = cells.get_mut(usize::from(i)) {
                cell.set_count(v);
            }
        }
        drop(cells);
        r
    }
}

/// One report's contribution to a [`Summary`], prepared by [`Item::new`]
/// (on any thread) and merged by [`Summary::add`].
#[derive(Debug, Clone)]
pub struct Item {
    name: String,
    agency: Option<String>,
    year: Option<i32>,
    kind: AgencyKind,
    errors: u32,
    warnings: u32,
    codes: Vec<(Code, Severity)>,
    findings: Vec<TopFinding>,
    link: Option<Link>,
}

impl Item {
    /// Prepares one report and its findings (all of them: parse findings and
    /// every rule's). `name` names it on the page (a file's path).
    pub fn new(name: impl Into<String>, report: &Report, findings: &[Finding]) -> Item {
        Item::with_text(name, report, findings, None)
    }

    /// As [`Item::new`], with the source text, so that the page shows the
    /// line each finding of a top report points at.
    pub fn with_text(
        name: impl Into<String>,
        report: &Report,
        findings: &[Finding],
        text: Option<&str>,
    ) -> Item {
        let count = |s: Severity| {
            let n = findings.iter().filter(|f| f.severity == s).count();
            u32::try_from(n).unwrap_or(u32::MAX)
        };
        let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
        let agency = report
            .meta
            .agency
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string);
        let kind = agency.as_deref().map_or(AgencyKind::Unknown, agency_kind);
        // Only a report with errors can be among the top ones: the others
        // keep no findings.
        let kept = if errors > 0 {
            let lines: Vec<&str> = text.map(|t| t.lines().collect()).unwrap_or_default();
            findings
                .iter()
                .filter(|f| f.severity >= Severity::Warning)
                .map(|f| TopFinding {
                    finding: f.clone(),
                    line_text: f.source.and_then(|s| {
                        let l = lines.get((s.line as usize).checked_sub(1)?)?;
                        Some(shorten(l.trim(), 240))
                    }),
                })
                .collect()
        } else {
            Vec::new()
        };
        let link = match (&agency, report.meta.year) {
            (Some(_), Some(_)) => Some(Link::of(report)),
            _ => None,
        };
        Item {
            name: name.into(),
            year: report.meta.year,
            agency,
            kind,
            errors,
            warnings,
            codes: findings.iter().map(|f| (f.code, f.severity)).collect(),
            findings: kept,
            link,
        }
    }
}

/// A report in the bounded heap of the most errors, ordered by errors, then
/// the earlier first.
#[derive(Debug)]
struct Ranked {
    errors: u32,
    seq: u64,
    report: TopReport,
}

impl Ranked {
    fn key(&self) -> (u32, Reverse<u64>) {
        (self.errors, Reverse(self.seq))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}
impl Eq for Ranked {}
impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

/// The summary of a crawl, accumulated one report at a time (see the module).
#[derive(Debug)]
pub struct Summary {
    top_n: usize,
    reports: u64,
    unreadable: u64,
    unreadable_named: Vec<(String, String)>,
    with_errors: u64,
    with_warnings: u64,
    findings: BTreeMap<(Code, Severity), u64>,
    by_year: BTreeMap<Option<i32>, Rate>,
    by_kind: BTreeMap<AgencyKind, Rate>,
    series: HashMap<String, BTreeMap<i32, Link>>,
    top: BinaryHeap<Reverse<Ranked>>,
    seq: u64,
}

impl Default for Summary {
    fn default() -> Summary {
        Summary::new(DEFAULT_TOP)
    }
}

impl Summary {
    /// An empty summary keeping the `top` reports with the most errors.
    pub fn new(top: usize) -> Summary {
        Summary {
            top_n: top,
            reports: 0,
            unreadable: 0,
            unreadable_named: Vec::new(),
            with_errors: 0,
            with_warnings: 0,
            findings: BTreeMap::new(),
            by_year: BTreeMap::new(),
            by_kind: BTreeMap::new(),
            series: HashMap::new(),
            top: BinaryHeap::new(),
            seq: 0,
        }
    }

    /// Adds one report (see [`Item::new`]).
    pub fn add(&mut self, item: Item) {
        self.reports += 1;
        self.seq += 1;
        let has_errors = item.errors > 0;
        self.with_errors += u64::from(has_errors);
        self.with_warnings += u64::from(item.warnings > 0);
        for key in &item.codes {
            *self.findings.entry(*key).or_default() += 1;
        }
        for rate in [
            self.by_year.entry(item.year).or_default(),
            self.by_kind.entry(item.kind).or_default(),
        ] {
            rate.reports += 1;
            rate.with_errors += u64::from(has_errors);
        }
        if let (Some(agency), Some(year), Some(link)) = (&item.agency, item.year, item.link) {
            self.series
                .entry(agency.clone())
                .or_default()
                .entry(year)
                .or_insert(link);
        }
        if has_errors && self.top_n > 0 {
            let ranked = Ranked {
                errors: item.errors,
                seq: self.seq,
                report: TopReport {
                    name: item.name,
                    agency: item.agency,
                    year: item.year,
                    errors: item.errors,
                    warnings: item.warnings,
                    findings: item.findings,
                },
            };
            if self.top.len() < self.top_n {
                self.top.push(Reverse(ranked));
            } else if self.top.peek().is_some_and(|Reverse(min)| ranked > *min) {
                self.top.pop();
                self.top.push(Reverse(ranked));
            }
        }
    }

    /// Counts an input that could not be read (the first hundred are named on the page).
    pub fn add_unreadable(&mut self, name: impl Into<String>, reason: impl Into<String>) {
        self.unreadable += 1;
        if self.unreadable_named.len() < UNREADABLE_NAMED {
            self.unreadable_named.push((name.into(), reason.into()));
        }
    }

    /// Reports read.
    pub fn reports(&self) -> u64 {
        self.reports
    }
    /// Inputs that could not be read.
    pub fn unreadable(&self) -> u64 {
        self.unreadable
    }
    /// The first unreadable inputs, with why.
    pub fn unreadable_names(&self) -> &[(String, String)] {
        &self.unreadable_named
    }
    /// Reports with at least one error.
    pub fn with_errors(&self) -> u64 {
        self.with_errors
    }
    /// Reports with at least one warning.
    pub fn with_warnings(&self) -> u64 {
        self.with_warnings
    }
    /// The agencies seen with a year (those whose series are checked).
    pub fn agencies(&self) -> usize {
        self.series.len()
    }

    /// Findings by code and severity, the most frequent first.
    pub fn findings_by_code(&self) -> Vec<(Code, Severity, u64)> {
        let mut out: Vec<_> = self
            .findings
            .iter()
            .map(|(&(c, s), &n)| (c, s, n))
            .collect();
        out.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
        out
    }

    /// Findings by severity.
    pub fn findings_by_severity(&self) -> BTreeMap<Severity, u64> {
        let mut out = BTreeMap::new();
        for (&(_, s), &n) in &self.findings {
            *out.entry(s).or_default() += n;
        }
        out
    }

    /// Reports and reports with errors by report year (`None`: no year read).
    pub fn by_year(&self) -> &BTreeMap<Option<i32>, Rate> {
        &self.by_year
    }

    /// Reports and reports with errors by agency kind, recognised from the name.
    pub fn by_agency_kind(&self) -> &BTreeMap<AgencyKind, Rate> {
        &self.by_kind
    }

    /// The reports with the most errors, the most first (ties: the first added).
    pub fn top(&self) -> Vec<&TopReport> {
        let mut v: Vec<&Ranked> = self.top.iter().map(|Reverse(r)| r).collect();
        v.sort_by(|a, b| b.cmp(a));
        v.into_iter().map(|r| &r.report).collect()
    }

    /// The chain breaks of every agency's series (consecutive years only, as
    /// `validate_series`; the numeric chains, not copied prose), the agencies
    /// with the most breaks first.
    pub fn chain_breaks(&self) -> Vec<AgencyBreaks> {
        let mut out = Vec::new();
        for (agency, years) in &self.series {
            let mut breaks = Vec::new();
            let ys: Vec<(&i32, &Link)> = years.iter().collect();
            for w in ys.windows(2) {
                let ((&py, prev), (&cy, cur)) = (w[0], w[1]);
                if cy != py + 1 {
                    continue;
                }
                let mut fs = series_pair(&prev.report(agency, py), &cur.report(agency, cy));
                for f in &mut fs {
                    f.year = Some(cy);
                    f.agency = Some(agency.clone());
                }
                breaks.extend(fs);
            }
            if !breaks.is_empty() {
                out.push(AgencyBreaks {
                    agency: agency.clone(),
                    kind: agency_kind(agency),
                    years: years.keys().copied().collect(),
                    breaks,
                });
            }
        }
        out.sort_by(|a, b| {
            b.breaks
                .len()
                .cmp(&a.breaks.len())
                .then_with(|| a.agency.cmp(&b.agency))
        });
        out
    }

    /// The summary as a few lines of text (`lang` `"zh"` or `"en"`).
    pub fn to_text(&self, lang: &str) -> String {
        let t = Words::of(lang);
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{}: {}  {}: {}  {}: {}  {}: {}",
            t.read,
            self.reports,
            t.unreadable,
            self.unreadable,
            t.with_errors,
            self.with_errors,
            t.with_warnings,
            self.with_warnings
        );
        for (code, sev, n) in self.findings_by_code().iter().take(10) {
            let _ = writeln!(s, "  {n:>8}  {:<7}  {}", sev.as_str(), code.as_str());
        }
        let breaks = self.chain_breaks();
        let _ = write!(s, "{}: {}", t.agencies_with_breaks, breaks.len());
        s
    }

    /// The page: one self-contained HTML document with inline SVG charts
    /// (no script, nothing fetched), in `lang` (`"zh"` or `"en"`).
    pub fn to_html(&self, lang: &str) -> String {
        let mut p = HtmlPage {
            s: self,
            t: Words::of(lang),
            lang,
            h: String::with_capacity(64 * 1024),
        };
        p.head();
        p.cards();
        p.codes();
        p.years();
        p.kinds();
        p.chains();
        p.top();
        p.unreadable();
        p.footer();
        p.h
    }
}

/// The page being written: the summary, its words in the page's language,
/// and the HTML so far.
struct HtmlPage<'a> {
    s: &'a Summary,
    t: Words,
    lang: &'a str,
    h: String,
}

impl HtmlPage<'_> {
    /// The document's head (language, title, style) and the page's heading.
    fn head(&mut self) {
        let t = &self.t;
        let _ = write!(
            self.h,
            "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{}</title><style>{}</style></head><body>\n<h1>{}</h1>\n",
            if self.lang == "en" { "en" } else { "zh-CN" },
            t.title,
            CSS,
            t.title
        );
    }

    /// The counts, one card each: read, unreadable, with errors, with warnings.
    fn cards(&mut self) {
        let (s, t) = (self.s, &self.t);
        self.h.push_str("<section class=\"cards\">");
        for (label, n, class) in [
            (t.read, s.reports, ""),
            (t.unreadable, s.unreadable, "muted"),
            (t.with_errors, s.with_errors, "error"),
            (t.with_warnings, s.with_warnings, "warning"),
        ] {
            let _ = write!(
                self.h,
                "<div class=\"card {class}\"><div class=\"n\">{n}</div><div>{}</div></div>",
                esc(label)
            );
        }
        self.h.push_str("</section>\n");
    }

    /// Findings by code: one bar per code (the first 40), its severities
    /// stacked, and the legend.
    fn codes(&mut self) {
        let t = &self.t;
        let _ = writeln!(self.h, "<h2 id=\"codes\">{}</h2>", t.by_code);
        let per_code = severities_per_code(&self.s.findings_by_code());
        if per_code.is_empty() {
            let _ = write!(self.h, "<p>{}</p>", t.none);
            return;
        }
        let shown = per_code.len().min(40);
        let bars: Vec<Bar> = per_code[..shown]
            .iter()
            .map(|(c, n)| Bar {
                label: c.as_str().to_string(),
                segments: vec![
                    (n[0] as f64, "error"),
                    (n[1] as f64, "warning"),
                    (n[2] as f64, "info"),
                ],
                text: n.iter().sum::<u64>().to_string(),
            })
            .collect();

        self.h.push_str(&hbar_chart(&bars, "codes"));
        if per_code.len() > shown {
            let _ = write!(
                self.h,
                "<p class=\"note\">{} {}</p>",
                per_code.len() - shown,
                t.more
            );
        }
        self.h.push_str(&legend(t));
    }

    /// The error rate by report year, a vertical bar each.
    fn years(&mut self) {
        let t = &self.t;
        let _ = writeln!(self.h, "<h2 id=\"years\">{}</h2>", t.by_year);
        let years: Vec<Bar> = self
            .s
            .by_year
            .iter()
            .map(|(y, r)| {
                rate_bar(
                    y.map_or_else(|| t.unknown.to_string(), |y| y.to_string()),
                    r,
                )
            })
            .collect();
        if years.is_empty() {
            let _ = write!(self.h, "<p>{}</p>", t.none);
        } else {
            self.h.push_str(&vbar_chart(&years, "years"));
        }
    }

    /// The error rate by agency kind, a horizontal bar each on a track of 100%.
    fn kinds(&mut self) {
        let t = &self.t;
        let _ = writeln!(self.h, "<h2 id=\"kinds\">{}</h2>", t.by_kind);
        let kinds: Vec<Bar> = self
            .s
            .by_kind
            .iter()
            .map(|(k, r)| rate_bar(k.label(self.lang).to_string(), r))
            .collect();
        if kinds.is_empty() {
            let _ = write!(self.h, "<p>{}</p>", t.none);
        } else {
            self.h.push_str(&hbar_chart_max(&kinds, "kinds", 1.0, true));
        }
    }

    /// The chain breaks: how many agencies have them, a bar per agency (the
    /// first 25) and a table of the breaks (the first 200 agencies).
    fn chains(&mut self) {
        let t = &self.t;
        let breaks = self.s.chain_breaks();
        let _ = write!(
            self.h,
            "<h2 id=\"chains\">{}</h2>\n<p class=\"note\">{} {}; {} {}</p>\n",
            t.chains,
            self.s.series.len(),
            t.agencies_with_years,
            breaks.len(),
            t.with_breaks
        );
        if breaks.is_empty() {
            return;
        }
        let bars: Vec<Bar> = breaks
            .iter()
            .take(25)
            .map(|b| {
                Bar::one(
                    b.agency.clone(),
                    b.breaks.len() as f64,
                    b.breaks.len().to_string(),
                    "warning",
                )
            })
            .collect();
        self.h.push_str(&hbar_chart(&bars, "chains"));
        let _ = write!(
            self.h,
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            t.agency, t.kind, t.years, t.code, t.message
        );
        for b in breaks.iter().take(200) {
            self.chain_rows(b);
        }
        self.h.push_str("</tbody></table>\n");
        if breaks.len() > 200 {
            let _ = write!(
                self.h,
                "<p class=\"note\">{} {}</p>",
                breaks.len() - 200,
                self.t.more
            );
        }
    }

    /// One agency's rows of the chain-break table: a row per break, the
    /// agency, its kind and years spanning them all.
    fn chain_rows(&mut self, b: &AgencyBreaks) {
        let years = b
            .years
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        for (i, f) in b.breaks.iter().enumerate() {
            self.h.push_str("<tr>");
            if i == 0 {
                let span = b.breaks.len();
                let _ = write!(
                    self.h,
                    "<td rowspan=\"{span}\">{}</td><td rowspan=\"{span}\">{}</td><td rowspan=\"{span}\">{}</td>",
                    esc(&b.agency),
                    esc(b.kind.label(self.lang)),
                    years
                );
            }
            let _ = write!(
                self.h,
                "<td><code>{}</code> {}</td><td>{}</td></tr>",
                f.code.as_str(),
                f.year.map(|y| y.to_string()).unwrap_or_default(),
                esc(message(f, self.lang))
            );
        }
    }

    /// The reports with the most errors: a table of them, then each with
    /// its findings.
    fn top(&mut self) {
        let t = &self.t;
        let top = self.s.top();
        let _ = writeln!(self.h, "<h2 id=\"top\">{}</h2>", t.top);
        if top.is_empty() {
            let _ = write!(self.h, "<p>{}</p>", t.none);
            return;
        }
        let _ = write!(
            self.h,
            "<table><thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            t.report, t.agency, t.year, t.errors, t.warnings
        );
        for (i, r) in top.iter().enumerate() {
            let _ = write!(
                self.h,
                "<tr><td>{}</td><td><a href=\"#r{i}\">{}</a></td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                i + 1,
                esc(&r.name),
                esc(r.agency.as_deref().unwrap_or("")),
                r.year.map(|y| y.to_string()).unwrap_or_default(),
                r.errors,
                r.warnings
            );
        }
        self.h.push_str("</tbody></table>\n");
        for (i, r) in top.iter().enumerate() {
            self.report(i, r);
        }
    }

    /// Report `i` of the top: its name linked to the file, and a table of its
    /// findings with their source lines.
    fn report(&mut self, i: usize, r: &TopReport) {
        let t = &self.t;
        let _ = write!(
            self.h,
            "<section class=\"report\" id=\"r{i}\"><h3>{}. <a href=\"{}\">{}</a></h3>\
             <table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            i + 1,
            esc(&file_href(&r.name)),
            esc(&r.name),
            t.severity,
            t.code,
            t.line,
            t.message,
            t.source
        );
        for f in &r.findings {
            let fi = &f.finding;
            let _ = write!(
                self.h,
                "<tr class=\"{}\"><td>{}</td><td><code>{}</code><br><small>{}</small></td><td class=\"num\">{}</td><td>{}</td><td><code>{}</code></td></tr>",
                fi.severity.as_str(),
                fi.severity.as_str(),
                fi.code.as_str(),
                esc(&fi.path),
                fi.source.map(|s| s.line.to_string()).unwrap_or_default(),
                esc(message(fi, self.lang)),
                esc(f.line_text.as_deref().unwrap_or(""))
            );
        }
        self.h
            .push_str("</tbody></table><p><a href=\"#top\">↑</a></p></section>\n");
    }

    /// The unreadable inputs named (when any), and how many more there were.
    fn unreadable(&mut self) {
        let (s, t) = (self.s, &self.t);
        if s.unreadable_named.is_empty() {
            return;
        }
        let _ = write!(self.h, "<h2 id=\"unreadable\">{}</h2><ul>", t.unreadable);
        for (name, why) in &s.unreadable_named {
            let _ = write!(self.h, "<li><code>{}</code>: {}</li>", esc(name), esc(why));
        }
        self.h.push_str("</ul>");
        if s.unreadable > s.unreadable_named.len() as u64 {
            let _ = write!(
                self.h,
                "<p class=\"note\">{} {}</p>",
                s.unreadable - s.unreadable_named.len() as u64,
                t.more
            );
        }
    }

    /// The footer (the version) and the end of the document.
    fn footer(&mut self) {
        let _ = write!(
            self.h,
            "<footer>ogi-report {}</footer>\n</body></html>\n",
            env!("CARGO_PKG_VERSION")
        );
    }
}

/// The findings by code as one count per severity (error, warning, info) of
/// each code, the most found first.
fn severities_per_code(codes: &[(Code, Severity, u64)]) -> Vec<(Code, [u64; 3])> {
    let mut per_code: Vec<(Code, [u64; 3])> = Vec::new();
    for (c, sev, n) in codes {
        let at = match per_code.iter().position(|(x, _)| x == c) {
            Some(at) => at,
            None => {
                per_code.push((*c, [0; 3]));
                per_code.len() - 1
            }
        };
        let k = match sev {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        };
        per_code[at].1[k] += n;
    }
    per_code.sort_by(|a, b| {
        let (x, y): (u64, u64) = (a.1.iter().sum(), b.1.iter().sum());
        y.cmp(&x).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0))
    });
    per_code
}

/// A bar of an error rate: the share of reports with errors, labelled with
/// the percentage and the counts ("25% (1/4)").
fn rate_bar(label: String, r: &Rate) -> Bar {
    Bar::one(
        label,
        r.error_rate(),
        format!(
            "{:.0}% ({}/{})",
            r.error_rate() * 100.0,
            r.with_errors,
            r.reports
        ),
        "error",
    )
}

/// The message of a finding in `lang`.
fn message<'a>(f: &'a Finding, lang: &str) -> &'a str {
    if lang == "en" {
        &f.message_en
    } else {
        &f.message
    }
}

/// A link to a file named by a path: relative paths stay relative (the page
/// is usually written beside the crawl); characters with a meaning in a URL
/// are percent-encoded.
fn file_href(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'.' | b'-' | b'_' | b'~' => {
                out.push(b as char)
            }
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    if name.starts_with('/') {
        format!("file://{out}")
    } else {
        out
    }
}

/// `s` cut to `max` characters, with an ellipsis.
fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Text escaped for HTML content and attribute values. Control characters
/// (which a crawl's names may hold) are shown as `\u{..}`.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// One bar of a chart: its segments (value and class), stacked.
struct Bar {
    label: String,
    segments: Vec<(f64, &'static str)>,
    text: String,
}

impl Bar {
    fn one(label: String, value: f64, text: String, class: &'static str) -> Bar {
        Bar {
            label,
            segments: vec![(value, class)],
            text,
        }
    }
    fn value(&self) -> f64 {
        self.segments.iter().map(|s| s.0).sum()
    }
}

/// A horizontal bar chart scaled to the largest value.
fn hbar_chart(bars: &[Bar], id: &str) -> String {
    let max = bars.iter().map(Bar::value).fold(0.0, f64::max);
    hbar_chart_max(bars, id, max, false)
}

/// A horizontal bar chart scaled to `max` (with `track`, a grey track shows `max`).
fn hbar_chart_max(bars: &[Bar], id: &str, max: f64, track: bool) -> String {
    let (label_w, bar_w, row_h) = (300.0, 480.0, 22.0);
    let width = label_w + bar_w + 140.0;
    let height = row_h * bars.len() as f64 + 8.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart\" id=\"chart-{id}\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    for (i, b) in bars.iter().enumerate() {
        let y = 4.0 + row_h * i as f64;
        let _ = write!(
            s,
            "<g><title>{}: {}</title><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            esc(&b.label),
            esc(&b.text),
            label_w - 8.0,
            y + 15.0,
            esc(&shorten(&b.label, 28)),
        );
        if track {
            let _ = write!(
                s,
                "<rect class=\"track\" x=\"{label_w}\" y=\"{}\" width=\"{bar_w}\" height=\"{}\"/>",
                y + 2.0,
                row_h - 6.0
            );
        }
        let mut x = label_w;
        for &(v, class) in &b.segments {
            let w = if max > 0.0 {
                (v / max * bar_w).max(if v > 0.0 { 1.0 } else { 0.0 })
            } else {
                0.0
            };
            let _ = write!(
                s,
                "<rect class=\"{class}\" x=\"{x:.1}\" y=\"{}\" width=\"{w:.1}\" height=\"{}\"/>",
                y + 2.0,
                row_h - 6.0
            );
            x += w;
        }
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{}\">{}</text></g>",
            if track { label_w + bar_w } else { x } + 6.0,
            y + 15.0,
            esc(&b.text)
        );
    }
    s.push_str("</svg>\n");
    s
}

/// A vertical bar chart of rates (0 to 1), one bar per label.
fn vbar_chart(bars: &[Bar], id: &str) -> String {
    let (col_w, plot_h, top, bottom, left) = (64.0, 200.0, 24.0, 44.0, 40.0);
    let width = left + col_w * bars.len() as f64 + 10.0;
    let height = top + plot_h + bottom;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart\" id=\"chart-{id}\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    for pct in [0, 50, 100] {
        let y = top + plot_h * (1.0 - f64::from(pct) / 100.0);
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{left}\" x2=\"{width}\" y1=\"{y}\" y2=\"{y}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{pct}%</text>",
            left - 4.0,
            y + 4.0
        );
    }
    for (i, b) in bars.iter().enumerate() {
        let x = left + col_w * i as f64 + 8.0;
        let v = b.value();
        let hgt = (v.clamp(0.0, 1.0) * plot_h).max(if v > 0.0 { 1.0 } else { 0.0 });
        let y = top + plot_h - hgt;
        let _ = write!(
            s,
            "<g><title>{}: {}</title><rect class=\"{}\" x=\"{x}\" y=\"{y:.1}\" width=\"{}\" height=\"{hgt:.1}\"/>\
             <text x=\"{}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"small\">{}</text>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text></g>",
            esc(&b.label),
            esc(&b.text),
            b.segments.first().map_or("error", |s| s.1),
            col_w - 16.0,
            x + (col_w - 16.0) / 2.0,
            y - 4.0,
            format_args!("{:.0}%", v * 100.0),
            x + (col_w - 16.0) / 2.0,
            top + plot_h + 16.0,
            esc(&b.label)
        );
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"small\">{}</text>",
            x + (col_w - 16.0) / 2.0,
            top + plot_h + 32.0,
            esc(b.text.split_once(' ').map_or("", |(_, r)| r))
        );
    }
    s.push_str("</svg>\n");
    s
}

fn legend(t: &Words) -> String {
    format!(
        "<p class=\"legend\"><span class=\"sw error\"></span>{} <span class=\"sw warning\"></span>{} <span class=\"sw info\"></span>{}</p>\n",
        t.error, t.warning, t.info
    )
}

const CSS: &str = "body{font-family:system-ui,-apple-system,'Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222}\
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd}\
.cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #ccc;border-radius:6px;padding:.8em 1.2em;min-width:9em}\
.card .n{font-size:2em;font-weight:600}.card.error .n{color:#c0392b}.card.warning .n{color:#d68910}.card.muted .n{color:#777}\
svg.chart{max-width:100%;height:auto;font-size:12px}svg text{fill:#333}svg text.small{font-size:10px}\
rect.track{fill:#f0f0f0}rect.error{fill:#c0392b}rect.warning{fill:#e59866}rect.info{fill:#5dade2}line.grid{stroke:#ddd}\
.legend .sw{display:inline-block;width:1em;height:1em;vertical-align:middle;margin:0 .3em 0 1em}\
.sw.error{background:#c0392b}.sw.warning{background:#e59866}.sw.info{background:#5dade2}\
table{border-collapse:collapse;margin:1em 0;width:100%}th,td{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}\
th{background:#f4f4f4}td.num{text-align:right}tr.error td:first-child{color:#c0392b}tr.warning td:first-child{color:#d68910}\
.note{color:#666}footer{margin-top:3em;color:#999;font-size:.8em}code{font-size:.9em}";

/// The page's words in one language.
struct Words {
    title: &'static str,
    read: &'static str,
    unreadable: &'static str,
    with_errors: &'static str,
    with_warnings: &'static str,
    by_code: &'static str,
    by_year: &'static str,
    by_kind: &'static str,
    chains: &'static str,
    agencies_with_years: &'static str,
    with_breaks: &'static str,
    agencies_with_breaks: &'static str,
    top: &'static str,
    report: &'static str,
    agency: &'static str,
    kind: &'static str,
    year: &'static str,
    years: &'static str,
    errors: &'static str,
    warnings: &'static str,
    severity: &'static str,
    code: &'static str,
    line: &'static str,
    message: &'static str,
    source: &'static str,
    error: &'static str,
    warning: &'static str,
    info: &'static str,
    unknown: &'static str,
    none: &'static str,
    more: &'static str,
}

impl Words {
    fn of(lang: &str) -> Words {
        if lang == "en" {
            Words {
                title: "Annual reports on open government information: crawl summary",
                read: "reports read",
                unreadable: "unreadable",
                with_errors: "with errors",
                with_warnings: "with warnings",
                by_code: "Findings by code and severity",
                by_year: "Share of reports with errors, by report year",
                by_kind: "Share of reports with errors, by kind of agency",
                chains: "Cross-year chain breaks per agency",
                agencies_with_years: "agencies with dated reports",
                with_breaks: "with breaks between consecutive years",
                agencies_with_breaks: "agencies with chain breaks",
                top: "Reports with the most errors",
                report: "report",
                agency: "agency",
                kind: "kind",
                year: "year",
                years: "years",
                errors: "errors",
                warnings: "warnings",
                severity: "severity",
                code: "code",
                line: "line",
                message: "message",
                source: "source line",
                error: "error",
                warning: "warning",
                info: "info",
                unknown: "unknown",
                none: "None.",
                more: "more not shown.",
            }
        } else {
            Words {
                title: "政府信息公开工作年度报告：批量检查概况",
                read: "已读取报告",
                unreadable: "无法读取",
                with_errors: "有错误",
                with_warnings: "有警告",
                by_code: "问题按代码和级别统计",
                by_year: "有错误的报告占比（按报告年度）",
                by_kind: "有错误的报告占比（按机关类别）",
                chains: "各机关跨年度衔接问题",
                agencies_with_years: "个机关有标明年度的报告",
                with_breaks: "个机关相邻年度之间衔接不一致",
                agencies_with_breaks: "跨年度衔接不一致的机关",
                top: "错误最多的报告",
                report: "报告",
                agency: "机关",
                kind: "类别",
                year: "年度",
                years: "年度",
                errors: "错误",
                warnings: "警告",
                severity: "级别",
                code: "代码",
                line: "行",
                message: "说明",
                source: "原文",
                error: "错误",
                warning: "警告",
                info: "提示",
                unknown: "未知",
                none: "无。",
                more: "项未列出。",
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_text;

    fn report(agency: &str, year: i32, carried_over: i64, carried_forward: i64) -> Report {
        let json = format!(
            r#"{{"format": "2021", "agency": "{agency}", "year": {year},
                "cells": {{"t3.carried_over.total": {carried_over},
                           "t3.carried_forward.total": {carried_forward}}}}}"#
        );
        Report::from_json_str(&json).unwrap()
    }

    fn item(name: &str, r: &Report) -> Item {
        Item::new(name, r, &crate::validate(r))
    }

    #[test]
    fn counts_reports_findings_years_and_kinds() {
        let mut s = Summary::new(3);
        let a = report("某县人民政府", 2021, 0, 5);
        let b = report("某县财政局", 2022, 5, 2);
        s.add(item("a.json", &a));
        s.add(item("b.json", &b));
        s.add_unreadable("c.pdf", "not text");
        assert_eq!((s.reports(), s.unreadable()), (2, 1));
        let all_a = crate::validate(&a);
        let all_b = crate::validate(&b);
        let total: u64 = s.findings_by_code().iter().map(|x| x.2).sum();
        assert_eq!(total as usize, all_a.len() + all_b.len());
        let errs = |fs: &[Finding]| fs.iter().any(|f| f.severity == Severity::Error);
        assert_eq!(
            s.with_errors(),
            u64::from(errs(&all_a)) + u64::from(errs(&all_b))
        );
        assert_eq!(s.by_year().len(), 2);
        assert_eq!(s.by_year()[&Some(2021)].reports, 1);
        assert_eq!(s.by_agency_kind()[&AgencyKind::CountyGovernment].reports, 1);
        assert_eq!(s.by_agency_kind()[&AgencyKind::Department].reports, 1);
        let sev = s.findings_by_severity();
        assert_eq!(sev.values().sum::<u64>(), total);
    }

    #[test]
    fn chain_breaks_between_consecutive_years_only() {
        let mut s = Summary::default();
        // 2021 carries 5 forward, 2022 carries over 4: a break. 2024 is not consecutive.
        s.add(item("a", &report("甲县人民政府", 2021, 0, 5)));
        s.add(item("b", &report("甲县人民政府", 2022, 4, 1)));
        s.add(item("c", &report("甲县人民政府", 2024, 9, 0)));
        // A chain that holds.
        s.add(item("d", &report("乙县人民政府", 2021, 0, 3)));
        s.add(item("e", &report("乙县人民政府", 2022, 3, 0)));
        // The same agency-year again: the first is kept.
        s.add(item("f", &report("乙县人民政府", 2022, 7, 0)));
        let breaks = s.chain_breaks();
        assert_eq!(breaks.len(), 1);
        assert_eq!(breaks[0].agency, "甲县人民政府");
        assert_eq!(breaks[0].years, vec![2021, 2022, 2024]);
        assert!(breaks[0]
            .breaks
            .iter()
            .any(|f| f.code == Code::SeriesCarryOver && f.year == Some(2022)));
        // The same as validate_series over the reports kept.
        let reports = [
            report("甲县人民政府", 2021, 0, 5),
            report("甲县人民政府", 2022, 4, 1),
            report("甲县人民政府", 2024, 9, 0),
            report("乙县人民政府", 2021, 0, 3),
            report("乙县人民政府", 2022, 3, 0),
        ];
        let series = crate::validate_series(&reports);
        assert_eq!(series.len(), breaks[0].breaks.len());
        assert_eq!(s.agencies(), 2);
    }

    #[test]
    fn the_top_heap_is_bounded_and_keeps_the_most_errors() {
        let mut s = Summary::new(2);
        let bad = report("某县人民政府", 2021, -1, -1);
        let n_bad = crate::validate(&bad)
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        assert!(n_bad > 0);
        let mut fs = crate::validate(&bad);
        for i in 0..50u32 {
            // Report i has i extra errors.
            let mut more = fs.clone();
            for _ in 0..i {
                more.push(Finding::new(Code::T3Balance, "t3", "x".into(), "x".into()));
            }
            s.add(Item::new(format!("r{i}"), &bad, &more));
        }
        fs.clear();
        let top = s.top();
        assert_eq!(top.len(), 2);
        assert_eq!(top[0].name, "r49");
        assert_eq!(top[1].name, "r48");
        assert!(top[0].errors > top[1].errors);
        assert_eq!(s.reports(), 50);
    }

    #[test]
    fn the_page_is_self_contained_and_escapes_names() {
        let mut s = Summary::new(5);
        let text = "某县人民政府2022年政府信息公开工作年度报告\n\
                    四、政府信息公开行政复议、行政诉讼情况\n行政复议 | 行政诉讼\n\
                    结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n\
                    1 | 0 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n";
        let parsed = parse_text(text);
        let findings = parsed.check();
        s.add(Item::with_text(
            "<script>x</script>.txt",
            &parsed.report,
            &findings,
            Some(text),
        ));
        for lang in ["zh", "en"] {
            let html = s.to_html(lang);
            assert!(html.starts_with("<!DOCTYPE html>"));
            assert!(
                !html.contains("<script"),
                "no script, and names are escaped"
            );
            assert!(!html.contains("http://") || !html.contains("src=\"http"));
            assert!(!html.contains(" src="), "nothing fetched");
            assert!(
                html.contains("&lt;script&gt;x&lt;/script&gt;.txt"),
                "{}",
                s.to_text("en")
            );
            assert!(html.matches("<svg").count() >= 3);
            assert!(html.contains("t4.group_total"));
            assert!(html.contains("href=\"#r0\"") && html.contains("id=\"r0\""));
            // The source line of the finding is shown.
            assert!(html.contains("1 | 0 | 0 | 0 | 2"));
        }
        assert!(
            s.to_text("en").contains("reports read: 1"),
            "{}",
            s.to_text("en")
        );
    }

    #[test]
    fn file_links_are_encoded() {
        assert_eq!(file_href("crawl/a b.txt"), "crawl/a%20b.txt");
        assert_eq!(file_href("/x/#1.txt"), "file:///x/%231.txt");
        assert_eq!(esc("a\u{1b}b"), "a\\u{1b}b");
        assert_eq!(shorten("一二三四", 2), "一二…");
    }
}
