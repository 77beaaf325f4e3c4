"""CLS245 budget-sans-montant."""

from __future__ import annotations

from clstool.lint.rules import Context, Problem, Rule
from clstool.lint.rules._budget import budget_lists


class BudgetSansMontant(Rule):
    """Ligne de budget sans montant prévu ni réalisé.

    Une ligne de budget dit ce qui était prévu (``prevu``) et ce qui a été exécuté
    (``realise``) pour une année. Sans l'un ni l'autre, elle n'apporte rien aux totaux : le
    montant a été oublié, ou mal nommé.

    En faute ::

        budget:
          - annee: 2024
            financeur: ARS Occitanie
            type: investissement

    Correct ::

        budget:
          - annee: 2024
            financeur: ARS Occitanie
            type: investissement
            prevu: 20000
    """

    code = "CLS245"
    name = "budget-sans-montant"

    def check(self, ctx: Context):
        for path, lines in budget_lists(ctx.fiche):
            for i, line in enumerate(lines):
                if line.prevu is None and line.realise is None:
                    yield Problem((*path, i), f"ligne de budget {line.annee} sans montant : ajoutez prevu ou realise")
