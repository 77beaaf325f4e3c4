"""The sub-axes and the yearly budget in ``clstool export`` (csv and xlsx).

Both are optional in the model: their columns and sheets are added only when the exported
data has any (a sub-axis declared or cited; a budget line), so the export of a contract
without them is unchanged. The sheet « Budget » has one row per line (the fiche's and its
déclinaisons'); « Budget annuel » the totals per fiche and year, planned against executed,
in euros and in ETP.
"""

from __future__ import annotations

from collections.abc import Iterator

from clstool.model.budget import fiche_lines, totals
from clstool.model.documents import Fiche
from clstool.model.vocabulary import TYPES_BUDGET, UNITES_BUDGET

SOUS_AXE_COLUMNS = ("Sous-axe", "Titre du sous-axe")
#: Totals over every year, on the one row of a fiche (csv, sheet Fiches).
FICHE_BUDGET_COLUMNS = (
    "Budget prévu (€, toutes années)",
    "Budget réalisé (€, toutes années)",
    "Budget prévu (ETP, toutes années)",
    "Budget réalisé (ETP, toutes années)",
)


def has_sub_axes(data) -> bool:
    return any(t.contrat and any(a.sous_axes for a in t.contrat.axes) for t in data.territories) or any(
        f.sous_axe for _, f in data.fiches
    )


def has_budget(data) -> bool:
    return any(fiche_lines(f) for _, f in data.fiches)


def sub_axis_cells(territory, fiche: Fiche) -> list:
    axes = territory.contrat.axes if territory.contrat else []
    found = next((s for a in axes if (s := a.sous_axe(fiche.sous_axe))), None)
    return [fiche.sous_axe, found.titre if found else None]


def _amounts(budget: dict) -> list:
    return [getattr(budget.get(unit), what, None) for unit in ("euros", "etp") for what in ("prevu", "realise")]


def fiche_budget_cells(fiche: Fiche) -> list:
    return _amounts(totals(fiche_lines(fiche)))


BUDGET_COLUMNS = ("Territoire", "Fiche", "Déclinaison", "Année", "Financeur", "Type", "Unité", "Prévu", "Réalisé", "Commentaire")


def budget_rows(data) -> Iterator[list]:
    for territory, fiche in data.fiches:
        places = [(None, fiche.budget)] + [(d.id or str(j + 1), d.budget) for j, d in enumerate(fiche.declinaisons)]
        for declinaison, lines in places:
            for line in lines:
                yield [
                    territory.name,
                    fiche.id,
                    declinaison,
                    line.annee,
                    line.financeur,
                    TYPES_BUDGET[line.type],
                    UNITES_BUDGET[line.unite],
                    line.prevu,
                    line.realise,
                    line.commentaire,
                ]


YEAR_COLUMNS = ("Territoire", "Axe", "Sous-axe", "Fiche", "Année", "Prévu (€)", "Réalisé (€)", "Prévu (ETP)", "Réalisé (ETP)")


def budget_year_rows(data) -> Iterator[list]:
    for territory, fiche in data.fiches:
        lines = fiche_lines(fiche)
        for year in sorted({line.annee for line in lines}):
            yield [territory.name, fiche.axe, fiche.sous_axe, fiche.id, year, *_amounts(totals(lines, year))]


#: The optional sheets of the xlsx export: name, headers, rows.
BUDGET_SHEETS = (("Budget", BUDGET_COLUMNS, budget_rows), ("Budget annuel", YEAR_COLUMNS, budget_year_rows))
