"""Turning what a carrier typed in a cell into a follow-up value, or a French reason why not.

Each parser takes the cell's value as openpyxl gives it (``None``, text, number, date) and
returns the value to write, or raises :class:`CellError` with what was wrong and what was
expected. Empty cells give ``None`` (or an empty list).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from clstool.campaign.layout import STATUS_LABELS
from clstool.lint.rules._common import fold
from clstool.model.documents import EntreeCalendrier
from clstool.planning.periods import parse_period


class CellError(ValueError):
    """A value that cannot be written: ``str()`` is the French message."""


_BULLET = re.compile(r"^\s*(?:[-•*·–—▪◦]|\d+[.)])\s+")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_BY_FOLD = {fold(label): code for code, label in STATUS_LABELS.items()} | {
    fold(code): code for code in STATUS_LABELS}
EXPECTED_STATUS = "l'un des huit statuts de la liste : " + ", ".join(f"« {v} »" for v in STATUS_LABELS.values())
EXPECTED_PERIOD = ("une période en français par ligne, avec l'année : « 2e semestre 2025 », "
                   "« mars à juin 2025 », « 2025 à 2026 » (suivie si besoin de « : jalon »)")


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str | None:
    """Free text, trimmed; a number or a date typed in a text cell is kept as written."""
    if _is_empty(value):
        return None
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def lines(value: Any) -> list[str]:
    """One item per line, bullets (« - », « • », « 1. ») removed, empty lines dropped."""
    raw = text(value)
    if raw is None:
        return []
    return [_BULLET.sub("", line).strip() for line in raw.splitlines() if _BULLET.sub("", line).strip()]


def status(value: Any) -> str | None:
    """One of the eight French labels (case and accents ignored), or its code."""
    raw = text(value)
    if raw is None:
        return None
    code = _BY_FOLD.get(fold(raw))
    if code is None:
        raise CellError(f"statut « {raw} » inconnu ; attendu : {EXPECTED_STATUS}")
    return code


def avancement(value: Any) -> int | None:
    """A whole number from 0 to 100 (« 40 », « 40 % »)."""
    if _is_empty(value):
        return None
    expected = "attendu : un nombre entier de 0 à 100 (sans le signe %)"
    if isinstance(value, bool):
        raise CellError(f"avancement « {value} » : {expected}")
    if isinstance(value, (int, float)):
        number: float = value
        shown = text(value)
    else:
        shown = str(value).strip()
        cleaned = _SPACES.sub("", shown).rstrip("%").replace(",", ".")
        try:
            number = float(cleaned)
        except ValueError:
            raise CellError(f"avancement « {shown} » n'est pas un nombre ; {expected}") from None
    if not math.isfinite(number) or not float(number).is_integer():
        raise CellError(f"avancement « {shown} » n'est pas un nombre entier ; {expected}")
    if not 0 <= number <= 100:
        raise CellError(f"avancement « {shown} » hors de 0 à 100 ; {expected}")
    return int(number)


def number(value: Any, unite: str | None) -> int | float | None:
    """An indicator's value: a number, possibly written with its unit (« 12 % », « 1 500 € »)."""
    if _is_empty(value):
        return None
    expected = "attendu : un nombre" + (f" (unité : {unite})" if unite else "") + \
        " ; une appréciation en mots va dans la colonne « Appréciation »"
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime)):
        raise CellError(f"valeur « {text(value)} » : {expected}")
    if isinstance(value, (int, float)):
        result: float = value
    else:
        shown = str(value).strip()
        cleaned = _SPACES.sub("", shown)
        for suffix in sorted({unite or "", "%", "€", "euros"}, key=len, reverse=True):
            if suffix and cleaned.lower().endswith(_SPACES.sub("", suffix).lower()):
                cleaned = cleaned[: -len(_SPACES.sub("", suffix))]
                break
        try:
            result = float(cleaned.replace(",", "."))
        except ValueError:
            raise CellError(f"valeur « {shown} » n'est pas un nombre ; {expected}") from None
    if not math.isfinite(result):
        raise CellError(f"valeur « {text(value)} » : {expected}")
    return int(result) if float(result).is_integer() and abs(result) < 2**53 else result


def calendar(value: Any, contract: tuple[dt.date, dt.date] | None) -> list[str | EntreeCalendrier]:
    """One period per line (« mars à juin 2025 »), each optionally followed by « : jalon »."""
    out: list[str | EntreeCalendrier] = []
    for line in lines(value):
        periode, _, jalon = line.partition(" : ")
        periode, jalon = periode.strip(), jalon.strip()
        parsed = parse_period(periode, contract=contract)
        if not parsed.parsed or parsed.label:
            raise CellError(f"période « {periode} » non reconnue ; attendu : {EXPECTED_PERIOD}")
        out.append(EntreeCalendrier(periode=periode, jalon=jalon) if jalon else periode)
    return out
