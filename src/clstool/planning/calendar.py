"""The calendar of a year (``clstool calendar``): every planned entry that meets the year.

For a year Y and a reference date D (``--as-of``, see :func:`clstool.planning.plan.default_as_of`),
:func:`year_calendar` lists, fiche by fiche, the entries of the *planned* calendars — the
fiche's own ``calendrier`` first, then each déclinaison's — whose interval meets Y:

- an entry gives one item with its interval (« 2024 à 2027 » appears in 2024, 2025, 2026 and
  2027, always with its whole interval);
- a recurring entry (``recurrent: true``, « Février ») gives the item of its occurrence in Y;
- an entry whose period cannot be read appears in every year, with no dates and no status,
  its text kept verbatim (docs/calendrier.md#périodes-reconnues: never dropped, never guessed).

Each item carries its planned status for Y at D (:func:`clstool.planning.plan.planned_status`:
``a_venir``, ``en_cours``, ``echeance_passee``, ``hors_periode``); each fiche and déclinaison
carries the planned status of all its intervals (a fiche spans its own entries and its
déclinaisons'; a déclinaison without a date follows its fiche's own calendar). The parsing,
the spans and the statuses are :mod:`clstool.planning.plan`'s; this module only selects and orders.

The follow-up is read only with ``adjusted=True`` (the iCalendar output): the latest adjusted
calendar (``calendrier_ajuste``) of a fiche or a déclinaison, written in a follow-up up to Y,
replaces its planned entries, as in ``clstool status``; the rest of the follow-up is ``status``'s.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from clstool.errors import InputError
from clstool.model.contrat import Contrat
from clstool.model.documents import Fiche, SuiviAnnee, SuiviDeclinaison
from clstool.model.names import id_key
from clstool.planning.plan import (
    PlanEntry,
    UnitPlan,
    contract_interval,
    default_as_of,
    fiche_plan,
    meets,
    plan_entries,
    planned_status,
)
from clstool.planning.status import territory_name as _territory_name
from clstool.yamlio.load import Project, load

__all__ = ["CalendarItem", "FicheCalendar", "YearCalendar", "build", "year_calendar"]


@dataclass(frozen=True)
class CalendarItem:
    """One calendar entry (or, for a recurring one, its occurrence) in the year."""

    territoire: str
    axe: str
    axe_titre: str | None
    fiche: str
    fiche_titre: str
    declinaison: str | None  #: the déclinaison's title; None for the fiche's own calendar
    declinaison_index: int | None  #: 1-based position of the déclinaison; None for the fiche's own
    entree_index: int  #: 1-based position of the entry in its calendar
    periode: str  #: as written
    jalon: str | None
    recurrent: bool
    debut: dt.date | None  #: None when the period could not be read
    fin: dt.date | None
    statut: str | None  #: planned status for the year; None when the period could not be read
    erreur: str | None  #: why the period could not be read
    fichier: str  #: the fiche file, as given on the command line
    chemin: tuple  #: where the entry is in that file: ("declinaisons", 0, "calendrier", 2)
    declinaison_id: str | None = None  #: the déclinaison's ``id``, if it has one
    contrat_entier: bool = False  #: the entry spans exactly the contract (« Sur toute la durée du CLS »)
    ajuste: int | None = None  #: the follow-up year whose ``calendrier_ajuste`` it comes from (``adjusted``)
    sous_axe: str | None = None  #: the fiche's sub-axis (``contrat.yaml``: ``axes[].sous_axes``), if any


@dataclass(frozen=True)
class PlannedDeclinaison:
    """A déclinaison's planned status for the year."""

    index: int  #: 1-based
    titre: str
    statut: str | None


@dataclass
class FicheCalendar:
    """A fiche's items in the year, with its planned status and its déclinaisons'."""

    territoire: str
    axe: str
    axe_titre: str | None
    id: str
    titre: str
    statut: str | None  #: planned status of the fiche (None: nothing dated in it)
    declinaisons: list[PlannedDeclinaison]
    items: list[CalendarItem]
    fichier: str
    alerte: str | None = None  #: « Fiche incomplète : ligne 5, colonne 3 : … » when its file has errors
    sous_axe: str | None = None  #: the fiche's sub-axis, if any


@dataclass
class YearCalendar:
    year: int
    as_of: dt.date
    fiches: list[FicheCalendar] = field(default_factory=list)  #: every fiche read, in order
    ignores: list[str] = field(default_factory=list)  #: files that could not be read at all
    erreurs: dict[str, str] = field(default_factory=dict)  #: file → its errors, as shown in place

    @property
    def items(self) -> list[CalendarItem]:
        """The year's items, by territory, axis, fiche, then as written in the fiche."""
        return [item for fiche in self.fiches for item in fiche.items]

    @property
    def unparsed(self) -> list[CalendarItem]:
        return [item for item in self.items if item.debut is None]

    @property
    def quiet(self) -> list[FicheCalendar]:
        """Fiches with nothing in the year."""
        return [fiche for fiche in self.fiches if not fiche.items]


def _items(entry: PlanEntry, year: int, as_of: dt.date, base: dict,
           contract: tuple[dt.date, dt.date] | None = None) -> list[CalendarItem]:
    """The items of one entry in ``year`` (none, one, or one per occurrence)."""
    common = dict(base, periode=entry.periode, jalon=entry.jalon, recurrent=entry.recurrent,
                  entree_index=entry.path[-1] + 1, chemin=entry.path)
    if not entry.parsed.parsed:
        return [CalendarItem(**common, debut=None, fin=None, statut=None, erreur=entry.parsed.error)]
    return [
        CalendarItem(**common, debut=interval.debut, fin=interval.fin,
                     statut=planned_status([interval], year, as_of), erreur=None,
                     contrat_entier=not entry.recurrent and (interval.debut, interval.fin) == contract)
        for interval in entry.intervals if meets(interval, year)
    ]


def _adjusted(fiche: Fiche, year: int, contract: tuple[dt.date, dt.date] | None,
              unit: UnitPlan | None = None) -> tuple[int, tuple[PlanEntry, ...]] | None:
    """The latest ``calendrier_ajuste`` of the fiche (``unit`` None) or of a déclinaison written
    in a follow-up up to ``year`` (the rule of ``clstool status``), as plan entries; None when
    there is none."""
    for y in sorted((y for y in fiche.suivi if y <= year), reverse=True):
        suivi = fiche.suivi[y]
        holder: SuiviAnnee | SuiviDeclinaison
        path: tuple
        if unit is None:
            holder, path = suivi, ("suivi", y, "calendrier_ajuste")
        else:
            ref = next((r for r in unit.refs if r in suivi.declinaisons), None)
            if ref is None:
                continue
            holder, path = suivi.declinaisons[ref], ("suivi", y, "declinaisons", ref, "calendrier_ajuste")
        if holder.calendrier_ajuste:
            return y, plan_entries(holder.calendrier_ajuste, contract, path)
    return None


def _entries(planned: tuple[PlanEntry, ...], adjusted: tuple[int, tuple[PlanEntry, ...]] | None,
             ) -> tuple[int | None, tuple[PlanEntry, ...]]:
    return adjusted if adjusted is not None else (None, planned)


def _fiche_calendar(fiche: Fiche, contract: tuple[dt.date, dt.date] | None, territoire: str,
                    axe_titre: str | None, fichier: str, year: int, as_of: dt.date,
                    adjusted: bool = False) -> FicheCalendar:
    plan = fiche_plan(fiche, contract)
    base = dict(territoire=territoire, axe=fiche.axe, axe_titre=axe_titre, fiche=fiche.id,
                fiche_titre=fiche.titre, fichier=fichier, sous_axe=fiche.sous_axe)
    items: list[CalendarItem] = []
    source, entries = _entries(plan.own, _adjusted(fiche, year, contract) if adjusted else None)
    for entry in entries:
        items += _items(entry, year, as_of, dict(base, declinaison=None, declinaison_index=None, ajuste=source),
                        contract)
    units = []
    for unit in plan.declinaisons:
        source, entries = _entries(unit.entries, _adjusted(fiche, year, contract, unit) if adjusted else None)
        for entry in entries:
            items += _items(entry, year, as_of,
                            dict(base, declinaison=unit.titre, declinaison_index=unit.index + 1,
                                 declinaison_id=fiche.declinaisons[unit.index].id, ajuste=source), contract)
        units.append(PlannedDeclinaison(unit.index + 1, unit.titre, planned_status(unit.intervals, year, as_of)))
    return FicheCalendar(territoire, fiche.axe, axe_titre, fiche.id, fiche.titre,
                         planned_status(plan.intervals, year, as_of), units, items, fichier,
                         sous_axe=fiche.sous_axe)


def build(project: Project, year: int, as_of: dt.date | None = None, *,
          fiches: list[str] | None = None, axes: list[str] | None = None, adjusted: bool = False) -> YearCalendar:
    """The calendar of ``year`` for the loaded ``project``; ``fiches`` / ``axes`` filter by id.
    ``adjusted``: a fiche's or a déclinaison's latest ``calendrier_ajuste`` written in a
    follow-up up to ``year`` replaces its planned entries (what an agenda should show).

    Raises :class:`InputError` when a fiche or axis asked for exists nowhere."""
    as_of = as_of or default_as_of(year)
    calendar = YearCalendar(year, as_of)
    seen_fiches: set[str] = set()
    seen_axes: set[str] = set()
    for territory in project.territories:
        contrat = territory.contrat.usable if territory.contrat else None
        contrat = contrat if isinstance(contrat, Contrat) else None
        if territory.contrat and contrat is None and not territory.contrat.reference_only:
            calendar.ignores.append(territory.contrat.display)
        for source in territory.files:
            if source.alert and not source.reference_only:
                calendar.erreurs[source.display] = source.alert_for(source.display)  # type: ignore[assignment]
        name = _territory_name(territory)
        contract = contract_interval(contrat)
        axis_order = [a.id for a in contrat.axes] if contrat else []
        axis_titles = {a.id: a.titre for a in contrat.axes} if contrat else {}
        seen_axes.update(axis_order)
        found = []
        for source in territory.fiches:
            fiche = source.usable
            if not isinstance(fiche, Fiche):
                calendar.ignores.append(source.display)
                continue
            seen_fiches.add(fiche.id)
            seen_axes.add(fiche.axe)
            if (fiches and fiche.id not in fiches) or (axes and fiche.axe not in axes):
                continue
            found.append(_fiche_calendar(fiche, contract, name, axis_titles.get(fiche.axe),
                                         source.display, year, as_of, adjusted))
            found[-1].alerte = source.alert

        def order(f: FicheCalendar, axis_order: list = axis_order) -> tuple:
            rank = axis_order.index(f.axe) if f.axe in axis_order else len(axis_order)
            return (rank, id_key(f.axe), id_key(f.id))

        calendar.fiches.extend(sorted(found, key=order))
    for wanted, seen, what in ((fiches, seen_fiches, "fiche"), (axes, seen_axes, "axe")):
        missing = [w for w in wanted or [] if w not in seen]
        if missing:
            known = ", ".join(sorted(seen, key=id_key)) or "aucun"
            s = "s" if len(missing) > 1 else ""
            raise InputError(f"{what}{s} introuvable{s} : {', '.join(missing)} ({what}s : {known})")
    return calendar


def year_calendar(paths: list[str], year: int, as_of: dt.date | None = None, *,
                  fiches: list[str] | None = None, axes: list[str] | None = None,
                  adjusted: bool = False) -> YearCalendar:
    """Load the territories designated by ``paths`` and list their calendar entries for ``year``."""
    return build(load(paths), year, as_of, fiches=fiches, axes=axes, adjusted=adjusted)
