"""CLS213 declinaison-sans-partenaire."""

from __future__ import annotations

from clstool.lint.rules import Context, Rule
from clstool.lint.rules._common import empty_here


class DeclinaisonSansPartenaire(Rule):
    """Déclinaison opérationnelle sans partenaire.

    Chaque déclinaison du formulaire a sa colonne « Partenaires opérationnels » : une
    déclinaison sans partenaire n'a personne pour la mettre en œuvre à côté du porteur, et
    manque au tableau partenaires × fiches du rapport.

    En faute ::

        declinaisons:
          - titre: Créer un guide de l'offre de soins
            calendrier:
              - 2024

    Correct ::

        declinaisons:
          - titre: Créer un guide de l'offre de soins
            partenaires:
              - CPTS
            calendrier:
              - 2024
    """

    code = "CLS213"
    name = "declinaison-sans-partenaire"

    def check(self, ctx: Context):
        for index, declinaison in enumerate(ctx.fiche.declinaisons):
            if not declinaison.partenaires:
                yield empty_here(ctx, ("declinaisons", index, "partenaires"),
                                 f"déclinaison {index + 1} « {declinaison.titre} » sans partenaire")
