"""CLS208 acces-nature-sans-oui."""

from __future__ import annotations

from clstool.lint.rules import Context, Rule
from clstool.lint.rules._common import natures_without_oui


class AccesNatureSansOui(Rule):
    """Natures d'accès à l'information cochées alors que la réponse n'est pas « oui ».

    Des natures cochées avec « non », ou sans réponse (la case « OUI » laissée vide dans la
    fiche source), se contredisent : la fiche dit comment l'action contribue sans dire
    qu'elle contribue.

    En faute ::

        acces_information_droits:
          natures:
            - information_usagers

    Correct ::

        acces_information_droits:
          reponse: oui
          natures:
            - information_usagers
    """

    code = "CLS208"
    name = "acces-nature-sans-oui"

    def check(self, ctx: Context):
        yield from natures_without_oui(ctx, "acces_information_droits", "accès à l'information et aux droits")
