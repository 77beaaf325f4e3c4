"""What ``clstool status`` computes: the status of each unit, and the report of a year.

Plain values, computed by :mod:`clstool.planning.status` (where the rules are written) and
rendered by ``interop/status_output.py``, the calendar and the report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from clstool.model.budget import Total
from clstool.planning.periods import Interval
from clstool.planning.plan import span


@dataclass(frozen=True)
class Calendar:
    """The calendar in force for a unit in the report year."""

    intervals: tuple[Interval, ...]
    source: str  #: "prevu", "ajuste" (with ``annee``), "fiche", "contrat" or "aucun"
    annee: int | None = None  #: the follow-up year of an adjusted calendar

    @property
    def span(self) -> Interval | None:
        return span(self.intervals)


@dataclass(frozen=True)
class Decision:
    statut: str
    motif: str  #: why, in French


@dataclass
class UnitStatus:
    """The status of a fiche or of a déclinaison."""

    statut: str
    motif: str
    statut_declare: str | None
    avancement: int | None
    commentaire: str | None
    calendrier: Calendar
    prevu: str | None  #: planned status (:func:`clstool.planning.plan.planned_status`) of that calendar

    @property
    def debut(self) -> dt.date | None:
        s = self.calendrier.span
        return s.debut if s else None

    @property
    def fin(self) -> dt.date | None:
        s = self.calendrier.span
        return s.fin if s else None


@dataclass
class DeclinaisonStatus(UnitStatus):
    ref: str = ""
    titre: str = ""


@dataclass
class IndicatorStatus:
    id: str
    libelle: str
    type: str
    unite: str | None
    sens: str
    qualitatif: bool
    reference: float | None
    reference_annee: int | None
    cible: float | None
    cible_annee: int | None
    valeur: float | None
    commentaire: str | None
    appreciation: str | None
    statut: str


@dataclass
class FicheStatus(UnitStatus):
    territoire: str = ""
    fichier: str = ""
    id: str = ""
    titre: str = ""
    axe: str = ""
    sous_axe: str | None = None
    #: the year's budget (its lines and its déclinaisons'), per unit: empty without a line that year
    budget: dict[str, Total] = field(default_factory=dict)
    realisations: list[str] = field(default_factory=list)
    difficultes: list[str] = field(default_factory=list)
    declinaisons: list[DeclinaisonStatus] = field(default_factory=list)
    indicateurs: list[IndicatorStatus] = field(default_factory=list)
    alerte: str | None = None  #: « Fiche incomplète : ligne 5, colonne 3 : … » when its file has errors
    #: the contract's custom fields the fiche fills in (``champs``), as written: key → value
    champs: dict[str, Any] = field(default_factory=dict)


@dataclass
class InstanceStatus:
    territoire: str
    id: str
    nom: str
    minimum: int | None
    reunions: list[tuple[dt.date, str | None]]  #: held in Y up to D
    prevues: list[tuple[dt.date, str | None]]  #: dated in Y after D
    statut: str


@dataclass
class AxisSummary:
    territoire: str
    id: str
    titre: str | None
    counts: dict[str, int]  #: fiche status → number, every status present
    #: the year's budget of its fiches, per unit (empty: no budget line that year)
    budget: dict[str, Total] = field(default_factory=dict)
    #: its sub-axes (contrat.yaml: axes[].sous_axes), in the same shape; None on a sub-axis
    sous_axes: list[AxisSummary] | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class StatusReport:
    year: int
    as_of: dt.date
    fiches: list[FicheStatus] = field(default_factory=list)
    axes: list[AxisSummary] = field(default_factory=list)
    gouvernance: list[InstanceStatus] = field(default_factory=list)
    ignores: list[str] = field(default_factory=list)  #: files that could not be read at all
    erreurs: dict[str, str] = field(default_factory=dict)  #: file → its errors, as shown in place


