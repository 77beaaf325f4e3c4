"""CLS210 typologie-vide."""

from __future__ import annotations

from clstool.lint.rules import Context, Rule
from clstool.lint.rules._common import empty_here


class TypologieVide(Rule):
    """Typologie de l'action vide : ni nouvelle, ni expérimentale, ni renforcement.

    La typologie (cases « Nouvelle action », « Action expérimentale », « Renforcement d'une
    action existante ») sert au bilan du contrat : combien d'actions nouvelles le CLS a-t-il
    fait naître ? Une fiche sans case cochée manque à ce décompte.

    En faute ::

        typologie: []
        portage:
          porteurs:
            - Ville de Montpellier

    Correct ::

        typologie:
          - renforcement
        portage:
          porteurs:
            - Ville de Montpellier
    """

    code = "CLS210"
    name = "typologie-vide"
    rubrique = "typologie"
    detail_only = True

    def check(self, ctx: Context):
        if not ctx.fiche.typologie:
            yield empty_here(ctx, ("typologie",), "typologie vide : cochez nouvelle, experimentale ou "
                             "renforcement")
