#!/usr/bin/env python3
"""Accuracy on variants of the corpus reports: the layouts that real extractors
and analysts' scripts produce and the corpus does not show.

Each family rewrites the reports that have a truth file (tests/corpus/truth and
tests/corpus/layout8/*.truth.json) the way one tool or one habit would: page
footers run into the tables, a row-number column, blank cells printed `nan`,
rows exported as CSV, HTML as BeautifulSoup or html2text turn it into text, the
PDFs as PyMuPDF, pdfplumber or pdfminer read them, the Word files as docx2txt or
python-docx do. `ogi parse --format flat` reads each variant and every cell is
compared with the truth:

  exact      the truth's value
  cand       ambiguous, the truth among the candidates
  cand_bad   ambiguous, the truth not among them
  unread     unread or absent (with its reason)
  WRONG      a confident value that is not the truth's: the project's first rule
             is that there is none

Run from the repository root, after `cargo build --release -p ogi-cli`:

    python3 benches/accuracy/variants.py [--ogi target/release/ogi] [--family NAME]

The text, CSV and HTML families need nothing beyond Python. The extractor
families need `pip install beautifulsoup4 lxml html2text pymupdf pdfplumber
pdfminer.six docx2txt python-docx` (in a virtual environment); a family whose
packages are missing is skipped and says so. Results: BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from typing import Callable, Dict, Iterator, List, Tuple

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CORPUS = os.path.join(ROOT, "tests", "corpus")
L8 = os.path.join(CORPUS, "layout8")
OGI = os.path.join(ROOT, "target", "release", "ogi")

# (name, text, truth, suffix) of one variant.
Variant = Tuple[str, str, dict, str]


def parse(text: str, suffix: str = ".txt") -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False, encoding="utf-8") as f:
        f.write(text)
        path = f.name
    try:
        out = subprocess.run([OGI, "parse", path, "--format", "flat"],
                             capture_output=True, text=True, check=True)
        return json.loads(out.stdout)["cells"]
    finally:
        os.unlink(path)


def compare(cells: dict, truth: dict, tally: dict, wrongs: List[str], name: str) -> None:
    for key, want in truth["cells"].items():
        if want == "ambiguous":
            continue
        got = cells.get(key)
        tally["cells"] += 1
        if isinstance(got, dict) and "ambiguous" in got:
            tally["cand" if want in got["ambiguous"] else "cand_bad"] += 1
        elif got is None and key not in cells:
            tally["unread"] += 1
        elif isinstance(got, dict):
            tally["unread"] += 1
        elif got == want or (isinstance(want, str) and str(got) == want):
            tally["exact"] += 1
        else:
            tally["WRONG"] += 1
            wrongs.append(f"{name}: {key} read {got!r}, truth {want!r}")


# ---- inputs -------------------------------------------------------------------

def corpus_texts() -> Iterator[Tuple[str, str, dict]]:
    for path in sorted(glob.glob(os.path.join(CORPUS, "truth", "*.json"))):
        name = os.path.basename(path)[:-5]
        with open(os.path.join(CORPUS, name + ".txt"), encoding="utf-8") as f:
            text = f.read()
        with open(path, encoding="utf-8") as f:
            yield name, text, json.load(f)


def layout8(ext: str) -> Iterator[Tuple[str, str, dict]]:
    for path in sorted(glob.glob(os.path.join(L8, "*." + ext))):
        name = os.path.basename(path)[: -len(ext) - 1]
        truth = os.path.join(L8, name + ".truth.json")
        if os.path.exists(truth):
            with open(truth, encoding="utf-8") as f:
                yield name, path, json.load(f)


# ---- families: text ---------------------------------------------------------------

ROW_START = re.compile(r"（[一二三四五六七]）|(?<![0-9])[1-8]\.|[二三四]、")


def page_footers() -> Iterator[Variant]:
    """A page footer at every other row boundary of table 3, on its own line
    in line-based texts and run into the line in one-line texts."""
    for name, text, truth in corpus_texts():
        a = text.find("收到和处理政府信息公开申请")
        b = text.find("行政复议", a + 200)
        if a < 0:
            continue
        b = len(text) if b < 0 else b
        starts = sorted({m.start() + a for m in ROW_START.finditer(text[a:b])})[::2]
        one_line = "\n" not in text[a:b]
        for footer in [" - 3 - ", "— 3 —", "第3页", "-3-", " 第 3 页 共 8 页 "]:
            for at in starts:
                if one_line:
                    v = text[:at] + footer + text[at:]
                else:
                    line = text.rfind("\n", 0, at)
                    at = line if line >= 0 else at
                    v = text[:at] + "\n" + footer.strip() + text[at:]
                yield f"{name} {footer!r}@{at}", v, truth, ".txt"


def piped_rows(text: str, rewrite: Callable[[str, int], str]) -> str:
    out, k = [], 0
    for line in text.split("\n"):
        if line.count("|") >= 3 and re.search(r"\d", line) and not re.match(r"^\s*\|?\s*-{3}", line):
            k += 1
            line = rewrite(line, k)
        out.append(line)
    return "\n".join(out)


def row_shapes() -> Iterator[Variant]:
    """Rows of pipes with a row-number column, an extra empty column, blanks
    printed as pandas and Python print them."""
    shapes = {
        "row number": lambda l, k: (f"| {k} " + l) if l.lstrip().startswith("|") else f"{k} | " + l,
        "trailing empty": lambda l, k: l.rstrip() + (" |  |" if l.rstrip().endswith("|") else " | "),
        "nan": lambda l, k: re.sub(r"\|\s+(?=\|)", "| nan ", l),
        "None": lambda l, k: re.sub(r"\|\s+(?=\|)", "| None ", l),
    }
    for name, text, truth in corpus_texts():
        for shape, f in shapes.items():
            yield f"{name} {shape}", piped_rows(text, f), truth, ".txt"


def as_delimited(text: str, sep: str, quote: bool) -> str:
    out = []
    for line in text.split("\n"):
        if re.match(r"^\s*\|?\s*-{3}", line):
            continue
        if line.count("|") >= 2:
            s = line.strip()
            s = s[1:] if s.startswith("|") else s
            s = s[:-1] if s.endswith("|") else s
            cells = [c.strip() for c in s.split("|")]
            line = sep.join(f'"{c}"' if quote else c for c in cells)
        out.append(line)
    return "\n".join(out)


def delimited() -> Iterator[Variant]:
    """Rows of pipes exported as CSV (plain, quoted, semicolons) or TSV."""
    for name, text, truth in corpus_texts():
        for label, sep, quote in [("csv", ",", False), ("csv quoted", ",", True),
                                  ("semicolons", ";", False), ("tsv", "\t", False)]:
            yield f"{name} {label}", as_delimited(text, sep, quote), truth, ".txt"


# ---- families: HTML ----------------------------------------------------------------

def cells_of(f: Callable[[str], str]) -> Callable[[str], str]:
    return lambda h: re.sub(r"<td([^>]*)>(.*?)</td>",
                            lambda m: "<td%s>%s</td>" % (m.group(1), f(m.group(2))), h, flags=re.S)


def numbers_of(f: Callable[[str], str]) -> Callable[[str], str]:
    return cells_of(lambda s: f(s) if re.fullmatch(r"\s*\d+\s*", s) else s)


def html_pages() -> Iterator[Variant]:
    """The HTML fixtures with Word's markup, split digit runs, entities, no
    closing tags, extra empty cells, a table split by a page footer..."""
    def split_t3(h: str) -> str:
        i = h.find("（三）不予公开")
        j = h.rfind("<tr", 0, i)
        return h[:j] + "</table><p>第 3 页</p><table>" + h[j:] if j > 0 else h
    shapes = {
        "word markup": cells_of(lambda s: "<p class=MsoNormal align=center><span lang=EN-US "
                                          "style='font-size:10.5pt'>%s<o:p></o:p></span></p>" % s),
        "digits in spans": numbers_of(lambda s: "".join("<span>%s</span>" % c for c in s.strip())),
        "nbsp blanks": cells_of(lambda s: "&nbsp;" if not s.strip() else s),
        "entities": numbers_of(lambda s: "".join("&#%d;" % ord(c) for c in s.strip())),
        "full-width digits": numbers_of(lambda s: s.translate(str.maketrans("0123456789", "０１２３４５６７８９"))),
        "no closing tags": lambda h: h.replace("</td>", "").replace("</tr>", ""),
        "extra empty cell": lambda h: h.replace("</tr>", "<td></td></tr>"),
        "table split by a footer": split_t3,
        "pretty-printed cells": cells_of(lambda s: "\n        %s\n      " % s),
    }
    for name, path, truth in layout8("html"):
        with open(path, encoding="utf-8") as f:
            html = f.read()
        for shape, f in shapes.items():
            yield f"{name} {shape}", f(html), truth, ".html"


def html_as_text() -> Iterator[Variant]:
    """HTML taken as text by BeautifulSoup's get_text and by html2text."""
    from bs4 import BeautifulSoup
    import html2text

    def h2t(h: str) -> str:
        x = html2text.HTML2Text()
        x.body_width = 0
        return x.handle(h)
    tools = {
        "get_text()": lambda h: BeautifulSoup(h, "lxml").get_text(),
        "get_text('\\n')": lambda h: BeautifulSoup(h, "lxml").get_text("\n"),
        "get_text(' ', strip=True)": lambda h: BeautifulSoup(h, "lxml").get_text(" ", strip=True),
        "get_text('|', strip=True)": lambda h: BeautifulSoup(h, "lxml").get_text("|", strip=True),
        "get_text('\\t')": lambda h: BeautifulSoup(h, "lxml").get_text("\t"),
        "html2text": h2t,
    }
    for name, path, truth in layout8("html"):
        with open(path, encoding="utf-8") as f:
            html = f.read()
        for tool, f in tools.items():
            yield f"{name} {tool}", f(html), truth, ".txt"


def pdf_as_text() -> Iterator[Variant]:
    """The PDF fixtures as PyMuPDF, pdfplumber (text, and tables joined by
    ' | ') and pdfminer read them."""
    import logging
    import pymupdf
    import pdfplumber
    from pdfminer.high_level import extract_text
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    def mupdf(p: str, **kw) -> str:
        return "\n".join(page.get_text(**kw) for page in pymupdf.open(p))

    def plumber(p: str, tables: bool = False) -> str:
        out = []
        with pdfplumber.open(p) as d:
            for page in d.pages:
                out.append(page.extract_text() or "")
                if tables:
                    for t in page.extract_tables():
                        out += [" | ".join("" if c is None else c.replace("\n", "") for c in r) for r in t]
        return "\n".join(out)
    tools = {
        "pymupdf": lambda p: mupdf(p),
        "pymupdf sort": lambda p: mupdf(p, sort=True),
        "pdfplumber": lambda p: plumber(p),
        "pdfplumber + tables": lambda p: plumber(p, True),
        "pdfminer": extract_text,
    }
    for name, path, truth in layout8("pdf"):
        for tool, f in tools.items():
            with contextlib.redirect_stderr(io.StringIO()):
                text = f(path)
            yield f"{name} {tool}", text, truth, ".txt"


def docx_as_text() -> Iterator[Variant]:
    """The Word fixtures as docx2txt and python-docx (cells joined by tabs,
    pipes or spaces) read them."""
    import docx
    import docx2txt

    def pydocx(p: str, sep: str) -> str:
        d, out = docx.Document(p), []
        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        for child in d.element.body.iterchildren():
            if child.tag == w + "p":
                out.append("".join(t.text or "" for t in child.iter(w + "t")))
            elif child.tag == w + "tbl":
                for r in docx.table.Table(child, d).rows:
                    out.append(sep.join(c.text.replace("\n", "") for c in r.cells))
        return "\n".join(out)
    tools = {
        "docx2txt": docx2txt.process,
        "python-docx tabs": lambda p: pydocx(p, "\t"),
        "python-docx pipes": lambda p: pydocx(p, " | "),
        "python-docx spaces": lambda p: pydocx(p, " "),
    }
    for name, path, truth in layout8("docx"):
        for tool, f in tools.items():
            yield f"{name} {tool}", f(path), truth, ".txt"


FAMILIES: Dict[str, Callable[[], Iterator[Variant]]] = {
    "page footers": page_footers,
    "row shapes": row_shapes,
    "csv/tsv": delimited,
    "html pages": html_pages,
    "html as text": html_as_text,
    "pdf as text": pdf_as_text,
    "docx as text": docx_as_text,
}


def main() -> int:
    global OGI
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ogi", default=OGI)
    ap.add_argument("--family", choices=sorted(FAMILIES))
    ap.add_argument("--wrongs", type=int, default=10, help="confident wrong values listed per family")
    args = ap.parse_args()
    OGI = args.ogi
    print("| family | variants | cells | exact | cand | cand_bad | unread | WRONG |")
    print("|---|---|---|---|---|---|---|---|")
    listed: List[str] = []
    total_wrong = 0
    for fam, make in FAMILIES.items():
        if args.family and fam != args.family:
            continue
        tally = dict.fromkeys(["variants", "cells", "exact", "cand", "cand_bad", "unread", "WRONG"], 0)
        wrongs: List[str] = []
        try:
            for name, text, truth, suffix in make():
                tally["variants"] += 1
                compare(parse(text, suffix), truth, tally, wrongs, name)
        except ImportError as e:
            print(f"| {fam} | skipped: {e.name} not installed | | | | | | |")
            continue
        total_wrong += tally["WRONG"]
        print("| " + " | ".join([fam] + [f"{tally[k]:,}" for k in tally]) + " |")
        listed += wrongs[: args.wrongs]
    for w in listed:
        print("WRONG", w)
    return 0


if __name__ == "__main__":
    sys.exit(main())
