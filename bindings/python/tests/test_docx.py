"""Files read by their content: DOCX read by its tables, legacy .doc/.wps and
other binary files refused with one finding, and the provenance of a cell."""

import json
from decimal import Decimal
from typing import Any, Dict

import ogi_report
from ogi_report import Finding

from conftest import CORPUS

LAYOUT8 = CORPUS / "layout8"
DOCX = LAYOUT8 / "000_daxiang_2021_plain.docx"


def truth() -> Dict[str, Any]:
    data: Dict[str, Any] = json.loads(
        (LAYOUT8 / "000_daxiang_2021_plain.truth.json").read_text(encoding="utf-8")
    )
    return data


def test_a_docx_is_read_by_its_cells() -> None:
    data = DOCX.read_bytes()
    report = ogi_report.parse(data)
    t = truth()
    assert report.format == t["format"] and report.year == t["year"]
    for path, want in t["cells"].items():
        got = report.cell(path)
        if want == "n/a":
            assert isinstance(got, str), path
        elif isinstance(want, str):  # an amount: an exact decimal string
            assert isinstance(got, str) and Decimal(got) == Decimal(want), path
        else:
            assert got == want, path
    assert ogi_report.parse(data, kind="docx") == report
    res = ogi_report.check(data)
    assert res.kind == "docx"
    assert not [f for f in res.findings if f.code.startswith("input.")]
    many = ogi_report.check_many([data, bytearray(data)])
    assert [r.kind for r in many] == ["docx", "docx"]
    assert many[0].report == report


def test_a_cells_finding_names_its_table_row_and_cell() -> None:
    # Every finding on a cell of the DOCX fixtures (blanks breaking an
    # equation, failing equations) carries the cell's table, row and cell.
    found = []
    for p in sorted(LAYOUT8.glob("*.docx")):
        res = ogi_report.check(p.read_bytes())
        for f in res.findings:
            if f.path.startswith(("t2.", "t3.", "t4.")) and f.source is not None:
                found.append(f)
    assert found, "no finding on a cell in the DOCX fixtures"
    for f in found:
        assert f.source is not None
        assert isinstance(f.source["table"], int)
        assert isinstance(f.source["row"], int)
        assert isinstance(f.source["cell"], int)
        assert "page" not in f.source
        assert {"line", "start", "end", "inferred"} <= set(f.source)
        assert f.to_dict()["source"] == f.source


def ole2(stream: str) -> bytes:
    head = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).ljust(512, b"\0")
    return (head + stream.encode("utf-16-le")).ljust(2048, b"\0")


def only(res: ogi_report.CheckResult, code: str) -> Finding:
    assert [f.code for f in res.findings] == [code], res.findings
    assert res.report.format is None
    assert res.report.tables_present == {"t2": False, "t3": False, "t4": False}
    return res.findings[0]


def test_a_legacy_doc_or_wps_file_is_one_unsupported_finding() -> None:
    f = only(ogi_report.check(ole2("WordDocument")), "input.unsupported")
    assert f.severity == "error"
    assert ".doc" in f.message_en and ".wps" in f.message_en
    assert "DOCX or PDF" in f.message_en and "DOCX 或 PDF" in f.message
    # check_many goes on past it.
    res = ogi_report.check_many([ole2("WordDocument"), DOCX.read_bytes()])
    assert res[0].findings[0].code == "input.unsupported"
    assert res[1].report.format == "2021"


def test_an_xlsx_and_a_damaged_docx_are_named() -> None:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    f = only(ogi_report.check(buf.getvalue()), "input.unsupported")
    assert "Excel" in f.message_en
    data = DOCX.read_bytes()
    f = only(ogi_report.check(data[: len(data) // 2]), "input.damaged")
    assert "ZIP" in f.message_en


def test_a_str_stays_text() -> None:
    report = ogi_report.parse("规章 | 0 | 0 | 3", kind="text")
    assert report is not None


def test_tables_published_as_pictures_are_absent_and_say_so() -> None:
    # The report's prose is text and its tables are pictures: each table is
    # absent once, the finding says pictures stand in the file, and no table
    # is read as zeros.
    for name in ("000_daxiang_2021_pictures.pdf", "000_daxiang_2021_pictures.docx"):
        res = ogi_report.check((CORPUS / "pictures" / name).read_bytes())
        absent = [f for f in res.findings if f.code == "table.absent"]
        assert sorted(f.path for f in absent) == ["t2", "t3", "t4"], name
        assert all("图片" in f.message and "picture" in f.message_en for f in absent), name
        assert res.report.format is None, name
    pdf = ogi_report.check((CORPUS / "pictures" / "000_daxiang_2021_pictures.pdf").read_bytes())
    src = [f.source for f in pdf.findings if f.code == "table.absent"][0]
    assert src is not None and src["page"] == 4
