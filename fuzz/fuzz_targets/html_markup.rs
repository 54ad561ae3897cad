//! HTML built from fragments the reader must survive at any count: tags with
//! long attribute lists of every quoting, deep nesting, comments, scripts and
//! styles opened and never closed, a head with no end tag, around report text.
//! Each pair of input bytes picks a fragment and how often to repeat it (up to
//! 65,280 times), so lists long enough to exhaust a recursing tokenizer's stack
//! are reached at once. Runs on a 256 KB stack.
#![no_main]
use libfuzzer_sys::fuzz_target;

const FRAGMENTS: [&str; 32] = [
    " a=\"x\"",
    " a='x'",
    " a=x",
    " a",
    " a=\"\"",
    "a=\"x\"",
    " /",
    " a=\"x>y\"",
    "<div",
    ">",
    "<div>",
    "</div>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<td>1</td>",
    "<!--",
    "-->",
    "<script>",
    "</script>",
    "<\\/script>",
    "<style>",
    "</style>",
    "<head>",
    "</head>",
    "<body>",
    "<title>",
    "&amp;&#x31;&nbsp;",
    "<",
    "</",
    "三、收到和处理政府信息公开申请情况\n",
    "一、本年新收政府信息公开申请数量",
    "规章 | 0 | 1 |",
];

const MAX: usize = 4 << 20;

fuzz_target!(|data: &[u8]| {
    let mut html = String::new();
    for pair in data.chunks(2) {
        let frag = FRAGMENTS[usize::from(pair[0]) % FRAGMENTS.len()];
        let times = pair
            .get(1)
            .map_or(1, |&n| usize::from(n) * usize::from(n) + 1);
        if html.len() + frag.len() * times > MAX {
            break;
        }
        html.push_str(&frag.repeat(times));
    }
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let _ = ogi_report::parse_html(&html).check();
        })
        .unwrap()
        .join()
        .unwrap();
});
