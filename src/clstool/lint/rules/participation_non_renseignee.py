"""CLS203 participation-non-renseignee."""

from __future__ import annotations

from clstool.lint.rules import Context, Rule
from clstool.lint.rules._common import not_answered


class ParticipationNonRenseignee(Rule):
    """Participation citoyenne non renseignée (ni « oui » ni « non »).

    Le formulaire de fiche demande « Y a-t-il une démarche participative associant les
    citoyens ? » ; une case vide n'est pas un « non » : c'est une question restée sans
    réponse, que le comité de pilotage ne peut pas lire. Les fiches transcrites telles
    quelles gardent la réponse absente (``reponse`` omis) : la règle le signale.

    En faute ::

        typologie:
          - nouvelle
        participation_citoyenne:
          natures: []

    Correct ::

        typologie:
          - nouvelle
        participation_citoyenne:
          reponse: non
    """

    code = "CLS203"
    name = "participation-non-renseignee"
    rubrique = "participation_citoyenne"
    detail_only = True

    def check(self, ctx: Context):
        yield from not_answered(ctx, "participation_citoyenne", "participation citoyenne non renseignée")
