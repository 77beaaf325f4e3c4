"""CLS244 budget-en-double."""

from __future__ import annotations

from clstool.lint.rules import Context, Problem, Rule
from clstool.lint.rules._budget import budget_lists
from clstool.model.vocabulary import UNITES_BUDGET


class BudgetEnDouble(Rule):
    """Deux lignes de budget pour la même année, le même financeur, le même type et la même unité.

    Les totaux du rapport et du statut additionnent les lignes : deux lignes identiques par
    leur année, leur financeur, leur type et leur unité comptent deux fois le même budget, ou
    bien l'une corrige l'autre sans la remplacer. Écrivez une seule ligne (avec un
    ``commentaire`` au besoin), ou distinguez les financeurs. La règle compare les lignes
    d'une même liste (la fiche, ou une déclinaison).

    En faute ::

        budget:
          - annee: 2024
            financeur: Ville de Test
            type: fonctionnement
            prevu: 10000
          - annee: 2024
            financeur: Ville de Test
            type: fonctionnement
            realise: 8000

    Correct ::

        budget:
          - annee: 2024
            financeur: Ville de Test
            type: fonctionnement
            prevu: 10000
            realise: 8000
    """

    code = "CLS244"
    name = "budget-en-double"

    def check(self, ctx: Context):
        for path, lines in budget_lists(ctx.fiche):
            seen: dict[tuple, int] = {}
            for i, line in enumerate(lines):
                key = (line.annee, line.financeur, line.type, line.unite)
                if key in seen:
                    who = f"{line.financeur}, " if line.financeur else "sans financeur, "
                    yield Problem(
                        (*path, i),
                        f"budget {line.annee} ({who}{line.type}, "
                        f"{UNITES_BUDGET[line.unite]}) déjà donné par la ligne {seen[key] + 1}",
                    )
                else:
                    seen[key] = i
