"""CLS302 periode-hors-contrat."""

from __future__ import annotations

from clstool.lint.rules import Context, Problem, Rule
from clstool.lint.rules._calendrier import entries


def _years(debut, fin) -> str:
    return str(debut.year) if debut.year == fin.year else f"{debut.year}–{fin.year}"


class PeriodeHorsContrat(Rule):
    """Période de calendrier hors de la période du contrat.

    Un CLS engage ses signataires pour sa durée (``periode`` de ``contrat.yaml``) : une étape
    prévue avant son début ou après sa fin est le plus souvent une faute de frappe sur l'année
    (« 2032 » pour « 2023 »), ou un calendrier à reporter dans le contrat suivant. La règle
    signale une période entièrement hors du contrat, et une période qui en déborde. Les
    entrées récurrentes ne comptent que leurs occurrences dans la durée du contrat.

    En faute ::

        declinaisons:
          - titre: Lancer le conseil local en santé mentale
            calendrier:
              - 4ème trimestre 2032
              - 2026 à 2029

    Correct ::

        declinaisons:
          - titre: Lancer le conseil local en santé mentale
            calendrier:
              - 4ème trimestre 2023
              - 2026 à 2027
    """

    code = "CLS302"
    name = "periode-hors-contrat"

    def check(self, ctx: Context):
        span = ctx.contract_span
        if span is None:
            return
        start, end = span
        contract = f"{_years(start, end)}, du {start:%d/%m/%Y} au {end:%d/%m/%Y}"
        for entry in entries(ctx):
            debut, fin = entry.parsed.debut, entry.parsed.fin
            if debut is None or fin is None or entry.recurrent or (start <= debut and fin <= end):
                continue
            if fin < start or debut > end:
                what = "entièrement hors de la période du contrat"
            else:
                what = "déborde de la période du contrat"
            yield Problem(entry.path, f"« {entry.periode} » ({debut:%d/%m/%Y} – {fin:%d/%m/%Y}) {what} "
                          f"({contract})")
