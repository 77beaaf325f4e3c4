"""CLS212 determinants-vides."""

from __future__ import annotations

from clstool.lint.rules import Context, Rule
from clstool.lint.rules._common import empty_here


class DeterminantsVides(Rule):
    """Aucun déterminant de santé coché.

    La grille des déterminants (système de soins, modes de vie, conditions de vie,
    environnement social, contexte économique et politique, conditions socio-économiques)
    montre sur quoi le contrat agit ; le rapport annuel en fait un tableau transversal.

    En faute ::

        determinants:
          systeme_de_soins: []

    Correct ::

        determinants:
          systeme_de_soins:
            - accessibilite
    """

    code = "CLS212"
    name = "determinants-vides"
    rubrique = "determinants"
    detail_only = True

    def check(self, ctx: Context):
        grid = ctx.fiche.determinants
        if grid is None or not any(getattr(grid, field) for field in type(grid).model_fields):
            yield empty_here(ctx, ("determinants",), "aucun déterminant de santé coché")
