"""The words of French calendar periods (folded: lower case, no accents) and the tokenizer.

Part of the period grammar documented in :mod:`clstool.planning.periods`."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

YEAR_MIN, YEAR_MAX = 1900, 2100


MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}  # fmt: skip


LAST = -1  # the number of « dernier »: the last quarter or half-year


ORDINAL_WORDS = {
    "premier": 1, "premiere": 1, "deuxieme": 2, "second": 2, "seconde": 2,
    "troisieme": 3, "quatrieme": 4, "dernier": LAST, "derniere": LAST,
}  # fmt: skip


UNITS = {"trimestre": "quarter", "trimestres": "quarter", "semestre": "semester", "semestres": "semester"}


UNIT_NAMES = {"quarter": "trimestre", "semester": "semestre"}


UNIT_COUNT = {"quarter": 4, "semester": 2}  # how many in a year


UNIT_MONTHS = {"quarter": 3, "semester": 6}  # how long, in months


# Words allowed before the period: « de 2024 à 2027 », « en 2024 », « courant 2024 ».
LEADING_WORDS = {"de", "du", "des", "d", "en", "au", "aux", "le", "la", "les", "l", "courant", "dans"}


RANGE_WORDS = {"a", "au", "aux"}  # « 2024 à 2027 »; also « jusqu'à » and a dash


ROUGH = {"debut": (1, 3), "mi": (4, 9), "milieu": (4, 9), "fin": (10, 12)}  # first and last month


CONTRACT_WORDS = {"sur", "pendant", "toute", "tout", "duree", "cls", "contrat", "local", "sante"}


# Words that name a period: never part of a label.
CORE_WORDS = (
    set(MONTHS) | set(ORDINAL_WORDS) | set(UNITS) | set(ROUGH)
    | {"annee", "annees", "rentree", "scolaire", "scolaires", "duree"}
)  # fmt: skip


VOCABULARY = CORE_WORDS | LEADING_WORDS | RANGE_WORDS | CONTRACT_WORDS | {"et", "jusqu", "entre"}


MONTH_WITHOUT_YEAR = "mois sans année : ajoutez l'année ou recurrent: true"


PERIOD_WITHOUT_YEAR = "période sans année : ajoutez l'année ou recurrent: true"


END_BEFORE_START = "la fin précède le début"


class Unrecognized(Exception):
    """The text does not follow the grammar."""


class Invalid(Exception):
    """The text follows the grammar but means nothing valid; the message is French."""


DASHES = "-‐‑‒–—―−/"


def fold_with_origin(text: str) -> tuple[str, list[int]]:
    """Lowercase, strip accents, unify dashes; also where each folded char comes from in text."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in DASHES:
            char = "-"
        elif char in "'’‘.":
            char = " "
        for folded in unicodedata.normalize("NFKD", char).lower():
            if not unicodedata.combining(folded):
                out.append(folded)
                origin.append(index)
    return "".join(out), origin


#: Seasons (folded). Their dates are not agreed upon (meteorological, astronomical, school
#: holidays…): clstool never guesses them, it asks for months, a quarter or dates (CLS301).
SAISONS = frozenset({"printemps", "ete", "automne", "hiver"})
SAISON_AIDE = (
    "une saison n'a pas de dates convenues et clstool ne les devine pas : écrivez les mois "
    "(« mars à mai 2025 »), un trimestre (« 2e trimestre 2025 ») ou des dates "
    "(« du 21 mars au 20 juin 2025 »)"
)


class Token(NamedTuple):
    kind: str  # "iso", "code", "num", "word" or "sep"
    text: str  # folded text; digits only for "num"
    ordinal: bool  # a "num" written with an ordinal suffix (1er, 3ème, 2nd)
    start: int  # position in the folded text
    end: int


TOKEN = re.compile(
    r"""
      (?P<iso>[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?)(?![0-9])              # 2024-03, 2024-03-15
    | (?P<date>[0-9]{1,2}-[0-9]{1,2}-[0-9]{4})(?![0-9])             # 15/03/2024 (folded: 15-03-2024)
    | (?P<code>[ts][0-9])(?![0-9a-z])                                # T1, S2
    | (?P<num>[0-9]+)(?P<suffix>(?:ieme|eme|em|ere|er|re|nde|nd|de|e)s?)?(?![a-z])  # 2024, 3ème
    | (?P<word>[a-z]+)
    | (?P<sep>[-,:])
    """,
    re.VERBOSE,
)


def tokenize(folded: str) -> list[Token]:
    tokens: list[Token] = []
    position = 0
    while True:
        while position < len(folded) and folded[position].isspace():
            position += 1
        if position == len(folded):
            return tokens
        match = TOKEN.match(folded, position)
        if match is None:
            raise Unrecognized
        kind = match.lastgroup if match.lastgroup != "suffix" else "num"
        if kind is None:  # pragma: no cover - every alternative of TOKEN is a named group
            raise Unrecognized
        text = match.group(kind)
        if kind == "date":  # day/month/year, the French way: read as the ISO date
            day, month, year = text.split("-")
            kind, text = "iso", f"{year}-{month:0>2}-{day:0>2}"
        tokens.append(Token(kind, text, bool(match.group("suffix")), match.start(), match.end()))
        position = match.end()


def to_int(digits: str) -> int:
    """The value of a string of digits, capped (no huge integers from hostile input)."""
    return int(digits) if len(digits) <= 6 else 10**6


def check_year(text: str) -> int:
    year = to_int(text)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise Invalid(f"année « {text} » hors de la plage {YEAR_MIN}–{YEAR_MAX}")
    return year
