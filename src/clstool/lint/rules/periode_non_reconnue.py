"""CLS301 periode-non-reconnue."""

from __future__ import annotations

from clstool.lint.rules import Context, Problem, Rule
from clstool.lint.rules._calendrier import entries, label_hint, needs_contract


class PeriodeNonReconnue(Rule):
    """Période de calendrier que clstool ne sait pas lire.

    Une période illisible reste telle quelle dans le calendrier, le bilan et les exports, mais
    sans dates : ni ``clstool calendar`` ni ``clstool status`` ne peuvent dire si l'action est à
    venir, en cours ou en retard. clstool ne devine jamais. Les formes reconnues sont celles du
    tableau « Périodes reconnues » de docs/calendrier.md : « 2024 », « 2024 à 2027 », « 1er trimestre 2023 »,
    « 3ème et 4ème trimestre 2024 », « second semestre 2024 », « février 2024 »,
    « de janvier à mars 2024 », « rentrée 2024 », « année scolaire 2024-2025 », « fin 2025 »,
    « Sur toute la durée du CLS », « 2024-03-15 »… Un mois sans année (« Février ») demande
    ``recurrent: true``. Ce qui suit la période (« : Réalisation du diagnostic ») va dans
    ``jalon``.

    Les périodes à l'envers (CLS304) et celles qui ont besoin des dates du contrat quand il n'en
    a pas (CLS305) sont signalées par leur propre règle.

    En faute ::

        declinaisons:
          - titre: Réaliser un diagnostic local
            calendrier:
              - periode: "2ème trimestre 2023 : Réalisation du diagnostic"
              - Février

    Correct ::

        declinaisons:
          - titre: Réaliser un diagnostic local
            calendrier:
              - periode: 2ème trimestre 2023
                jalon: Réalisation du diagnostic
              - periode: Février
                recurrent: true
    """

    code = "CLS301"
    name = "periode-non-reconnue"

    def check(self, ctx: Context):
        for entry in entries(ctx):
            if entry.parsed.parsed or entry.reversed or needs_contract(ctx, entry):
                continue
            message = entry.parsed.error or f"période « {entry.periode} » non reconnue"
            head = label_hint(ctx, entry)
            if head is not None:
                message += f" : écrivez « periode: {head} » et mettez la suite dans jalon"
            yield Problem(entry.path, message)
