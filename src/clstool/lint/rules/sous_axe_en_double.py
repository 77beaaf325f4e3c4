"""CLS242 sous-axe-en-double."""

from __future__ import annotations

from clstool.lint.rules import Context, Problem, Rule
from clstool.model.diagnostic import Severity


class SousAxeEnDouble(Rule):
    """Deux sous-axes du contrat portent le même identifiant.

    Une fiche cite son sous-axe par son seul identifiant (``sous_axe: "1.2"``) : deux
    sous-axes « 1.2 », sous le même axe ou sous deux axes différents, rendraient ce renvoi
    ambigu. Le code est signalé sur le second, dans ``contrat.yaml``.

    En faute ::

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
          - id: "2"
            titre: Second axe
            sous_axes:
              - id: "1.1"
                titre: Un autre objectif fictif

    Correct ::

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
          - id: "2"
            titre: Second axe
            sous_axes:
              - id: "2.1"
                titre: Un autre objectif fictif
    """

    code = "CLS242"
    name = "sous-axe-en-double"
    severity = Severity.ERROR
    scope = "territoire"

    def check(self, ctx: Context):
        contrat, source = ctx.contrat, ctx.territory.contrat
        if contrat is None or source is None:
            return
        seen: dict[str, str] = {}
        for i, axe in enumerate(contrat.axes):
            for j, sous_axe in enumerate(axe.sous_axes):
                if sous_axe.id in seen:
                    yield Problem(
                        ("axes", i, "sous_axes", j, "id"),
                        f"sous-axe « {sous_axe.id} » déjà déclaré sous l'axe {seen[sous_axe.id]}",
                        file=source,
                    )
                else:
                    seen[sous_axe.id] = axe.id
