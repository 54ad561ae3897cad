"""Check Chinese annual reports on open government information (政府信息公开工作年度报告).

Every cell typed, every rule of the national format checked, at Rust speed::

    import ogi_report
    result = ogi_report.check(text)
    for f in result.findings:
        print(f.code, f.path, f.message_en)

The rules live in the Rust crate ``ogi-report``; this package converts and
raises clear errors (``OgiError``, ``ParseError``, ``SchemaError``).
"""

from typing import TYPE_CHECKING, Any, Iterable, Union

from ._errors import OgiError, ParseError, SchemaError
from ._native import (
    CheckResult,
    Finding,
    Report,
    __version__,
    _cells_columns,
    _findings_columns,
    agency_kind,
    check,
    check_many,
    json_schema,
    label,
    parse,
    rules,
    validate,
    validate_series,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "CheckResult",
    "Finding",
    "OgiError",
    "ParseError",
    "Report",
    "SchemaError",
    "__version__",
    "agency_kind",
    "cells_dataframe",
    "check",
    "check_many",
    "json_schema",
    "label",
    "parse",
    "rules",
    "to_dataframe",
    "validate",
    "validate_series",
]


def _pandas(function: str) -> Any:
    try:
        import pandas
    except ImportError as e:  # the optional extra is not installed
        raise ImportError(
            f"ogi_report.{function}() needs pandas, an optional extra: "
            "pip install 'ogi_report[pandas]'"
        ) from e
    return pandas


def _items(results: Any, function: str) -> Any:
    if isinstance(results, (CheckResult, Finding, Report)):
        return [results]
    if isinstance(results, (str, bytes, dict)) or not hasattr(results, "__iter__"):
        raise TypeError(
            f"{function}() takes CheckResult objects (a list, or any iterable), "
            f"not {type(results).__name__}"
        )
    return results


def to_dataframe(
    results: Union[CheckResult, Finding, Iterable[Union[CheckResult, Finding]]],
) -> "pandas.DataFrame":
    """The findings as a pandas DataFrame, one row per finding.

    ``results`` holds ``CheckResult`` objects (``report`` is their position) or
    bare ``Finding`` objects (``report`` is missing). Columns: report, agency,
    year, code, severity, path, expected, actual, source_line, related (the
    related paths, space-separated), message, message_en.
    """
    pd = _pandas("to_dataframe")
    columns = _findings_columns(_items(results, "to_dataframe"))
    frame = pd.DataFrame(columns)
    for name in ("report", "year", "expected", "actual", "source_line"):
        frame[name] = frame[name].astype("Int64")
    return frame


def cells_dataframe(
    results: Union[CheckResult, Report, Iterable[Union[CheckResult, Report]]],
) -> "pandas.DataFrame":
    """Every cell as a pandas DataFrame: one row per report, one column per canonical path.

    The first columns are format, year and agency; then every canonical path of
    both formats (the 2021 format's first). Values are as in the flat form: an
    int, a money string (exact decimal), ``"n/a"`` for a not-applicable mark,
    a dict for an ambiguous or invalid cell, and missing (``<NA>``) for a
    blank cell, a cell of an absent table or a path the report's format lacks.
    Columns that hold only ints (and blanks) get the nullable ``Int64`` dtype.
    """
    pd = _pandas("cells_dataframe")
    names, columns = _cells_columns(_items(results, "cells_dataframe"))
    frame = pd.DataFrame(columns, columns=names)
    for name in names:
        col = columns[name]
        if all(v is None or (type(v) is int) for v in col) and any(v is not None for v in col):
            frame[name] = frame[name].astype("Int64")
    frame["year"] = frame["year"].astype("Int64")
    return frame
