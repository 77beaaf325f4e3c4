"""CLS202 indicateur-absent."""

from __future__ import annotations

from clstool.lint.rules import Context, Rule
from clstool.lint.rules._common import empty_here


class IndicateurAbsent(Rule):
    """Fiche sans aucun indicateur d'évaluation.

    Sans indicateur, le bilan annuel ne peut rien mesurer : le comité de pilotage ne saura
    pas si l'action a produit quelque chose. Chaque fiche du formulaire type a une rubrique
    « Principaux indicateurs d'évaluation » (processus et résultat).

    En faute ::

        portage:
          porteurs:
            - Ville de Montpellier

    Correct ::

        portage:
          porteurs:
            - Ville de Montpellier
        indicateurs:
          - id: P1
            type: processus
            libelle: Nombre de réunions du groupe de travail
    """

    code = "CLS202"
    name = "indicateur-absent"
    rubrique = "indicateurs"
    detail_only = True

    def check(self, ctx: Context):
        if not ctx.fiche.indicateurs:
            yield empty_here(ctx, ("indicateurs",), "aucun indicateur d'évaluation : le bilan annuel "
                             "n'aura rien à mesurer (ajoutez indicateurs)")
