"""The rows of ``export --format tet``: a fiche → its action row, then one row per déclinaison.

Territoires en Transitions (TeT) reads one action per row; since March 2026 a row whose
« Titre de la sous-action » is filled is a *sous-action* of the action whose title is in
« Titre de l'action », in the same axes (``getActionKey`` of
``apps/backend/src/plans/plans/create-plan-aggregate/create-plan-aggregate.rules.ts``: axes +
title), and that action must have a row of its own. So a fiche gives its row (no sous-action),
then one row per déclinaison repeating the fiche's axes and title.

What goes where (the reverse of :mod:`clstool.interop.tet.read`):

- axes « 1. Titre », « 1.1. Titre »… from :func:`axis_cells`; the title « Action <id>. <titre> »
  when the id is a number (``12``, ``1-3``, ``1.2``);
- ``definition`` → Descriptif; objectives under « Objectifs généraux : », « Objectifs
  spécifiques : », « Objectifs opérationnels : »; ``pilotes`` and ``porteurs`` → Structure
  pilote; ``partenaires``, ``operateurs``, ``partenaires_operationnels`` → Partenaires (comma
  lists); ``moyens``, indicators (« P1 : libellé ») one per line;
- a financer with a numeric amount and no precision → Financeur N / Montant (three at most):
  TeT keeps a financer only with a number as amount, and refuses the whole file for an amount
  that is not a number; every other financing → Financements, one per line;
- the status of the latest year of ``suivi`` that has one; the priority; the dates: the
  « Début / Fin de l'action » milestones, else the span of the calendar — real dates only
  (TeT refuses the file for a date it cannot read);
- ``notes`` written « <en-tête> : <valeur> » go back to their column; every other note goes to
  « Notes »;
- a déclinaison row: its title, description, partners, means, financings, dates and the status
  of the latest year for it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from clstool.interop.tables import TerritoryData
from clstool.interop.tet.builder import DEBUT, FIN, NO_AXIS
from clstool.interop.tet.cells import number_of
from clstool.interop.tet.vocabulary import (
    BY_KEY,
    NOTE_COLUMNS,
    PARTICIPATION_NONE,
    PRIORITE_LABELS,
    STATUT_LABELS,
    TITLE_MAX,
    classify,
    normalise,
)
from clstool.model.budget import fiche_lines, totals
from clstool.model.documents import Declinaison, Fiche, Financement, flatten
from clstool.planning.plan import PlanEntry, declinaison_ref, fiche_plan, span

_NUMERIC_ID = re.compile(r"^\d+(?:[.-]\d+)*$")
_NOTE = re.compile(r"^([^:\n]+?) : (.*)$", re.S)
_OBJECTIVE_HEADINGS = (("generaux", "Objectifs généraux :"), ("specifiques", "Objectifs spécifiques :"),
                       ("operationnels", "Objectifs opérationnels :"))
_PAIRS = 3  #: financer / amount column pairs of the template


@dataclass
class Row:
    """One row of the sheet: column key → value, (financer, amount) pairs, notes for « Notes »,
    and what had to be shortened or left out of a date column (for the summary)."""

    values: dict[str, Any] = field(default_factory=dict)
    pairs: list[tuple[str, int | float]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    shortened: int = 0
    undated: int = 0


def axis_cells(territory: TerritoryData, fiche: Fiche) -> tuple[str | None, str | None, str | None]:
    """The cells « Axe (x) », « Sous-axe (x.x) », « Sous-sous axe (x.x.x) » of a fiche: its axis
    then its sub-axis (``sous_axe``), or, for dotted axis ids, the axes above it by id
    (``1.1.1`` → ``1.1`` → ``1``), each « <id>. <titre> ». The one place that decides a fiche's
    place in TeT's tree of axes."""
    if fiche.axe == NO_AXIS or territory.contrat is None:
        return None, None, None
    axes = territory.contrat.axes
    titles = {a.id: a.titre for a in axes} | {s.id: s.titre for a in axes for s in a.sous_axes}
    deepest = fiche.sous_axe or fiche.axe
    parts = deepest.split(".")
    chain = [i for i in (".".join(parts[:n]) for n in range(1, len(parts) + 1)) if i in titles] or [deepest]
    if fiche.sous_axe and chain[0] != fiche.axe:  # a sub-axis whose id does not extend its axis's
        chain = [fiche.axe, *(i for i in chain if i != fiche.axe)]
    cells: list[str | None] = [f"{i}. {titles[i]}" if i in titles else i for i in chain[-3:]]
    cells += [None] * (3 - len(cells))
    return cells[0], cells[1], cells[2]


def fiche_title(fiche: Fiche) -> str:
    return f"Action {fiche.id}. {fiche.titre}" if _NUMERIC_ID.match(fiche.id) else fiche.titre


def _short(text: str, row: Row) -> str:
    """``text`` within TeT's title limit (the cut is counted for the summary)."""
    if len(text) <= TITLE_MAX:
        return text
    row.shortened += 1
    return text[: TITLE_MAX - 1].rstrip() + "…"


def _objectives(fiche: Fiche) -> str | None:
    if fiche.objectifs is None:
        return None
    blocks = []
    for key, heading in _OBJECTIVE_HEADINGS:
        items = flatten(getattr(fiche.objectifs, key))
        if items:
            blocks.append("\n".join([heading] + [f"- {item}" for item in items]))
    return "\n".join(blocks) or None


def _dates(entries: tuple[PlanEntry, ...], intervals, row: Row) -> tuple[dt.date | None, dt.date | None]:
    """Start and end: the « Début / Fin de l'action » milestones, else the span of ``intervals``.
    A milestone without a readable date is not written (counted in ``row.undated``)."""
    start = end = None
    for entry in entries:
        if entry.jalon in (DEBUT, FIN):
            whole = span(entry.intervals)
            if whole is None:
                row.undated += 1
            elif entry.jalon == DEBUT:
                start = whole.debut
            else:
                end = whole.fin
    whole = span(intervals)
    if start is None and end is None and whole:
        start, end = whole.debut, whole.fin
    if start and end and start > end:  # TeT refuses the file for an end before the start
        row.undated += 1
        end = None
    return start, end


def _status(fiche: Fiche) -> str | None:
    years = [year for year, s in sorted(fiche.suivi.items()) if s.statut]
    return STATUT_LABELS[fiche.suivi[years[-1]].statut] if years else None


def _declinaison_status(fiche: Fiche, ref: str) -> str | None:
    for _, suivi in sorted(fiche.suivi.items(), reverse=True):
        entry = suivi.declinaisons.get(ref)
        if entry is not None and entry.statut:
            return STATUT_LABELS[entry.statut]
    return None


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _funding(financements: list[Financement], row: Row) -> list[str]:
    """Fill ``row.pairs``; the lines for « Financements » (every financing TeT's pairs cannot hold)."""
    overflow: list[str] = []
    for f in financements:
        amount: Any = f.montant
        precision = f.precision
        if precision and amount is None and re.match(r"(?i)^montant\b[^:]*: ", precision):
            amount, precision = precision.split(" : ", 1)[1], None  # an amount the import could not read
        if len(row.pairs) < _PAIRS and f.financeur and not precision and isinstance(amount, (int, float)):
            row.pairs.append((f.financeur, amount))
        else:
            overflow.append(" : ".join(str(p) for p in (f.financeur, amount, precision) if p is not None))
    return overflow


def fiche_row(fiche: Fiche, territory: TerritoryData) -> Row:
    """The action row of a fiche."""
    row = Row()
    values = row.values
    values["axe"], values["sous_axe"], values["sous_sous_axe"] = axis_cells(territory, fiche)
    values["titre"] = fiche_title(fiche)
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
    plan = fiche_plan(fiche, territory.contract)
    values["date_debut"], values["date_fin"] = _dates(plan.own, plan.intervals, row)
    overflow = _funding(fiche.financements, row)
    planned = totals(fiche_lines(fiche)).get("euros")  # the yearly budget, all years: TeT keeps one total
    if planned is not None and planned.prevu is not None:
        values["budget"] = planned.prevu

    for note in fiche.notes:
        m = _NOTE.match(note)
        key = classify(m.group(1)) if m else None
        if m and key in NOTE_COLUMNS and normalise(m.group(1)) == normalise(BY_KEY[key].header) \
                and (key in ("titre", "participation") or not values.get(key)) and f"note:{key}" not in values:
            value: Any = m.group(2)
            if key == "budget":  # TeT refuses the file for a budget that is not a number
                value = number_of(value)
                if value is None:
                    row.notes.append(note)
                    continue
            values[key] = value
            values[f"note:{key}"] = True
        else:
            row.notes.append(note)
    if overflow:
        values["financements"] = "\n".join(filter(None, [values.get("financements"), *overflow]))
    values["titre"] = _short(values["titre"], row)
    return row


def declinaison_row(fiche: Fiche, territory: TerritoryData, parent: Row, index: int) -> Row:
    """The sous-action row of the déclinaison ``index`` of ``fiche``, under the action ``parent``."""
    d: Declinaison = fiche.declinaisons[index]
    row = Row()
    values = row.values
    for key in ("axe", "sous_axe", "sous_sous_axe", "titre"):
        values[key] = parent.values[key]
    values["sous_action"] = _short(d.titre, row)
    values["descriptif"] = "\n".join(flatten(d.description)) or None
    values["partenaires"] = ", ".join(d.partenaires) or None
    values["moyens"] = "\n".join(d.moyens) or None
    values["statut"] = _declinaison_status(fiche, declinaison_ref(index, d))
    unit = fiche_plan(fiche, territory.contract).declinaisons[index]
    own = [i for entry in unit.entries for i in entry.intervals]  # not the fiche's dates it would inherit
    values["date_debut"], values["date_fin"] = _dates(unit.entries, own, row)
    overflow = _funding(d.financements, row)
    if overflow:
        values["financements"] = "\n".join(overflow)
    return row


def fiche_rows(fiche: Fiche, territory: TerritoryData) -> list[Row]:
    """The action row of ``fiche``, then one sous-action row per déclinaison."""
    parent = fiche_row(fiche, territory)
    return [parent] + [declinaison_row(fiche, territory, parent, i) for i in range(len(fiche.declinaisons))]
