"""CLS204 participation-sans-nature."""

from __future__ import annotations

from clstool.lint.rules import Context, Rule
from clstool.lint.rules._common import oui_without_nature


class ParticipationSansNature(Rule):
    """Participation citoyenne « oui » sans aucune nature cochée.

    Le formulaire demande, si oui, de quelle nature est la participation (analyse des
    besoins, organisation, direction, gestion, mobilisation des ressources). Un « oui » sans
    nature ne dit pas ce que les citoyens font réellement dans l'action.

    En faute ::

        participation_citoyenne:
          reponse: oui

    Correct ::

        participation_citoyenne:
          reponse: oui
          natures:
            - analyse_besoins
    """

    code = "CLS204"
    name = "participation-sans-nature"
    rubrique = "participation_citoyenne.natures"

    def check(self, ctx: Context):
        yield from oui_without_nature(ctx, "participation_citoyenne", "participation citoyenne")
