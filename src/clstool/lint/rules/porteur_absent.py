"""CLS201 porteur-absent."""

from __future__ import annotations

from clstool.lint.rules import Context, Rule
from clstool.lint.rules._common import empty_here


class PorteurAbsent(Rule):
    """Fiche sans porteur ni pilote.

    Une action sans porteur n'a personne pour en rendre compte au comité de pilotage ni pour
    répondre au bilan annuel. Les fiches disent « porteur » ou « pilote » : l'un ou l'autre
    suffit (``portage.porteurs`` ou ``portage.pilotes``). Les partenaires et les opérateurs
    ne remplacent pas le porteur.

    En faute ::

        portage:
          partenaires:
            - CPAM de l’Hérault

    Correct ::

        portage:
          pilotes:
            - Ville de Montpellier
          partenaires:
            - CPAM de l’Hérault
    """

    code = "CLS201"
    name = "porteur-absent"
    rubrique = "portage"
    detail_only = True

    def check(self, ctx: Context):
        portage = ctx.fiche.portage
        if portage is None or not (portage.porteurs or portage.pilotes):
            yield empty_here(ctx, ("portage", "porteurs"), "aucun porteur ni pilote : qui porte l'action et en rend "
                             "compte ? (portage.porteurs ou portage.pilotes)")
