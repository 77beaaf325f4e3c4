"""CLS240 sous-axe-inconnu."""

from __future__ import annotations

from clstool.lint.rules import Context, Problem, Rule
from clstool.model.diagnostic import Severity


class SousAxeInconnu(Rule):
    """La fiche cite un sous-axe que contrat.yaml ne déclare pas.

    Un contrat peut ranger ses fiches sous des sous-axes (objectifs stratégiques, « Sous-axe »
    de Territoires en Transitions), déclarés dans ``contrat.yaml`` sous leur axe
    (``axes[].sous_axes``). Le rapport, le statut et les exports regroupent les fiches par
    sous-axe : une fiche dont le sous-axe n'est déclaré nulle part ne serait rangée sous aucun.
    Le message donne les sous-axes déclarés pour l'axe de la fiche.

    En faute ::

        sous_axe: "1.3"
        # fichier : contrat.yaml
        territoire: Ville de Test
        intitule: Contrat fictif
        periode:
          debut: 2022
          fin: 2027
        axes:
          - id: "1"
            titre: Premier axe
            sous_axes:
              - id: "1.1"
                titre: Un objectif stratégique fictif

    Correct ::

        sous_axe: "1.1"
        # fichier : contrat.yaml
        territoire: Ville de Test
        intitule: Contrat fictif
        periode:
          debut: 2022
          fin: 2027
        axes:
          - id: "1"
            titre: Premier axe
            sous_axes:
              - id: "1.1"
                titre: Un objectif stratégique fictif
    """

    code = "CLS240"
    name = "sous-axe-inconnu"
    severity = Severity.ERROR

    def check(self, ctx: Context):
        fiche, contrat = ctx.fiche, ctx.contrat
        if fiche.sous_axe is None or contrat is None:
            return
        if any(axe.sous_axe(fiche.sous_axe) for axe in contrat.axes):
            return
        axe = next((a for a in contrat.axes if a.id == fiche.axe), None)
        known = ", ".join(s.id for s in axe.sous_axes) if axe and axe.sous_axes else ""
        where = f"sous-axes de l'axe {fiche.axe} : {known}" if known else f"l'axe {fiche.axe} n'en déclare aucun"
        yield Problem(("sous_axe",), f"sous-axe « {fiche.sous_axe} » absent de contrat.yaml ({where})")
