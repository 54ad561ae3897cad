"""The peer: a plain pydantic v2 model of the nested form with the table rules
(T3 balance, outcome totals, row totals; T4 group totals) written in Python.

A cell is an int, None (blank), a mark string or a dict (ambiguous/invalid),
as in ogi_report's nested form; an equation is evaluated only when all its
cells are ints, as ogi_report does.
"""

from typing import Any, Dict, List, Optional, Union

from pydantic import BaseModel, ConfigDict, StrictInt

Cell = Union[StrictInt, str, None, Dict[str, Any]]
APPLICANTS = ("natural_person", "commercial", "research", "public_interest", "legal_services",
              "other_org")
COLUMNS = APPLICANTS + ("total",)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Row(Model):
    natural_person: Cell = None
    commercial: Cell = None
    research: Cell = None
    public_interest: Cell = None
    legal_services: Cell = None
    other_org: Cell = None
    total: Cell = None


class Withheld(Model):
    state_secret: Row
    prohibited_by_law: Row
    security_stability: Row
    third_party: Row
    internal_affairs: Row
    process_info: Row
    enforcement_files: Row
    inquiry: Row


class Unable(Model):
    not_held: Row
    needs_creation: Row
    unclear: Row


class Rejected(Model):
    petition: Row
    duplicate: Row
    publication: Row
    repetitive: Row
    confirmation: Row


class OtherOutcome(Model):
    no_correction: Row
    unpaid_fee: Row
    other: Row


class Outcome(Model):
    disclosed: Row
    partly_disclosed: Row
    withheld: Withheld
    unable: Unable
    rejected: Rejected
    other: Union[OtherOutcome, Row]  # a group in 2021, one row in 2019
    total: Row


class T3(Model):
    new_received: Row
    carried_over: Row
    outcome: Outcome
    carried_forward: Row


class T4Group(Model):
    upheld: Cell = None
    corrected: Cell = None
    other: Cell = None
    pending: Cell = None
    total: Cell = None


class T4(Model):
    review: T4Group
    litigation_direct: T4Group
    litigation_after_review: T4Group


class Report(Model):
    format: str
    year: Optional[int] = None
    agency: Optional[str] = None
    period_start: Optional[str] = None
    period_end: Optional[str] = None
    published: Optional[str] = None
    procurement_unit: Optional[str] = None
    sections: Optional[Dict[str, Optional[str]]] = None
    t2: Optional[Dict[str, Dict[str, Cell]]] = None
    t3: Optional[T3] = None
    t4: Optional[T4] = None
    sources: Optional[Dict[str, Dict[str, Any]]] = None


Violation = Dict[str, Any]


def _outcome_rows(o: Outcome) -> List[tuple]:  # type: ignore[type-arg]
    rows = [("outcome.disclosed", o.disclosed), ("outcome.partly_disclosed", o.partly_disclosed)]
    for group_name in ("withheld", "unable", "rejected"):
        group = getattr(o, group_name)
        rows += [(f"outcome.{group_name}.{k}", getattr(group, k)) for k in type(group).model_fields]
    if isinstance(o.other, OtherOutcome):
        rows += [(f"outcome.other.{k}", getattr(o.other, k)) for k in OtherOutcome.model_fields]
    else:
        rows.append(("outcome.other", o.other))
    return rows


def _ints(*cells: Cell) -> bool:
    return all(type(c) is int for c in cells)


def table_rules(r: Report) -> List[Violation]:
    out: List[Violation] = []
    if r.t3 is not None:
        t3 = r.t3
        rows = _outcome_rows(t3.outcome)
        all_rows = [("new_received", t3.new_received), ("carried_over", t3.carried_over)] + rows + [
            ("outcome.total", t3.outcome.total), ("carried_forward", t3.carried_forward)]
        for c in COLUMNS:
            a, b = getattr(t3.new_received, c), getattr(t3.carried_over, c)
            t, f = getattr(t3.outcome.total, c), getattr(t3.carried_forward, c)
            if _ints(a, b, t, f) and a + b != t + f:
                out.append({"code": "t3.balance", "path": f"t3.carried_forward.{c}",
                            "expected": a + b, "actual": t + f})
            parts = [getattr(row, c) for _, row in rows]
            if _ints(t, *parts) and sum(parts) != t:
                out.append({"code": "t3.outcome_total", "path": f"t3.outcome.total.{c}",
                            "expected": sum(parts), "actual": t})
        for name, row in all_rows:
            parts = [getattr(row, c) for c in APPLICANTS]
            if _ints(row.total, *parts) and sum(parts) != row.total:
                out.append({"code": "t3.row_total", "path": f"t3.{name}.total",
                            "expected": sum(parts), "actual": row.total})
    if r.t4 is not None:
        for g in T4.model_fields:
            grp = getattr(r.t4, g)
            parts = [grp.upheld, grp.corrected, grp.other, grp.pending]
            if _ints(grp.total, *parts) and sum(parts) != grp.total:
                out.append({"code": "t4.group_total", "path": f"t4.{g}.total",
                            "expected": sum(parts), "actual": grp.total})
    return out


def validate(d: Dict[str, Any]) -> List[Violation]:
    """Validates a nested-form dict: the model, then the table rules."""
    return table_rules(Report.model_validate(d))
