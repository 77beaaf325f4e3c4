"""CLS304 periode-inversee."""

from __future__ import annotations

from clstool.lint.rules import Context, Problem, Rule
from clstool.lint.rules._calendrier import entries
from clstool.model.diagnostic import Severity


class PeriodeInversee(Rule):
    """Période dont la fin précède le début (« 2027 à 2024 »).

    Une plage se lit du début vers la fin : « 2027 à 2024 », « décembre à janvier 2024 » ou
    « 4ème trimestre 2024 – 1er trimestre 2024 » n'ont pas de sens, et clstool ne devine pas
    laquelle des deux bornes est fausse. Souvent c'est une faute de frappe sur une année. Une
    plage qui passe d'une année à la suivante précise les deux années
    (« décembre 2024 à janvier 2025 »).

    En faute ::

        declinaisons:
          - titre: Labelliser les crèches municipales
            calendrier:
              - 2027 à 2024
              - décembre à janvier 2025

    Correct ::

        declinaisons:
          - titre: Labelliser les crèches municipales
            calendrier:
              - 2024 à 2027
              - décembre 2024 à janvier 2025
    """

    code = "CLS304"
    name = "periode-inversee"
    severity = Severity.ERROR

    def check(self, ctx: Context):
        for entry in entries(ctx):
            if entry.reversed:
                yield Problem(entry.path, f"« {entry.periode} » : la fin précède le début ; écrivez les "
                              "bornes dans l'ordre (et l'année de chacune si la plage change d'année)")
