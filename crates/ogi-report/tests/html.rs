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
