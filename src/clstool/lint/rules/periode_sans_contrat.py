"""CLS305 periode-sans-contrat."""

from __future__ import annotations

from clstool.lint.rules import Context, Problem, Rule
from clstool.lint.rules._calendrier import entries, needs_contract


class PeriodeSansContrat(Rule):
    """Entrée récurrente (ou « durée du CLS ») sans période de contrat lisible.

    ``recurrent: true`` répète une période chaque année *du contrat* (« Février » du cycle des
    SISM), et « Sur toute la durée du CLS » vaut la période du contrat : les deux ont besoin
    de ``periode`` (``debut``, ``fin``) dans ``contrat.yaml``. Sans contrat, ou avec une
    période de contrat absente ou invalide, ces entrées n'ont pas de dates. Corrigez
    ``contrat.yaml`` (les autres messages disent quoi), ou datez l'entrée.

    En faute ::

        calendrier:
          - periode: Février
            jalon: Bilan année N-1 / perspectives année N
            recurrent: true
        # fichier : contrat.yaml
        territoire: Ville de Test
        intitule: Contrat Local de Santé (fictif)
        periode:
          debut: 2027
          fin: 2022
        axes:
          - id: "1"
            titre: Premier axe

    Correct ::

        calendrier:
          - periode: Février
            jalon: Bilan année N-1 / perspectives année N
            recurrent: true
        # fichier : contrat.yaml
        territoire: Ville de Test
        intitule: Contrat Local de Santé (fictif)
        periode:
          debut: 2022
          fin: 2027
        axes:
          - id: "1"
            titre: Premier axe
    """

    code = "CLS305"
    name = "periode-sans-contrat"

    def check(self, ctx: Context):
        for entry in entries(ctx):
            if not needs_contract(ctx, entry):
                continue
            what = "entrée récurrente" if entry.recurrent else f"« {entry.periode} »"
            yield Problem(entry.path, f"{what} sans période de contrat lisible : ajoutez ou corrigez "
                          "periode (debut, fin) dans contrat.yaml")
