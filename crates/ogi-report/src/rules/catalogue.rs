//! The rule catalogue: which check gives each code, each code's family,
//! severity and descriptions, as a list for UIs and as RULES.md.

use super::{Check, CHECKS};
use crate::finding::{Code, Family, Severity};
use serde::Serialize;

impl Code {
    /// The registered check of [`crate::rules::CHECKS`] that gives the code
    /// (`None` for the codes of [`Family::Input`] and [`Family::Series`]).
    pub fn check(self) -> Option<&'static Check> {
        crate::rules::CHECKS
            .iter()
            .find(|c| c.codes.contains(&self))
    }
}

impl Family {
    /// The family's checks in [`CHECKS`], in the order they run (none for
    /// [`Family::Input`] and [`Family::Series`]).
    pub fn checks(self) -> impl Iterator<Item = &'static Check> {
        CHECKS.iter().filter(move |c| c.family == self)
    }
}

/// One row of the rule catalogue, for UIs and docs.
#[derive(Debug, Clone, Serialize)]
pub struct RuleInfo {
    /// The code.
    pub code: &'static str,
    /// The usual severity.
    pub severity: Severity,
    /// The family of rules that gives it (its key, `"equations"`, in JSON).
    pub family: Family,
    /// What it checks, in Chinese.
    pub description: &'static str,
    /// What it checks, in English.
    pub description_en: &'static str,
}

/// The rule catalogue.
pub fn rules() -> Vec<RuleInfo> {
    Code::ALL
        .iter()
        .map(|c| RuleInfo {
            code: c.as_str(),
            severity: c.default_severity(),
            family: c.family(),
            description: c.describe_zh(),
            description_en: c.describe_en(),
        })
        .collect()
}

/// The rule catalogue as Markdown (the body of RULES.md): one table per
/// family of rules, in catalogue order, each after the checks that give it.
pub fn rules_markdown() -> String {
    let rules = rules();
    let mut s = String::new();
    for &family in Family::ALL {
        if !s.is_empty() {
            s.push('\n');
        }
        s.push_str(&format!(
            "## {} · {} (`{}`)\n\n",
            family.name_en(),
            family.name_zh(),
            family.key()
        ));
        let checks: Vec<String> = family.checks().map(|c| format!("`{}`", c.name)).collect();
        match family {
            Family::Input => s.push_str(
                "Given while the input is read (and by `validate_value` for data that does not fit the schema), not by a check.\n\n",
            ),
            Family::Series => s.push_str(
                "Given by `validate_series`, each report against the same agency's report for the year before.\n\n",
            ),
            _ => s.push_str(&format!(
                "Checks, in the order `validate` runs them: {}.\n\n",
                checks.join(", ")
            )),
        }
        s.push_str("| code | severity | 说明 | what it checks |\n|---|---|---|---|\n");
        for r in rules.iter().filter(|r| r.family == family) {
            s.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                r.code, r.severity, r.description, r.description_en
            ));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_gives_each_code_its_family() {
        let rules = rules();
        assert_eq!(rules.len(), Code::ALL.len());
        for (r, c) in rules.iter().zip(Code::ALL) {
            assert_eq!(r.family, c.family());
        }
        let v = serde_json::to_value(&rules[1]).unwrap();
        assert_eq!(v["code"], "t3.balance");
        assert_eq!(v["family"], "equations");
        let md = rules_markdown();
        for c in Code::ALL {
            assert_eq!(md.matches(&format!("| `{c}` |")).count(), 1, "{c}");
        }
        for f in Family::ALL {
            assert!(md.contains(&format!("(`{}`)", f.key())), "{f}");
        }
        assert_eq!(Code::T3Balance.check().map(|c| c.name), Some("equations"));
        assert_eq!(Code::FeesNotStated.check().map(|c| c.name), Some("fees"));
        assert!(Code::InputNoReport.check().is_none());
        assert!(Code::SeriesCarryOver.check().is_none());
    }
}
