"""``clstool import tet``: a plan made from TeT's import template → ``contrat.yaml`` + fiches.

How the workbook is read (docs/interoperabilite.md#territoires-en-transitions):

- the sheet « Fichier dimport » (else the sheet whose headers clstool recognises best); the
  header row is the row, among the first ten, where most headers are recognised;
- the template's own rows below the headers (field kinds « Champ texte… », instructions
  « Saisissez… ») are skipped, each with a notice; empty rows are skipped;
- columns are matched by normalised header (:mod:`clstool.interop.tet.vocabulary`), so renamed, reordered or added
  columns and headers with trailing spaces are fine; merged cells give every row they cover the
  value of their first cell.

What each column becomes, one fiche per row:

==============================  ===================================================================
Axe / Sous-axe / Sous-sous axe  ``contrat.axes`` and their ``sous_axes`` (ids from the numbers
                                « 1. », « 1.1. », else generated); the fiche's ``axe`` is the axis,
                                its ``sous_axe`` the deepest level given below it (a sous-sous-axe
                                is a sub-axis of the axis: notice). A row with no axis at all
                                keeps the previous row's (notice)
Titre de la fiche action        ``titre``; ``id`` from « Action N. », « Fiche Action N. »,
                                « Action N - », « 1.2.3. », else the row's rank (next free number)
Titre de la sous-action         ``declinaisons`` (one per line)
Descriptif                      ``definition``
Objectifs                       ``objectifs``: « Objectif général : », « Objectif spécifique n°1 : »,
                                « Objectif opérationnel 1.1 : » open a category; unmarked lines
                                are ``generaux``; one item per line, bullets removed
Structure pilote, Partenaires   ``portage.pilotes``, ``portage.partenaires`` (split on commas
                                outside parentheses, semicolons and line breaks)
Moyens humains et techniques    ``moyens`` (one per line)
Financeur N + Montant € HT      ``financements`` (``financeur``, ``montant``); an amount that is not
                                a number goes to ``precision`` (warning)
Statut                          ``suivi[année].statut`` (the eight TeT statuses)
Niveau de priorité              ``priorite`` (Élevé / Moyen / Bas)
Date de début / de fin          ``calendrier``: « du 16 novembre 2022 au 9 mars 2024 »; a lone date
                                is an entry with ``jalon`` « Début de l'action » / « Fin de l'action »;
                                real dates, Excel serial numbers and JJ/MM/AAAA text are read
Participation Citoyenne         ``participation_citoyenne.reponse`` (non for « Pas de participation
                                citoyenne », oui otherwise) and the level in ``notes``
Calendrier, Etapes…, Notes de   variants: ``calendrier`` (one entry per line), ``etapes``,
suivi                           ``suivi[année].commentaire``
Notes                           ``notes`` (one per paragraph)
anything else                   ``notes``, as « <en-tête> : <valeur> » (every other template column,
                                and unknown columns, with a warning per unknown column)
==============================  ===================================================================

The year of the statuses is ``--annee``, by default the current year: a TeT status describes
the plan as it is now. The contract's period is ``--periode``, by default the years of the dates
found and of the statuses (warning). Warnings name the row and the column; nothing non-empty is
dropped without one (the template's placeholder « Ces informations devront être saisies… » is
skipped with a notice).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from clstool.errors import InputError
from clstool.interop.tet.builder import Builder, Notice
from clstool.interop.tet.cells import text_of
from clstool.interop.tet.columns import read_columns
from clstool.interop.tet.territory import write_plan
from clstool.interop.tet.vocabulary import BY_KEY, SHEET, classify, normalise
from clstool.model.contrat import Contrat
from clstool.model.documents import Fiche
from clstool.planning.plan import check_year
from clstool.sheets.read import Sheet, read_workbook

__all__ = ["Imported", "Notice", "parse_periode", "read_plan", "write_plan"]

_INSTRUCTIONS = ("si vos", "texte court", "ce champ ne sera pas", "presentez", "reseignez", "renseignez",
                 "utilisez", "plusieurs services", "creez sous la forme", "choisissez", "saisissez",
                 "indiquer si", "indiquez")  # fmt: skip


@dataclass
class Imported:
    contrat: Contrat
    fiches: list[Fiche]
    notices: list[Notice] = field(default_factory=list)
    sheet: str = ""

    @property
    def warnings(self) -> list[Notice]:
        return [n for n in self.notices if n.level == "avertissement"]


# --- the sheet ------------------------------------------------------------------------------------------


def _header_row(ws: Sheet) -> tuple[int, int]:
    """(row, number of recognised headers) of the best header row among the first ten."""
    best = (0, 0)
    for row in range(1, min(ws.max_row, 10) + 1):
        count = sum(1 for col in range(1, ws.max_column + 1)
                    if isinstance(value := ws.value(row, col), str) and classify(value))
        if count > best[1]:
            best = (row, count)
    return best


def _find_sheet(sheets: list[Sheet], name: str) -> tuple[Sheet, int]:
    for ws in sheets:
        if normalise(ws.title) in (normalise(SHEET), "fichier d import"):
            row, count = _header_row(ws)
            if count >= 2:
                return ws, row
    candidates = [(ws, *_header_row(ws)) for ws in sheets]
    ws, row, count = max(candidates, key=lambda c: c[2])
    if count < 3:
        raise InputError(f"{name} : aucune feuille ne ressemble au modèle d'import de Territoires en Transitions "
                         "(en-têtes « Axe (x) », « Titre de la fiche action », « Statut »… introuvables)")
    return ws, row


def _template_row(values: list[Any]) -> str | None:
    """Why a row is one of the template's explanation rows, or None for a data row."""
    texts = [normalise(v) for v in values if isinstance(v, str) and v.strip()]
    if not texts:
        return None
    if sum(t.startswith("champ") for t in texts) * 2 >= len(texts):
        return "types de champs du modèle TeT (« Champ texte »…), ignorée"
    if sum(t.startswith(_INSTRUCTIONS) for t in texts) * 2 >= len(texts):
        return "consignes de saisie du modèle TeT, ignorée"
    return None


# --- the whole plan --------------------------------------------------------------------------------------


def parse_periode(text: str) -> tuple[int, int]:
    """« 2025-2030 » (also « 2025–2030 », « 2025 à 2030 ») → (2025, 2030)."""
    m = re.fullmatch(r"\s*(\d{4})\s*(?:-|–|—|à|a|:|/|\s)\s*(\d{4})\s*", text or "")
    if not m or int(m.group(1)) > int(m.group(2)):
        raise InputError(f"période « {text} » invalide : écrivez par exemple --periode 2025-2030")
    first, last = int(m.group(1)), int(m.group(2))
    check_year(first, "--periode")
    check_year(last, "--periode")
    return first, last


def read_plan(path: str, territoire: str | None = None, periode: str | None = None,
              annee: int | None = None, today: dt.date | None = None) -> Imported:
    """Read a TeT workbook into a validated contract and fiches (nothing is written)."""
    check_year(annee, "--annee")
    year = annee or (today or dt.date.today()).year
    if periode:
        parse_periode(periode)  # a bad option is said before the workbook is read
    ws, header_row = _find_sheet(read_workbook(path), Path(path).name)
    notices: list[Notice] = []
    columns = read_columns([ws.value(header_row, col) for col in range(1, ws.max_column + 1)])
    builder = Builder(columns, year, notices)
    raw_fiches = []
    used_columns: set[int] = set()
    for row, cells in ws.rows(min_row=header_row + 1):
        values = {col: value for col, value in cells.items() if col in builder.by_index}
        if all(text_of(v) is None for v in values.values()):
            continue
        why = _template_row(list(values.values()))
        if why and row <= header_row + 3:
            notices.append(Notice(why, row, level="info"))
            continue
        used_columns.update(i for i, v in values.items() if text_of(v) is not None)
        fiche = builder.build(row, values)
        if fiche is not None:
            raw_fiches.append((row, fiche))
    for col in columns:
        if col.index not in used_columns or col.key in BY_KEY or col.key in ("financeur", "montant_paire"):
            continue
        why = ("montant sans colonne « Financeur » à sa gauche" if col.key == "montant"
               else "deuxième colonne de ce nom" if classify(col.header) else "colonne sans équivalent dans clstool")
        notices.append(Notice(f"{why} : son contenu est gardé dans notes (« {col.header} : … »)",
                              header_row, col.letter, col.header))
    if not raw_fiches:
        raise InputError(f"aucune fiche action dans la feuille « {ws.title} » de {path}")

    if periode:
        first, last = parse_periode(periode)
        if builder.statuses and not first <= year <= last:
            raise InputError(f"l'année des statuts ({year}) est hors de la période {first}–{last} : "
                             "précisez --annee")
    else:
        years = builder.years | ({year} if builder.statuses else set())
        first, last = (min(years), max(years)) if years else (year, year)
        notices.append(Notice(f"période du contrat déduite des dates du fichier : {first}–{last} "
                              "(précisez-la avec --periode 2025-2030)"))
    name = territoire or Path(path).stem
    if not territoire:
        notices.append(Notice(f"territoire non précisé : « {name} » (nom du fichier ; précisez --territoire)"))
    contrat = Contrat.model_validate({
        "territoire": name,
        "intitule": f"Plan d'action importé de Territoires en Transitions ({Path(path).name})",
        "periode": {"debut": first, "fin": last},
        "formulaire": "tet",
        "axes": builder.axes.tree(),
    })
    fiches = []
    for row, data in raw_fiches:
        try:
            fiches.append(Fiche.model_validate(data))
        except ValidationError as exc:  # pragma: no cover - the builder only makes valid data
            raise InputError(f"ligne {row} : fiche impossible à construire ({exc.errors()[0]['msg']})") from None
    return Imported(contrat, fiches, notices, ws.title)


