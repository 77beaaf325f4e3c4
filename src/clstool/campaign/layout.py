"""The sheets and columns of a campaign workbook, shared by the writer and the reader.

Every data sheet has a hidden first row holding a code per column (``statut``, ``avancement``…)
and a hidden first column holding the key of each row (« 1-1 », « 1-1|2 », « 1-1|R1 »); its cell
A1 holds the sheet's role (``clstool:fiches``…). The reader finds sheets by that role and
columns by their code, so a carrier may rename a sheet or sort its rows: answers still map back.
The very hidden sheet ``_clstool`` holds what the workbook was prepared from (territory, year,
the plan and the follow-up of each fiche at that moment).
"""

from __future__ import annotations

from dataclasses import dataclass

from clstool.model.vocabulary import STATUTS, STATUTS_DECLARES

FORMAT = "clstool-campagne-1"
META_SHEET = "_clstool"
HEADER_ROW = 2  #: French headers; row 1 holds the column codes (hidden)
FIRST_ROW = 3
KEY_SEPARATOR = "|"

#: The eight declared statuses, code → French label (the labels of ``clstool status``).
STATUS_LABELS: dict[str, str] = {code: STATUTS[code].label for code in STATUTS_DECLARES}


@dataclass(frozen=True)
class Column:
    code: str
    header: str
    width: int
    answer: bool = False  #: a cell the carrier fills (unlocked, validated)


@dataclass(frozen=True)
class SheetLayout:
    role: str
    title: str
    columns: tuple[Column, ...]

    @property
    def marker(self) -> str:
        return f"clstool:{self.role}"

    def column(self, code: str) -> int:
        """1-based column number of ``code``."""
        return 1 + [c.code for c in self.columns].index(code)


def _key() -> Column:
    return Column("cle", "Clé (ne pas modifier)", 4)


def fiches_layout(year: int) -> SheetLayout:
    return SheetLayout("fiches", "Fiches", (
        _key(),
        Column("fiche", "Fiche", 7),
        Column("titre", "Action", 40),
        Column("prevu", f"Prévu en {year}", 30),
        Column("precedent", f"Bilan {year - 1}", 32),
        Column("statut", f"Statut {year}", 14, True),
        Column("avancement", "Avancement (%)", 12, True),
        Column("realisations", "Réalisations (une par ligne)", 38, True),
        Column("difficultes", "Difficultés (une par ligne)", 32, True),
        Column("calendrier_ajuste", "Calendrier ajusté (une période par ligne)", 26, True),
        Column("commentaire", "Commentaire", 28, True),
    ))


def declinaisons_layout(year: int) -> SheetLayout:
    return SheetLayout("declinaisons", "Déclinaisons", (
        _key(),
        Column("fiche", "Fiche", 7),
        Column("titre", "Déclinaison", 50),
        Column("prevu", f"Prévu en {year}", 30),
        Column("precedent", f"Statut {year - 1}", 14),
        Column("statut", f"Statut {year}", 14, True),
        Column("commentaire", "Commentaire", 45, True),
    ))


def indicateurs_layout(year: int) -> SheetLayout:
    return SheetLayout("indicateurs", "Indicateurs", (
        _key(),
        Column("fiche", "Fiche", 7),
        Column("titre", "Indicateur", 42),
        Column("unite", "Unité", 9),
        Column("reference", "Référence", 12),
        Column("cible", f"Cible {year}", 10),
        Column("precedent", f"Valeur {year - 1}", 14),
        Column("valeur", f"Valeur {year} (nombre)", 14, True),
        Column("appreciation", "Appréciation (qualitative)", 34, True),
        Column("commentaire", "Commentaire", 34, True),
    ))


def layouts(year: int) -> tuple[SheetLayout, ...]:
    return (fiches_layout(year), declinaisons_layout(year), indicateurs_layout(year))


def row_key(*parts: str) -> str:
    return KEY_SEPARATOR.join(parts)
