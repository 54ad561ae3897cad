"""Type stubs of ogi_report (hand-written; checked by mypy.stubtest)."""

import os
from typing import (
    Any,
    Dict,
    Iterable,
    List,
    Literal,
    Optional,
    Sequence,
    Tuple,
    TypedDict,
    Union,
    final,
)

import pandas
import pyarrow

__version__: str

__all__ = [
    "CELL_STATES",
    "CheckResult",
    "Finding",
    "OgiError",
    "ParseError",
    "Report",
    "SEVERITIES",
    "SchemaError",
    "Summary",
    "__version__",
    "agency_kind",
    "cell_states_dataframe",
    "cells_arrow",
    "cells_dataframe",
    "check",
    "check_many",
    "column_label",
    "findings_arrow",
    "group_label",
    "json_schema",
    "label",
    "parse",
    "row_label",
    "rules",
    "summary",
    "to_dataframe",
    "unsettled_cells",
    "validate",
    "validate_series",
]

_Kind = Literal["auto", "text", "html", "pdf", "docx"]
_Severity = Literal["error", "warning", "info"]
_Source = Union[str, bytes]
# A cell in the nested form: a count, a money string, None (blank), the mark as
# printed ("/"), {"ambiguous": [...]}, {"invalid": "..."}, {"unread": reason}
# (the input does not give the cell) or {"absent": reason} (the report's table
# has no such row: the (六)其他处理 sub-rows of a 2021 table printing the group as
# one row, whose values are then under t3.outcome.other_total, a row only such
# a report has).
_CellValue = Union[int, str, None, Dict[str, Any]]

class _SourceBase(TypedDict):
    line: int
    start: int
    end: int
    inferred: bool

class _SourcePlace(_SourceBase, total=False):
    """Where a value came from: the line and byte span of the text read; a
    PDF's 1-based ``page`` and ``bbox`` (x0, y0, x1, y1 in points, origin at the
    page's bottom left); a DOCX's 0-based ``table``, ``row`` and ``cell``."""

    page: int
    bbox: Tuple[float, float, float, float]
    table: int
    row: int
    cell: int

class OgiError(ValueError):
    """Input that cannot be read as a report. Base of ParseError and SchemaError."""

    message: str
    def __init__(self, message: str) -> None: ...

class ParseError(OgiError):
    """Malformed JSON, or bytes that are not text; ``line``/``column`` 1-based (0: unknown)."""

    line: int
    column: int
    def __init__(self, message: str, line: int = 0, column: int = 0) -> None: ...

class SchemaError(OgiError):
    """Data that does not fit the schema; ``path`` is the dotted JSON path of the fault."""

    path: str
    def __init__(self, message: str, path: str = "") -> None: ...

@final
class Report:
    """One annual report, typed. Immutable; compares equal by content; pickles."""

    @property
    def format(self) -> Optional[Literal["2019", "2021"]]: ...
    @property
    def year(self) -> Optional[int]: ...
    @property
    def agency(self) -> Optional[str]: ...
    @property
    def tables_present(self) -> Dict[str, bool]: ...
    def cell(self, path: str) -> _CellValue: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_flat(self) -> Dict[str, Any]: ...
    def to_json(self) -> str: ...
    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Report": ...
    @classmethod
    def from_json(cls, s: Union[str, bytes]) -> "Report": ...
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> Tuple[Any, ...]: ...

@final
class Finding:
    """One problem (or note) about a report. Immutable, hashable; pickles."""

    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> _Severity: ...
    @property
    def path(self) -> str: ...
    @property
    def related(self) -> List[str]: ...
    @property
    def expected(self) -> Optional[int]: ...
    @property
    def actual(self) -> Optional[int]: ...
    @property
    def message(self) -> str: ...
    @property
    def message_en(self) -> str: ...
    @property
    def source_line(self) -> Optional[int]: ...
    @property
    def source(self) -> Optional[_SourcePlace]: ...
    @property
    def year(self) -> Optional[int]: ...
    @property
    def agency(self) -> Optional[str]: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> Tuple[Any, ...]: ...

@final
class CheckResult:
    """A report and every finding about it. Immutable; compares equal by content; pickles."""

    def __new__(
        cls,
        report: Report,
        findings: Iterable[Finding],
        kind: Literal["text", "html", "pdf", "docx", "report"] = "report",
        encoding: Optional[str] = None,
        name: Optional[str] = None,
    ) -> "CheckResult": ...
    @property
    def report(self) -> Report: ...
    @property
    def findings(self) -> List[Finding]: ...
    @property
    def kind(self) -> Literal["text", "html", "pdf", "docx", "report"]: ...
    @property
    def encoding(self) -> Optional[str]: ...
    @property
    def name(self) -> Optional[str]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __len__(self) -> int: ...
    def __reduce__(self) -> Tuple[Any, ...]: ...

def parse(source: _Source, *, kind: _Kind = "auto") -> Report: ...
def validate(report: Union[Report, Dict[str, Any], str, bytes]) -> List[Finding]: ...
def check(source: Union[_Source, Report], *, kind: _Kind = "auto") -> CheckResult: ...
def check_many(
    sources: Iterable[Union[_Source, Report]],
    *,
    kind: _Kind = "auto",
    threads: Optional[int] = None,
    names: Optional[Iterable[str]] = None,
) -> List[CheckResult]: ...
def validate_series(
    reports: Iterable[Union[Report, CheckResult, Dict[str, Any], str]],
) -> List[Finding]: ...
def agency_kind(name: str) -> Literal[
    "province_government",
    "city_government",
    "county_government",
    "department",
    "township",
    "subdistrict",
    "zone",
    "unknown",
]: ...
def label(path: str, lang: Literal["zh", "en"] = "zh") -> Optional[str]: ...
def row_label(
    table: str, row: str, lang: Literal["zh", "en"] = "zh"
) -> Optional[str]: ...
def column_label(
    table: str, column: str, lang: Literal["zh", "en"] = "zh"
) -> Optional[str]: ...
def group_label(group: str, lang: Literal["zh", "en"] = "zh") -> Optional[str]: ...
def rules() -> List[Dict[str, str]]: ...
def json_schema() -> Dict[str, Any]: ...
CELL_STATES: Tuple[str, ...]
SEVERITIES: Tuple[str, ...]

def to_dataframe(
    results: Union[CheckResult, Finding, Iterable[Union[CheckResult, Finding]]],
    names: Optional[Sequence[str]] = None,
) -> pandas.DataFrame: ...
def cells_dataframe(
    results: Union[CheckResult, Report, Iterable[Union[CheckResult, Report]]],
    names: Optional[Sequence[str]] = None,
) -> pandas.DataFrame: ...
def cell_states_dataframe(
    results: Union[CheckResult, Report, Iterable[Union[CheckResult, Report]]],
    names: Optional[Sequence[str]] = None,
) -> pandas.DataFrame: ...
def unsettled_cells(
    results: Union[CheckResult, Report, Iterable[Union[CheckResult, Report]]],
    names: Optional[Sequence[str]] = None,
) -> pandas.DataFrame: ...
def cells_arrow(
    results: Union[CheckResult, Report, Iterable[Union[CheckResult, Report]]],
    names: Optional[Sequence[str]] = None,
) -> pyarrow.Table: ...
def findings_arrow(
    results: Union[CheckResult, Finding, Iterable[Union[CheckResult, Finding]]],
    names: Optional[Sequence[str]] = None,
) -> pyarrow.Table: ...

class _Rate(TypedDict):
    reports: int
    with_errors: int
    error_rate: float

class _CodeCount(TypedDict):
    code: str
    severity: _Severity
    count: int

class _Breaks(TypedDict):
    agency: str
    kind: str
    years: List[int]
    breaks: List[Finding]

class _Top(TypedDict):
    name: str
    agency: Optional[str]
    year: Optional[int]
    errors: int
    warnings: int
    findings: List[Finding]

@final
class Summary:
    """A crawl summary fed results as they come; counts, chain breaks, the worst reports, an HTML page."""

    def __new__(cls, top: int = 20) -> "Summary": ...
    def add(
        self,
        results: Union[CheckResult, Report, Iterable[Union[CheckResult, Report]]],
        names: Optional[Iterable[str]] = None,
    ) -> None: ...
    @property
    def reports(self) -> int: ...
    @property
    def unreadable(self) -> int: ...
    @property
    def with_errors(self) -> int: ...
    @property
    def with_warnings(self) -> int: ...
    @property
    def by_code(self) -> List[_CodeCount]: ...
    @property
    def by_severity(self) -> Dict[_Severity, int]: ...
    @property
    def by_year(self) -> Dict[Optional[int], _Rate]: ...
    @property
    def by_agency_kind(self) -> Dict[str, _Rate]: ...
    @property
    def chain_breaks(self) -> List[_Breaks]: ...
    @property
    def top(self) -> List[_Top]: ...
    def to_html(
        self, path: Union[str, "os.PathLike[str]", None] = None, lang: Literal["zh", "en"] = "zh"
    ) -> str: ...
    def to_text(self, lang: Literal["zh", "en"] = "en") -> str: ...
    def _repr_html_(self) -> str: ...

def summary(
    results: Union[CheckResult, Report, Iterable[Union[CheckResult, Report]]],
    names: Optional[Sequence[str]] = None,
    *,
    top: int = 20,
) -> Summary: ...
