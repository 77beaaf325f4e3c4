"""The numbers behind the model's bounds (code CLS024), without the model: the catalogue of
codes states them, and reading the cache of results needs them without loading pydantic.
:mod:`clstool.model.bounds` applies them."""

from __future__ import annotations

ANNEE_MIN, ANNEE_MAX = 1900, 2100
NOMBRE_MAX = 10**15
ID_LONGUEUR_MAX = 40
#: The shape of an identifier (module docstring); also in the JSON Schema.
ID_MOTIF = r"^[0-9A-Za-z][0-9A-Za-z._-]*$"
#: The bounds, as the CLS024 messages and ``clstool rules CLS024`` state them.
BORNES = (f"années de {ANNEE_MIN} à {ANNEE_MAX} ; nombres finis d'au plus 10^15 en valeur absolue ; "
          f"identifiants de 1 à {ID_LONGUEUR_MAX} caractères : lettres et chiffres sans accent, "
          "« - », « . », « _ » (ex. 1-1, P1, copil)")
