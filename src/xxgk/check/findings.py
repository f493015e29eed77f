"""Building findings of registered rules, and the arithmetic every message prints."""

from __future__ import annotations

from collections.abc import Iterable

from xxgk.check.rules import RULES
from xxgk.report.model import Finding, Number, Severity


def finding(
    rule_id: str, message: str, cells: Iterable[str] = (), severity: Severity | None = None
) -> Finding:
    """A finding of a registered rule, at the rule's severity unless told otherwise."""
    return Finding(
        rule=rule_id, severity=severity or RULES[rule_id].severity, message=message, cells=list(cells)
    )


def num(v: Number | None) -> str:
    """A number as a clerk writes it: ``7``, ``-4``, ``15636.844``, blank as ``空白``."""
    if v is None:
        return "空白"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def amount(v: float) -> str:
    """A computed number, without float noise."""
    r = round(v, 6)
    return str(int(r)) if float(r).is_integer() else f"{r:g}"
