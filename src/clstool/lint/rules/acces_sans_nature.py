"""CLS207 acces-sans-nature."""

from __future__ import annotations

from clstool.lint.rules import Context, Rule
from clstool.lint.rules._common import oui_without_nature


class AccesSansNature(Rule):
    """Accès à l'information et aux droits « oui » sans aucune nature cochée.

    Si l'action contribue à l'accès à l'information et aux droits, le formulaire demande
    comment : information des usagers, accès aux droits, lutte contre l'illectronisme,
    information ou mise en lien des professionnels.

    En faute ::

        acces_information_droits:
          reponse: oui
          natures: []

    Correct ::

        acces_information_droits:
          reponse: oui
          natures:
            - acces_droits
    """

    code = "CLS207"
    name = "acces-sans-nature"
    rubrique = "acces_information_droits.natures"

    def check(self, ctx: Context):
        yield from oui_without_nature(ctx, "acces_information_droits", "accès à l'information et aux droits")
