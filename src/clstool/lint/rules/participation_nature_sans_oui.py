"""CLS205 participation-nature-sans-oui."""

from __future__ import annotations

from clstool.lint.rules import Context, Rule
from clstool.lint.rules._common import natures_without_oui


class ParticipationNatureSansOui(Rule):
    """Natures de participation cochées alors que la réponse n'est pas « oui ».

    Des natures cochées avec « non », ou sans réponse, se contredisent : soit la case
    « oui » a été oubliée, soit les natures sont de trop. Le rapport annuel ne peut pas
    choisir à la place du coordinateur.

    En faute ::

        participation_citoyenne:
          reponse: non
          natures:
            - organisation

    Correct ::

        participation_citoyenne:
          reponse: oui
          natures:
            - organisation
    """

    code = "CLS205"
    name = "participation-nature-sans-oui"

    def check(self, ctx: Context):
        yield from natures_without_oui(ctx, "participation_citoyenne", "participation citoyenne")
