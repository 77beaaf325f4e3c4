"""CLS241 sous-axe-hors-axe."""

from __future__ import annotations

from clstool.lint.rules import Context, Problem, Rule
from clstool.model.diagnostic import Severity


class SousAxeHorsAxe(Rule):
    """Le sous-axe de la fiche appartient à un autre axe que le sien.

    Dans ``contrat.yaml``, chaque sous-axe est déclaré sous un axe ; une fiche qui cite le
    sous-axe « 2.1 » mais l'axe « 1 » serait rangée sous deux branches à la fois, et le rapport
    ne saurait où la placer. C'est souvent une fiche déplacée d'un axe à l'autre sans que l'un
    des deux champs suive.

    En faute ::

        id: "1-1"
        axe: "1"
        sous_axe: "2.1"
        titre: Une action fictive
        # fichier : contrat.yaml
        territoire: Ville de Test
        intitule: Contrat fictif
        periode:
          debut: 2022
          fin: 2027
        axes:
          - id: "1"
            titre: Premier axe
          - id: "2"
            titre: Second axe
            sous_axes:
              - id: "2.1"
                titre: Un objectif stratégique fictif

    Correct ::

        id: "1-1"
        axe: "2"
        sous_axe: "2.1"
        titre: Une action fictive
        # fichier : contrat.yaml
        territoire: Ville de Test
        intitule: Contrat fictif
        periode:
          debut: 2022
          fin: 2027
        axes:
          - id: "1"
            titre: Premier axe
          - id: "2"
            titre: Second axe
            sous_axes:
              - id: "2.1"
                titre: Un objectif stratégique fictif
    """

    code = "CLS241"
    name = "sous-axe-hors-axe"
    severity = Severity.ERROR

    def check(self, ctx: Context):
        fiche, contrat = ctx.fiche, ctx.contrat
        if fiche.sous_axe is None or contrat is None:
            return
        owners = [a.id for a in contrat.axes if a.sous_axe(fiche.sous_axe)]
        if owners and fiche.axe not in owners:
            yield Problem(
                ("sous_axe",),
                f"le sous-axe « {fiche.sous_axe} » appartient à l'axe {owners[0]}, "
                f"pas à l'axe {fiche.axe} de la fiche : corrigez axe ou sous_axe",
            )
