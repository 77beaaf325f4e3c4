"""The report's budget section: the fiches' budget of the year, planned against executed, per
axis, sub-axis, fiche and financeur (:mod:`clstool.model.budget`)."""

from __future__ import annotations

from collections.abc import Sequence

from clstool.model.budget import LigneBudget, Total, add, fiche_lines, totals
from clstool.model.contrat import Contrat
from clstool.model.documents import Fiche
from clstool.model.formatting import fr_number, fr_percent
from clstool.model.names import id_key
from clstool.report.views import BudgetRow, BudgetSection, FicheView

NONE = "—"
SANS_FINANCEUR = "financeur non précisé"


def _amount(value: float | int | None, unit: str = "") -> str:
    return NONE if value is None else fr_number(value) + unit


def row(niveau: str, ident: str, titre: str, budget: dict[str, Total]) -> BudgetRow:
    euros, etp = budget.get("euros", Total()), budget.get("etp", Total())
    return BudgetRow(
        niveau,
        ident,
        titre,
        _amount(euros.prevu, " €"),
        _amount(euros.realise, " €"),
        NONE if euros.taux is None else fr_percent(euros.taux),
        _amount(etp.prevu),
        _amount(etp.realise),
    )


def budget_section(contrat: Contrat, fiches: Sequence[tuple[Fiche, FicheView]], year: int) -> BudgetSection | None:
    """The section, or None when no fiche kept has a budget line for ``year``. Sets each
    view's :attr:`FicheView.budget`."""
    per_fiche: dict[str, dict[str, Total]] = {}
    lines: list[LigneBudget] = []
    for fiche, view in fiches:
        own = [line for line in fiche_lines(fiche) if line.annee == year]
        if own:
            per_fiche[fiche.id] = totals(own)
            view.budget = row("fiche", fiche.id, fiche.titre, per_fiche[fiche.id])
            lines += own
    if not lines:
        return None
    rows: list[BudgetRow] = []
    known = [a.id for a in contrat.axes]
    axes = [(a.id, a.titre, a.sous_axes) for a in contrat.axes]
    axes += [
        (ident, f"Axe {ident} (absent du contrat)", []) for ident in sorted({f.axe for f, _ in fiches} - set(known), key=id_key)
    ]
    for ident, titre, sous_axes in axes:
        members = [(f, v) for f, v in fiches if f.axe == ident and f.id in per_fiche]
        if not members:
            continue
        rows.append(row("axe", ident, titre, add(*(per_fiche[f.id] for f, _ in members))))
        placed: set[str] = set()
        for sous_axe in sous_axes:  # each sub-axis, then its fiches
            inside = [(f, v) for f, v in members if f.sous_axe == sous_axe.id]
            if inside:
                rows.append(row("sous_axe", sous_axe.id, sous_axe.titre, add(*(per_fiche[f.id] for f, _ in inside))))
                rows += [v.budget for _, v in inside if v.budget]
                placed |= {f.id for f, _ in inside}
        rows += [v.budget for f, v in members if v.budget and f.id not in placed]
    funders: dict[str, list[LigneBudget]] = {}
    for line in lines:
        funders.setdefault(line.financeur or SANS_FINANCEUR, []).append(line)
    by_funder = [
        row("financeur", name, name, totals(group))
        for name, group in sorted(funders.items(), key=lambda item: (item[0] == SANS_FINANCEUR, item[0].casefold()))
    ]
    return BudgetSection(
        year, rows, by_funder, row("total", "", "Total", totals(lines)), any(line.unite == "etp" for line in lines)
    )
