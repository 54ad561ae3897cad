//! Hostile and unusual HTML: the report inside is read whatever surrounds it,
//! and no shape of markup can exhaust the stack.
#![cfg(feature = "html")]

use ogi_report::{parse, parse_html, Parsed, TableId};

/// The corpus report as HTML: rows of cells as table rows, other lines as paragraphs.
fn report_html() -> String {
    let text = include_str!("../../../tests/corpus/000_daxiang_2021_cellpipes.txt");
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut out = String::new();
    for line in text.lines() {
        if line.contains('|') {
            out.push_str("<table><tr>");
            for cell in line.split('|') {
                out.push_str(&format!("<td>{}</td>", esc(cell.trim())));
            }
            out.push_str("</tr></table>\n");
        } else {
            out.push_str(&format!("<p>{}</p>\n", esc(line)));
        }
    }
    out
}

fn page(head: &str, body: &str) -> String {
    format!("<!DOCTYPE html><html>{head}{body}</body></html>")
}

/// A kind of attribute, made for its index.
type Shape = (&'static str, fn(usize) -> String);

/// Parses on a thread with a small stack: a tokenizer that recursed per
/// attribute or per element would overflow it.
fn parse_small_stack(html: String) -> Parsed {
    std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || parse_html(&html))
        .unwrap()
        .join()
        .unwrap()
}

fn clean() -> Parsed {
    let p = parse_html(&page(
        "<head><title>报告</title></head><body>",
        &report_html(),
    ));
    for t in TableId::ALL {
        assert!(p.report.tables.present(t), "{t:?} absent in the clean page");
    }
    assert_eq!(
        p.report.get("t2.licensing.decisions").unwrap().count(),
        Some(12172)
    );
    p
}

fn assert_same_tables(p: &Parsed, what: &str) {
    assert_eq!(p.report.tables, clean().report.tables, "{what}");
}

#[test]
fn a_tag_with_many_attributes_does_not_overflow_the_stack() {
    let shapes: [Shape; 6] = [
        ("double quoted", |i| format!("a{i}=\"x\"")),
        ("double quoted, empty", |i| format!("a{i}=\"\"")),
        ("single quoted", |i| format!("a{i}='x>'")),
        ("unquoted", |i| format!("a{i}=x")),
        ("no value", |i| format!("a{i}")),
        ("slashes", |i| format!("a{i}=\"x\"/")),
    ];
    for (what, f) in &shapes {
        let list: Vec<String> = (0..200_000).map(f).collect();
        let tag = format!("<div {}>", list.join(" "));
        let html = page("<head></head><body>", &format!("{tag}{}", report_html()));
        assert_same_tables(&parse_small_stack(html), what);
    }
    // Attributes packed without spaces, and one tag left open at the end.
    let tag = format!("<div {}>", "a=\"x\"".repeat(200_000));
    assert_same_tables(
        &parse_small_stack(page("<body>", &format!("{tag}{}", report_html()))),
        "packed",
    );
    let tail = format!("<div {}", "a=\"x\" ".repeat(200_000));
    assert_same_tables(
        &parse_small_stack(page("<body>", &format!("{}{tail}", report_html()))),
        "open at the end",
    );
}

#[test]
fn deep_nesting_and_long_markup_do_not_overflow_the_stack() {
    for (open, close) in [
        ("<div>", "</div>"),
        ("<table><tr><td>", "</td></tr></table>"),
        ("<!--", "-->"),
        ("<span title='", "'>"),
        ("<script>", "</script>"),
    ] {
        let html = format!(
            "<body>{}{}{}",
            open.repeat(100_000),
            close.repeat(100_000),
            report_html()
        );
        let p = parse_small_stack(html);
        assert!(p.report.tables.present(TableId::T3), "{open}");
    }
}

#[test]
fn a_head_without_its_end_tag_loses_nothing() {
    let body = report_html();
    for head in [
        "<head><meta charset=\"utf-8\"><title>报告</title>",
        "<head><meta charset=\"utf-8\"><title>报告</title><body>",
        "<HEAD><link rel=stylesheet href=a.css>",
        "<head>",
    ] {
        let p = parse(&page(head, &body));
        assert_same_tables(&p, head);
    }
}

#[test]
fn scripts_and_styles_end_only_at_their_own_end_tag() {
    let body = report_html();
    for script in [
        r#"<script>document.write("<script src='a.js'><\/script>");</script>"#,
        r#"<script>var s = "<style>"; var t = '<head>';</script>"#,
        r#"<script type="text/javascript">if (a</b) { x = "<div><table><tr><td>1</td></tr></table>"; }</script>"#,
        r#"<script><!-- document.write("<script>x()</script>"); --></script>"#,
        r#"<style>p::before { content: "<script>"; }</style>"#,
        r#"<script/><script>var u = "</scripts>";</script>"#,
        r#"<!-- <head> <script> --><noscript>请启用脚本</noscript>"#,
        r#"<iframe><p>x</iframe>"#,
    ] {
        let p = parse(&page(
            "<head><title>报告</title></head><body>",
            &format!("{script}{body}"),
        ));
        assert_same_tables(&p, script);
        let p = parse(&page(
            &format!("<head>{script}</head>"),
            &format!("<body>{body}"),
        ));
        assert_same_tables(&p, script);
        let p = parse(&page("<body>", &format!("{body}{script}{body}")));
        assert!(p.report.tables.present(TableId::T3), "{script}");
    }
}

#[test]
fn script_text_is_not_report_text() {
    let p = parse(&page(
        "<head><script>var t = '三、收到和处理政府信息公开申请情况';</script>",
        "<body><p>一、总体情况</p>",
    ));
    assert!(!p.report.tables.present(TableId::T3));
}

/// A report page as sites publish it: menus, a breadcrumb, an info bar, the
/// report, and a footer naming the site's owner.
fn page_in_site_chrome(title: &str) -> String {
    let report = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/corpus/038_pingtan_jtj_2022_space_separated.txt"
    ))
    .unwrap();
    // The report's own heading lines go; the page's <h1> names it instead.
    let body: String = report
        .lines()
        .skip(5)
        .map(|l| format!("<p>{l}</p>\n"))
        .collect();
    format!(
        "<html><head><title>{title}</title></head><body>\
         <div class=nav><ul><li><a href=/>首页</a></li><li><a>政务服务</a></li><li><a>互动交流</a></li></ul></div>\
         <div class=crumb>当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>\
         <h1>平潭综合实验区交通与建设局2022年政府信息公开工作年度报告</h1>\
         <div>发布时间：2023-01-09 【打印本页】【关闭窗口】</div>{body}\
         <div class=foot>主办单位：平潭综合实验区管理委员会 版权所有 闽ICP备12345678号</div></body></html>"
    )
}

#[test]
fn site_menus_breadcrumbs_and_footers_are_not_the_agency() {
    let p = parse_html(&page_in_site_chrome(
        "平潭综合实验区交通与建设局2022年政府信息公开工作年度报告_平潭综合实验区交通与建设局",
    ));
    assert_eq!(
        p.report.meta.agency.as_deref(),
        Some("平潭综合实验区交通与建设局")
    );
    assert_eq!(p.report.meta.year, Some(2022));
    assert_eq!(p.report.meta.published.as_deref(), Some("2023-01-09"));
    assert!(!p
        .findings
        .iter()
        .any(|f| f.code == ogi_report::Code::MetaConflict));
}

#[test]
fn a_page_title_that_names_another_agency_is_a_note_and_the_report_s_own_stands() {
    let p = parse_html(&page_in_site_chrome(
        "平潭综合实验区财政金融局2021年政府信息公开工作年度报告",
    ));
    assert_eq!(
        p.report.meta.agency.as_deref(),
        Some("平潭综合实验区交通与建设局")
    );
    assert_eq!(p.report.meta.year, Some(2022));
    let notes: Vec<_> = p
        .findings
        .iter()
        .filter(|f| f.code == ogi_report::Code::MetaConflict)
        .collect();
    assert_eq!(notes.len(), 1, "{:?}", p.findings);
    assert!(notes[0].message_en.contains("财政金融局"));
    assert!(notes[0].message_en.contains("year 2021"));
}

#[test]
fn a_page_title_gives_the_agency_the_page_does_not() {
    let html = page_in_site_chrome("平潭综合实验区交通与建设局2022年政府信息公开工作年度报告")
        .replace(
            "<h1>平潭综合实验区交通与建设局2022年政府信息公开工作年度报告</h1>",
            "",
        );
    let p = parse_html(&html);
    assert_eq!(
        p.report.meta.agency.as_deref(),
        Some("平潭综合实验区交通与建设局")
    );
}
