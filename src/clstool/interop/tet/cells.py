"""Reading the cells of a Territoires en Transitions workbook: text, lists, amounts, dates,
numbered titles, objectives. Pure functions of one value, used by :mod:`clstool.interop.tet.read`.

Nothing here guesses silently: a reader returns ``None`` (or the text unchanged) when the value
does not have the expected form, and the caller keeps the value and says so.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from clstool.planning.periods import Interval

# --- small readers ------------------------------------------------------------------------------


def text_of(value: Any) -> str | None:
    """A cell as text: None for an empty cell; dates ISO; VRAI/FAUX; integral floats as integers."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


_BULLET = re.compile(r"^\s*(?:[-•*·–—▪◦➔→]|\d+[.)])\s+")


def lines_of(text: str) -> list[str]:
    """One item per non-empty line; bullets and trailing « ; » or « , » removed."""
    out = []
    for line in text.split("\n"):
        line = _BULLET.sub("", line).strip().rstrip(";,").strip()
        if line:
            out.append(line)
    return out


def split_list(text: str) -> list[str]:
    """« A, B (C, D) ; E » → [A, B (C, D), E]: commas outside parentheses, semicolons, lines."""
    items, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char in ",;\n" and depth <= 0:
            items.append(current)
            current = ""
        else:
            current += char
    items.append(current)
    return [item for raw in items if (item := _BULLET.sub("", raw).strip())]


def number_of(value: Any) -> int | float | None:
    """15000, 15000.0, « 15 000 € HT », « 1 234,50 » → a number; None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() else value
    text = re.sub(r"(?i)\s|\u202f|\xa0|€|euros?|ht\b|ttc\b", "", str(value)).replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() else number


_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def date_of(value: Any) -> Interval | None:
    """A date cell as an interval (one day, or the whole year for a bare year); None if unreadable.

    Real dates; Excel serial numbers (20000–80000: 1954–2119), as numbers or digit text;
    « 16/11/2022 », « 2022-11-16 »; a bare year between 1900 and 2100."""
    from openpyxl.utils.datetime import from_excel

    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return Interval(value, value)
    if isinstance(value, str):
        text = value.strip()
        for pattern, order in ((_DMY, (3, 2, 1)), (_ISO, (1, 2, 3))):
            if m := pattern.match(text):
                try:
                    day = dt.date(*(int(m.group(i)) for i in order))
                except ValueError:
                    return None
                return Interval(day, day)
        if not re.fullmatch(r"\d+(\.\d+)?", text):
            return None
        value = float(text)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and 1900 <= value <= 2100:
            return Interval(dt.date(int(value), 1, 1), dt.date(int(value), 12, 31))
        if 20000 <= value <= 80000:
            day = from_excel(value).date()
            return Interval(day, day)
    return None


# --- identifiers: axes and fiches ----------------------------------------------------------------

_NUMBERED = re.compile(r"^\s*(?:axe\s*)?(\d+(?:\.\d+)*)(?:\.(?!\d)\s*|\s*[-–—:)]\s*)(\S.*)$", re.I | re.S)
_DOTTED = re.compile(r"^\s*(?:axe\s*)?(\d+(?:\.\d+)+)\s+(\S.*)$", re.I | re.S)
_ACTION = re.compile(r"^\s*(?:fiche\s+)?action\s*(?:n\s*°|n°|no\.?)?\s*(\d+(?:[.-]\d+)*)\s*(?:[.:)–—-]\s*)?(.*)$",
                     re.I | re.S)
_FICHE_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)*)\.\s+(\S.*)$|^\s*(\d+(?:\.\d+)+)\s+(\S.*)$", re.S)


def numbered(text: str) -> tuple[str | None, str]:
    """« 1.1. Améliorer l'air » → (« 1.1 », « Améliorer l'air »); (None, text) if unnumbered."""
    m = _DOTTED.match(text) or _NUMBERED.match(text)
    return (m.group(1), m.group(2).strip()) if m else (None, text.strip())


def fiche_number(title: str) -> tuple[str | None, str]:
    """« Fiche Action 3. Titre » → (« 3 », « Titre »); « 1.1.1.1. Titre » → (« 1.1.1.1 », « Titre »)."""
    m = _ACTION.match(title)
    if m:
        return m.group(1), m.group(2).strip()
    m = _FICHE_NUMBER.match(title)
    if m:
        return (m.group(1), m.group(2).strip()) if m.group(1) else (m.group(3), m.group(4).strip())
    return None, title.strip()


# --- objectives ---------------------------------------------------------------------------------------

_OBJECTIVE = re.compile(
    r"objectifs?\s+(g[ée]n[ée]ra(?:l|le|ux|les)|sp[ée]cifiques?|op[ée]rationnel(?:le)?s?)\b[^:\n]*:", re.I)
_CATEGORY = {"g": "generaux", "s": "specifiques", "o": "operationnels"}


def objectives(text: str) -> dict[str, list[str]]:
    """Split « Objectif général : … Objectif spécifique n°1 : … » into the three lists."""
    out: dict[str, list[str]] = {"generaux": [], "specifiques": [], "operationnels": []}
    matches = list(_OBJECTIVE.finditer(text))
    out["generaux"] += lines_of(text[: matches[0].start()] if matches else text)
    for index, m in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        out[_CATEGORY[m.group(1)[0].lower()]] += lines_of(text[m.end():end])
    return {k: v for k, v in out.items() if v}
