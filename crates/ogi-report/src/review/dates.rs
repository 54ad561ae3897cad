//! `meta.late` and `meta.period`: the publication date against the
//! regulation's deadline, and the statistics period against the report year.

use crate::agency::{agency_kind, AgencyKind};
use crate::finding::{Code, Finding, Severity};
use crate::report::Report;
use std::fmt;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–31.
    pub day: u32,
}

impl Date {
    /// Reads `YYYY-MM-DD` (a real calendar date), as the metadata hold it.
    pub fn parse(s: &str) -> Option<Date> {
        let mut it = s.trim().splitn(3, '-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        (date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= date.days_in_month())
            .then_some(date)
    }

    fn days_in_month(self) -> u32 {
        match self.month {
            2 if self.year % 4 == 0 && (self.year % 100 != 0 || self.year % 400 == 0) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// Days since 1970-01-01 (the civil-from-days algorithm, proleptic Gregorian).
    pub fn days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// `2022年3月31日`.
    pub fn zh(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// `meta.late`: the report was published after the deadline that applies to
/// its agency's kind (1月31日 for departments, 3月31日 for governments at
/// county level and above, of the year after the report year). For the
/// kinds the regulation does not name (乡镇, 街道, 管委会) or a name of
/// unclear kind, a note (info) with the date instead, when the date is past
/// the earlier deadline.
pub fn check_late(report: &Report) -> Vec<Finding> {
    let (Some(year), Some(published)) = (
        report.meta.year,
        report.meta.published.as_deref().and_then(Date::parse),
    ) else {
        return Vec::new();
    };
    // A date before the year has ended is not when this report came out.
    if published.year <= year {
        return Vec::new();
    }
    let agency = report.meta.agency.as_deref().unwrap_or("").trim();
    let kind = agency_kind(agency);
    let name = if agency.is_empty() {
        "（未写明机关）"
    } else {
        agency
    };
    let name_en = if agency.is_empty() {
        "(agency not named)"
    } else {
        agency
    };
    let at = |(month, day): (u32, u32)| Date {
        year: year + 1,
        month,
        day,
    };
    match kind.deadline() {
        Some(deadline) => {
            let due = at(deadline);
            if published <= due {
                return Vec::new();
            }
            let late = published.days() - due.days();
            let (why_zh, why_en) = if kind == AgencyKind::Department {
                (
                    "县级以上人民政府部门应于1月31日前公布",
                    "departments of governments publish by 31 January",
                )
            } else {
                (
                    "县级以上人民政府的年度报告应于3月31日前公布",
                    "a government's own report is published by 31 March",
                )
            };
            vec![Finding::new(
                Code::MetaLate,
                "published",
                format!(
                    "{year}年度报告于{}公布，晚于规定期限{}（{name}识别为{}，{why_zh}），逾期{late}天",
                    published.zh(),
                    due.zh(),
                    kind.label("zh"),
                ),
                format!(
                    "the {year} report was published on {published}, after the deadline of {due} ({name_en} is recognised as a {}, and {why_en}): {late} days late",
                    kind.label("en"),
                ),
            )]
        }
        None => {
            let earlier = at((1, 31));
            if published <= earlier {
                return Vec::new();
            }
            vec![Finding::new(
                Code::MetaLate,
                "published",
                format!(
                    "{year}年度报告于{}公布；{name}识别为{}，条例未规定其公布期限，仅作提示（部门1月31日前，县级以上人民政府3月31日前）",
                    published.zh(),
                    kind.label("zh"),
                ),
                format!(
                    "the {year} report was published on {published}; {name_en} is recognised as a {}, for which the regulation sets no deadline (departments 31 January, governments 31 March): a note only",
                    kind.label("en"),
                ),
            )
            .severity(Severity::Info)]
        }
    }
}

/// `meta.period`: the statistics period must run from 1月1日 to 12月31日 of
/// the report year. A reversed, partial or other-year period is a warning,
/// and so is a title year that disagrees with the period's year.
pub fn check_period(report: &Report) -> Vec<Finding> {
    let m = &report.meta;
    let (Some(start), Some(end)) = (
        m.period_start.as_deref().and_then(Date::parse),
        m.period_end.as_deref().and_then(Date::parse),
    ) else {
        return Vec::new();
    };
    let finding = |zh: String, en: String| {
        vec![Finding::new(Code::MetaPeriod, "period_start", zh, en)
            .related(vec!["period_end".into()])]
    };
    let stated = (start.zh(), end.zh());
    if start > end {
        return finding(
            format!("统计期限自{}至{}，起止颠倒", stated.0, stated.1),
            format!("the statistics period runs from {start} to {end}: start and end are reversed"),
        );
    }
    let whole_year = start.year == end.year
        && (start.month, start.day) == (1, 1)
        && (end.month, end.day) == (12, 31);
    match m.year {
        Some(year) if whole_year && start.year != year => finding(
            format!(
                "标题年度为{year}年，但统计期限为{}至{}（{}年）",
                stated.0, stated.1, start.year
            ),
            format!(
                "the title's year is {year}, but the statistics period is {start} to {end} (the year {})",
                start.year
            ),
        ),
        _ if whole_year => Vec::new(),
        year => {
            let year = year.unwrap_or(start.year);
            finding(
                format!(
                    "统计期限为{}至{}，应为{year}年1月1日至{year}年12月31日",
                    stated.0, stated.1
                ),
                format!(
                    "the statistics period is {start} to {end}; it should be {year}-01-01 to {year}-12-31"
                ),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn dates_read_only_real_calendar_days() {
        assert_eq!(
            Date::parse("2024-02-29"),
            Some(Date {
                year: 2024,
                month: 2,
                day: 29
            })
        );
        for bad in [
            "2023-02-29",
            "2023-13-01",
            "2023-1-1",
            "20230101",
            "",
            "2023-04-31",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn day_numbers_count_days() {
        let d = |s| Date::parse(s).unwrap().days();
        assert_eq!(d("1970-01-01"), 0);
        assert_eq!(d("2022-03-31") - d("2022-01-31"), 59);
        assert_eq!(d("2024-03-01") - d("2024-02-28"), 2);
        assert_eq!(d("2025-01-01") - d("2024-01-01"), 366);
    }
}
