"""CLS209 indicateur-resultat-absent."""

from __future__ import annotations

from clstool.lint.rules import Context, Problem, Rule


class IndicateurResultatAbsent(Rule):
    """Fiche qui n'a que des indicateurs de processus, aucun de résultat.

    Les indicateurs de processus disent ce qui a été fait (réunions tenues, supports
    diffusés) ; seuls les indicateurs de résultat disent si l'action a changé quelque chose
    pour le public visé. Une fiche sans indicateur de résultat ne peut pas être évaluée.
    (Une fiche sans aucun indicateur relève de CLS202.)

    En faute ::

        indicateurs:
          - id: P1
            type: processus
            libelle: Nombre de réunions du groupe de travail

    Correct ::

        indicateurs:
          - id: P1
            type: processus
            libelle: Nombre de réunions du groupe de travail
          - id: R1
            type: resultat
            libelle: Nombre de personnes sensibilisées
    """

    code = "CLS209"
    name = "indicateur-resultat-absent"
    rubrique = "indicateurs.type"

    def check(self, ctx: Context):
        indicateurs = ctx.fiche.indicateurs
        if indicateurs and not any(i.type == "resultat" for i in indicateurs):
            yield Problem(("indicateurs",), f"aucun indicateur de résultat ({len(indicateurs)} de processus "
                          "seulement) : rien ne dira si l'action a changé quelque chose", at_key=True)
