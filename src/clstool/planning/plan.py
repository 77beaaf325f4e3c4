"""The plan of a fiche, dated: calendar entries with their intervals, spans, planned status.

Shared by ``clstool calendar`` (which lists the entries of a year) and ``clstool status``
(which adds the follow-up on top, see :mod:`clstool.planning.status`). Nothing here reads ``suivi``.

Vocabulary
==========
- *contract interval*: ``contrat.periode`` as two dates (:func:`contract_interval`); ``None``
  without a readable contract. « Sur toute la durée du CLS » and recurring entries need it.
- *entry* (:class:`PlanEntry`): one calendar item parsed by :func:`clstool.planning.periods.parse_period`
  — one interval, one per contract year when ``recurrent: true``, none when unparsed (the
  entry is kept with its ``error``; it is never dropped nor guessed).
- *déclinaison plan* (:class:`UnitPlan`): the déclinaison's own entries. A déclinaison whose
  calendar gives no date follows its fiche's own calendar (``inherited``).
- *fiche plan* (:class:`FichePlan`): the fiche's own ``calendrier`` (fiches written with
  ``etapes``) and its déclinaisons; the fiche's *span* covers all of their intervals.
- *reference date* (:func:`default_as_of`): 31 December of the year, or today when today falls
  inside the year.

Planned status (:func:`planned_status`) of a set of intervals for year Y at reference date D
============================================================================================
Only the intervals that meet Y count (a recurring entry's other years do not):

=================  ==========================================================================
``hors_periode``   no interval meets Y
``a_venir``        D is before the first start among them
``echeance_passee`` D is after the last end among them
``en_cours``       otherwise: bounds included, so on the very day a period ends it is
                   still ``en_cours``, and ``echeance_passee`` from the next day
``None``           no interval at all (nothing dated: unparsed or empty calendar)
=================  ==========================================================================
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from clstool.model.contrat import Contrat
from clstool.model.documents import Declinaison, EntreeCalendrier, Fiche, periode_of
from clstool.planning.periods import Interval, ParsedPeriod, parse_period

__all__ = [
    "PLANNED_STATUSES", "PlanEntry", "UnitPlan", "FichePlan", "contract_interval", "plan_entries",
    "fiche_plan", "declinaison_ref", "year_interval", "meets", "span", "planned_status", "default_as_of",
    "parse_as_of", "check_year",
]

#: The planned statuses, in chronological order.
PLANNED_STATUSES = ("a_venir", "en_cours", "echeance_passee", "hors_periode")


@dataclass(frozen=True)
class PlanEntry:
    """One calendar entry and what it means."""

    periode: str  #: as written
    jalon: str | None
    recurrent: bool
    parsed: ParsedPeriod
    path: tuple  #: where it is in the fiche file: ("declinaisons", 0, "calendrier", 2)

    @property
    def intervals(self) -> tuple[Interval, ...]:
        return self.parsed.intervals


@dataclass(frozen=True)
class UnitPlan:
    """The plan of one déclinaison."""

    index: int  #: 0-based position in the fiche
    ref: str  #: how follow-up designates it: its ``id``, or its position « 1 »
    titre: str
    entries: tuple[PlanEntry, ...]  #: its own entries
    inherited: tuple[PlanEntry, ...] = ()  #: the fiche's entries, when its own give no date

    @property
    def refs(self) -> tuple[str, ...]:
        """Every key a follow-up may use for it: its position and, if any, its id."""
        position = str(self.index + 1)
        return (position,) if self.ref == position else (position, self.ref)

    @property
    def intervals(self) -> tuple[Interval, ...]:
        own = _intervals(self.entries)
        return own if own else _intervals(self.inherited)


@dataclass(frozen=True)
class FichePlan:
    """The plan of one fiche: its own entries and its déclinaisons."""

    fiche: Fiche
    own: tuple[PlanEntry, ...]
    declinaisons: tuple[UnitPlan, ...]

    @property
    def entries(self) -> tuple[PlanEntry, ...]:
        """Every entry written in the fiche, own ones first, each once."""
        return self.own + tuple(e for d in self.declinaisons for e in d.entries)

    @property
    def intervals(self) -> tuple[Interval, ...]:
        return _intervals(self.entries)

    @property
    def span(self) -> Interval | None:
        return span(self.intervals)


def _intervals(entries: Iterable[PlanEntry]) -> tuple[Interval, ...]:
    return tuple(i for e in entries for i in e.intervals)


def contract_interval(contrat: Contrat | None) -> tuple[dt.date, dt.date] | None:
    """The contract's period as dates, or None (no contract, or an end before the start)."""
    if contrat is None:
        return None
    debut, fin = contrat.periode.debut_date(), contrat.periode.fin_date()
    return (debut, fin) if debut <= fin else None


def plan_entries(calendar: Sequence[str | EntreeCalendrier], contract: tuple[dt.date, dt.date] | None,
                 path: tuple = ()) -> tuple[PlanEntry, ...]:
    """Parse every entry of a calendar (a ``calendrier`` or a ``calendrier_ajuste``)."""
    out = []
    for index, entry in enumerate(calendar):
        detail = entry if isinstance(entry, EntreeCalendrier) else None
        recurrent = detail is not None and detail.recurrent
        out.append(PlanEntry(
            periode=periode_of(entry),
            jalon=detail.jalon if detail else None,
            recurrent=recurrent,
            parsed=parse_period(periode_of(entry), contract=contract, recurrent=recurrent),
            path=(*path, index),
        ))
    return tuple(out)


def declinaison_ref(index: int, declinaison: Declinaison) -> str:
    return declinaison.id or str(index + 1)


def fiche_plan(fiche: Fiche, contract: tuple[dt.date, dt.date] | None) -> FichePlan:
    """The dated plan of a fiche."""
    own = plan_entries(fiche.calendrier, contract, ("calendrier",))
    declinaisons = []
    for index, d in enumerate(fiche.declinaisons):
        entries = plan_entries(d.calendrier, contract, ("declinaisons", index, "calendrier"))
        declinaisons.append(UnitPlan(index, declinaison_ref(index, d), d.titre, entries,
                                     () if _intervals(entries) else own))
    return FichePlan(fiche, own, tuple(declinaisons))


def year_interval(year: int) -> Interval:
    return Interval(dt.date(year, 1, 1), dt.date(year, 12, 31))


def meets(interval: Interval, year: int) -> bool:
    """Whether the interval has at least one day in ``year``."""
    return interval.debut.year <= year <= interval.fin.year


def span(intervals: Iterable[Interval]) -> Interval | None:
    """From the first start to the last end, or None without intervals."""
    intervals = list(intervals)
    if not intervals:
        return None
    return Interval(min(i.debut for i in intervals), max(i.fin for i in intervals))


def planned_status(intervals: Iterable[Interval], year: int, as_of: dt.date) -> str | None:
    """The planned status of a set of intervals for ``year`` at ``as_of`` (module docstring)."""
    intervals = list(intervals)
    if not intervals:
        return None
    in_year = [i for i in intervals if meets(i, year)]
    if not in_year:
        return "hors_periode"
    if as_of < min(i.debut for i in in_year):
        return "a_venir"
    if as_of > max(i.fin for i in in_year):
        return "echeance_passee"
    return "en_cours"


def default_as_of(year: int, today: dt.date | None = None) -> dt.date:
    """31 December of ``year``, or today when today falls inside ``year``."""
    today = today or dt.date.today()
    return today if today.year == year else dt.date(year, 12, 31)


def check_year(year: int | None, option: str = "--year") -> int | None:
    """``year`` if it lies in the years the model accepts; else :class:`~clstool.errors.InputError`
    (exit code 2) naming ``option``."""
    from clstool.model.documents import ANNEE_MAX, ANNEE_MIN

    if year is not None and not ANNEE_MIN <= year <= ANNEE_MAX:
        from clstool.errors import InputError

        shown = str(year) if len(str(year)) <= 20 else str(year)[:20] + "…"
        raise InputError(f"{option} {shown} : année hors des bornes ({ANNEE_MIN} à {ANNEE_MAX})")
    return year


def parse_as_of(text: str | None, year: int) -> dt.date:
    """The reference date of ``--as-of`` (ISO ``AAAA-MM-JJ``), or :func:`default_as_of`.

    Raises :class:`clstool.errors.InputError` (exit code 2) on a malformed date."""
    check_year(year)
    if text is None:
        return default_as_of(year)
    try:
        day = dt.date.fromisoformat(text.strip())
        check_year(day.year, "--as-of")
        return day
    except ValueError:
        from clstool.errors import InputError

        raise InputError(f"date de référence « {text} » invalide : écrivez AAAA-MM-JJ (2024-12-31)") from None
