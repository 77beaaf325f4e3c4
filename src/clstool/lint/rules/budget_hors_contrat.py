"""CLS243 budget-hors-contrat."""

from __future__ import annotations

from clstool.lint.rules import Context, Problem, Rule
from clstool.lint.rules._budget import budget_lists


class BudgetHorsContrat(Rule):
    """Ligne de budget pour une année hors de la période du contrat.

    Le budget se suit année par année, pendant le contrat : le rapport annuel et le statut
    additionnent les lignes de l'année demandée. Une ligne de 2030 dans un contrat 2022–2027
    ne serait jamais comptée ; c'est le plus souvent une faute de frappe sur l'année.

    En faute ::

        budget:
          - annee: 2030
            financeur: ARS Occitanie
            type: fonctionnement
            prevu: 15000

    Correct ::

        budget:
          - annee: 2025
            financeur: ARS Occitanie
            type: fonctionnement
            prevu: 15000
    """

    code = "CLS243"
    name = "budget-hors-contrat"

    def check(self, ctx: Context):
        years = ctx.contract_years
        if years is None:
            return
        for path, lines in budget_lists(ctx.fiche):
            for i, line in enumerate(lines):
                if line.annee not in years:
                    yield Problem(
                        (*path, i, "annee"), f"budget {line.annee} hors de la période du contrat ({years[0]}–{years[-1]})"
                    )
