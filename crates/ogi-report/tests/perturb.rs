//! A harmless change in one place of a report does not change how the rest of
//! it is read: every cell of every corpus report reads the same after a stray
//! pipe or tab in its prose, other line ends, or web-page chrome around it.

mod common;

use ogi_report::parse_text;
use serde_json::Value;

/// Where a sentence ends in the prose before the tables (the first `。`),
/// else a point early in the text.
fn prose_spot(text: &str) -> usize {
    match text.find('。') {
        Some(i) if i < text.len() / 2 => i + '。'.len_utf8(),
        _ => {
            let mut at = (text.len() / 20).min(300);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            at
        }
    }
}

/// Tables 2–4 as read (the nested form), without sources (offsets move).
fn tables(text: &str) -> Value {
    let json = parse_text(text).report.to_json();
    let tables: Vec<Value> = ["t2", "t3", "t4"]
        .iter()
        .map(|t| json[*t].clone())
        .collect();
    assert!(tables.iter().any(|t| !t.is_null()), "no table read at all");
    Value::Array(tables)
}

fn assert_reads_the_same(change: &str, perturb: impl Fn(&str) -> String) {
    for (name, _) in common::truths() {
        let text = std::fs::read_to_string(common::corpus_dir().join(&name)).unwrap();
        let clean = tables(&text);
        let changed = tables(&perturb(&text));
        assert!(
            clean == changed,
            "{name}: {change} changed how the tables are read"
        );
    }
}

#[test]
fn a_stray_pipe_in_the_prose_changes_no_cell() {
    // In a report printed as one long line (concatenated cells), a pipe in its
    // first sentence must not make the whole line read as a piped table.
    assert_reads_the_same("a stray '|' in the prose", |t| {
        let at = prose_spot(t);
        format!("{}联系电话|传真：0000-0000。{}", &t[..at], &t[at..])
    });
}

#[test]
fn a_stray_tab_in_the_prose_changes_no_cell() {
    assert_reads_the_same("a stray tab in the prose", |t| {
        let at = prose_spot(t);
        format!("{}\t{}", &t[..at], &t[at..])
    });
}

#[test]
fn crlf_line_ends_change_no_cell() {
    assert_reads_the_same("CRLF line ends", |t| t.replace('\n', "\r\n"));
}

#[test]
fn web_page_chrome_around_the_report_changes_no_cell() {
    assert_reads_the_same("navigation and footer text", |t| {
        format!("首页 > 政务公开 > 年度报告\n打印 关闭\n{t}\n【打印本页】【关闭窗口】\n主办单位：某某\n")
    });
}

#[test]
fn kangxi_radicals_and_compatibility_ideographs_from_pdf_text_change_no_cell() {
    // PDF text extractors print some common ideographs as the Kangxi radical
    // or the compatibility ideograph of the same shape ("⾏政许可", "六" U+F9D1).
    assert_reads_the_same("Kangxi radicals for 行 and 一, U+F9D1 for 六", |t| {
        t.replace('行', "\u{2F8F}")
            .replace('一', "\u{2F00}")
            .replace('六', "\u{F9D1}")
    });
}

#[test]
fn a_sentence_of_figures_under_heading_2_changes_no_cell() {
    // Its words are table 2's row labels, each followed by a figure and its
    // unit: a sentence, not the table's rows.
    assert_reads_the_same("a sentence of figures under heading 二", |t| {
        const HEADING: &str = "主动公开政府信息情况";
        let Some(at) = t.find(HEADING).map(|h| h + HEADING.len()) else {
            return t.to_string();
        };
        format!(
            "{}\n本年度制发规章 0 件，行政规范性文件 12 件，行政事业性收费12.5万元。\n{}",
            &t[..at],
            &t[at..]
        )
    });
}

#[test]
fn list_numbers_in_brackets_change_no_cell() {
    // "1.属于国家秘密" printed "（1）属于国家秘密": the number is the row's
    // list number, not a value of the row above, wherever it stands.
    assert_reads_the_same("list numbers N. printed （N）", |t| {
        let chars: Vec<char> = t.chars().collect();
        let mut out = String::with_capacity(t.len() + 64);
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let marker = ('1'..='9').contains(&c)
                && chars.get(i + 1) == Some(&'.')
                && chars
                    .get(i + 2)
                    .is_some_and(|&n| ('\u{4e00}'..='\u{9fff}').contains(&n));
            if marker {
                out.push('（');
                out.push(c);
                out.push('）');
                i += 2;
            } else {
                out.push(c);
                i += 1;
            }
        }
        out
    });
}

#[test]
fn a_trailing_pipe_on_table_4s_header_line_changes_no_cell() {
    // "行政复议 | 行政诉讼 |": the header's last, empty cell is no value.
    assert_reads_the_same("a pipe after table 4's header words", |t| {
        t.replace("行政复议 | 行政诉讼\n", "行政复议 | 行政诉讼 |\n")
            .replace("| 行政复议 | 行政诉讼 |\n", "| 行政复议 | 行政诉讼 |  |\n")
    });
}

#[test]
fn carriage_return_line_ends_change_no_cell() {
    // Old Mac line ends (CR alone), as some converters still write them.
    assert_reads_the_same("CR line ends", |t| t.replace('\n', "\r"));
}

#[test]
fn tables_drawn_with_tabs_wide_pipes_or_box_lines_change_no_cell() {
    // A table copied from a word processor or a spreadsheet splits its cells
    // by tabs (a blank cell between two tabs); converters draw columns with
    // full-width pipes or box-drawing lines.
    assert_reads_the_same("tabs for pipes", |t| t.replace('|', "\t"));
    assert_reads_the_same("full-width pipes", |t| t.replace('|', "｜"));
    assert_reads_the_same("box-drawing lines", |t| t.replace('|', "│"));
}

/// Every count in a cell of a row of pipes printed with its unit:
/// "规章 | 0 | 0 | 0" becomes "规章 | 0件 | 0件 | 0件".
fn counts_with_units(text: &str, unit: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            if !line.contains('|') {
                return line.to_string();
            }
            let cells: Vec<String> = line
                .split('|')
                .map(|cell| {
                    let t = cell.trim();
                    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
                        cell.replacen(t, &format!("{t}{unit}"), 1)
                    } else {
                        cell.to_string()
                    }
                })
                .collect();
            cells.join("|")
        })
        .collect()
}

#[test]
fn counts_printed_with_their_unit_in_cells_change_no_cell() {
    // "| 12件 |": a cell of a row of pipes is one cell, not a sentence's
    // measure (before, every such cell was unread).
    let name = "010_shuyang_fgj_2023_html_rows.txt";
    let text = std::fs::read_to_string(common::corpus_dir().join(name)).unwrap();
    assert!(counts_with_units(&text, "件").contains("规章 | 0件 | 0件 | 0件"));
    for unit in ["件", "条", "项"] {
        assert_reads_the_same(&format!("counts with {unit}"), |t| {
            counts_with_units(t, unit)
        });
    }
}

/// Each row of seven cells or more printed as a full grid row, its label's
/// two merged cells empty cells after it (camelot, tabula, a CSV of a web
/// table): "一、本年新收… | 26 | …" becomes "一、本年新收… |  |  | 26 | …".
fn as_full_grid(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| match line.find(" | ") {
            Some(i)
                if line.matches('|').count() >= 6
                    && !line[..i].ends_with(|c: char| c.is_ascii()) =>
            {
                format!("{} |  | {}", &line[..i], &line[i..])
            }
            _ => line.to_string(),
        })
        .collect()
}

#[test]
fn a_table_printed_as_a_full_grid_changes_no_cell_or_flags_it() {
    // 2021 format: every row's total settles which of its values are cells.
    let name = "010_shuyang_fgj_2023_html_rows.txt";
    let text = std::fs::read_to_string(common::corpus_dir().join(name)).unwrap();
    let grid = as_full_grid(&text);
    assert!(grid.contains("申请数量 |  |  | 26 |"));
    assert!(tables(&grid) == tables(&text), "{name} read differently");
    // 2019 format, totals printed blank: a row whose blank first and last
    // cells leave two readings alone is read from the values after the
    // label's empty cells, as the table's rows with a total vouch for.
    let name = "008_shanghai_govoffice_2019_old_format_rows.txt";
    let text = std::fs::read_to_string(common::corpus_dir().join(name)).unwrap();
    assert!(
        tables(&as_full_grid(&text)) == tables(&text),
        "{name} read differently"
    );
}

/// `text`'s rows of pipes as a table's cells joined by ` | ` (pdfplumber's
/// `extract_tables`, say) print them: three label columns (a group, its
/// row, a sub-row), merged cells empty, so a row of a group starts with an
/// empty cell: `（一）予以公开 | 258 | …` becomes ` | （一）予以公开 |  | 258 | …`.
fn as_joined_cells(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            if line.matches('|').count() < 6 {
                return line.to_string();
            }
            let pieces: Vec<&str> = line.split(" | ").collect();
            let labels = pieces.iter().take_while(|p| !p.trim().is_ascii()).count();
            let level = match pieces[0].trim_start().chars().next() {
                Some('（' | '(') => 1,
                Some(c) if c.is_ascii_digit() => 2,
                _ => 0,
            };
            if labels == 0 || level + labels > 3 {
                return line.to_string();
            }
            let mut cells = vec![""; level];
            cells.extend(&pieces[..labels]);
            cells.extend(std::iter::repeat_n("", 3 - level - labels));
            cells.extend(&pieces[labels..]);
            cells.join(" | ")
        })
        .collect()
}

#[test]
fn a_table_of_joined_cells_with_an_empty_first_cell_changes_no_cell() {
    // A line that starts with a pipe and holds as many as the grid's other
    // rows is a row whose first cell is empty, not a markdown row: its last
    // empty cell is its blank total, and the values are read after the
    // label's empty cells.
    for name in [
        "008_shanghai_govoffice_2019_old_format_rows.txt",
        "010_shuyang_fgj_2023_html_rows.txt",
    ] {
        let text = std::fs::read_to_string(common::corpus_dir().join(name)).unwrap();
        let joined = as_joined_cells(&text);
        assert!(joined.contains(" | （一）予以公开 |  | "), "{name}");
        assert!(tables(&joined) == tables(&text), "{name} read differently");
    }
}

#[test]
fn rows_leaving_off_their_last_empty_cells_change_no_cell() {
    // A page that leaves off a row's last empty <td>s, or a join that drops
    // them: "（一）予以公开 | 258 | 12 |  |  | 1 | 1 | " becomes
    // "… | 1 | 1". The row's other empty cells show that its cells keep their
    // places from the left.
    let cut = |t: &str| -> String {
        t.split_inclusive('\n')
            .map(|line| {
                let body = line.trim_end_matches(['\n', '\r']);
                let kept = body.trim_end_matches([' ', '|']);
                // (A row of values: a digit after its first pipe.)
                let digits = body
                    .split_once('|')
                    .is_some_and(|(_, v)| v.bytes().any(|b| b.is_ascii_digit()));
                if digits && body.contains(" |  | ") && kept.len() < body.len() {
                    format!("{kept}{}", &line[body.len()..])
                } else {
                    line.to_string()
                }
            })
            .collect()
    };
    let name = "008_shanghai_govoffice_2019_old_format_rows.txt";
    let text = std::fs::read_to_string(common::corpus_dir().join(name)).unwrap();
    assert!(cut(&text).contains("258 | 12 |  |  | 1 | 1\n"));
    assert_reads_the_same("last empty cells left off", cut);
}

#[test]
fn vertical_tab_line_breaks_change_no_cell() {
    // Word's text exports print a line break within a paragraph as a
    // vertical tab (U+000B).
    assert_reads_the_same("vertical-tab line breaks", |t| t.replace('\n', "\u{b}"));
}

#[test]
fn unicode_line_separators_change_no_cell() {
    assert_reads_the_same("U+2028 line separators", |t| t.replace('\n', "\u{2028}"));
    assert_reads_the_same("U+2029 paragraph separators", |t| {
        t.replace('\n', "\u{2029}")
    });
}

#[test]
fn table_3s_total_row_printed_heji_changes_no_cell() {
    assert_reads_the_same("（七）合计 for （七）总计", |t| {
        t.replace("（七）总计", "（七）合计")
            .replace("(七)总计", "(七)合计")
    });
}

#[test]
fn a_note_naming_table_4s_words_after_table_3_changes_no_cell() {
    // "四、结转下年度继续办理 | 0 …" then a note with 行政复议: the row's
    // number and the note's words are not section 四's heading.
    assert_reads_the_same("a note under table 3", |t| {
        let Some(row) = t.find("结转下年度继续办理") else {
            return t.to_string();
        };
        let end = t[row..].find('\n').map_or(t.len(), |i| row + i);
        format!(
            "{}\n注：行政复议、行政诉讼数量含上年度结转数量2件。{}",
            &t[..end],
            &t[end..]
        )
    });
}

/// Reads report `name` with `from` replaced by `to` once, and asserts that
/// the one cell `key` differs from the clean reading, and reads `now`.
fn only_cell_changes(name: &str, from: &str, to: &str, key: &str, now: Value) {
    let text = std::fs::read_to_string(common::corpus_dir().join(name)).unwrap();
    let changed = text.replacen(from, to, 1);
    assert_ne!(changed, text);
    let cells = |t: &str| parse_text(t).report.to_flat()["cells"].clone();
    let (before, after) = (cells(&text), cells(&changed));
    let differ: Vec<(&String, &Value)> = after
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, v)| before.get(k.as_str()) != Some(*v))
        .collect();
    assert_eq!(differ.len(), 1, "{name}: {differ:?}");
    assert_eq!(differ[0].0, key);
    assert_eq!(differ[0].1, &now);
}

#[test]
fn a_space_inside_one_number_of_a_piped_row_leaves_that_cell_invalid_and_no_other() {
    // "| 2 6 |": one cell whose number is not sure (26, or two columns run
    // together). It is invalid, as printed; the row's other cells, and every
    // other cell of the report, read as before.
    only_cell_changes(
        "010_shuyang_fgj_2023_html_rows.txt",
        "数量 | 26 |",
        "数量 | 2 6 |",
        "t3.new_received.natural_person",
        serde_json::json!({"invalid": "2 6"}),
    );
}

#[test]
fn a_space_inside_a_number_printed_one_cell_a_line_leaves_that_cell_invalid() {
    // "1 2172 |" on a line of its own is one cell: before, its first digit
    // was read as the row's value with confidence.
    only_cell_changes(
        "000_daxiang_2021_cellpipes.txt",
        "\n12172 |",
        "\n1 2172 |",
        "t2.licensing.decisions",
        serde_json::json!({"invalid": "1 2172"}),
    );
    // In groups of three it is that number.
    let name = "000_daxiang_2021_cellpipes.txt";
    let text = std::fs::read_to_string(common::corpus_dir().join(name)).unwrap();
    let grouped = text.replacen("\n12172 |", "\n12 172 |", 1);
    assert_ne!(grouped, text);
    assert!(tables(&grouped) == tables(&text));
}

/// `text` with each line that holds a row's label and then its values
/// rewritten: `sep` is the separator between them (`" | "` or `" "`), and
/// `rewrite(label, values, line_end)` gives the new lines. A line is a row
/// when the label before a separator ends in a character that is not ASCII
/// (nor a pipe) and all after it is digits, spaces and (for `" | "`) pipes.
/// (A markdown row, "| 规章 | 22 | 235 |", is left as it is.)
fn rows_rewritten(text: &str, sep: &str, rewrite: impl Fn(&str, &str, &str) -> String) -> String {
    let mut out = String::with_capacity(text.len() + 1024);
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let markdown = body.trim_start().starts_with('|');
        let split = body.match_indices(sep).find(|&(i, _)| {
            let rest = &body[i + sep.len()..];
            !markdown
                && !body[..i].ends_with(|c: char| c.is_ascii() || c == '|')
                && rest.starts_with(|c: char| c.is_ascii_digit())
                && rest
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ' ' || (c == '|' && sep.contains('|')))
        });
        match split {
            Some((i, _)) => out.push_str(&rewrite(
                &body[..i],
                &body[i + sep.len()..],
                &line[body.len()..],
            )),
            None => out.push_str(line),
        }
    }
    out
}

/// Each piped row's values moved to the line below its label (`gap` between
/// them), the label's line keeping its pipe: "（一）予以公开 |" then
/// "258 | 12 |  |  | 1 | 1 | ".
fn values_below_labels(text: &str, gap: &str) -> String {
    rows_rewritten(text, " | ", |label, values, end| {
        format!("{label} |\n{gap}{values}{end}")
    })
}

#[test]
fn a_piped_rows_values_on_the_line_below_its_label_change_no_cell() {
    // The label's line ends in its pipe; the blank after that pipe ends the
    // label's cell and is no blank cell of the row (it shifted every value of
    // the row by one column).
    let name = "008_shanghai_govoffice_2019_old_format_rows.txt";
    let text = std::fs::read_to_string(common::corpus_dir().join(name)).unwrap();
    assert!(values_below_labels(&text, "").contains("（一）予以公开 |\n258 |"));
    assert_reads_the_same("values on the line below the label", |t| {
        values_below_labels(t, "")
    });
    assert_reads_the_same("values a blank line below the label", |t| {
        values_below_labels(t, "\n")
    });
}

/// Each row printed as its values then its label, one line each, as a PDF
/// extractor may write a row whose label cell is taller than its values:
/// "规章 0 0 0" becomes "0 0 0", "规章". (Rows of space-separated values.)
fn values_before_their_labels(text: &str) -> String {
    rows_rewritten(text, " ", |label, values, end| {
        format!("{values}\n{label}{end}")
    })
}

#[test]
fn rows_printed_values_first_change_no_cell() {
    // Read after their labels, each row would take the next row's values.
    // The pypdf text of report 040 prints every row of its tables so, one
    // row a line (a report that prints some rows so and others in a table of
    // pipes, as 025 does, is not one layout moved).
    let name = "layout8/040_hongze_district_2024.pypdf.txt";
    let text = std::fs::read_to_string(common::corpus_dir().join(name)).unwrap();
    let changed = values_before_their_labels(&text);
    assert!(changed.contains("0 0 0\n规章\n"));
    assert!(changed.contains("95 0 0 0 0 0 95\n一、本年新收"));
    assert!(tables(&changed) == tables(&text), "{name} read differently");
}

/// `text` with the page footer `footer` run into each of a few rows of
/// table 3 where the row before ends in a digit (a report whose lines were
/// joined into one): `…申请数量640020470-3-二、上年结转…`.
fn page_numbers_run_in(text: &str, footer: &str) -> String {
    let Some(t3) = text.find("收到和处理政府信息公开申请") else {
        return text.to_string();
    };
    let mut out = text.to_string();
    for label in [
        "四、结转下年度",
        "（七）总计",
        "（四）无法提供",
        "（二）部分公开",
        "二、上年结转",
    ] {
        let Some(at) = out[t3..].find(label).map(|i| t3 + i) else {
            continue;
        };
        if out[..at].ends_with(|c: char| c.is_ascii_digit()) {
            out.insert_str(at, footer);
        }
    }
    out
}

#[test]
fn page_numbers_run_into_a_one_line_table_change_no_cell() {
    for footer in ["-3-", " - 3 - ", "— 3 —", "－12－"] {
        assert_reads_the_same(&format!("the page footer {footer:?} between rows"), |t| {
            page_numbers_run_in(t, footer)
        });
    }
}

/// `text` with each empty cell between two pipes of a table's row (three
/// pipes or more) printed `null` instead, as data tools write a table out.
fn empty_cells_printed(text: &str, null: &str) -> String {
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            if line.matches('|').count() < 3 {
                return line.to_string();
            }
            let pieces: Vec<&str> = line.split('|').collect();
            let last = pieces.len() - 1;
            pieces
                .iter()
                .enumerate()
                .map(|(i, p)| match i > 0 && i < last && p.trim().is_empty() {
                    true => format!(" {null} "),
                    false => p.to_string(),
                })
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    lines.join("\n")
}

#[test]
fn empty_cells_printed_nan_or_none_change_no_cell() {
    for null in ["nan", "NaN", "None", "<NA>"] {
        assert_reads_the_same(&format!("empty cells printed {null}"), |t| {
            empty_cells_printed(t, null)
        });
    }
}

/// `text` with each table row of three pipes or more printed by `row` from
/// its cells (markdown rule lines dropped; a markdown row's outer pipes
/// frame it, while a row's last pipe otherwise ends its last cell, maybe
/// empty), and every other line by `other`.
fn table_rows_printed(
    text: &str,
    row: impl Fn(Vec<&str>) -> String,
    other: impl Fn(&str) -> String,
) -> String {
    text.split('\n')
        .filter(|line| {
            let t = line.trim().trim_matches('|');
            !(t.starts_with("---") && t.chars().all(|c| matches!(c, '-' | '|' | ':' | ' ')))
        })
        .map(|line| {
            if line.matches('|').count() < 3 {
                return other(line);
            }
            let t = line.trim();
            let t = match t.strip_prefix('|') {
                Some(inner) => inner.strip_suffix('|').unwrap_or(inner),
                None => t,
            };
            row(t.split('|').map(str::trim).collect())
        })
        .collect()
}

/// `text` with each table row written as comma-separated values (`sep`),
/// each cell in `quote`s, as a table exported to CSV prints it.
fn rows_as_csv(text: &str, sep: &str, quote: &str) -> String {
    table_rows_printed(
        text,
        |cells| {
            let cells: Vec<String> = cells.iter().map(|c| format!("{quote}{c}{quote}")).collect();
            format!("{}\n", cells.join(sep))
        },
        |line| format!("{line}\n"),
    )
}

#[test]
fn table_rows_written_as_comma_separated_values_change_no_cell() {
    for (sep, quote) in [(",", ""), (",", "\""), (";", "")] {
        assert_reads_the_same(
            &format!("rows as values separated by {sep:?}, quoted {quote:?}"),
            |t| rows_as_csv(t, sep, quote),
        );
    }
}

/// `text` with each table row printed a cell a paragraph, each followed by
/// a blank line, an empty cell a blank line alone: as `docx2txt` writes a
/// Word table.
fn rows_as_paragraphs(text: &str) -> String {
    table_rows_printed(
        text,
        |cells| cells.iter().map(|c| format!("{c}\n\n")).collect(),
        |line| format!("{line}\n"),
    )
}

#[test]
fn table_rows_printed_a_cell_a_paragraph_change_no_cell() {
    let text =
        std::fs::read_to_string(common::corpus_dir().join("010_shuyang_fgj_2023_html_rows.txt"))
            .unwrap();
    assert!(rows_as_paragraphs(&text).contains("数量\n\n26\n\n\n\n\n\n\n\n\n\n\n\n26\n\n"));
    assert_reads_the_same("rows printed a cell a paragraph", rows_as_paragraphs);
}
