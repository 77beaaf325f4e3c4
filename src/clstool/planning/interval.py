"""Closed intervals of dates, what a period expression means, and their canonical French text."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from clstool.model.vocabulary import MONTH_NAMES
from clstool.planning.period_words import UNIT_MONTHS, UNIT_NAMES


@dataclass(frozen=True)
class Interval:
    """A closed interval of dates: both ``debut`` and ``fin`` belong to it."""

    debut: dt.date
    fin: dt.date

    def __post_init__(self) -> None:
        if self.fin < self.debut:
            raise ValueError(f"intervalle invalide : la fin ({self.fin}) précède le début ({self.debut})")


@dataclass(frozen=True)
class ParsedPeriod:
    """A period expression and what it means."""

    text: str  # the expression exactly as written
    intervals: tuple[Interval, ...]  # one; one per contract year when recurring; () when unparsed
    label: str | None = None  # leading milestone words ("Diffusion", "Lancement")
    error: str | None = None  # French reason when it could not be parsed

    @property
    def parsed(self) -> bool:
        return bool(self.intervals)

    @property
    def debut(self) -> dt.date | None:
        return min(i.debut for i in self.intervals) if self.intervals else None

    @property
    def fin(self) -> dt.date | None:
        return max(i.fin for i in self.intervals) if self.intervals else None


def ordinal(number: int) -> str:
    return "1er" if number == 1 else f"{number}e"


def _day_text(day: dt.date) -> str:
    return f"{ordinal(day.day) if day.day == 1 else day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def format_interval(interval: Interval) -> str:
    """Canonical French text of an interval; parse_period gives the same interval back."""
    debut, fin = interval.debut, interval.fin
    whole_months = debut.day == 1 and fin.day == calendar.monthrange(fin.year, fin.month)[1]
    if debut == fin or not whole_months:
        if debut == fin:
            return _day_text(debut)
        return f"du {_day_text(debut)} au {_day_text(fin)}"
    if debut.month == 1 and fin.month == 12:
        return str(debut.year) if debut.year == fin.year else f"{debut.year} à {fin.year}"
    if debut.year != fin.year:
        return f"{MONTH_NAMES[debut.month - 1]} {debut.year} à {MONTH_NAMES[fin.month - 1]} {fin.year}"
    for unit, length in UNIT_MONTHS.items():
        if fin.month - debut.month + 1 == length and (debut.month - 1) % length == 0:
            return f"{ordinal((debut.month - 1) // length + 1)} {UNIT_NAMES[unit]} {debut.year}"
    if debut.month == fin.month:
        return f"{MONTH_NAMES[debut.month - 1]} {debut.year}"
    return f"{MONTH_NAMES[debut.month - 1]} à {MONTH_NAMES[fin.month - 1]} {debut.year}"
