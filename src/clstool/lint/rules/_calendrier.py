"""Helpers of the calendar rules (CLS3xx): every calendar entry of a fiche, parsed once.

Not a rule module (its name starts with ``_``). The parsing is :func:`clstool.planning.periods.parse_period`'s;
this module only sorts its failures into the rule that reports them, so that one entry is never
reported twice: a range written backwards is CLS304's, a period that needs the contract's dates
when there are none is CLS305's, anything else that cannot be read is CLS301's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from clstool.lint.rules import Context
from clstool.lint.rules._common import calendar_entries
from clstool.model.documents import EntreeCalendrier, periode_of
from clstool.planning.periods import END_BEFORE_START, ParsedPeriod, parse_period

#: Any contract: used only to ask whether a period needs the contract's dates to be read.
_SOME_CONTRACT = (dt.date(2000, 1, 1), dt.date(2000, 12, 31))


@dataclass(frozen=True)
class CalendarPeriod:
    path: tuple  #: where the period text is: (…, "calendrier", 2) or (…, "calendrier", 2, "periode")
    periode: str
    recurrent: bool
    parsed: ParsedPeriod

    @property
    def reversed(self) -> bool:
        """« 2027 à 2024 »: a range whose end precedes its start."""
        return not self.parsed.parsed and (self.parsed.error or "").endswith(END_BEFORE_START)


def entries(ctx: Context) -> list[CalendarPeriod]:
    """Every calendar entry of the fiche (own, déclinaisons', adjusted), parsed with the
    contract; worked out once per fiche for the five rules that read them."""
    found = ctx.cache.get(__name__)
    if found is None:
        found = ctx.cache[__name__] = list(_entries(ctx))
    return found


def _entries(ctx: Context) -> Iterator[CalendarPeriod]:
    for path, entry in calendar_entries(ctx.fiche):
        recurrent = isinstance(entry, EntreeCalendrier) and entry.recurrent
        where = (*path, "periode") if isinstance(entry, EntreeCalendrier) else path
        text = periode_of(entry)
        yield CalendarPeriod(where, text, recurrent, parse_period(text, contract=ctx.contract_span, recurrent=recurrent))


def needs_contract(ctx: Context, entry: CalendarPeriod) -> bool:
    """Without a readable contract period: a recurring entry, or one that reads only with the
    contract's dates (« Sur toute la durée du CLS »)."""
    if ctx.contract_span is not None:
        return False
    if entry.recurrent:
        return True
    return not entry.parsed.parsed and parse_period(entry.periode, contract=_SOME_CONTRACT).parsed


def label_hint(ctx: Context, entry: CalendarPeriod) -> str | None:
    """« 1er trimestre 2023 : partage des objectifs » → « 1er trimestre 2023 » when that part is
    a period: the rest is a milestone (``jalon``)."""
    head, sep, tail = entry.periode.partition(":")
    if sep and tail.strip() and parse_period(head, contract=ctx.contract_span, recurrent=entry.recurrent).parsed:
        return head.strip()
    return None
