"""``clstool export --format tet``: fiches → a workbook Territoires en Transitions can import.

The workbook *is* TeT's template (shipped in ``clstool/resources``): same sheets, the same
group titles, headers, field kinds and instructions on rows 1–4, the template's example row
removed, one row per fiche from row 5. Each column is found by its header, as the import does.

What goes where is the reverse of :mod:`clstool.interop.tet.read`:

- axes « 1. Titre », « 1.1. Titre »… from the fiche's axis and its parents (``1.1.1`` → ``1.1``
  → ``1``); the title « Action <id>. <titre> » when the id is a number (``12``, ``1-3``, ``1.2``);
- ``definition`` → Descriptif; objectives under « Objectifs généraux : », « Objectifs
  spécifiques : », « Objectifs opérationnels : »; ``pilotes`` and ``porteurs`` → Structure
  pilote; ``partenaires``, ``operateurs``, ``partenaires_operationnels`` → Partenaires (comma
  lists); ``moyens``, déclinaison titles, indicators (« P1 : libellé ») one per line;
- the first three financings (fiche, then déclinaisons) → Financeur N / Montant; the others,
  and the ``precision`` texts, → Financements;
- the status of the latest year of ``suivi`` that has one; the priority; the dates: the
  « Début / Fin de l'action » milestones, else the span of the calendar;
- ``notes`` written « <en-tête> : <valeur> » go back to their column; every other note goes to
  « Notes », separated by blank lines.

What the template cannot hold (typology, public, territory, determinants, indicator targets,
follow-up other than the status, calendar entries beyond the span…) is not written.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from typing import Any

from clstool.interop.tables import Exported, TerritoryData
from clstool.interop.tet.builder import DEBUT, FIN, NO_AXIS
from clstool.interop.tet.columns import read_columns
from clstool.interop.tet.vocabulary import (
    BY_KEY,
    FIRST_DATA_ROW,
    HEADER_ROW,
    NOTE_COLUMNS,
    PARTICIPATION_NONE,
    PRIORITE_LABELS,
    SHEET,
    STATUT_LABELS,
    classify,
    normalise,
    template_path,
)
from clstool.model.documents import Fiche, flatten
from clstool.planning.plan import fiche_plan, span
from clstool.sheets.write import put

_NUMERIC_ID = re.compile(r"^\d+(?:[.-]\d+)*$")
_NOTE = re.compile(r"^([^:\n]+?) : (.*)$", re.S)
_OBJECTIVE_HEADINGS = (("generaux", "Objectifs généraux :"), ("specifiques", "Objectifs spécifiques :"),
                       ("operationnels", "Objectifs opérationnels :"))


def _axis_cells(territory: TerritoryData, axe: str, sous_axe: str | None = None) -> list[str | None]:
    if axe == NO_AXIS or territory.contrat is None:
        return [None, None, None]
    axes = territory.contrat.axes
    titles = {a.id: a.titre for a in axes} | {s.id: s.titre for a in axes for s in a.sous_axes}
    deepest = sous_axe or axe
    parts = deepest.split(".")
    chain = [i for i in (".".join(parts[:n]) for n in range(1, len(parts) + 1)) if i in titles] or [deepest]
    if sous_axe and chain[0] != axe:  # a sub-axis whose id does not extend its axis's
        chain = [axe, *(i for i in chain if i != axe)]
    cells = [f"{i}. {titles[i]}" if i in titles else i for i in chain[-3:]]
    return cells + [None] * (3 - len(cells))


def _objectives(fiche: Fiche) -> str | None:
    if fiche.objectifs is None:
        return None
    blocks = []
    for key, heading in _OBJECTIVE_HEADINGS:
        items = flatten(getattr(fiche.objectifs, key))
        if items:
            blocks.append("\n".join([heading] + [f"- {item}" for item in items]))
    return "\n".join(blocks) or None


def _dates(fiche: Fiche, territory: TerritoryData) -> tuple[Any, Any]:
    plan = fiche_plan(fiche, territory.contract)
    start = end = None
    for entry in plan.own:
        if entry.jalon in (DEBUT, FIN):
            whole = span(entry.intervals)
            value = (whole.debut if entry.jalon == DEBUT else whole.fin) if whole else entry.periode
            start, end = (value, end) if entry.jalon == DEBUT else (start, value)
    whole = span(plan.intervals)
    if start is None and end is None and whole:
        start, end = whole.debut, whole.fin
    return start, end


def _status(fiche: Fiche) -> str | None:
    years = [year for year, s in sorted(fiche.suivi.items()) if s.statut]
    return STATUT_LABELS[fiche.suivi[years[-1]].statut] if years else None


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def row_values(fiche: Fiche, territory: TerritoryData) -> tuple[dict[str, Any], list[tuple[Any, Any]], list[str]]:
    """(column key → value, [(financer, amount)…], notes left for the « Notes » column)."""
    values: dict[str, Any] = {}
    axe, sous_axe, sous_sous_axe = _axis_cells(territory, fiche.axe, fiche.sous_axe)
    values.update(axe=axe, sous_axe=sous_axe, sous_sous_axe=sous_sous_axe)
    values["titre"] = f"Action {fiche.id}. {fiche.titre}" if _NUMERIC_ID.match(fiche.id) else fiche.titre
    values["sous_action"] = "\n".join(d.titre for d in fiche.declinaisons) or None
    values["descriptif"] = fiche.definition
    values["objectifs"] = _objectives(fiche)
    values["indicateurs"] = "\n".join(f"{i.id} : {i.libelle}" for i in fiche.indicateurs) or None
    portage = fiche.portage
    if portage:
        values["structure_pilote"] = ", ".join(_unique(portage.pilotes + portage.porteurs)) or None
        values["partenaires"] = ", ".join(_unique(portage.partenaires + portage.operateurs
                                                  + fiche.partenaires_operationnels)) or None
    elif fiche.partenaires_operationnels:
        values["partenaires"] = ", ".join(fiche.partenaires_operationnels)
    values["moyens"] = "\n".join(fiche.moyens) or None
    if fiche.participation_citoyenne and fiche.participation_citoyenne.reponse == "non":
        values["participation"] = PARTICIPATION_NONE
    values["priorite"] = PRIORITE_LABELS.get(fiche.priorite) if fiche.priorite else None
    values["statut"] = _status(fiche)
    values["date_debut"], values["date_fin"] = _dates(fiche, territory)

    financements = fiche.financements + [f for d in fiche.declinaisons for f in d.financements]
    pairs: list[tuple[Any, Any]] = []
    overflow: list[str] = []
    for f in financements:
        amount: Any = f.montant
        if f.precision and amount is None and re.match(r"(?i)^montant\b[^:]*: ", f.precision):
            amount, precision = f.precision.split(" : ", 1)[1], None  # an amount the import could not read
        else:
            precision = f.precision
        if len(pairs) < 3 and not precision:
            pairs.append((f.financeur, amount))
        else:
            overflow.append(" : ".join(str(p) for p in (f.financeur, amount, precision) if p is not None))

    left: list[str] = []
    for note in fiche.notes:
        m = _NOTE.match(note)
        key = classify(m.group(1)) if m else None
        if key in NOTE_COLUMNS and normalise(m.group(1)) == normalise(BY_KEY[key].header) \
                and (key in ("titre", "participation") or not values.get(key)) and f"note:{key}" not in values:
            values[key] = m.group(2)
            values[f"note:{key}"] = True
        else:
            left.append(note)
    if overflow:
        values["financements"] = "\n".join(filter(None, [values.get("financements"), *overflow]))
    return values, pairs, left


def to_tet(data: Exported) -> bytes:
    """The workbook, as bytes: TeT's template filled with one row per fiche."""
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # « Data Validation extension is not supported »
        with template_path().open("rb") as handle:
            workbook = load_workbook(handle)
    ws = workbook[SHEET]
    columns = read_columns([cell.value for cell in ws[HEADER_ROW]])
    by_key = {c.key: c.index for c in columns if c.key}
    funders = [(c.index, c.pair) for c in columns if c.key == "financeur"]
    for row in ws.iter_rows(min_row=FIRST_DATA_ROW, max_row=ws.max_row):
        for cell in row:
            cell.value = None
    row = FIRST_DATA_ROW
    for territory, fiche in data.fiches:
        values, pairs, left = row_values(fiche, territory)
        for key, value in values.items():
            if key in by_key and value not in (None, ""):
                cell = put(ws, row, by_key[key], value)
                if isinstance(value, dt.date):
                    cell.number_format = "DD/MM/YYYY"
        for (funder_col, amount_col), (funder, amount) in zip(funders, pairs, strict=False):
            put(ws, row, funder_col, funder)
            if amount_col:
                put(ws, row, amount_col, amount)
        if left:
            put(ws, row, by_key["notes"], "\n\n".join(left))
        row += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

