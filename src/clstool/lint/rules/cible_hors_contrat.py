"""CLS216 cible-hors-contrat."""

from __future__ import annotations

from clstool.lint.rules import Context, Problem, Rule


class CibleHorsContrat(Rule):
    """Cible d'indicateur pour une année hors de la période du contrat.

    Les cibles (``cibles: {2025: 10}``) se comparent, année par année, aux valeurs mesurées
    dans le suivi ; le suivi n'existe que pour les années du contrat. Une cible en 2030 pour
    un contrat 2022–2027 ne sera jamais évaluée : c'est le plus souvent une faute de frappe.

    En faute ::

        indicateurs:
          - id: R1
            type: resultat
            libelle: Nombre de personnes sensibilisées
            cibles:
              2025: 100
              2030: 300

    Correct ::

        indicateurs:
          - id: R1
            type: resultat
            libelle: Nombre de personnes sensibilisées
            cibles:
              2025: 100
              2027: 300
    """

    code = "CLS216"
    name = "cible-hors-contrat"

    def check(self, ctx: Context):
        years = ctx.contract_years
        if years is None:
            return
        for i, indicateur in enumerate(ctx.fiche.indicateurs):
            for year in indicateur.cibles:
                if year not in years:
                    yield Problem(("indicateurs", i, "cibles", year),
                                  f"cible {year} de l'indicateur {indicateur.id} hors de la période du "
                                  f"contrat ({years[0]}–{years[-1]})", at_key=True)
