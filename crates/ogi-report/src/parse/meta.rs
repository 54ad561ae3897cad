//! Section headings, section texts and report metadata.

use super::doc::Squeezed;
use super::labels::HEADINGS;
use crate::report::{Meta, SectionId, Sections};
use crate::text::{fold_without, is_cjk, Words};

/// The section headings found: `(section, start, end)` as byte offsets of the parsed text.
pub(crate) struct Headings {
    found: Vec<(SectionId, usize, usize)>,
    /// Headings present but out of order (before the heading that precedes them).
    pub displaced: Vec<(SectionId, usize, usize)>,
}

impl Headings {
    /// Where the heading of `section` starts.
    pub fn start_of(&self, section: SectionId) -> Option<usize> {
        self.found.iter().find(|h| h.0 == section).map(|h| h.1)
    }
    /// No heading found at all, in order or not?
    pub fn is_empty(&self) -> bool {
        self.found.is_empty() && self.displaced.is_empty()
    }
    /// Where the heading of `section` ends.
    pub fn end_of(&self, section: SectionId) -> Option<usize> {
        self.found.iter().find(|h| h.0 == section).map(|h| h.2)
    }
}

/// The first heading `h` at or after squeezed index `pos`: squeezed (start, end).
pub(crate) fn find_heading(
    sq: &Squeezed,
    h: &super::labels::Heading,
    pos: usize,
) -> Option<(usize, usize)> {
    let number_len = h.number.list()[0].len();
    for i in h.number.find_all(0, &sq.s[pos..]) {
        let i = pos + i;
        let after = &sq.s[i + number_len..];
        let window = chars_prefix(after, h.reach + 8);
        let word_at = h
            .words
            .each_found(window)
            .map(|(b, w)| (window[..b].chars().count(), b, b + w.len()))
            .filter(|&(chars_before, b, _)| {
                // The number printed again before the word is the heading's
                // own ("四、结转下年度继续办理" is table 3's row, and
                // "四、政府信息公开行政复议…" below it the heading).
                chars_before <= h.reach
                    && h.number.find(0, &window[..b]).is_none()
                    && !across_a_row(sq, i + number_len, i + number_len + b)
            })
            .min();
        if let Some((_, _, wend)) = word_at {
            let mut end = i + number_len + wend;
            // Extend over the rest of the heading (…情况 / …事项 / …措施).
            static ENDS: Words = Words::new(&["情况", "事项", "措施"]);
            let tail = chars_prefix(&sq.s[end..], 24);
            if let Some(k) = ENDS.each_found(tail).map(|(b, w)| b + w.len()).min() {
                if !tail[..k].contains(['。', ',', '，']) {
                    end += k;
                }
            }
            return Some((i, end));
        }
    }
    None
}

/// Does the original text between a heading's number and its title word
/// (squeezed `from..to`) run over a line that holds a table's cells (a pipe
/// or a figure before its end)? Then the two are not one heading: the
/// number begins a row ("四、结转下年度继续办理 | 0 | …") and the word is
/// in a later line ("注：行政复议、行政诉讼数量…"). A heading wrapped over
/// two lines has only words before its line break.
fn across_a_row(sq: &Squeezed, from: usize, to: usize) -> bool {
    if from >= to {
        return false;
    }
    let between = sq.source_text(from, to);
    between.find('\n').is_some_and(|nl| {
        between[..nl]
            .bytes()
            .any(|b| b == b'|' || b.is_ascii_digit())
    })
}

/// The first `n` characters of `s` (all of it when shorter). Characters
/// are counted by the bytes that start one, without decoding them.
fn chars_prefix(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    // A byte of UTF-8 starts a character unless it is `10xxxxxx`.
    s.bytes()
        .enumerate()
        .filter(|&(_, b)| (b as i8) >= -0x40)
        .nth(n)
        .map_or(s, |(i, _)| &s[..i])
}

/// Finds the six headings in order (each after the one before); a heading
/// found only before the one preceding it is recorded as out of order.
pub(crate) fn headings(text: &str, sq: &Squeezed) -> Headings {
    let mut found = Vec::new();
    let mut displaced = Vec::new();
    let mut pos = 0usize; // squeezed byte index
    let to_source = |i: usize, end: usize| -> (usize, usize) {
        let (s, _) = sq.span(i, i + 1);
        let (_, e) = sq.span(end - 1, end);
        // A heading printed on a line of its own ends with that line.
        let line_end = end_of_line(text, e..text.len());
        let rest = text[e..line_end].trim();
        (
            s,
            if rest.chars().nth(2).is_none() {
                line_end
            } else {
                e
            },
        )
    };
    let mut unnumbered = Vec::new();
    for (k, h) in HEADINGS.iter().enumerate() {
        if let Some((i, end)) = find_heading(sq, h, pos) {
            let (s, e) = to_source(i, end);
            found.push((h.section, s, e));
            pos = end;
        } else if let Some((i, end)) = find_heading(sq, h, 0) {
            let (s, e) = to_source(i, end);
            displaced.push((h.section, s, e));
        } else {
            unnumbered.push(k);
        }
    }
    // Headings not printed with their standard number ("四、存在的主要问题…"
    // in a report that merged two sections, a title with no number): found by
    // the words of their title on a line of their own, between the headings
    // found before and after them.
    if !unnumbered.is_empty() && !sq.s.is_empty() {
        let (whole_start, _) = sq.span(0, 1);
        let (_, whole_end) = sq.span(sq.s.len() - 1, sq.s.len());
        for k in unnumbered {
            let h = &HEADINGS[k];
            let before = found
                .iter()
                .filter(|f| f.0 < h.section)
                .map(|f| f.2)
                .max()
                .unwrap_or(whole_start);
            let after = found
                .iter()
                .filter(|f| f.0 > h.section)
                .map(|f| f.1)
                .min()
                .unwrap_or(whole_end);
            if let Some((s, e)) = titled(text, h.title, before..after.max(before)) {
                found.push((h.section, s, e));
                found.sort_by_key(|f| f.1);
            }
        }
    }
    Headings { found, displaced }
}

/// The first line in `text[window]` that reads as a section's heading by
/// its title words: on a line of its own (at most 40 characters, not a
/// sentence), numbered with a Chinese numeral and 、 or 第…部分, or not
/// numbered at all. Sub-headings numbered （一） are not section headings.
fn titled(text: &str, title: &[&str], window: std::ops::Range<usize>) -> Option<(usize, usize)> {
    let mut at = window.start;
    while at < window.end {
        let line_end = end_of_line(text, at..window.end);
        let line = &text[at..line_end];
        let start = at;
        at = line_end + 1;
        // A long line (most lines of prose) is passed over when it keeps
        // more than 40 characters, counted up to 41 without folding it
        // whole (`fold_char` maps one character to one). Shorter lines are
        // folded at once: counting them first cost report 025 1.8 %.
        if line.len() > 160
            && line
                .chars()
                .filter(|&c| !dropped_from_heading(crate::text::fold_char(c)))
                .nth(40)
                .is_some()
        {
            continue;
        }
        let bare = fold_without(line, dropped_from_heading);
        let n = bare.chars().count();
        if !(4..=40).contains(&n) || bare.ends_with('。') || bare.starts_with('(') {
            continue;
        }
        let numbered = bare
            .char_indices()
            .take_while(|(_, c)| "一二三四五六七八九十".contains(*c))
            .last()
            .is_some_and(|(i, c)| bare[i + c.len_utf8()..].starts_with(['、', '.']));
        let part = bare.starts_with('第') && bare.contains("部分");
        if !(numbered || part || n <= 24) {
            continue;
        }
        // (By `has_word`: `str::contains` built a searcher for each word of
        // each line, 0.4 % of report 025's parse + check.)
        if title.iter().any(|w| crate::text::has_word(&bare, w)) {
            let trimmed = line.trim_end();
            let lead = line.len() - line.trim_start().len();
            return Some((start + lead, start + trimmed.len()));
        }
    }
    None
}

/// Where the line holding `within.start` ends (its `\n`), or `within.end`
/// when no line break comes before it.
fn end_of_line(text: &str, within: std::ops::Range<usize>) -> usize {
    memchr::memchr(b'\n', &text.as_bytes()[within.clone()]).map_or(within.end, |k| within.start + k)
}

/// Characters left out of a line read as a heading by its title words.
fn dropped_from_heading(c: char) -> bool {
    c.is_whitespace() || matches!(c, '#' | '*' | '|')
}

/// The text of each section: from its heading to the next heading found.
pub(crate) fn sections(text: &str, heads: &Headings) -> Sections {
    let mut s = Sections::default();
    let mut all: Vec<&(SectionId, usize, usize)> =
        heads.found.iter().chain(heads.displaced.iter()).collect();
    all.sort_by_key(|h| h.1);
    for (k, (section, _, end)) in all.iter().map(|h| **h).enumerate() {
        let stop = all.get(k + 1).map_or(text.len(), |n| n.1);
        *s.section_mut(section) = Some(text[end..stop.max(end)].trim().to_string());
    }
    s
}

fn trailing_cjk(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut k = chars.len();
    while k > 0
        && (is_cjk(chars[k - 1]) || matches!(chars[k - 1], '(' | ')' | '（' | '）'))
        && chars[k - 1] != '、'
    {
        k -= 1;
    }
    chars[k..]
        .iter()
        .collect::<String>()
        .trim_start_matches(['(', ')'])
        .to_string()
}

/// A line of a web page's frame, never evidence of the report's metadata:
/// a breadcrumb ("当前位置：首页 > 政务公开 > 年报") or a footer (site owner,
/// copyright, ICP licence). `line` is folded, without spaces.
fn is_page_frame(line: &str) -> bool {
    // Searched by the part that several words share (位置, 单位), the whole
    // words only where it occurs: six searches of each first line, not ten
    // (the seed's parse + check −0.7 %).
    static SEARCHED: Words = Words::new(&[
        "位置",
        "单位",
        "版权所有",
        "技术支持",
        "ICP备",
        "网站标识码",
    ]);
    const PLACES: [&str; 4] = ["当前位置", "您的位置", "您现在的位置", "所在位置"];
    const SITE_OWNERS: [&str; 2] = ["主办单位", "承办单位"];
    let whole = |k: usize, words: &[&str]| {
        SEARCHED.has(k, line) && words.iter().any(|w| crate::text::has_word(line, w))
    };
    whole(0, &PLACES)
        || whole(1, &SITE_OWNERS)
        || (2..SEARCHED.list().len()).any(|k| SEARCHED.has(k, line))
        || arrows(line) >= 2
}

/// How many of `>`, `»`, `›` and `→` (a breadcrumb's separators) `line`
/// holds, counted by their bytes: the wide ones are the only characters
/// of UTF-8 that start `C2 BB`, `E2 80 BA` and `E2 86 92`, and their lead
/// bytes are rare in Chinese text, so nothing else is decoded.
fn arrows(line: &str) -> usize {
    let b = line.as_bytes();
    let narrow = memchr::memchr_iter(b'>', b).count();
    let wide = memchr::memchr2_iter(0xC2, 0xE2, b)
        .filter(|&i| {
            matches!(
                b.get(i..(i + 3).min(b.len())),
                Some([0xC2, 0xBB, ..] | [0xE2, 0x80, 0xBA] | [0xE2, 0x86, 0x92])
            )
        })
        .count();
    narrow + wide
}

/// Does `name` end as the name of an agency or a government does (局, 委员会,
/// 人民政府, 乡, 街道办事处…)? Used for a name standing alone on a line, where
/// a menu item ("政务服务", "互动交流") could stand as well.
fn looks_like_agency(name: &str) -> bool {
    const ENDS: &str = "局厅委办府处乡镇县市区旗州盟会心院所室部站队司署馆园场社行";
    name.chars().count() >= 3 && name.chars().last().is_some_and(|c| ENDS.contains(c))
}

/// The words a report's title is told by, looked for in each of the first lines.
static TITLE_WORDS: Words = Words::new(&["政府信息公开", "年度报告", "年报", "工作报告", "报告"]);
const GOV_INFO: usize = 0;
const ANNUAL_REPORT: usize = 1;
const ANNUAL_REPORT_SHORT: usize = 2;
const WORK_REPORT: usize = 3;
const REPORT: usize = 4;

/// The agency and year a title line names ("2019年上海市人民政府办公厅政府信息公开
/// 工作年度报告", "标题: 平潭综合实验区2021年度…"); `line` is folded, without
/// spaces. `None` when the line is not a report's title.
fn title_meta(line: &str) -> Option<(String, Option<i32>)> {
    let is_title = TITLE_WORDS.has(GOV_INFO, line)
        && (TITLE_WORDS.has(ANNUAL_REPORT, line)
            || TITLE_WORDS.has(ANNUAL_REPORT_SHORT, line)
            || TITLE_WORDS.has(WORK_REPORT, line))
        && line.chars().count() <= 80;
    if !is_title {
        return None;
    }
    let t = line
        .split_once(':')
        .filter(|(a, _)| a.chars().count() <= 4)
        .map_or(line, |(_, b)| b)
        .trim_start_matches("名称|");
    let t = t.split('|').next_back().unwrap_or(t);
    let cut = TITLE_WORDS.find(GOV_INFO, t).unwrap_or(t.len());
    let head = &t[..cut];
    // "2019年上海市人民政府办公厅" or "平潭综合实验区2021年度".
    let chars: Vec<char> = head.chars().collect();
    let mut year_at = None;
    for i in 0..chars.len().saturating_sub(4) {
        if chars[i..i + 4].iter().all(char::is_ascii_digit)
            && chars[i + 4] == '年'
            && (i == 0 || !chars[i - 1].is_ascii_digit())
        {
            year_at = Some(i);
            break;
        }
    }
    let mut year = None;
    let agency = match year_at {
        Some(i) => {
            year = chars[i..i + 4]
                .iter()
                .collect::<String>()
                .parse()
                .ok()
                .filter(|y| crate::report::YEARS.contains(y));
            let before: String = chars[..i].iter().collect();
            let mut after: String = chars[i + 5..].iter().collect();
            if let Some(a) = after.strip_prefix('度') {
                after = a.to_string();
            }
            let b = trailing_cjk(&before);
            if !b.is_empty() {
                b
            } else {
                after
            }
        }
        None => trailing_cjk(head),
    };
    Some((agency, year))
}

#[cfg(feature = "html")]
/// The agency and year named by a web page's `<title>` ("平潭综合实验区交通与建设局
/// 2022年政府信息公开工作年度报告_平潭综合实验区交通与建设局"): the part of it that
/// is a report's title, if any.
pub(crate) fn page_title_meta(title: &str) -> Option<(String, Option<i32>)> {
    let folded = fold_without(title, char::is_whitespace);
    folded
        .split(['_', '|', '-'])
        .filter_map(title_meta)
        .find(|(agency, _)| !agency.is_empty())
}

#[cfg(feature = "html")]
/// Weighs a web page's `<title>` against the metadata read from the report's
/// own text: it fills what the text does not give, and where the two name a
/// different agency or year, the text's stands and a `meta.conflict` note says
/// what the title named.
pub(crate) fn with_page_title(meta: &mut Meta, title: &str) -> Option<crate::finding::Finding> {
    use crate::finding::{Code, Finding};
    let (agency, year) = page_title_meta(title)?;
    let mut disagree: Vec<(String, String)> = Vec::new();
    match &meta.agency {
        None => meta.agency = Some(agency),
        Some(a) if !(a.contains(&agency) || agency.contains(a.as_str())) => {
            disagree.push((format!("机关“{agency}”"), format!("agency {agency:?}")));
        }
        Some(_) => {}
    }
    match (meta.year, year) {
        (None, Some(y)) => meta.year = Some(y),
        (Some(a), Some(b)) if a != b => {
            disagree.push((format!("年度 {b}"), format!("year {b}")));
        }
        _ => {}
    }
    if disagree.is_empty() {
        return None;
    }
    let zh: Vec<String> = disagree.iter().map(|d| d.0.clone()).collect();
    let en: Vec<String> = disagree.iter().map(|d| d.1.clone()).collect();
    Some(Finding::new(
        Code::MetaConflict,
        "meta",
        format!(
            "网页标题“{title}”所载{}与报告正文不一致：采用报告正文所载",
            zh.join("、")
        ),
        format!(
            "the page title {title:?} names the {}, which the report's own text does not: the text's is kept",
            en.join(" and the ")
        ),
    ))
}

/// Agency, year, statistics period and publication date.
pub(crate) fn metadata(text: &str, sq: &Squeezed) -> Meta {
    let mut meta = Meta::default();
    let lines = head_lines(text);
    if let Some((agency, year)) = title(&lines) {
        meta.year = year;
        meta.agency = agency;
    }
    if meta.agency.is_none() {
        meta.agency = publisher(&lines);
    }
    // Statistics period, as printed (the `meta.period` rule judges it).
    if let Some((start, end)) = super::period::statistics_period(&sq.s) {
        if meta.year.is_none() {
            meta.year = start[..4]
                .parse()
                .ok()
                .filter(|y| crate::report::YEARS.contains(y));
        }
        meta.period_start = Some(start);
        meta.period_end = Some(end);
    }
    meta.published = published_labelled(&lines).or_else(|| published_alone(text, &lines));
    if meta.year.is_none() {
        meta.year = first_year(&sq.s);
    }
    meta
}

/// The first lines of the text (folded, without spaces or markdown, page
/// frames left out), where the title and the publishing details are.
fn head_lines(text: &str) -> Vec<String> {
    text.lines()
        .take(24)
        .map(|l| {
            fold_without(chars_prefix(l, 120), |c| {
                c.is_whitespace() || c == '#' || c == '*'
            })
        })
        .filter(|l: &String| !l.is_empty() && !is_page_frame(l))
        .collect()
}

/// The title, a short line naming the report: the agency it names (or the
/// one on the line above a bare title) and the year.
fn title(lines: &[String]) -> Option<(Option<String>, Option<i32>)> {
    for (k, line) in lines.iter().enumerate().take(15) {
        let joined = match lines.get(k + 1) {
            // A title wrapped over two lines, anywhere ("…2022年政府信息公" /
            // "开工作年度报告").
            Some(next)
                if !TITLE_WORDS.has(REPORT, line)
                    && (TITLE_WORDS.has(GOV_INFO, line)
                        || ["政", "政府", "政府信", "政府信息", "政府信息公"]
                            .iter()
                            .any(|p| line.ends_with(p)))
                    && format!("{line}{next}").contains("政府信息公开") =>
            {
                format!("{line}{next}")
            }
            _ => line.clone(),
        };
        let Some((agency, year)) = title_meta(&joined) else {
            continue;
        };
        let agency = if agency.is_empty() && k > 0 {
            // The agency on the line above a bare title ("五常市民意乡" / "2021年…报告").
            let prev = &lines[k - 1];
            let name = trailing_cjk(prev);
            if prev.chars().count() <= 30 && !prev.contains('。') && looks_like_agency(&name) {
                name
            } else {
                agency
            }
        } else {
            agency
        };
        return Some(((!agency.is_empty()).then_some(agency), year));
    }
    None
}

/// The agency a "发布机构:" line names.
fn publisher(lines: &[String]) -> Option<String> {
    lines.iter().find_map(|line| {
        let rest = line
            .strip_prefix("发布机构:")
            .or_else(|| line.strip_prefix("发布机构|"))?;
        let name = rest.split('|').next().unwrap_or("").trim();
        (name.chars().count() >= 3 && name.chars().any(is_cjk)).then(|| name.to_string())
    })
}

/// The publication date a labelled line gives ("发布日期：2023-01-20"); the
/// last such label on the first line that has one.
fn published_labelled(lines: &[String]) -> Option<String> {
    // A date has digits (the lines are folded): a line without any holds none.
    for line in lines
        .iter()
        .filter(|l| l.bytes().any(|b| b.is_ascii_digit()))
    {
        let mut found = None;
        static KEYS: Words =
            Words::new(&["发布时间", "发布日期", "公开日期", "成文日期", "发文日期"]);
        for (i, key) in KEYS.each_found(line) {
            let rest = line[i + key.len()..].trim_start_matches([':', '|']);
            if let Some((d, _)) = super::period::dated(rest) {
                found = Some(d);
            }
        }
        if found.is_some() {
            return found;
        }
    }
    None
}

/// A date printed alone on one of the last lines (the signature's) or of
/// the first six.
fn published_alone(text: &str, lines: &[String]) -> Option<String> {
    let tail: Vec<String> = text
        .lines()
        .rev()
        .filter(|l| !l.trim().is_empty())
        .take(4)
        .filter(|l| l.len() <= 120)
        .map(|l| fold_without(l, char::is_whitespace))
        .filter(|l| !l.is_empty())
        .take(4)
        .collect();
    let head = lines.iter().take(6);
    tail.iter().chain(head).find_map(|l| {
        let inner = l.trim_start_matches('(').trim_end_matches(')');
        let (d, used) = super::period::dated(inner)?;
        (used == inner.chars().count()).then_some(d)
    })
}

/// The first plausible year in the squeezed text ("2022年"): reports exist
/// from 2008, when the regulation took effect.
fn first_year(squeezed: &str) -> Option<i32> {
    let c: Vec<char> = squeezed.chars().take(4000).collect();
    for i in 0..c.len().saturating_sub(4) {
        if c[i..i + 4].iter().all(char::is_ascii_digit)
            && c[i + 4] == '年'
            && (i == 0 || !c[i - 1].is_ascii_digit())
        {
            let y: i32 = c[i..i + 4].iter().collect::<String>().parse().unwrap_or(0);
            if y >= 2008 && crate::report::YEARS.contains(&y) {
                return Some(y);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Counting the bytes that start a character takes the same prefix
        /// as counting characters.
        #[test]
        fn chars_prefix_counts_characters(t in "[a1 规章　Ａ“\u{10348}]{0,12}", n in 0usize..14) {
            let by_chars = t.char_indices().nth(n).map_or(t.as_str(), |(i, _)| &t[..i]);
            proptest::prop_assert_eq!(chars_prefix(&t, n), by_chars);
        }

        /// A page frame is told by its words as searching for each of the
        /// ten would tell it, with the parts they share (位置, 单位) alone
        /// as decoys.
        #[test]
        fn page_frames_told_by_shared_parts_as_by_each_word(
            parts in proptest::collection::vec(
                "(当前|您的|您现在的|所在|位置|主办|承办|单位|版权所有|技术支持|ICP备|网站标识码|首页|报告)",
                0..5,
            ),
        ) {
            const WORDS: [&str; 10] = [
                "当前位置", "您的位置", "您现在的位置", "所在位置", "版权所有",
                "主办单位", "承办单位", "技术支持", "ICP备", "网站标识码",
            ];
            let line = parts.concat();
            let each = WORDS.iter().any(|w| line.contains(w)) || arrows(&line) >= 2;
            proptest::prop_assert_eq!(is_page_frame(&line), each);
        }

        /// Breadcrumb arrows counted by their bytes are those counted by
        /// their characters, with the characters that share their lead
        /// bytes (· « ‹ ← “ —) as decoys.
        #[test]
        fn arrows_counted_by_bytes(t in "[>»›→·«‹←“—页a]{0,16}") {
            let by_chars = t.chars().filter(|c| matches!(c, '>' | '»' | '›' | '→')).count();
            proptest::prop_assert_eq!(arrows(&t), by_chars);
        }
    }

    fn meta_of(t: &str) -> Meta {
        metadata(t, &Squeezed::new(t, 0..t.len()))
    }

    fn sections_of(t: &str) -> Sections {
        sections(t, &headings(t, &Squeezed::new(t, 0..t.len())))
    }

    #[test]
    fn sections_are_found_by_their_title_words_however_they_are_numbered() {
        // Section 四 merged away: 五 and 六 are printed as 四 and 五.
        let t = "一、总体情况\n全年公开信息120条。\n二、主动公开政府信息情况\n见表。\n\
                 三、收到和处理政府信息公开申请情况\n见表。\n\
                 四、存在的主要问题及整改措施\n一是解读不足。下一步加强解读。\n\
                 五、其他需要报告的事项\n本年度未收取信息处理费。\n";
        let s = sections_of(t);
        assert_eq!(
            s.problems.as_deref(),
            Some("一是解读不足。下一步加强解读。")
        );
        assert_eq!(s.other.as_deref(), Some("本年度未收取信息处理费。"));
        assert_eq!(s.review_litigation, None);
        // Titles printed without numbers, on lines of their own.
        let t = "总体情况\n全年公开信息120条。\n主动公开政府信息情况\n见表。\n\
                 存在的主要问题及改进情况\n一是解读不足。\n其他需要报告的事项\n无。\n";
        let s = sections_of(t);
        assert_eq!(s.overview.as_deref(), Some("全年公开信息120条。"));
        assert_eq!(s.problems.as_deref(), Some("一是解读不足。"));
        assert_eq!(s.other.as_deref(), Some("无。"));
    }

    #[test]
    fn a_rows_label_numbered_as_the_next_heading_is_not_that_heading() {
        // Table 3's last row "四、结转下年度继续办理", its values printed on
        // the line above it, then the heading 四 with its title words.
        let t = "三、收到和处理政府信息公开申请情况\n0 0 0 0 0 0 0\n\
                 四、结转下年度继续办理\n\
                 四、政府信息公开行政复议、行政诉讼情况\n0 0 0\n\
                 五、存在的主要问题及改进情况\n无。\n";
        let s = sections_of(t);
        assert!(s.requests.unwrap().ends_with("四、结转下年度继续办理"));
        assert_eq!(s.review_litigation.as_deref(), Some("0 0 0"));
    }

    #[test]
    fn title_words_in_sentences_and_sub_headings_are_not_headings() {
        let t = "一、总体情况\n（一）主动公开情况\n本机关认真分析存在的主要问题及改进情况，并逐项整改。\n";
        let s = sections_of(t);
        assert_eq!(s.proactive, None);
        assert_eq!(s.problems, None);
        assert!(s.overview.unwrap().contains("（一）主动公开情况"));
    }

    #[test]
    fn agency_and_year_from_titles() {
        let m = meta_of(
            "标题: 平潭综合实验区2021年度政府信息公开工作年度报告\n发布时间: 2022-02-08 16:34\n",
        );
        assert_eq!(m.agency.as_deref(), Some("平潭综合实验区"));
        assert_eq!(m.year, Some(2021));
        assert_eq!(m.published.as_deref(), Some("2022-02-08"));
        let m = meta_of("2019年上海市人民政府办公厅政府信息公开工作年度报告\n");
        assert_eq!(m.agency.as_deref(), Some("上海市人民政府办公厅"));
        let m = meta_of("五常市民意乡\n2021年政府信息公开工作年度报告\n");
        assert_eq!(m.agency.as_deref(), Some("五常市民意乡"));
        let m =
            meta_of("平潭综合实验区交通与建设局 2022 年政府信息公\n开工作年度报告\n一、总体情况\n");
        assert_eq!(m.agency.as_deref(), Some("平潭综合实验区交通与建设局"));
        assert_eq!(m.year, Some(2022));
        let m = meta_of("Page 8 - 威海市文登区信访局2022年政府信息公开工作年度报告\n");
        assert_eq!(m.agency.as_deref(), Some("威海市文登区信访局"));
    }

    #[test]
    fn a_web_pages_frame_is_not_evidence_of_the_agency() {
        // A menu, then a breadcrumb naming the column "政府信息公开年报": the
        // menu item before it is not the agency.
        let m = meta_of(
            "首页\n政务服务\n互动交流\n当前位置：首页 > 政务公开 > 政府信息公开年报\n\
             平潭综合实验区交通与建设局2022年政府信息公开工作年度报告\n",
        );
        assert_eq!(m.agency.as_deref(), Some("平潭综合实验区交通与建设局"));
        assert_eq!(m.year, Some(2022));
        // With no title of its own, the breadcrumb gives nothing, nor does the menu.
        let m =
            meta_of("首页\n互动交流\n当前位置：首页 > 政务公开 > 政府信息公开年报\n一、总体情况\n");
        assert_eq!(m.agency, None);
        // A footer naming the site's owner is not the agency either.
        let m = meta_of("主办单位：平潭综合实验区管理委员会\n2021年政府信息公开工作年度报告\n");
        assert_eq!(m.agency, None);
    }

    #[cfg(feature = "html")]
    #[test]
    fn a_page_title_names_the_agency_and_year() {
        assert_eq!(
            page_title_meta(
                "平潭综合实验区交通与建设局2022年政府信息公开工作年度报告_平潭综合实验区交通与建设局"
            ),
            Some(("平潭综合实验区交通与建设局".to_string(), Some(2022)))
        );
        assert_eq!(page_title_meta("政务公开 - 平潭综合实验区"), None);
    }

    #[test]
    fn statistics_period() {
        let m = meta_of("本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。");
        assert_eq!(m.period_start.as_deref(), Some("2021-01-01"));
        assert_eq!(m.period_end.as_deref(), Some("2021-12-31"));
        assert_eq!(m.year, Some(2021));
    }
}
