//! Property tests of the reviewer's rules on dates and copied text.

use ogi_report::review::{check_late, check_period, repeated_share, Date};
use ogi_report::{Format, Report, Severity};
use proptest::prelude::*;

fn date_strategy() -> impl Strategy<Value = Date> {
    (2019i32..2027, 1u32..13, 1u32..29).prop_map(|(year, month, day)| Date { year, month, day })
}

fn report(agency: &str, year: i32) -> Report {
    let mut r = Report::empty(Format::F2021);
    r.meta.agency = Some(agency.to_string());
    r.meta.year = Some(year);
    r
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The period gives a finding exactly when it is not 1 January to
    /// 31 December of the report year.
    #[test]
    fn period_fires_unless_it_is_the_whole_report_year(year in 2019i32..2027, start in date_strategy(), end in date_strategy(), whole in any::<bool>()) {
        let (start, end) = if whole {
            (Date { year, month: 1, day: 1 }, Date { year, month: 12, day: 31 })
        } else {
            (start, end)
        };
        let mut r = report("沭阳县人民政府", year);
        r.meta.period_start = Some(start.to_string());
        r.meta.period_end = Some(end.to_string());
        let fs = check_period(&r);
        let ok = start == Date { year, month: 1, day: 1 } && end == Date { year, month: 12, day: 31 };
        prop_assert_eq!(fs.is_empty(), ok, "{} {} {:?}", start, end, fs);
        prop_assert!(fs.len() <= 1);
    }

    /// A department is late exactly after 31 January of the next year, a
    /// government after 31 March; a township only ever gets a note.
    #[test]
    fn lateness_follows_the_deadline_of_the_agency_kind(year in 2019i32..2026, published in date_strategy()) {
        let published = Date { year: year + 1, ..published };
        for (agency, deadline) in [("沭阳县发展和改革局", (1, 31)), ("沭阳县人民政府", (3, 31))] {
            let mut r = report(agency, year);
            r.meta.published = Some(published.to_string());
            let fs = check_late(&r);
            let late = (published.month, published.day) > deadline;
            prop_assert_eq!(fs.len(), usize::from(late), "{} {} {:?}", agency, published, fs);
            prop_assert!(fs.iter().all(|f| f.severity == Severity::Warning));
        }
        let mut r = report("太平镇人民政府", year);
        r.meta.published = Some(published.to_string());
        prop_assert!(check_late(&r).iter().all(|f| f.severity == Severity::Info));
    }

    /// Any text compared with itself, its numbers changed, repeats in full;
    /// text of other characters repeats nothing.
    #[test]
    fn changed_numbers_do_not_hide_a_copy(words in proptest::collection::vec("[\u{4e00}-\u{4e80}]{2,6}", 20..60), numbers in proptest::collection::vec(0u32..100000, 20..60)) {
        let text: String = words.iter().zip(numbers.iter().cycle()).map(|(w, n)| format!("{w}{n}，")).collect();
        let changed: String = words.iter().zip(numbers.iter().cycle()).map(|(w, n)| format!("{w}{}，", n + 7)).collect();
        if let Some(share) = repeated_share(&text, &changed) {
            prop_assert!((share - 1.0).abs() < 1e-9, "{}", share);
        }
        let other: String = text.chars().map(|c| if ('\u{4e00}'..='\u{4e80}').contains(&c) { char::from_u32(c as u32 + 0x1000).unwrap() } else { c }).collect();
        if let Some(share) = repeated_share(&text, &other) {
            prop_assert!(share < 0.2, "{}", share);
        }
    }
}
