"""French formatting of numbers and dates for reports (« 1 234,5 », « 31 décembre 2024 »)."""

from __future__ import annotations

import datetime as dt

from clstool.model.vocabulary import MONTH_NAMES

#: Abbreviated month names, as French typography writes them.
MONTH_ABBR = ("janv.", "févr.", "mars", "avr.", "mai", "juin",
              "juil.", "août", "sept.", "oct.", "nov.", "déc.")  # fmt: skip

NNBSP = "\u202f"  # narrow no-break space: the French thousands separator


def fr_number(value: float | int | None, decimals: int = 2) -> str:
    """``1234.5`` → ``1 234,5``; integers stay integers; at most ``decimals`` decimals."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", NNBSP)
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", NNBSP)


def iso_date(day: dt.date | None) -> str | None:
    """``2024-12-31`` for JSON outputs; None stays None (an unparsed period has no date)."""
    return day.isoformat() if day else None


def fr_date(day: dt.date | None) -> str:
    """``2024-12-31`` → ``31 décembre 2024`` (``1er`` for the first day of a month)."""
    if day is None:
        return ""
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTH_NAMES[day.month - 1]} {day.year}"


def fr_percent(value: float | int | None) -> str:
    return "" if value is None else f"{fr_number(value)}{NNBSP}%"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``plural(2, "fiche")`` → ``2 fiches`` (French: 0 and 1 take the singular)."""
    word = singular if count < 2 else (plural_form or singular + "s")
    return f"{count} {word}"
