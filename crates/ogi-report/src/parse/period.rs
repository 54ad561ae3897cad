//! The statistics period a report states (本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止).
//!
//! Read from the squeezed text (folded digits, no spaces), so that
//! `2024 年 1 月 1 日` reads as well as `2024年1月1日`. The period is read as
//! printed, whatever it is: a partial or reversed period is kept, and the
//! `meta.period` rule judges it.

/// What every one of [`ANCHORS`] begins with.
const ANCHOR_HEAD: &str = "统计";

/// Words that introduce the period.
const ANCHORS: [&str; 6] = [
    "统计期限",
    "统计时限",
    "统计期间",
    "统计周期",
    "统计时间",
    "统计区间",
];

/// How far after its anchor (in characters) the period's two dates may lie.
const WINDOW: usize = 60;

/// A date as printed: year (when printed), month, day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Printed {
    year: Option<i32>,
    month: u32,
    day: u32,
}

/// Reads digits at `c[k..]` (at most `max`); the number and where it ends.
fn number(c: &[char], k: usize, max: usize) -> Option<(u32, usize)> {
    let mut end = k;
    while end < c.len() && end - k < max && c[end].is_ascii_digit() {
        end += 1;
    }
    if end == k {
        return None;
    }
    let n = c[k..end]
        .iter()
        .fold(0u32, |n, d| n * 10 + d.to_digit(10).unwrap_or(0));
    Some((n, end))
}

/// A date starting at `c[k]`: `Y年M月D日`, `Y-M-D`, `Y.M.D`, `Y/M/D`, or
/// `M月D日` (no year). Returns it and where it ends.
fn date_at(c: &[char], k: usize) -> Option<(Printed, usize)> {
    if k > 0 && c[k - 1].is_ascii_digit() {
        return None;
    }
    let (a, after_a) = number(c, k, 4)?;
    let sep = *c.get(after_a)?;
    if after_a - k == 4 && matches!(sep, '年' | '-' | '.' | '/') {
        let (m, after_m) = number(c, after_a + 1, 2)?;
        let sep2 = *c.get(after_m)?;
        let ok = if sep == '年' {
            sep2 == '月'
        } else {
            sep2 == sep
        };
        if !ok {
            return None;
        }
        let (d, after_d) = number(c, after_m + 1, 2)?;
        let end = if c.get(after_d) == Some(&'日') {
            after_d + 1
        } else {
            after_d
        };
        let year = i32::try_from(a)
            .ok()
            .filter(|y| crate::report::YEARS.contains(y))?;
        return valid(Printed {
            year: Some(year),
            month: m,
            day: d,
        })
        .map(|p| (p, end));
    }
    if after_a - k <= 2 && sep == '月' {
        let (d, after_d) = number(c, after_a + 1, 2)?;
        if c.get(after_d) != Some(&'日') {
            return None;
        }
        return valid(Printed {
            year: None,
            month: a,
            day: d,
        })
        .map(|p| (p, after_d + 1));
    }
    None
}

/// A date with its year at the start of `s` (folded, no spaces):
/// `YYYY年M月D日`, `YYYY-MM-DD`, `YYYY.MM.DD` or `YYYY/MM/DD`, as ISO, with
/// the number of characters it takes.
pub(crate) fn dated(s: &str) -> Option<(String, usize)> {
    let c: Vec<char> = s.chars().take(16).collect();
    match date_at(&c, 0)? {
        (
            p @ Printed {
                year: Some(year), ..
            },
            end,
        ) => Some((iso(year, p), end)),
        _ => None,
    }
}

fn valid(p: Printed) -> Option<Printed> {
    ((1..=12).contains(&p.month) && (1..=31).contains(&p.day)).then_some(p)
}

fn iso(year: i32, p: Printed) -> String {
    format!("{year:04}-{:02}-{:02}", p.month, p.day)
}

/// The first and last day of the statistics period, as ISO dates, when the
/// text states it: the first date after one of the anchor words, which must
/// print its year, and the next date within the same stretch of text (its
/// year, when not printed, is the first date's).
pub(crate) fn statistics_period(squeezed: &str) -> Option<(String, String)> {
    // The first anchor: one search for the words they all begin with.
    let at = squeezed
        .match_indices(ANCHOR_HEAD)
        .map(|(i, _)| i)
        .find(|&i| ANCHORS.iter().any(|a| squeezed[i..].starts_with(a)))?;
    let c: Vec<char> = squeezed[at..].chars().take(WINDOW + 8).collect();
    let mut k = 4;
    let mut first: Option<Printed> = None;
    while k < c.len().min(WINDOW) {
        // A sentence ends the search.
        if matches!(c[k], '。' | ';' | '；') {
            return None;
        }
        match date_at(&c, k) {
            Some((p, end)) => match first {
                None if p.year.is_some() => {
                    first = Some(p);
                    k = end;
                }
                None => k = end,
                Some(f) => {
                    let start_year = f.year.unwrap_or_default();
                    let end_year = p.year.unwrap_or(start_year);
                    return Some((iso(start_year, f), iso(end_year, p)));
                }
            },
            None => k += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::statistics_period;

    fn period(s: &str) -> Option<(String, String)> {
        statistics_period(s)
    }

    fn pair(a: &str, b: &str) -> Option<(String, String)> {
        Some((a.to_string(), b.to_string()))
    }

    #[test]
    fn every_anchor_begins_with_the_searched_head() {
        assert!(super::ANCHORS
            .iter()
            .all(|a| a.starts_with(super::ANCHOR_HEAD)));
    }

    #[test]
    fn the_wordings_of_real_reports_are_read() {
        let full = pair("2021-01-01", "2021-12-31");
        for s in [
            "本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。",
            "本年度报告中所列数据统计期限从2021年1月1日到12月31日止。",
            "本报告中所列数据统计时限为2021年1月1日至2021年12月31日。",
            "报告所列数据统计期限为2021年1月1日起至2021年12月31日止。",
            "统计期限为2021-01-01至2021-12-31。",
        ] {
            assert_eq!(period(s), full, "{s}");
        }
    }

    #[test]
    fn a_partial_or_reversed_period_is_read_as_printed() {
        assert_eq!(
            period("本报告所列数据统计期限自2023年1月1日至2023年11月30日止。"),
            pair("2023-01-01", "2023-11-30")
        );
        assert_eq!(
            period("统计期限自2023年12月31日起至2023年1月1日止。"),
            pair("2023-12-31", "2023-01-01")
        );
        assert_eq!(
            period("统计期限自2022年1月1日至2023年12月31日。"),
            pair("2022-01-01", "2023-12-31")
        );
    }

    #[test]
    fn no_period_without_both_dates_in_the_sentence() {
        assert_eq!(
            period("本报告所列数据的统计期限为本年度。2021年1月1日"),
            None
        );
        assert_eq!(period("统计期限自2021年1月1日起。至12月31日"), None);
        assert_eq!(period("2021年1月1日至2021年12月31日"), None);
        assert_eq!(period("统计期限自2021年13月1日至2021年12月31日"), None);
    }
}
