//! Property tests over generated reports of both formats.

mod common;

use common::consistent_report;
use ogi_report::{validate, Cell, CellMut, Format, Report, Severity, Template};
use proptest::prelude::*;

fn format_strategy() -> impl Strategy<Value = Format> {
    prop_oneof![Just(Format::F2021), Just(Format::F2019)]
}

fn seed_strategy() -> impl Strategy<Value = Vec<i64>> {
    proptest::collection::vec(0i64..1000, 1..64)
}

/// A consistent report; in the 2021 format, when `one_row`, with (六)其他处理
/// printed as one row (the group total under its key, the sub-rows absent).
fn report(f: Format, seed: &[i64], one_row: bool) -> Report {
    let mut r = consistent_report(f, seed);
    if one_row && f == Format::F2021 {
        common::with_other_as_one_row(&mut r);
    }
    r
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Generated consistent reports give no error findings.
    #[test]
    fn consistent_reports_give_no_errors(
        f in format_strategy(),
        seed in seed_strategy(),
        one_row in any::<bool>(),
    ) {
        let r = report(f, &seed, one_row);
        let errors: Vec<_> = validate(&r).into_iter().filter(|x| x.severity == Severity::Error).collect();
        prop_assert!(errors.is_empty(), "{:?}", errors);
    }

    /// Changing any one count of table 3 or 4 gives an error naming that cell
    /// (the (六) group total too, when the table prints it in place of the sub-rows).
    #[test]
    fn changing_one_count_is_always_caught(
        f in format_strategy(),
        seed in seed_strategy(),
        one_row in any::<bool>(),
        pick in any::<prop::sample::Index>(),
        delta in prop_oneof![1i64..20, -20i64..0],
    ) {
        let mut r = report(f, &seed, one_row);
        let tpl = Template::get(f);
        let paths: Vec<&String> = tpl
            .paths
            .iter()
            .filter(|p| p.starts_with("t3.") || p.starts_with("t4."))
            .filter(|p| r.get(p).is_some_and(|c| c.count().is_some()))
            .collect();
        let path = pick.get(&paths).as_str();
        let old = r.get(path).unwrap().count().unwrap();
        // Keep the count non-negative so only the equations can object.
        let new = if old + delta < 0 { old + delta.abs() } else { old + delta };
        r.get_mut(path).unwrap().set_count(new);
        let fs = validate(&r);
        prop_assert!(
            fs.iter().any(|x| x.severity == Severity::Error && x.names(path)),
            "changing {} from {} to {} was not caught: {:?}", path, old, new, fs
        );
    }

    /// Both JSON forms round-trip any report, with blanks, marks, ambiguous and invalid cells.
    #[test]
    fn json_and_flat_forms_round_trip(
        f in format_strategy(),
        seed in seed_strategy(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..5, 0i64..100), 0..12),
        drop_t4 in any::<bool>(),
        one_row in any::<bool>(),
    ) {
        let mut r = report(f, &seed, one_row);
        let paths = Template::get(f).paths.clone();
        for (i, kind, v) in edits {
            let p = i.get(&paths);
            if let Some(CellMut::Count(c)) = r.get_mut(p) {
                *c = match kind {
                    0 => Cell::Blank,
                    1 => Cell::Mark(["/", "—", "无", "n/a"][(v % 4) as usize].to_string()),
                    2 => Cell::Ambiguous(vec![v, v + 10]),
                    3 => Cell::Invalid(format!("{v}.5")),
                    _ => Cell::Value(v),
                };
            }
        }
        if drop_t4 {
            r.tables.set_present(ogi_report::TableId::T4, false);
        }
        r.sections.problems = Some("存在问题".into());
        let text = serde_json::to_string(&r).unwrap();
        prop_assert_eq!(&Report::from_json_str(&text).unwrap(), &r);
        let flat = serde_json::to_string(&r.to_flat()).unwrap();
        prop_assert_eq!(&Report::from_json_str(&flat).unwrap(), &r);
    }

    /// Reading JSON text (a borrowed tree) gives what reading its
    /// `serde_json::Value` gives, the same report or the same error, whatever
    /// literal stands in any cell, metadata field or source.
    #[test]
    fn json_text_reads_as_its_value_does(
        f in format_strategy(),
        seed in seed_strategy(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 1..6),
        flat in any::<bool>(),
        reversed in any::<bool>(),
    ) {
        const LITERALS: [&str; 18] = [
            "-0", "0", "1.0", "1e2", "-5", "9223372036854775807", "9223372036854775808",
            "18446744073709551615", "18446744073709551616", "-9223372036854775809",
            "\"12\"", "\"\\u0031\\u0032\"", "\"/\"", "null", "true", "[]", "{}", "{\"a\":1}",
        ];
        let r = report(f, &seed, false);
        let mut v = if flat {
            serde_json::to_value(r.to_flat()).unwrap()
        } else {
            serde_json::to_value(&r).unwrap()
        };
        // Every place a literal can go: the leaves of the value.
        fn leaves(v: &serde_json::Value, at: String, out: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(m) => {
                    for (k, x) in m {
                        leaves(x, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
                    }
                }
                serde_json::Value::Array(a) => {
                    for (i, x) in a.iter().enumerate() {
                        leaves(x, format!("{at}/{i}"), out);
                    }
                }
                _ => out.push(at),
            }
        }
        let mut at = Vec::new();
        leaves(&v, String::new(), &mut at);
        for (place, lit) in edits {
            let ptr = place.get(&at);
            if let Some(x) = v.pointer_mut(ptr) {
                let l: &str = lit.get::<&str>(&LITERALS);
                *x = serde_json::from_str(l).unwrap();
            }
        }
        // Objects whose keys are not in the schema's order (read by lookups,
        // not in one walk), too.
        fn reverse_keys(v: serde_json::Value) -> serde_json::Value {
            match v {
                serde_json::Value::Object(m) => serde_json::Value::Object(
                    m.into_iter().rev().map(|(k, x)| (k, reverse_keys(x))).collect(),
                ),
                serde_json::Value::Array(a) => {
                    serde_json::Value::Array(a.into_iter().map(reverse_keys).collect())
                }
                x => x,
            }
        }
        if reversed {
            v = reverse_keys(v);
        }
        // Keys with escapes, too.
        let text = serde_json::to_string(&v).unwrap().replacen("\"format\"", "\"form\\u0061t\"", 1);
        let by_value = Report::from_any_value(&serde_json::from_str(&text).unwrap());
        let by_text = Report::from_json_str(&text);
        prop_assert_eq!(format!("{:?}", by_text), format!("{:?}", by_value.map_err(ogi_report::Error::from)));
    }

    /// Arbitrary JSON never panics the reader: it is a report or a located error.
    #[test]
    fn arbitrary_json_is_read_or_rejected_without_panic(s in ".{0,200}") {
        let _ = Report::from_json_str(&s);
        let _ = Report::from_json_str(&format!("{{\"format\":\"2021\",\"t3\":{s}}}"));
    }
}
