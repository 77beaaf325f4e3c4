"""CLS214 declinaison-sans-calendrier."""

from __future__ import annotations

from clstool.lint.rules import Context, Rule
from clstool.lint.rules._common import empty_here


class DeclinaisonSansCalendrier(Rule):
    """Déclinaison opérationnelle sans calendrier prévisionnel.

    Sans calendrier, ni ``clstool calendar`` ni ``clstool status`` ne peuvent dire si la
    déclinaison est à venir, en cours ou en retard. Une période en toutes lettres suffit
    (« 2ème trimestre 2023 », « Sur toute la durée du CLS »).

    En faute ::

        declinaisons:
          - titre: Créer un guide de l'offre de soins
            partenaires:
              - CPTS

    Correct ::

        declinaisons:
          - titre: Créer un guide de l'offre de soins
            partenaires:
              - CPTS
            calendrier:
              - 3ème et 4ème trimestre 2024
    """

    code = "CLS214"
    name = "declinaison-sans-calendrier"
    rubrique = "calendrier"

    def check(self, ctx: Context):
        for index, declinaison in enumerate(ctx.fiche.declinaisons):
            if not declinaison.calendrier:
                yield empty_here(ctx, ("declinaisons", index, "calendrier"),
                                 f"déclinaison {index + 1} « {declinaison.titre} » sans calendrier")
