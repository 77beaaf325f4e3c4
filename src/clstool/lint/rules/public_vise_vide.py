"""CLS211 public-vise-vide."""

from __future__ import annotations

from clstool.lint.rules import Context, Rule
from clstool.lint.rules._common import empty_here


class PublicViseVide(Rule):
    """Public visé vide : aucune tranche d'âge, aucun professionnel, rien en « autre ».

    Le public visé alimente le tableau transversal des publics du rapport annuel. Une fiche
    qui ne dit pas à qui elle s'adresse ne peut pas y figurer.

    En faute ::

        public_vise:
          ages: []

    Correct ::

        public_vise:
          ages:
            - adolescents
            - jeunes_adultes
    """

    code = "CLS211"
    name = "public-vise-vide"
    rubrique = "public_vise"
    detail_only = True

    def check(self, ctx: Context):
        public = ctx.fiche.public_vise
        if public is None or not (public.ages or public.publics or public.professionnels or public.professionnels_autre
                                  or public.autre):
            yield empty_here(ctx, ("public_vise",), "public visé vide : aucune tranche d'âge, aucun "
                             "professionnel, rien en « autre »")
