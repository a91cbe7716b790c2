"""Dates and numbers as the printed plan shows them: every PDF module formats through these."""

from __future__ import annotations

from datetime import date

NONE = "—"


def day(value: date | None) -> str:
    """A date as printed in tables: 2026-11-25."""
    return value.isoformat() if value else NONE


def long_day(value: date | None) -> str:
    """A date as printed in prose: 25 November 2026."""
    return f"{value.day} {value:%B %Y}" if value else "not set"


def month(value: date, short: bool = False) -> str:
    """A month as printed on a timeline: November 2026, or Nov 2026."""
    return f"{value:%b %Y}" if short else f"{value:%B %Y}"


def week_number(value: date) -> str:
    """The ISO week of a date as printed on a timeline axis: W03."""
    return f"W{value.isocalendar()[1]:02d}"


def number(value: float | None, digits: int | None = None) -> str:
    """A number without a needless .0, rounded to `digits` decimals when given."""
    if value is None:
        return NONE
    if digits is not None:
        value = round(value, digits)
    return f"{value:g}" if abs(value) < 1e15 else f"{value:.3g}"


def percent(value: float) -> str:
    """A ratio as a whole percentage: 1.25 is 125%."""
    return f"{value:.0%}"


def count(value: int) -> str:
    """A count with thousands separated: 12,345."""
    return f"{value:,}"
