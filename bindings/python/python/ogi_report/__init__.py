"""Check Chinese annual reports on open government information (政府信息公开工作年度报告).

Every cell typed, every rule of the national format checked, at Rust speed::

    import ogi_report
    result = ogi_report.check(text)
    for f in result.findings:
        print(f.code, f.path, f.message_en)

The rules live in the Rust crate ``ogi-report``; this package converts and
raises clear errors (``OgiError``, ``ParseError``, ``SchemaError``).
"""

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Sequence, Union

from ._errors import OgiError, ParseError, SchemaError
from ._native import (
    CheckResult,
    Finding,
    Report,
    Summary,
    __version__,
    _findings_columns,
    _typed_cells,
    _unsettled_cells,
    agency_kind,
    check,
    check_many,
    column_label,
    group_label,
    json_schema,
    label,
    parse,
    row_label,
    rules,
    validate,
    validate_series,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import pyarrow

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



#: The states of a cell, the categories of ``cell_states_dataframe``: a value,
#: a blank, a not-applicable mark, several candidate values, unreadable text,
#: a cell the text does not give (unread) and a row the report's table lacks
#: (absent). Only ``"value"`` gives a number in the typed frames.
CELL_STATES = ("value", "blank", "mark", "ambiguous", "invalid", "unread", "absent")

#: The severities, in the order of the ordered categorical ``severity``.
SEVERITIES = ("info", "warning", "error")


def _pandas(function: str) -> Any:
    try:
        import pandas
    except ImportError as e:  # the optional extra is not installed
        raise ImportError(
            f"ogi_report.{function}() needs pandas, an optional extra: "
            "pip install 'ogi_report[pandas]'"
        ) from e
    return pandas


def _pyarrow(function: str) -> Any:
    try:
        import pyarrow
    except ImportError as e:  # the optional extra is not installed
        raise ImportError(
            f"ogi_report.{function}() needs pyarrow, an optional extra: "
            "pip install 'ogi_report[arrow]'"
        ) from e
    return pyarrow


def _items(results: Any, function: str) -> List[Any]:
    if isinstance(results, (CheckResult, Finding, Report)):
        return [results]
    if isinstance(results, (str, bytes, dict)) or not hasattr(results, "__iter__"):
        raise TypeError(
            f"{function}() takes CheckResult objects (a list, or any iterable), "
            f"not {type(results).__name__}"
        )
    return list(results)


def _names(items: List[Any], names: Optional[Sequence[str]], function: str) -> Optional[List[str]]:
    """The names of the rows: ``names`` if given, else the results' own
    (``check_many(..., names=...)``), else None (no name column)."""
    if names is None:
        own = [getattr(r, "name", None) for r in items]
        return own if any(n is not None for n in own) else None  # type: ignore[return-value]
    if isinstance(names, (str, bytes)):
        raise TypeError(f"{function}(): names must be a list of str, one per result")
    out = list(names)
    if len(out) != len(items):
        raise ValueError(
            f"{function}(): names has {len(out)} items for {len(items)} results: "
            "give one name per result"
        )
    for i, n in enumerate(out):
        if not isinstance(n, str):
            raise TypeError(f"{function}(): names[{i}] must be a str, not {type(n).__name__}")
    return out


def _codes() -> List[str]:
    return [r["code"] for r in rules()]


def _findings(items: List[Any], names: Optional[Sequence[str]], function: str) -> Dict[str, Any]:
    columns: Dict[str, Any] = _findings_columns(items)
    row_names = _names(items, names, function)
    if row_names is not None:  # each finding carries its result's name
        columns["name"] = [None if r is None else row_names[r] for r in columns["report"]]
    return columns


_FINDING_COLUMNS = [
    "report", "name", "agency", "year", "code", "severity", "path", "expected", "actual",
    "source_line", "source_page", "source_table", "source_row", "source_cell",
    "related", "message", "message_en",
]

# The columns of nullable integers.
_INT_COLUMNS = (
    "report", "year", "expected", "actual",
    "source_line", "source_page", "source_table", "source_row", "source_cell",
)


def to_dataframe(
    results: Union[CheckResult, Finding, Iterable[Union[CheckResult, Finding]]],
    names: Optional[Sequence[str]] = None,
) -> "pandas.DataFrame":
    """The findings as a pandas DataFrame, one row per finding.

    ``results`` holds ``CheckResult`` objects (``report`` is their position) or
    bare ``Finding`` objects (``report`` is missing). Columns: report, name
    (when ``names`` are given, one per result, or the results have names from
    ``check_many(..., names=...)``), agency, year, code, severity, path,
    expected, actual, source_line, source_page (PDF, from 1), source_table,
    source_row, source_cell (DOCX, from 0), related (the related paths,
    space-separated), message, message_en. ``report``, ``year``, ``expected``,
    ``actual`` and the ``source_*`` columns are nullable integers (``Int64``); ``code`` is categorical
    (every code of ``rules()``) and ``severity`` an ordered categorical
    (info < warning < error), so ``df[df.severity >= "warning"]`` works.
    """
    pd = _pandas("to_dataframe")
    items = _items(results, "to_dataframe")
    columns = _findings(items, names, "to_dataframe")
    frame = pd.DataFrame({k: columns[k] for k in _FINDING_COLUMNS if k in columns})
    for name in _INT_COLUMNS:
        frame[name] = frame[name].astype("Int64")
    frame["code"] = pd.Categorical(columns["code"], categories=_codes())
    frame["severity"] = pd.Categorical(columns["severity"], categories=SEVERITIES, ordered=True)
    return frame


def _money(values: List[Optional[str]]) -> List[Optional[Decimal]]:
    return [None if v is None else Decimal(v) for v in values]


def _cells(
    results: Any, names: Optional[Sequence[str]], function: str, states: bool
) -> Any:
    items = _items(results, function)
    row_names = _names(items, names, function)
    paths, kinds, columns = _typed_cells(items, states)
    return items, row_names, paths, kinds, columns


def cells_dataframe(
    results: Union[CheckResult, Report, Iterable[Union[CheckResult, Report]]],
    names: Optional[Sequence[str]] = None,
) -> "pandas.DataFrame":
    """Every cell as a typed pandas DataFrame: one row per report, one column per canonical path.

    The first columns are name (when ``names`` are given, one per result, or
    the results have names from ``check_many(..., names=...)``), format
    (categorical, ``"2019"`` or ``"2021"``), year (``Int64``) and agency; then
    every canonical path of both formats (the 2021 format's first). A count
    column is ``Int64`` and a money column holds exact ``decimal.Decimal``
    objects (never floats). A number is present only when the cell holds one
    value; a blank, a mark, an ambiguous, invalid, unread or absent cell, a
    cell of an absent table, a path the report's format lacks and a row the
    report does not print (``t3.outcome.other_total.*``, the (六)其他处理 group
    total, is there only in a 2021 table printing the group as one row) are
    missing (their states: ``cell_states_dataframe``). So ``df[path].sum()``,
    ``df.groupby("year")[path].sum()`` and ``.plot`` work as they are.
    """
    pd = _pandas("cells_dataframe")
    _, row_names, paths, kinds, columns = _cells(results, names, "cells_dataframe", False)
    data: Dict[str, Any] = {}
    if row_names is not None:
        data["name"] = pd.array(row_names, dtype="string")
    data["format"] = pd.Categorical(columns["format"], categories=["2019", "2021"])
    data["year"] = pd.array(columns["year"], dtype="Int64")
    data["agency"] = pd.array(columns["agency"], dtype="string")
    for path, kind in zip(paths, kinds):
        if kind == "money":
            data[path] = pd.Series(_money(columns[path]), dtype=object)
        else:
            data[path] = pd.array(columns[path], dtype="Int64")
    return pd.DataFrame(data)


def cell_states_dataframe(
    results: Union[CheckResult, Report, Iterable[Union[CheckResult, Report]]],
    names: Optional[Sequence[str]] = None,
) -> "pandas.DataFrame":
    """The state of every cell: one row per report, one categorical column per path.

    Same rows and first columns as ``cells_dataframe``. Each path's column is
    categorical over ``CELL_STATES`` (value, blank, mark, ambiguous, invalid,
    unread, absent), missing where the report has no such cell (an absent
    table, a path of the other format, ``t3.outcome.other_total.*`` of a
    report printing (六)其他处理's sub-rows). ``(df == "ambiguous").sum()`` counts
    ambiguous cells by path; the candidates are in ``unsettled_cells``.
    """
    pd = _pandas("cell_states_dataframe")
    _, row_names, paths, _, columns = _cells(results, names, "cell_states_dataframe", True)
    categories = list(CELL_STATES)
    for path in paths:  # a state the core adds later is a category too
        for v in set(columns[path]):
            if v is not None and v not in categories:
                categories.append(v)
    data: Dict[str, Any] = {}
    if row_names is not None:
        data["name"] = pd.array(row_names, dtype="string")
    data["format"] = pd.Categorical(columns["format"], categories=["2019", "2021"])
    data["year"] = pd.array(columns["year"], dtype="Int64")
    data["agency"] = pd.array(columns["agency"], dtype="string")
    for path in paths:
        data[path] = pd.Categorical(columns[path], categories=categories)
    return pd.DataFrame(data)


def unsettled_cells(
    results: Union[CheckResult, Report, Iterable[Union[CheckResult, Report]]],
    names: Optional[Sequence[str]] = None,
) -> "pandas.DataFrame":
    """The cells with no settled reading, one row each: report (position),
    name (as in ``cells_dataframe``), path, state (ambiguous, invalid, unread,
    absent) and detail: the candidates of an ambiguous cell (a list of ints, or
    of ``Decimal`` for money), the text of an invalid one, the reason of an
    unread or absent one."""
    pd = _pandas("unsettled_cells")
    items = _items(results, "unsettled_cells")
    row_names = _names(items, names, "unsettled_cells")
    columns = _unsettled_cells(items)
    detail = [
        [Decimal(x) if isinstance(x, str) else x for x in d] if isinstance(d, list) else d
        for d in columns["detail"]
    ]
    data: Dict[str, Any] = {"report": pd.array(columns["report"], dtype="Int64")}
    if row_names is not None:
        data["name"] = pd.array([row_names[i] for i in columns["report"]], dtype="string")
    data["path"] = pd.array(columns["path"], dtype="string")
    states = list(CELL_STATES[3:]) + sorted(set(columns["state"]) - set(CELL_STATES))
    data["state"] = pd.Categorical(columns["state"], categories=states)
    data["detail"] = pd.Series(detail, dtype=object)
    return pd.DataFrame(data)


def _decimal_type(pa: Any, values: List[Optional[Decimal]]) -> Any:
    scale = 6
    for v in values:
        if v is not None:
            exp = v.as_tuple().exponent
            if isinstance(exp, int) and -exp > scale:
                scale = -exp
    return pa.decimal128(38, min(scale, 28))


def cells_arrow(
    results: Union[CheckResult, Report, Iterable[Union[CheckResult, Report]]],
    names: Optional[Sequence[str]] = None,
) -> "pyarrow.Table":
    """``cells_dataframe`` as a ``pyarrow.Table`` (``pip install 'ogi_report[arrow]'``).

    The same columns and types: name and agency ``string``, format
    ``dictionary<int8, string>``, year and counts ``int64`` (null unless the
    cell holds one value), money ``decimal128(38, 6)`` (more places if a value
    has them): exact. ``polars.from_arrow(t)`` and DuckDB (``duckdb.sql("select
    ... from t")``) read it as it is; ``pyarrow.parquet.write_table(t, path)``
    writes Parquet.
    """
    pa = _pyarrow("cells_arrow")
    _, row_names, paths, kinds, columns = _cells(results, names, "cells_arrow", False)
    arrays: Dict[str, Any] = {}
    if row_names is not None:
        arrays["name"] = pa.array(row_names, type=pa.string())
    arrays["format"] = pa.array(columns["format"], type=pa.string()).dictionary_encode()
    arrays["format"] = arrays["format"].cast(pa.dictionary(pa.int8(), pa.string()))
    arrays["year"] = pa.array(columns["year"], type=pa.int64())
    arrays["agency"] = pa.array(columns["agency"], type=pa.string())
    for path, kind in zip(paths, kinds):
        if kind == "money":
            values = _money(columns[path])
            arrays[path] = pa.array(values, type=_decimal_type(pa, values))
        else:
            arrays[path] = pa.array(columns[path], type=pa.int64())
    return pa.table(arrays)


def findings_arrow(
    results: Union[CheckResult, Finding, Iterable[Union[CheckResult, Finding]]],
    names: Optional[Sequence[str]] = None,
) -> "pyarrow.Table":
    """``to_dataframe`` as a ``pyarrow.Table`` (``pip install 'ogi_report[arrow]'``):
    the same columns; report, year, expected, actual and the source_* columns ``int64``
    (nullable), code and severity ``dictionary<int32, string>``, the rest ``string``."""
    pa = _pyarrow("findings_arrow")
    items = _items(results, "findings_arrow")
    columns = _findings(items, names, "findings_arrow")
    arrays: Dict[str, Any] = {}
    for k in _FINDING_COLUMNS:
        if k not in columns:
            continue
        if k in _INT_COLUMNS:
            arrays[k] = pa.array(columns[k], type=pa.int64())
        elif k in ("code", "severity"):
            arrays[k] = pa.array(columns[k], type=pa.string()).dictionary_encode()
        else:
            arrays[k] = pa.array(columns[k], type=pa.string())
    return pa.table(arrays)


def summary(
    results: Union[CheckResult, Report, Iterable[Union[CheckResult, Report]]],
    names: Optional[Sequence[str]] = None,
    *,
    top: int = 20,
) -> Summary:
    """The crawl summary of ``results`` (``CheckResult`` or ``Report`` objects):
    reports read, unreadable, with errors and with warnings; findings by code
    and severity; error rates by report year and by agency kind; chain breaks
    per agency; the ``top`` reports with the most errors with their findings.
    ``.to_html(path)`` writes one self-contained page with charts.

    For a crawl too large for one list, make a ``Summary(top)`` and ``.add``
    each batch of ``check_many`` results: it keeps counts and, per agency and
    year, what the chain rules read, never the results themselves.
    """
    s = Summary(top)
    s.add(results, names)
    return s
