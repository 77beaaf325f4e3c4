"""The yearly budget of a fiche or a déclinaison, and its totals.

A budget line gives, for one year, one financeur, one nature (investissement or fonctionnement)
and one unit (euros or ETP), the amount planned and the amount executed: the shape of the
budget of Territoires en Transitions (type, unité, année, budget prévisionnel, budget réel),
with the financeur on the line so that each funder's part is followed year by year. The
``financements`` rubric of a fiche stays what the contract planned; ``budget`` is the yearly
follow-up figure. Amounts are bounded like every number of the model (code CLS024).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, Optional

from pydantic import Field

from clstool.model.base import Model
from clstool.model.bounds import Annee, Nombre

TypeBudget = Literal["investissement", "fonctionnement"]
UniteBudget = Literal["euros", "etp"]
#: The units in display order (model/vocabulary.py: UNITES_BUDGET).
UNITES: tuple[str, ...] = UniteBudget.__args__  # type: ignore[attr-defined]


class LigneBudget(Model):
    """One budget line: a year, a financeur, a nature, a unit; planned and executed."""

    annee: Annee = Field(description="Année du budget (2024).")
    financeur: Optional[str] = Field(None, min_length=1, description="Qui finance (« ARS Occitanie », « Ville »).")
    type: TypeBudget = Field(description="investissement ou fonctionnement (comme Territoires en Transitions).")
    unite: UniteBudget = Field("euros", description="euros (défaut ; hors taxes) ou etp (équivalents temps plein).")
    prevu: Optional[Nombre] = Field(None, ge=0, description="Montant prévu (budget prévisionnel), sans espace : 15000.")
    realise: Optional[Nombre] = Field(None, ge=0, description="Montant exécuté dans l'année (budget réel).")
    commentaire: Optional[str] = Field(None, description="Précision : ligne budgétaire, poste, écart expliqué…")


@dataclass(frozen=True)
class Total:
    """Planned and executed amounts added up; None where no line gives one."""

    prevu: float | int | None = None
    realise: float | int | None = None

    def __add__(self, other: Total) -> Total:
        return Total(_plus(self.prevu, other.prevu), _plus(self.realise, other.realise))

    @property
    def taux(self) -> float | None:
        """Executed as a percentage of planned (None without a planned amount above zero)."""
        if not self.prevu or self.realise is None:
            return None
        return round(100 * self.realise / self.prevu, 1)


def _plus(a: float | int | None, b: float | int | None) -> float | int | None:
    if a is None:
        return b
    if b is None:
        return a
    total = a + b
    return round(total, 6) if isinstance(total, float) else total


def totals(lines: Iterable[LigneBudget], year: int | None = None) -> dict[str, Total]:
    """Per unit (``euros``, ``etp``, in that order), the totals of ``lines`` (of ``year`` only
    when given); a unit without any line is absent."""
    out: dict[str, Total] = {}
    for line in lines:
        if year is not None and line.annee != year:
            continue
        out[line.unite] = out.get(line.unite, Total()) + Total(line.prevu, line.realise)
    return {unit: out[unit] for unit in UNITES if unit in out}


def add(*parts: dict[str, Total]) -> dict[str, Total]:
    """The sum of several :func:`totals`, per unit."""
    out: dict[str, Total] = {}
    for part in parts:
        for unit, total in part.items():
            out[unit] = out.get(unit, Total()) + total
    return {unit: out[unit] for unit in UNITES if unit in out}


def fiche_lines(fiche) -> list[LigneBudget]:
    """Every budget line of a fiche: its own, then its déclinaisons'."""
    return [*fiche.budget, *(line for d in fiche.declinaisons for line in d.budget)]
