//! `series.prose_copied`: a section's text repeats the same agency's report
//! of the year before (内容雷同, named by the 2021 notice).
//!
//! The measure survives changed numbers and dates: every run of digits is
//! masked to one `#`, spaces and punctuation are dropped, and the text is
//! cut into overlapping shingles of [`SHINGLE`] characters. The share that
//! repeats is the part of this year's shingles found in last year's. A
//! section fires at [`COPIED_SHARE`] or more; sections shorter than
//! [`MIN_CHARS`] are formulas ("本年度未收取信息处理费") and are not compared.

use crate::finding::{Code, Finding};
use crate::report::{Report, SectionId};

/// Characters per shingle.
pub const SHINGLE: usize = 5;

/// The share of a section that must repeat for the rule to fire (0.8: real
/// reports of consecutive years that were written anew share well under half
/// their shingles, since the year's events differ; tuned on the corpus).
pub const COPIED_SHARE: f64 = 0.8;

/// Sections shorter than this (in kept characters) are not compared.
pub const MIN_CHARS: usize = 60;

/// The narrative sections compared: the overview, the problems, the other
/// matters. Sections 二–四 carry the tables, whose printed labels repeat
/// every year by design.
pub const COMPARED: [SectionId; 3] = [SectionId::Overview, SectionId::Problems, SectionId::Other];

/// Bits in a fingerprint: shingles are hashed into a set of this many bits.
/// A section's 1,000–3,000 shingles fill 2–5% of them, so a shingle that
/// last year lacks reads as shared by chance that rarely: the share is
/// overstated by at most a few points, far from moving a section across the
/// threshold. A bit set instead of a sorted list of hashes: `validate_series`
/// over ten years went from 5.8 M to 2.2 M instructions (callgrind,
/// `examples/profile_series.rs`).
const BITS: usize = 1 << 16;

/// A section's shingles, as a set of hash bits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    bits: Box<[u64]>,
    /// Bits set.
    count: u32,
}

/// Does `c` carry text for the comparison (a CJK ideograph or a Latin
/// letter; not punctuation)?
fn kept(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
        || c.is_ascii_alphabetic()
}

impl Fingerprint {
    /// The fingerprint of a text; `None` when it is shorter than [`MIN_CHARS`].
    pub fn of(text: &str) -> Option<Fingerprint> {
        let mut chars: Vec<u32> = Vec::with_capacity(text.len() / 3);
        let mut in_digits = false;
        for c in text.chars() {
            // Common ideographs need no folding (most of a report's text).
            let c = if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                c
            } else {
                crate::text::fold_char(c)
            };
            if c.is_ascii_digit() {
                if !in_digits {
                    chars.push(u32::from('#'));
                }
                in_digits = true;
            } else {
                in_digits = false;
                if kept(c) {
                    chars.push(u32::from(c));
                }
            }
        }
        if chars.len() < MIN_CHARS {
            return None;
        }
        let mut bits = vec![0u64; BITS / 64].into_boxed_slice();
        for w in chars.windows(SHINGLE) {
            // FNV-1a over the shingle's code points.
            let h = w
                .iter()
                .fold(0x811c_9dc5_u32, |h, &c| (h ^ c).wrapping_mul(0x0100_0193));
            // The top bits after a Fibonacci multiply: FNV's low bits depend
            // only on the low bits of the characters.
            let bit = (h.wrapping_mul(0x9E37_79B9) >> (32 - BITS.trailing_zeros())) as usize;
            bits[bit / 64] |= 1 << (bit % 64);
        }
        let count = bits.iter().map(|w| w.count_ones()).sum();
        Some(Fingerprint { bits, count })
    }

    /// The share of this fingerprint's shingles that `earlier` has too.
    pub fn share_in(&self, earlier: &Fingerprint) -> f64 {
        if self.count == 0 {
            return 0.0;
        }
        let common: u32 = self
            .bits
            .iter()
            .zip(earlier.bits.iter())
            .map(|(a, b)| (a & b).count_ones())
            .sum();
        f64::from(common) / f64::from(self.count)
    }
}

/// The share of `current` that repeats `earlier` (0.0–1.0), or `None` when
/// either is too short to compare.
pub fn repeated_share(earlier: &str, current: &str) -> Option<f64> {
    Some(Fingerprint::of(current)?.share_in(&Fingerprint::of(earlier)?))
}

/// The fingerprints of a report's compared sections, in [`COMPARED`] order.
pub fn fingerprints(report: &Report) -> [Option<Fingerprint>; 3] {
    COMPARED.map(|section| {
        report
            .sections
            .section(section)
            .as_deref()
            .and_then(Fingerprint::of)
    })
}

/// `series.prose_copied` between the fingerprints of the report for year
/// `prev_year` and those of the one for `year`.
pub fn check_prose_copied(
    prev: &[Option<Fingerprint>; 3],
    cur: &[Option<Fingerprint>; 3],
    prev_year: i32,
    year: i32,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (k, section) in COMPARED.into_iter().enumerate() {
        let (Some(p), Some(c)) = (&prev[k], &cur[k]) else {
            continue;
        };
        let share = c.share_in(p);
        if share < COPIED_SHARE {
            continue;
        }
        let pct = (share * 100.0).round() as i64;
        let threshold = (COPIED_SHARE * 100.0).round() as i64;
        out.push(
            Finding::new(
                Code::SeriesProseCopied,
                section.path(),
                format!(
                    "{year}年报告“{}”有{pct}%的内容与{prev_year}年报告相同（数字、日期除外），疑似照搬上年",
                    section.heading()
                ),
                format!(
                    "{pct}% of {} of the {year} report repeats the {prev_year} report (numbers and dates aside): copied from the year before?",
                    section.named("en")
                ),
            )
            .numbers(threshold, pct),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAST_YEAR: &str = "2022年，我局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息312条，其中政策文件15件，受理依申请公开3件，全部按时办结，政府信息公开工作取得新成效。";

    #[test]
    fn a_copy_with_new_numbers_and_dates_repeats_all_of_it() {
        let this_year = LAST_YEAR
            .replace("2022", "2023")
            .replace("312", "287")
            .replace("15", "9")
            .replace('3', "4");
        let share = repeated_share(LAST_YEAR, &this_year).unwrap();
        assert!(share > 0.99, "{share}");
    }

    #[test]
    fn a_text_written_anew_repeats_little() {
        let this_year = "2023年，我局围绕优化营商环境，聚焦重点领域信息公开，新建惠企政策专栏，集中发布涉企政策46件，开展政策解读直播两场，回应企业关切问题38个，群众获得感明显增强。";
        let share = repeated_share(LAST_YEAR, this_year).unwrap();
        assert!(share < 0.3, "{share}");
    }

    #[test]
    fn short_formulas_are_not_compared() {
        assert_eq!(
            repeated_share("本年度未收取信息处理费。", "本年度未收取信息处理费。"),
            None
        );
    }
}
