"""The exceptions of ogi_report (raised from the native module)."""

from typing import Any, Tuple


class OgiError(ValueError):
    """Input that cannot be read as a report. Base of ParseError and SchemaError."""

    message: str

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (self.message,))


class ParseError(OgiError):
    """Text that cannot be read: malformed JSON, or bytes that are not text.

    ``line`` and ``column`` are 1-based; 0 when the fault is not tied to a place.
    """

    line: int
    column: int

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.line = line
        self.column = column

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (self.message, self.line, self.column))


class SchemaError(OgiError):
    """Well-formed data that does not fit the report schema.

    ``path`` is the dotted JSON path of the fault (``"t3.new_received.total"``),
    empty for the top level.
    """

    path: str

    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(message)
        self.path = path

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (self.message, self.path))


# Shown as ogi_report.ParseError in tracebacks (where users import them from).
for _cls in (OgiError, ParseError, SchemaError):
    _cls.__module__ = "ogi_report"
del _cls
