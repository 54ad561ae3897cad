"""The text peer: what an analyst would write in an afternoon to check a report's
text without ogi_report. It finds each table row by its label (str.find, in
table order), reads the row's cells from the text after the label, builds the
nested dict ogi_report's `to_dict` makes (same keys), and validates it with the
pydantic model and table rules of peer_pydantic.py.

Reading a row: the text from the end of its label to the start of the next
label found is the row's stretch. Line by line, a line with `|` or tab
separators gives one cell per separator (a blank between separators is a blank
cell; the rest of the label's own cell, a markdown row's leading and trailing
pipe, and `|---|` lines are dropped); a line without separators gives its
numbers (`\\d+`), and one run of exactly as many digits as the row has
columns is read digit by digit (the all-zero rows of concatenated texts).
Table 4 is the first 15 cells after its header (from "行政复议" after table 3;
text between groups of five is skipped, as in one markdown table per group).
Markdown headings (`#` lines) are skipped. The format is 2019 when the text has
the 2019 template's table 2 columns, or "其他处理" without the 2021 template's
"逾期不补正" row.

It knows nothing of labels split over lines, numbers of more than one digit run
together, OCR mistakes, page furniture or prose inside tables: it is a peer for
speed, and reads fewer cells right than ogi_report (bench.py prints how many).
"""

import re
from typing import Any, Dict, List, Optional, Sequence, Tuple

import peer_pydantic

Cell = Any  # int, None (blank) or str (a mark such as "/", or an amount)

COLUMNS = peer_pydantic.COLUMNS

# Table 3 rows of the 2021 template: (path, label). The label is searched after
# the previous row's, so short labels ("其他", "总计") find the row, not the header.
T3_ROWS_2021: Tuple[Tuple[str, str], ...] = (
    ("new_received", "本年新收政府信息公开申请数量"),
    ("carried_over", "上年结转政府信息公开申请数量"),
    ("outcome.disclosed", "予以公开"),
    ("outcome.partly_disclosed", "部分公开"),
    ("outcome.withheld.state_secret", "属于国家秘密"),
    ("outcome.withheld.prohibited_by_law", "其他法律行政法规禁止公开"),
    ("outcome.withheld.security_stability", "三安全一稳定"),
    ("outcome.withheld.third_party", "保护第三方合法权益"),
    ("outcome.withheld.internal_affairs", "属于三类内部事务信息"),
    ("outcome.withheld.process_info", "属于四类过程性信息"),
    ("outcome.withheld.enforcement_files", "属于行政执法案卷"),
    ("outcome.withheld.inquiry", "属于行政查询事项"),
    ("outcome.unable.not_held", "本机关不掌握相关政府信息"),
    ("outcome.unable.needs_creation", "没有现成信息需要另行制作"),
    ("outcome.unable.unclear", "补正后申请内容仍不明确"),
    ("outcome.rejected.petition", "信访举报投诉类申请"),
    ("outcome.rejected.duplicate", "重复申请"),
    ("outcome.rejected.publication", "要求提供公开出版物"),
    ("outcome.rejected.repetitive", "无正当理由大量反复申请"),
    ("outcome.rejected.confirmation", "要求行政机关确认或重新出具"),
    ("outcome.other.no_correction", "逾期不补正"),
    ("outcome.other.unpaid_fee", "未按收费通知要求缴纳费用"),
    ("outcome.other.other", "其他"),
    ("outcome.total", "总计"),
    ("carried_forward", "结转下年度继续办理"),
)
# The 2019 template has one row "（六）其他处理" where 2021 has a group of three.
T3_ROWS_2019: Tuple[Tuple[str, str], ...] = (
    T3_ROWS_2021[:20] + (("outcome.other", "其他处理"),) + T3_ROWS_2021[23:])

# Table 2 rows: (key, label, columns, amount columns).
T2Row = Tuple[str, str, Tuple[str, ...], Tuple[str, ...]]
T2_ROWS_2021: Tuple[T2Row, ...] = (
    ("regulations", "规章", ("issued", "abolished", "in_force"), ()),
    ("normative_documents", "规范性文件", ("issued", "abolished", "in_force"), ()),
    ("licensing", "行政许可", ("decisions",), ()),
    ("penalties", "行政处罚", ("decisions",), ()),
    ("coercive_measures", "行政强制", ("decisions",), ()),
    ("fees", "行政事业性收费", ("amount_wan_yuan",), ("amount_wan_yuan",)),
)
_ITEMS = ("items_last_year", "items_change", "decisions")
T2_ROWS_2019: Tuple[T2Row, ...] = (
    ("regulations", "规章", ("made", "published", "published_total"), ()),
    ("normative_documents", "规范性文件", ("made", "published", "published_total"), ()),
    ("licensing", "行政许可", _ITEMS, ()),
    ("other_services", "其他对外管理服务事项", _ITEMS, ()),
    ("penalties", "行政处罚", _ITEMS, ()),
    ("coercive_measures", "行政强制", _ITEMS, ()),
    ("fees", "行政事业性收费", _ITEMS[:2], ()),
    ("procurement", "政府集中采购", ("projects", "amount"), ("amount",)),
)
T4_GROUPS = ("review", "litigation_direct", "litigation_after_review")
T4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")

NUM = re.compile(r"\d+")
AMOUNT = re.compile(r"\d+(?:\.\d+)?")
YEAR = re.compile(r"(20\d\d)\s*年")
# A list item's number or a sub-row's "（三）" (and any label text after it) at the end
# of a stretch, before the next label: "00000003.危及“" is the row "0000000".
ITEM_TAIL = re.compile(r"(?:\d[.．、]|[（(][一二三四五六七八][)）])\D*$")
MD_RULE = re.compile(r"^[\s|:]*-{3,}[\s|:-]*$")
# Table 4, a line without separators: numbers and runs of other characters.
TOKENS = re.compile(r"\d+|[^\d\s|]+")
TEXT = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def _find(text: str, label: str, start: int, stop: int) -> int:
    """The first occurrence of `label` in text[start:stop] outside a markdown heading, or -1."""
    i = text.find(label, start, stop)
    while i >= 0:
        line_start = text.rfind("\n", 0, i) + 1
        if text[line_start] != "#":
            return i
        i = text.find(label, i + len(label), stop)
    return -1


def _split(line: str, first: bool) -> Optional[List[str]]:
    """The cells of a line with `|` or tab separators (None if it has none).

    `first`: the line holds the label, whose cell's rest is dropped."""
    sep = "|" if "|" in line else "\t" if "\t" in line else None
    if sep is None:
        return None
    parts = line.split(sep)
    if len(parts) > 1 and parts[-1] == "":
        parts.pop()  # the pipe that ends a row or a one-cell line ("0 |")
    if first:
        return parts[1:]
    if len(parts) > 1 and line.startswith(sep):
        return parts[1:]  # a markdown row's leading pipe
    return parts


def _cell(s: str, amount: bool) -> Cell:
    """A cell's value: int, None when blank, the number as text for an amount, else the text."""
    s = s.strip()
    if not s:
        return None
    if amount:
        m = AMOUNT.search(s)
        return m.group() if m else s
    return int(s) if s.isascii() and s.isdigit() else s


def _row(stretch: str, n: int, amounts: Sequence[bool]) -> List[Cell]:
    """Up to `n` cells read from the text after a row's label."""
    cells: List[Cell] = []
    first = True
    for line in stretch.split("\n"):
        if line.startswith("#") or ("---" in line and MD_RULE.match(line)):
            continue
        parts = _split(line.rstrip("\r"), first)
        if parts is not None:
            for p in parts:
                cells.append(_cell(p, amounts[len(cells)] if len(cells) < n else False))
        else:
            amount = amounts[len(cells)] if len(cells) < n else False
            nums = (AMOUNT if amount else NUM).findall(line)
            if not cells and n > 1 and len(nums) == 1 and len(nums[0]) == n:
                cells.extend(int(d) for d in nums[0])  # concatenated one-digit cells
            else:
                cells.extend(x if amount else int(x) for x in nums)
        first = False
        if len(cells) >= n:
            break
    return cells[:n]


Rows = List[Optional[List[Cell]]]


def _rows(text: str, labels: Sequence[str], start: int, stop: int,
          ns: Sequence[int], amounts: Sequence[Sequence[bool]]) -> Tuple[Rows, int]:
    """Finds the labels in order and reads each row's cells (None for a label not found);
    also returns where the last label found ends."""
    spans: List[Tuple[int, int, int]] = []  # (row index, label end, label start)
    pos = start
    for k, label in enumerate(labels):
        i = _find(text, label, pos, stop)
        if i >= 0:
            spans.append((k, i + len(label), i))
            pos = i + len(label)
    out: Rows = [None] * len(labels)
    for j, (k, a, _) in enumerate(spans):
        b = spans[j + 1][2] if j + 1 < len(spans) else min(stop, a + 400)
        stretch = text[a:b]
        m = ITEM_TAIL.search(stretch)
        if m:
            stretch = stretch[: m.start()]
        out[k] = _row(stretch, ns[k], amounts[k])
    return out, pos


def _nest(d: Dict[str, Any], path: str, value: Any) -> None:
    """Sets d[a][b][c] = value for path "a.b.c", making the dicts on the way."""
    keys = path.split(".")
    for k in keys[:-1]:
        d = d.setdefault(k, {})
    d[keys[-1]] = value


def read_t3(text: str, fmt: str) -> Tuple[Optional[Dict[str, Any]], int]:
    """Table 3 in nested form (None if no row was found), and where its last label ends."""
    start = text.find("本年新收政府信息公开申请数量")
    if start < 0:
        start = text.find("申请人情况")
    if start < 0:
        return None, 0
    stop = text.find("行政复议", start)  # table 4's heading
    rows = T3_ROWS_2019 if fmt == "2019" else T3_ROWS_2021
    no_amounts = (False,) * 7
    cells, end = _rows(text, [label for _, label in rows], start,
                       stop if stop >= 0 else len(text),
                       [7] * len(rows), [no_amounts] * len(rows))
    if all(c is None for c in cells):
        return None, 0
    t3: Dict[str, Any] = {}
    for (path, _), row in zip(rows, cells):
        row = row or []
        _nest(t3, path, {c: row[i] if i < len(row) else None for i, c in enumerate(COLUMNS)})
    return t3, end


def read_t2(text: str, fmt: str) -> Optional[Dict[str, Any]]:
    """Table 2 in nested form, searched from "第二十条" to table 3's heading
    (None if absent)."""
    start = text.find("第二十条")
    if start < 0:
        return None
    stop = text.find("收到和处理政府信息公开申请情况", start)
    if stop < 0:
        stop = text.find("本年新收政府信息公开申请数量", start)
    if stop < 0:
        stop = len(text)
    rows = T2_ROWS_2019 if fmt == "2019" else T2_ROWS_2021
    cells, _ = _rows(text, [r[1] for r in rows], start, stop,
                     [len(r[2]) for r in rows], [[c in r[3] for c in r[2]] for r in rows])
    if all(c is None for c in cells):
        return None
    t2: Dict[str, Any] = {}
    for (key, _, cols, _), row in zip(rows, cells):
        row = row or []
        t2[key] = {c: row[i] if i < len(row) else None for i, c in enumerate(cols)}
    return t2


def read_t4(text: str, start: int) -> Optional[Dict[str, Any]]:
    """Table 4 in nested form: the 15 cells after the header that follows the first
    "行政复议" from `start` (None if none were found).

    Header text before the first number is skipped; text after numbers ends the
    table unless it falls between two groups of five (one table per group)."""
    anchor = text.find("行政复议", start)
    if anchor < 0:
        return None
    stop = text.find("五、", anchor)
    region = text[anchor: stop if stop >= 0 else anchor + 2000]
    vals: List[Cell] = []
    for line in region.split("\n"):
        if line.startswith("#") or ("---" in line and MD_RULE.match(line)):
            continue
        parts = _split(line.rstrip("\r"), False)
        tokens = parts if parts is not None else TOKENS.findall(line)
        has_num = any(t.strip().isdigit() for t in tokens)
        for t in tokens:
            t = t.strip()
            if TEXT.search(t):
                if len(vals) % 5 == 0:  # the header, or a heading between two groups
                    continue
                return _t4(vals)
            if t.isascii() and t.isdigit():
                if len(t) == 15 and not vals:
                    vals.extend(int(d) for d in t)  # concatenated one-digit cells
                else:
                    vals.append(int(t))
            elif vals or has_num:
                vals.append(t or None)
            if len(vals) >= 15:
                return _t4(vals)
    return _t4(vals) if vals else None


def _t4(vals: List[Cell]) -> Dict[str, Any]:
    """Table 4's nested form from its cells in reading order."""
    vals = vals + [None] * (15 - len(vals))
    return {g: {c: vals[5 * i + j] for j, c in enumerate(T4_COLUMNS)}
            for i, g in enumerate(T4_GROUPS)}


def detect_format(text: str) -> str:
    """ "2019" when the text has the 2019 template's table 2 columns or its single
    "其他处理" row (no "逾期不补正" row of the 2021 template), else "2021"."""
    if "本年新制作数量" in text or "上一年项目数量" in text:
        return "2019"
    if "其他处理" in text and "逾期不补正" not in text:
        return "2019"
    return "2021"


def parse(text: str) -> Dict[str, Any]:
    """The nested form of a report's text: format, year and tables 2, 3 and 4."""
    fmt = detect_format(text)
    t3, t3_end = read_t3(text, fmt)
    m = YEAR.search(text)
    return {
        "format": fmt,
        "year": int(m.group(1)) if m else None,
        "t2": read_t2(text, fmt),
        "t3": t3,
        "t4": read_t4(text, t3_end),
    }


def check(text: str) -> List[peer_pydantic.Violation]:
    """Parses the text and validates it: the pydantic model, then the table rules."""
    return peer_pydantic.validate(parse(text))
