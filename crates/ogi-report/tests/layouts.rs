//! Synthetic layouts: generated consistent reports, rendered into each layout
//! of docs/format.md (cell per line, rows with pipes, markdown, cell per paragraph,
//! spaces, concatenated digits, HTML), parse back to the same cells.

mod common;

use common::consistent_report;
use ogi_report::{
    parse_html, parse_text, Cell, CellRef, CellState, Format, Node, Report, T3Col, Template,
};
use proptest::prelude::*;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Layout {
    CellPerLine,
    PipeRows,
    Markdown,
    Paragraphs,
    Spaces,
    Concatenated,
    Html,
}

const LAYOUTS: [Layout; 7] = [
    Layout::CellPerLine,
    Layout::PipeRows,
    Layout::Markdown,
    Layout::Paragraphs,
    Layout::Spaces,
    Layout::Concatenated,
    Layout::Html,
];

/// The printed label of a row, from the schema's titles (the official labels).
fn title(schema: &Value, path: &str) -> String {
    let mut node = schema;
    for part in path.split('.') {
        node = &node["properties"][part];
        if node.get("oneOf").is_some() {
            node = &node["oneOf"][1];
        }
    }
    node["title"].as_str().unwrap_or_default().to_string()
}

fn value_text(c: CellRef<'_>) -> String {
    match c {
        CellRef::Count(Cell::Value(v)) => v.to_string(),
        CellRef::Money(Cell::Value(v)) => v.to_string(),
        _ => String::new(),
    }
}

/// One table row: cells joined for the layout.
fn row(layout: Layout, cells: &[String]) -> String {
    match layout {
        Layout::CellPerLine => cells.iter().map(|c| format!("{c} |\n")).collect(),
        Layout::PipeRows => format!("{}\n", cells.join(" | ")),
        Layout::Markdown => format!("| {} |\n", cells.join(" | ")),
        Layout::Paragraphs => cells.iter().map(|c| format!("{c}\n\n")).collect(),
        Layout::Spaces => format!("{}\n", cells.join(" ")),
        Layout::Concatenated => cells.concat(),
        Layout::Html => format!(
            "<tr>{}</tr>",
            cells
                .iter()
                .map(|c| format!("<td><span>{c}</span></td>"))
                .collect::<String>()
        ),
    }
}

fn table(layout: Layout, rows: &str) -> String {
    match layout {
        Layout::Html => format!("<table>{rows}</table>\n"),
        Layout::Concatenated => format!("{rows}\n"),
        _ => rows.to_string(),
    }
}

fn para(layout: Layout, text: &str) -> String {
    match layout {
        Layout::Html => format!("<p>{text}</p>\n"),
        _ => format!("{text}\n"),
    }
}

fn render(r: &Report, layout: Layout) -> String {
    let f = r.format();
    let tpl = Template::get(f);
    let schema = match f {
        Format::F2021 => ogi_report::Tables2021::schema(),
        Format::F2019 => ogi_report::Tables2019::schema(),
    };
    let year = r.meta.year.unwrap_or(2022);
    let mut out = String::new();
    if layout == Layout::Html {
        out.push_str("<html><body>");
    }
    out += &para(
        layout,
        &format!("测试县人民政府{year}年政府信息公开工作年度报告"),
    );
    out += &para(layout, "一、总体情况");
    out += &para(
        layout,
        &format!("本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"),
    );
    out += &para(layout, "二、主动公开政府信息情况");
    let mut rows = String::new();
    for (name, cols) in &tpl.t2_rows {
        let label = title(&schema, &format!("t2.{name}"));
        let label = label.rsplit('·').next().unwrap_or(&label).to_string();
        let mut cells = vec![label];
        cells.extend(
            cols.iter()
                .map(|c| value_text(r.get(&format!("t2.{name}.{c}")).unwrap())),
        );
        rows += &row(layout, &cells);
    }
    out += &table(layout, &rows);
    out += &para(layout, "三、收到和处理政府信息公开申请情况");
    let mut rows = row(
        layout,
        &[
            "申请人情况".into(),
            "自然人".into(),
            "法人或其他组织".into(),
            "总计".into(),
        ],
    );
    let mut last_group = String::new();
    for &row_id in &tpl.t3_rows {
        // Rows the report does not print: its (六) sub-rows when it prints the
        // group as one row, else that one row.
        match r.cell(row_id.cell(T3Col::Total)).map(|c| c.state()) {
            None | Some(CellState::Absent) => continue,
            _ => {}
        }
        let values = T3Col::ALL
            .iter()
            .map(|&c| value_text(r.cell(row_id.cell(c)).unwrap()));
        if row_id == ogi_report::template::OTHER_TOTAL_ROW {
            let mut cells = vec!["（六）其他处理".to_string()];
            cells.extend(values);
            rows += &row(layout, &cells);
            continue;
        }
        let mut cells = Vec::new();
        let name = row_id.path();
        let parts: Vec<&str> = name.split('.').collect();
        if parts.len() == 3 && parts[1] != last_group {
            cells.push(title(&schema, &format!("t3.{}.{}", parts[0], parts[1])));
            last_group = parts[1].to_string();
        }
        cells.push(title(&schema, &format!("t3.{name}")));
        cells.extend(values);
        rows += &row(layout, &cells);
    }
    out += &table(layout, &rows);
    out += &para(layout, "四、政府信息公开行政复议、行政诉讼情况");
    let mut header = vec!["行政复议".to_string(), "行政诉讼".to_string()];
    for _ in 0..3 {
        header.extend(
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
                .iter()
                .map(|s| s.to_string()),
        );
    }
    let values: Vec<String> = tpl
        .paths
        .iter()
        .filter(|p| p.starts_with("t4."))
        .map(|p| value_text(r.get(p).unwrap()))
        .collect();
    out += &table(layout, &(row(layout, &header) + &row(layout, &values)));
    out += &para(layout, "五、存在的主要问题及改进情况");
    out += &para(layout, "一是公开质量有待提高。");
    out += &para(layout, "六、其他需要报告的事项");
    out += &para(layout, "本年度未收取信息处理费。");
    if layout == Layout::Html {
        out.push_str("</body></html>");
    }
    out
}

fn check_round_trip(r: &Report, layout: Layout) -> Result<(), TestCaseError> {
    let text = render(r, layout);
    let parsed = if layout == Layout::Html {
        parse_html(&text)
    } else {
        parse_text(&text)
    };
    let p = &parsed.report;
    prop_assert_eq!(p.format(), r.format(), "{:?}", layout);
    prop_assert_eq!(p.meta.year, r.meta.year);
    prop_assert_eq!(
        p.meta.agency.as_deref(),
        Some("测试县人民政府"),
        "{:?}",
        layout
    );
    for (path, want) in r.cells() {
        let got = p.get(&path).unwrap();
        if layout == Layout::Concatenated {
            // Several splits may fit the rules: the truth must be among the candidates.
            let ok = got == want
                || match (got, want) {
                    (CellRef::Count(Cell::Ambiguous(c)), CellRef::Count(Cell::Value(v))) => {
                        c.contains(v)
                    }
                    (CellRef::Money(Cell::Ambiguous(c)), CellRef::Money(Cell::Value(v))) => {
                        c.contains(v)
                    }
                    _ => false,
                };
            prop_assert!(
                ok,
                "{:?} {}: got {:?}, want {:?}\n{}",
                layout,
                path,
                got,
                want,
                text
            );
        } else {
            prop_assert_eq!(got, want, "{:?} {}\n{}", layout, path, text);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn every_layout_parses_back_to_the_same_cells(
        f in prop_oneof![Just(Format::F2021), Just(Format::F2019)],
        seed in proptest::collection::vec(0i64..1000, 1..40),
    ) {
        let r = consistent_report(f, &seed);
        for layout in LAYOUTS {
            check_round_trip(&r, layout)?;
        }
    }

    /// A 2021 table printing (六)其他处理 as one row reads back in every
    /// layout: the group total under its key, the sub-rows absent.
    #[test]
    fn every_layout_reads_the_one_row_other_outcomes_back(
        seed in proptest::collection::vec(0i64..1000, 1..40),
    ) {
        let mut r = consistent_report(Format::F2021, &seed);
        common::with_other_as_one_row(&mut r);
        for layout in LAYOUTS {
            check_round_trip(&r, layout)?;
        }
    }
}

#[test]
fn blank_cells_survive_pipe_rows_and_html() {
    let mut r = consistent_report(Format::F2019, &[5, 9, 2, 7]);
    for p in [
        "t3.outcome.other.commercial",
        "t4.review.corrected",
        "t2.fees.items_change",
    ] {
        if let Some(ogi_report::CellMut::Count(c)) = r.get_mut(p) {
            *c = Cell::Blank;
        }
    }
    for layout in [Layout::PipeRows, Layout::Html] {
        check_round_trip(&r, layout).unwrap();
    }
}
