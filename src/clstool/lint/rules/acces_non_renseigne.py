"""CLS206 acces-non-renseigne."""

from __future__ import annotations

from clstool.lint.rules import Context, Rule
from clstool.lint.rules._common import not_answered


class AccesNonRenseigne(Rule):
    """Accès à l'information et aux droits non renseigné (ni « oui » ni « non »).

    Le formulaire demande « L'action contribue-t-elle à améliorer l'accès à l'information et
    aux droits ? ». Sans réponse, la fiche manque au tableau transversal du rapport annuel.

    En faute ::

        typologie:
          - nouvelle

    Correct ::

        typologie:
          - nouvelle
        acces_information_droits:
          reponse: oui
          natures:
            - information_usagers
    """

    code = "CLS206"
    name = "acces-non-renseigne"
    rubrique = "acces_information_droits"
    detail_only = True

    def check(self, ctx: Context):
        yield from not_answered(ctx, "acces_information_droits", "accès à l'information et aux droits non renseigné")
