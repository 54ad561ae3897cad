//! The glyphs and ruling lines of a PDF page: a walk of its content stream
//! (text state, the CTM, fonts' ToUnicode maps and widths, paths) on the
//! objects `lopdf` parses.
//!
//! Every glyph gets the box it occupies on the page as shown (after the
//! page's `/Rotate`), in PDF points with the origin at the bottom left. Paths
//! give the ruling lines of tables: straight horizontal and vertical segments,
//! stroked, and thin filled rectangles.

use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// The most bytes one page's content (or one form) may decompress to.
pub(crate) const MAX_CONTENT: usize = 16 << 20;
/// The most operators read on one page, forms included (bounds the time of a
/// crafted page).
const MAX_OPS: usize = 2_000_000;
/// The most glyphs kept from one page.
const MAX_GLYPHS: usize = 200_000;
/// How deep forms may nest (`Do` of a form inside a form).
const MAX_FORM_DEPTH: usize = 8;

/// One glyph: its text (from the font's ToUnicode map or encoding) and box.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    pub text: String,
    /// `[x0, y0, x1, y1]` on the page as shown.
    pub bbox: [f32; 4],
    /// The font size on the page (the height of an em).
    pub size: f32,
    /// Written top to bottom (a vertical font, or a glyph turned a quarter).
    pub vertical: bool,
}

/// A ruling line: horizontal (`y0 == y1`) or vertical (`x0 == x1`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rule {
    pub fn horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() < (self.x1 - self.x0).abs()
    }
}

/// Rules for tests: a horizontal one from `x0` to `x1` at `y`.
#[cfg(test)]
pub(crate) fn h(x0: f32, x1: f32, y: f32) -> Rule {
    Rule {
        x0,
        y0: y,
        x1,
        y1: y,
    }
}

/// Rules for tests: a vertical one at `x` from `y0` to `y1`.
#[cfg(test)]
pub(crate) fn v(x: f32, y0: f32, y1: f32) -> Rule {
    Rule {
        x0: x,
        y0,
        x1: x,
        y1,
    }
}

/// What a page holds.
#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    /// Width and height of the page as shown.
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Boxes of the images drawn on the page.
    pub images: Vec<[f32; 4]>,
}

/// A matrix `[a b c d e f]` (row vectors: `p' = p × M`).
type Matrix = [f32; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// A font as the walk needs it: how to cut a string into codes, their text
/// and their advance.
pub(crate) struct Font<'a> {
    /// Codes of two bytes (a Type0 font) rather than one.
    two_byte: bool,
    /// Written top to bottom (a CMap ending in `-V`).
    vertical: bool,
    /// The ToUnicode map: code → text.
    to_unicode: Option<HashMap<u32, String>>,
    /// The encoding of a simple font without (or with an unusable) ToUnicode.
    encoding: Option<Encoding<'a>>,
    /// A Type0 font with a UCS-2 CMap: codes are UTF-16 code units.
    ucs2: bool,
    /// Horizontal advance of each code, in ems.
    widths: HashMap<u32, f32>,
    default_width: f32,
    /// Vertical advance (`w1y` of `/W2`, `/DW2`), in ems (negative: down).
    vadvance: f32,
    /// The font matrix's scales (Type3 fonts; `0.001` for the others, whose
    /// widths are in thousandths).
    scale: f32,
}

fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(&Object::Null)
}

fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> &'a Object {
    d.get(key).map(|o| deref(doc, o)).unwrap_or(&Object::Null)
}

fn array<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> &'a [Object] {
    match get(doc, d, key) {
        Object::Array(a) => a,
        _ => &[],
    }
}

impl<'a> Font<'a> {
    pub(crate) fn load(doc: &'a Document, d: &'a Dictionary) -> Result<Font<'a>, String> {
        let subtype = get(doc, d, b"Subtype").as_name().unwrap_or(b"");
        let type0 = subtype == b"Type0";
        let enc_name = get(doc, d, b"Encoding").as_name().unwrap_or(b"").to_vec();
        let mut f = Font {
            two_byte: type0,
            vertical: type0 && enc_name.ends_with(b"-V"),
            to_unicode: None,
            encoding: None,
            ucs2: type0 && (enc_name.starts_with(b"Uni") && enc_name.contains(&b'-')),
            widths: HashMap::new(),
            default_width: if type0 { 1.0 } else { 0.5 },
            vadvance: -1.0,
            scale: 0.001,
        };
        if let Ok(Object::Stream(s)) = d.get_deref(b"ToUnicode", doc) {
            let data = s
                .get_plain_content_with_limit(MAX_CONTENT)
                .map_err(|e| format!("font ToUnicode map: {e}"))?;
            f.to_unicode = Some(super::cmap::parse(&data));
        }
        if type0 {
            let desc = match array(doc, d, b"DescendantFonts")
                .first()
                .map(|o| deref(doc, o))
            {
                Some(Object::Dictionary(dd)) => Some(dd),
                _ => None,
            };
            if let Some(dd) = desc {
                if let Some(w) = num(get(doc, dd, b"DW")) {
                    f.default_width = w / 1000.0;
                }
                if let Some(w) = array(doc, dd, b"DW2").get(1).and_then(num) {
                    f.vadvance = w / 1000.0;
                }
                read_cid_widths(doc, array(doc, dd, b"W"), &mut f.widths);
            }
        } else {
            if subtype == b"Type3" {
                if let Some(a) = array(doc, d, b"FontMatrix").first().and_then(num) {
                    if a.is_finite() && a.abs() > 1e-9 && a.abs() < 1e3 {
                        f.scale = a;
                    }
                }
            }
            let first = num(get(doc, d, b"FirstChar")).unwrap_or(0.0) as u32;
            for (i, w) in array(doc, d, b"Widths").iter().enumerate().take(256) {
                if let Some(w) = num(deref(doc, w)) {
                    f.widths.insert(first + i as u32, w * f.scale);
                }
            }
            if f.to_unicode.is_none() {
                f.encoding = d.get_font_encoding_with_limit(doc, MAX_CONTENT).ok();
            }
        }
        Ok(f)
    }

    /// The codes of a string: `(code, text, advance in ems)`.
    fn codes(&self, bytes: &[u8], out: &mut Vec<(u32, String, f32)>) {
        let step = if self.two_byte { 2 } else { 1 };
        for c in bytes.chunks(step) {
            let code = c.iter().fold(0u32, |a, b| a << 8 | *b as u32);
            let text = if let Some(m) = &self.to_unicode {
                m.get(&code).cloned().unwrap_or_default()
            } else if self.ucs2 {
                String::from_utf16_lossy(&[code as u16])
            } else if let Some(e) = &self.encoding {
                e.bytes_to_string(c).unwrap_or_default()
            } else if !self.two_byte && (0x20..0x7f).contains(&code) {
                (code as u8 as char).to_string()
            } else {
                String::new()
            };
            let w = self
                .widths
                .get(&code)
                .copied()
                .unwrap_or(self.default_width);
            out.push((code, text, if w.is_finite() { w } else { 0.0 }));
        }
    }
}

/// `/W` of a CID font: `c [w1 w2 …]` or `c_first c_last w`.
fn read_cid_widths(doc: &Document, w: &[Object], out: &mut HashMap<u32, f32>) {
    let mut i = 0;
    while i < w.len() && out.len() < 70_000 {
        let Some(first) = num(deref(doc, &w[i])) else {
            return;
        };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(ws)) => {
                for (k, x) in ws.iter().enumerate().take(70_000) {
                    if let Some(x) = num(deref(doc, x)) {
                        out.insert(first.saturating_add(k as u32), x / 1000.0);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let (Some(last), Some(x)) = (num(o), w.get(i + 2).and_then(|o| num(deref(doc, o))))
                else {
                    return;
                };
                let last = (last.max(0.0) as u32).min(first.saturating_add(70_000));
                for c in first..=last {
                    out.insert(c, x / 1000.0);
                }
                i += 3;
            }
            None => return,
        }
    }
}

#[derive(Clone)]
struct GState<'a> {
    ctm: Matrix,
    font: Option<Rc<Font<'a>>>,
    font_key: Option<ObjectId>,
    size: f32,
    char_space: f32,
    word_space: f32,
    hscale: f32,
    leading: f32,
    rise: f32,
}

/// The state of one content stream's walk: the graphics state and its
/// stack, the text position, the path under construction.
struct StreamState<'a> {
    gs: GState<'a>,
    stack: Vec<GState<'a>>,
    text: TextPos,
    path: Path,
    /// The codes of the string being shown (a buffer kept between strings).
    codes: Vec<(u32, String, f32)>,
}

impl<'a> StreamState<'a> {
    /// A walk starting from the graphics state `gs`.
    fn new(gs: GState<'a>) -> Self {
        StreamState {
            gs,
            stack: Vec::new(),
            text: TextPos {
                tm: IDENTITY,
                tlm: IDENTITY,
            },
            path: Path::default(),
            codes: Vec::new(),
        }
    }

    /// The graphics state operators: `q` and `Q` (save, restore), `cm` (the
    /// CTM) and the text state's spacing, scale, leading and rise.
    fn set_state(&mut self, operator: &str, a: &[Object]) {
        let gs = &mut self.gs;
        let n = |i: usize| operand(a, i);
        match operator {
            // A crafted page may push without end: the state stack is
            // bounded (deeper pushes are ignored).
            "q" if self.stack.len() < 64 => self.stack.push(gs.clone()),
            "Q" => {
                if let Some(g) = self.stack.pop() {
                    *gs = g;
                }
            }
            "cm" if a.len() == 6 => {
                let m = [n(0), n(1), n(2), n(3), n(4), n(5)];
                gs.ctm = mul(&m, &gs.ctm);
            }
            "Tc" => gs.char_space = n(0),
            "Tw" => gs.word_space = n(0),
            "Tz" => gs.hscale = n(0) / 100.0,
            "TL" => gs.leading = n(0),
            "Ts" => gs.rise = n(0),
            _ => {}
        }
    }

    /// The text positioning operators: `BT`, `Td`, `TD` (which also sets the
    /// leading), `Tm` and `T*`.
    fn move_text(&mut self, operator: &str, a: &[Object]) {
        let n = |i: usize| operand(a, i);
        let text = &mut self.text;
        match operator {
            "BT" => {
                text.tm = IDENTITY;
                text.tlm = IDENTITY;
            }
            "Td" => text.next_line(n(0), n(1)),
            "TD" => {
                self.gs.leading = -n(1);
                text.next_line(n(0), n(1));
            }
            "Tm" if a.len() == 6 => {
                text.tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                text.tm = text.tlm;
            }
            "T*" => text.next_line(0.0, -self.gs.leading),
            _ => {}
        }
    }
}

/// The text matrix and the text line matrix.
struct TextPos {
    tm: Matrix,
    tlm: Matrix,
}

impl TextPos {
    /// Starts a line moved by `(tx, ty)` from the start of the current one.
    fn next_line(&mut self, tx: f32, ty: f32) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        self.tm = self.tlm;
    }
}

/// The path under construction: straight segments and rectangles, in user
/// space (the CTM applied when they are made).
#[derive(Default)]
struct Path {
    segs: Vec<[f32; 4]>,
    rects: Vec<[f32; 4]>,
    /// The current point, and the start of the current subpath.
    cur: Option<(f32, f32)>,
    start: Option<(f32, f32)>,
}

impl Path {
    /// The path construction operators (`m`, `l`, `c`, `v`, `y`, `h`, `re`)
    /// under the CTM `ctm`.
    fn build(&mut self, operator: &str, a: &[Object], ctm: &Matrix) {
        let n = |i: usize| operand(a, i);
        match operator {
            "m" => {
                let p = apply(ctm, n(0), n(1));
                self.cur = Some(p);
                self.start = Some(p);
            }
            "l" => {
                let p = apply(ctm, n(0), n(1));
                if let Some(c) = self.cur {
                    self.segs.push([c.0, c.1, p.0, p.1]);
                }
                self.cur = Some(p);
            }
            "c" | "v" | "y" => {
                // Curves are no ruling lines: move on to their end.
                let k = a.len();
                if k >= 2 {
                    self.cur = Some(apply(ctm, n(k - 2), n(k - 1)));
                }
            }
            "h" => {
                if let (Some(c), Some(s)) = (self.cur, self.start) {
                    self.segs.push([c.0, c.1, s.0, s.1]);
                    self.cur = Some(s);
                }
            }
            "re" => self.rectangle([n(0), n(1), n(2), n(3)], ctm),
            _ => {}
        }
    }

    /// `re` of `[x, y, width, height]`: the rectangle's box under the CTM, a
    /// new subpath at its corner.
    fn rectangle(&mut self, [x, y, w, h]: [f32; 4], ctm: &Matrix) {
        let ps = [
            apply(ctm, x, y),
            apply(ctm, x + w, y),
            apply(ctm, x + w, y + h),
            apply(ctm, x, y + h),
        ];
        let xs = ps.map(|p| p.0);
        let ys = ps.map(|p| p.1);
        self.rects.push([
            xs.iter().cloned().fold(f32::MAX, f32::min),
            ys.iter().cloned().fold(f32::MAX, f32::min),
            xs.iter().cloned().fold(f32::MIN, f32::max),
            ys.iter().cloned().fold(f32::MIN, f32::max),
        ]);
        self.cur = Some(ps[0]);
        self.start = Some(ps[0]);
    }

    /// Empties the path (once painted or ended).
    fn clear(&mut self) {
        self.segs.clear();
        self.rects.clear();
        self.cur = None;
        self.start = None;
    }
}

/// Operand `i` of an operator as a number (0 when missing or not a number).
fn operand(a: &[Object], i: usize) -> f32 {
    a.get(i).and_then(num).unwrap_or(0.0)
}

/// Fonts read once per document, by object (a font written inline in a
/// resource dictionary is read each time it is selected).
pub(crate) type FontCache<'a> = HashMap<ObjectId, Rc<Font<'a>>>;

/// Walks one page's content.
pub(crate) struct Walker<'a, 'c> {
    doc: &'a Document,
    fonts: &'c mut FontCache<'a>,
    /// Maps user space to the page as shown (rotation, origin).
    view: Matrix,
    page: Page,
    ops: usize,
    /// The first error that stopped the walk (a bomb, too many operators).
    pub error: Option<String>,
}

impl<'a, 'c> Walker<'a, 'c> {
    pub(crate) fn new(doc: &'a Document, fonts: &'c mut FontCache<'a>) -> Self {
        Walker {
            doc,
            fonts,
            view: IDENTITY,
            page: Page::default(),
            ops: 0,
            error: None,
        }
    }

    /// Reads page `id`: its glyphs, rules and images.
    pub(crate) fn page(mut self, id: ObjectId) -> Result<Page, String> {
        let doc = self.doc;
        let dict = doc
            .get_dictionary(id)
            .map_err(|e| format!("page object: {e}"))?;
        let mbox = inherited(doc, dict, b"CropBox")
            .and_then(rect)
            .or_else(|| inherited(doc, dict, b"MediaBox").and_then(rect))
            .unwrap_or([0.0, 0.0, 595.0, 842.0]);
        let rotate = inherited(doc, dict, b"Rotate")
            .and_then(num)
            .map(|r| (r as i64).rem_euclid(360))
            .unwrap_or(0);
        let (w, h) = (mbox[2] - mbox[0], mbox[3] - mbox[1]);
        // User space → the page as shown, origin at its bottom left.
        let shift = [1.0, 0.0, 0.0, 1.0, -mbox[0], -mbox[1]];
        let turn = match rotate {
            90 => [0.0, -1.0, 1.0, 0.0, 0.0, w],
            180 => [-1.0, 0.0, 0.0, -1.0, w, h],
            270 => [0.0, 1.0, -1.0, 0.0, h, 0.0],
            _ => IDENTITY,
        };
        self.view = mul(&shift, &turn);
        (self.page.width, self.page.height) = if rotate == 90 || rotate == 270 {
            (h, w)
        } else {
            (w, h)
        };
        let content = doc
            .get_page_content_with_limit(id, MAX_CONTENT)
            .map_err(|e| format!("page content: {e}"))?;
        let resources = page_resources(doc, id);
        let gs = GState {
            ctm: IDENTITY,
            font: None,
            font_key: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        self.run(&content, &resources, gs, 0);
        if let Some(e) = self.error.take() {
            if self.page.glyphs.is_empty() {
                return Err(e);
            }
        }
        Ok(self.page)
    }

    /// Walks one content stream (the page's, or a form's at `depth`) with
    /// the resources `res`, nearest first, from the graphics state `gs0`.
    fn run(&mut self, content: &[u8], res: &[&'a Dictionary], gs0: GState<'a>, depth: usize) {
        let ops = super::content::decode(content);
        let mut st = StreamState::new(gs0);
        for op in &ops {
            if self.over_budget() {
                return;
            }
            let a = &op.operands;
            match op.operator.as_str() {
                "q" | "Q" | "cm" | "Tc" | "Tw" | "Tz" | "TL" | "Ts" => {
                    st.set_state(&op.operator, a)
                }
                "BT" | "Td" | "TD" | "Tm" | "T*" => st.move_text(&op.operator, a),
                "Tf" => {
                    st.gs.size = operand(a, 1);
                    let name = a.first().and_then(|o| o.as_name().ok()).unwrap_or(b"");
                    self.select_font(&mut st.gs, res, name);
                }
                "Tj" | "'" | "\"" => self.show_string(&mut st, &op.operator, a),
                "TJ" => {
                    if let Some(Object::Array(items)) = a.first() {
                        self.show_array(&mut st, items);
                    }
                }
                "m" | "l" | "c" | "v" | "y" | "h" | "re" => {
                    st.path.build(&op.operator, a, &st.gs.ctm)
                }
                "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" | "n" => {
                    self.paint(&mut st.path, &op.operator)
                }
                "Do" => {
                    if let Some(name) = a.first().and_then(|o| o.as_name().ok()) {
                        self.draw(&st.gs, res, name, depth);
                    }
                }
                "BI" | "EI" => {
                    // An inline image: a box of the unit square.
                    self.image(&st.gs.ctm);
                }
                _ => {}
            }
        }
    }

    /// Counts one more operator; past the page's limits (operators, glyphs)
    /// notes the error and says the walk must stop.
    fn over_budget(&mut self) -> bool {
        self.ops += 1;
        if self.ops > MAX_OPS || self.page.glyphs.len() > MAX_GLYPHS {
            self.error
                .get_or_insert_with(|| "too many operators on a page".into());
            return true;
        }
        false
    }

    /// `Tj`, `'` and `"`: a string shown (the last two on the next line,
    /// `"` setting the word and character spacing first).
    fn show_string(&mut self, st: &mut StreamState<'a>, operator: &str, a: &[Object]) {
        if operator == "'" || operator == "\"" {
            if operator == "\"" {
                st.gs.word_space = operand(a, 0);
                st.gs.char_space = operand(a, 1);
            }
            st.text.next_line(0.0, -st.gs.leading);
        }
        if let Some(Object::String(s, _)) = a.last() {
            self.show(&st.gs, &mut st.text.tm, s, &mut st.codes);
        }
    }

    /// `TJ`: strings shown, and the numbers between them moving the text
    /// back (or down, in a vertical font) by thousandths of an em.
    fn show_array(&mut self, st: &mut StreamState<'a>, items: &[Object]) {
        for it in items {
            match it {
                Object::String(s, _) => self.show(&st.gs, &mut st.text.tm, s, &mut st.codes),
                o => {
                    if let Some(k) = num(o) {
                        let gs = &st.gs;
                        let d = -k / 1000.0 * gs.size;
                        let vertical = gs.font.as_ref().is_some_and(|f| f.vertical);
                        let t = if vertical {
                            [1.0, 0.0, 0.0, 1.0, 0.0, d]
                        } else {
                            [1.0, 0.0, 0.0, 1.0, d * gs.hscale, 0.0]
                        };
                        st.text.tm = mul(&t, &st.text.tm);
                    }
                }
            }
        }
    }

    /// A path painted (`S`, `f`, `B`… or ended unpainted by `n`): the rules
    /// of a stroked or filled one are kept, and the path starts afresh.
    fn paint(&mut self, path: &mut Path, operator: &str) {
        let stroke = matches!(operator, "S" | "s" | "B" | "B*" | "b" | "b*");
        let fill = !matches!(operator, "S" | "s" | "n");
        if stroke || fill {
            self.rules(&path.segs, &path.rects, stroke);
        }
        path.clear();
    }

    fn select_font(&mut self, gs: &mut GState<'a>, res: &[&'a Dictionary], name: &[u8]) {
        gs.font = None;
        gs.font_key = None;
        let doc = self.doc;
        for r in res {
            let Object::Dictionary(fonts) = get(doc, r, b"Font") else {
                continue;
            };
            let Ok(o) = fonts.get(name) else {
                continue;
            };
            let id = o.as_reference().ok();
            if let Some(f) = id.and_then(|id| self.fonts.get(&id)) {
                gs.font = Some(f.clone());
                gs.font_key = id;
                return;
            }
            let Object::Dictionary(d) = deref(doc, o) else {
                return;
            };
            match Font::load(doc, d) {
                Ok(f) => {
                    let f = Rc::new(f);
                    if let Some(id) = id {
                        self.fonts.insert(id, f.clone());
                    }
                    gs.font = Some(f);
                    gs.font_key = id;
                }
                Err(e) => {
                    self.error.get_or_insert(e);
                }
            }
            return;
        }
    }

    /// Shows the string `s` in the font of `gs`: each of its codes becomes a
    /// glyph of the page (when it has text and a finite box), and the text
    /// matrix `tm` moves past it. `codes` is a buffer kept between strings.
    fn show(
        &mut self,
        gs: &GState<'a>,
        tm: &mut Matrix,
        s: &[u8],
        codes: &mut Vec<(u32, String, f32)>,
    ) {
        let Some(font) = gs.font.clone() else {
            return;
        };
        codes.clear();
        font.codes(s, codes);
        for (code, text, w) in codes.drain(..) {
            let m = self.glyph_matrix(gs, tm);
            let at = Placement::of(&m, w, &font);
            self.keep_glyph(text, at);
            *tm = mul(&advance(gs, &font, code, w), tm);
        }
    }

    /// The matrix from the space of a glyph shown at `tm` (in ems, from its
    /// origin on the baseline) to the page as shown.
    fn glyph_matrix(&self, gs: &GState<'a>, tm: &Matrix) -> Matrix {
        let (fs, th) = (gs.size, gs.hscale);
        let m = mul(&[fs * th, 0.0, 0.0, fs, 0.0, gs.rise], &mul(tm, &gs.ctm));
        mul(&m, &self.view)
    }

    /// Keeps a glyph of `text` (NULs dropped) placed at `at`, unless its box
    /// is not finite or it has no text but U+FFFD.
    fn keep_glyph(&mut self, text: String, at: Placement) {
        let text = text.replace('\u{0}', "");
        if at.bbox.iter().all(|v| v.is_finite()) && !text.is_empty() && text != "\u{fffd}" {
            self.page.glyphs.push(Glyph {
                text,
                bbox: at.bbox,
                size: at.size,
                vertical: at.vertical,
            });
        }
    }

    /// Straight horizontal and vertical pieces of a painted path.
    fn rules(&mut self, segs: &[[f32; 4]], rects: &[[f32; 4]], stroke: bool) {
        let v = self.view;
        let mut push = |x0: f32, y0: f32, x1: f32, y1: f32| {
            let (a, b) = (apply(&v, x0, y0), apply(&v, x1, y1));
            let r = Rule {
                x0: a.0.min(b.0),
                y0: a.1.min(b.1),
                x1: a.0.max(b.0),
                y1: a.1.max(b.1),
            };
            let (dx, dy) = (r.x1 - r.x0, r.y1 - r.y0);
            if dy < 1.0 && dx > 1.5 {
                let y = (r.y0 + r.y1) / 2.0;
                self.page.rules.push(Rule { y0: y, y1: y, ..r });
            } else if dx < 1.0 && dy > 1.5 {
                let x = (r.x0 + r.x1) / 2.0;
                self.page.rules.push(Rule { x0: x, x1: x, ..r });
            }
        };
        if stroke {
            for s in segs {
                push(s[0], s[1], s[2], s[3]);
            }
        }
        for r in rects {
            let (w, h) = (r[2] - r[0], r[3] - r[1]);
            if stroke {
                push(r[0], r[1], r[2], r[1]);
                push(r[0], r[3], r[2], r[3]);
                push(r[0], r[1], r[0], r[3]);
                push(r[2], r[1], r[2], r[3]);
            } else if h <= 3.0 && w > h {
                let y = (r[1] + r[3]) / 2.0;
                push(r[0], y, r[2], y);
            } else if w <= 3.0 && h > w {
                let x = (r[0] + r[2]) / 2.0;
                push(x, r[1], x, r[3]);
            }
        }
        if self.page.rules.len() > MAX_GLYPHS {
            self.page.rules.truncate(MAX_GLYPHS);
        }
    }

    fn image(&mut self, ctm: &Matrix) {
        let m = mul(ctm, &self.view);
        let ps = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)].map(|(x, y)| apply(&m, x, y));
        let xs = ps.map(|p| p.0);
        let ys = ps.map(|p| p.1);
        if self.page.images.len() < 10_000 {
            self.page.images.push([
                xs.iter().cloned().fold(f32::MAX, f32::min),
                ys.iter().cloned().fold(f32::MAX, f32::min),
                xs.iter().cloned().fold(f32::MIN, f32::max),
                ys.iter().cloned().fold(f32::MIN, f32::max),
            ]);
        }
    }

    /// `Do`: an image (its box is noted) or a form (walked, within limits).
    fn draw(&mut self, gs: &GState<'a>, res: &[&'a Dictionary], name: &[u8], depth: usize) {
        let doc = self.doc;
        for r in res {
            let Object::Dictionary(xo) = get(doc, r, b"XObject") else {
                continue;
            };
            let Ok(o) = xo.get(name) else {
                continue;
            };
            let Object::Stream(s) = deref(doc, o) else {
                return;
            };
            match s.dict.get(b"Subtype").and_then(|o| o.as_name()) {
                Ok(b"Image") => self.image(&gs.ctm),
                Ok(b"Form") if depth < MAX_FORM_DEPTH => {
                    let content = match s.decompressed_content_with_limit(MAX_CONTENT) {
                        Ok(c) => c,
                        Err(_) if s.dict.get(b"Filter").is_err() => s.content.clone(),
                        Err(e) => {
                            self.error.get_or_insert(format!("form content: {e}"));
                            return;
                        }
                    };
                    let a = array(doc, &s.dict, b"Matrix");
                    let mut g = gs.clone();
                    if a.len() == 6 {
                        let m: Vec<f32> = a.iter().map(|o| num(o).unwrap_or(0.0)).collect();
                        g.ctm = mul(&[m[0], m[1], m[2], m[3], m[4], m[5]], &g.ctm);
                    }
                    let mut inner: Vec<&'a Dictionary> = Vec::new();
                    if let Object::Dictionary(d) = get(doc, &s.dict, b"Resources") {
                        inner.push(d);
                    }
                    inner.extend_from_slice(res);
                    self.run(&content, &inner, g, depth + 1);
                }
                _ => {}
            }
            return;
        }
    }
}

/// Where a glyph lands on the page as shown.
#[derive(Clone, Copy)]
struct Placement {
    /// `[x0, y0, x1, y1]`.
    bbox: [f32; 4],
    /// The height of an em.
    size: f32,
    /// Written top to bottom (a vertical font, or turned a quarter).
    vertical: bool,
}

impl Placement {
    /// The place of a glyph `w` ems wide in `font` under the glyph matrix `m`
    /// (see `Walker::glyph_matrix`).
    fn of(m: &Matrix, w: f32, font: &Font<'_>) -> Placement {
        let corners = if font.vertical {
            [
                (-w / 2.0, -1.0),
                (w / 2.0, -1.0),
                (-w / 2.0, 0.0),
                (w / 2.0, 0.0),
            ]
        } else {
            [(0.0, -0.12), (w, -0.12), (0.0, 0.88), (w, 0.88)]
        };
        let ps = corners.map(|(x, y)| apply(m, x, y));
        // The size of an em on the page, and whether the text runs down.
        let (ux, uy) = (m[2], m[3]);
        let (ax, ay) = (m[0], m[1]);
        Placement {
            bbox: bounds(ps),
            size: (ux * ux + uy * uy).sqrt(),
            vertical: font.vertical || ay.abs() > ax.abs(),
        }
    }
}

/// The box `[x0, y0, x1, y1]` around four points.
fn bounds(ps: [(f32, f32); 4]) -> [f32; 4] {
    let xs = ps.map(|p| p.0);
    let ys = ps.map(|p| p.1);
    [
        xs.iter().cloned().fold(f32::MAX, f32::min),
        ys.iter().cloned().fold(f32::MAX, f32::min),
        xs.iter().cloned().fold(f32::MIN, f32::max),
        ys.iter().cloned().fold(f32::MIN, f32::max),
    ]
}

/// The move of the text matrix past a glyph of `code`, `w` ems wide, in
/// `font` under `gs`: its advance, plus the character spacing, plus the word
/// spacing after a one-byte space.
fn advance(gs: &GState<'_>, font: &Font<'_>, code: u32, w: f32) -> Matrix {
    let fs = gs.size;
    let single_space = !font.two_byte && code == 32;
    let extra = gs.char_space + if single_space { gs.word_space } else { 0.0 };
    if font.vertical {
        [1.0, 0.0, 0.0, 1.0, 0.0, font.vadvance * fs + extra]
    } else {
        [1.0, 0.0, 0.0, 1.0, (w * fs + extra) * gs.hscale, 0.0]
    }
}

/// A page attribute, looked up through the page tree's parents.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut d = page;
    for _ in 0..32 {
        if let Ok(o) = d.get(key) {
            return Some(deref(doc, o));
        }
        match d.get(b"Parent").map(|o| deref(doc, o)) {
            Ok(Object::Dictionary(p)) => d = p,
            _ => return None,
        }
    }
    None
}

fn rect(o: &Object) -> Option<[f32; 4]> {
    let a = o.as_array().ok()?;
    if a.len() != 4 {
        return None;
    }
    let v: Vec<f32> = a.iter().filter_map(num).collect();
    if v.len() != 4 {
        return None;
    }
    let r = [
        v[0].min(v[2]),
        v[1].min(v[3]),
        v[0].max(v[2]),
        v[1].max(v[3]),
    ];
    (r[2] - r[0] > 1.0 && r[3] - r[1] > 1.0 && r[2] - r[0] < 20_000.0 && r[3] - r[1] < 20_000.0)
        .then_some(r)
}

/// The resource dictionaries of a page, nearest first.
fn page_resources(doc: &Document, id: ObjectId) -> Vec<&Dictionary> {
    let mut out = Vec::new();
    if let Ok((d, ids)) = doc.get_page_resources(id) {
        out.extend(d);
        for id in ids {
            if let Ok(d) = doc.get_dictionary(id) {
                out.push(d);
            }
        }
    }
    out
}
