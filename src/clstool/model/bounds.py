"""The bounds of the model (code CLS024): what it accepts, every command can compute with.

Years lie between 1900 and 2100 (a contract period, a follow-up year, a target year, a
reference year), numbers are finite and at most 10^15 in absolute value (no amount of a local
contract comes near), and identifiers (of fiche, axis, déclinaison, indicator, instance) are 1
to 40 ASCII letters, digits, « - », « . » or « _ », starting with a letter or a digit: the
shape of the real ones (« 1-1 », « 4-10 », « P1 », « copil », « groupes_travail »), which also
become file names (``fiches/<id>.yaml``).
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, Union

from pydantic import AfterValidator

from clstool.model.limits import ANNEE_MAX, ANNEE_MIN, BORNES, ID_LONGUEUR_MAX, ID_MOTIF, NOMBRE_MAX

__all__ = ["ANNEE_MAX", "ANNEE_MIN", "BORNES", "ID_LONGUEUR_MAX", "ID_MOTIF", "NOMBRE_MAX"]

_ID = re.compile(ID_MOTIF.replace("$", r"\Z"))


def _shown(value: Any) -> str:
    text = str(value) if not isinstance(value, int) or abs(value) < 10**40 else f"{str(value)[:20]}…"
    return text if len(text) <= 40 else text[:37] + "…"


def _bounded_year(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and not ANNEE_MIN <= value <= ANNEE_MAX:
        raise ValueError(f"année {_shown(value)} hors des bornes ({ANNEE_MIN} à {ANNEE_MAX})")
    return value


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"nombre infini ou indéfini ({value}) : écrivez un nombre d'au plus 10^15")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) > NOMBRE_MAX:
        raise ValueError(f"nombre {_shown(value)} hors des bornes (au plus 10^15 en valeur absolue)")
    return value


def _identifier(value: Any) -> Any:
    if isinstance(value, str) and (len(value) > ID_LONGUEUR_MAX or not _ID.match(value)):
        raise ValueError(f"identifiant « {_shown(value)} » invalide : de 1 à {ID_LONGUEUR_MAX} caractères, "
                         "lettres et chiffres sans accent, « - », « . » ou « _ » (ex. 1-1, P1, copil)")
    return value


#: A year (1900–2100).
Annee = Annotated[int, AfterValidator(_bounded_year)]
#: A finite number of sane magnitude.
Nombre = Annotated[Union[int, float], AfterValidator(_finite)]
