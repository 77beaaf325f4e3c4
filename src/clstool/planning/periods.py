"""French calendar period expressions → closed intervals of dates.

A fiche's calendar holds periods written the way contracts write them (« 1er trimestre 2023 »,
« 2024 à 2027 », « Février »). :func:`parse_period` turns one of them into
:class:`ParsedPeriod`; :func:`format_interval` writes an interval back as canonical French text.

Supported forms
===============
Matching ignores case, accents and extra spaces; the dashes ``-`` ``–`` ``—`` and ``/`` are the
same. Years lie between 1900 and 2100.

==========================================  ===============================================
written                                     interval
==========================================  ===============================================
``2024``, ``année 2024``                    the year
``2024 à 2027``, ``2024-2027``,             1 January 2024 – 31 December 2027
``de 2024 à 2027``, ``2022 /2027``
``1er trimestre 2023``, ``T1 2023``         a quarter (``trimestre``)
``dernier trimestre 2023``                  the 4th quarter (``dernier semestre``: the 2nd half)
``1er semestre 2023``, ``S1 2023``          a half-year (``semestre``)
``3ème et 4ème trimestres 2024``,           from the first to the last quarter named
``3 et 4ème trimestre 2024``, ``T3-T4 2024``
``février 2024``, ``juillet août 2024``,    a month, several months
``de janvier à mars 2024``, ``janvier-mars 2024``
``15 mars 2024``, ``1er mars 2024``,        a day, a span of days
``du 15 au 20 mars 2024``
``2024-03``, ``2024-03-15``                 an ISO month, an ISO day
``15/03/2024``, ``1/3/2024``                a day written day/month/year
``2024 T3``, ``2024-S1``                    a quarter, a half-year (year first)
``entre 2024 et 2026``,                     the span from the first to the last
``entre janvier et mars 2024``
``rentrée 2024``, ``rentrée 2024-2025``,    September 2024
``rentrée scolaire 2024``
``année scolaire 2024-2025``                1 September 2024 – 31 August 2025
``début 2025``, ``mi-2025``, ``fin 2025``   Q1, Q2–Q3 (1 April – 30 September), Q4 of 2025
``Sur toute la durée du CLS``,              the ``contract`` interval (an error without it)
``durée du CLS``, ``toute la durée du contrat``
==========================================  ===============================================

Ordinals: ``1er``/``1e``/``1re``/``1ère``/``premier``/``première``; ``2e``/``2ème``/``2eme``/
``2nd``/``2nde``/``deuxième``/``second``/``seconde``; ``3e``/``3ème``/``troisième``;
``4e``/``4ème``/``quatrième``/``dernier``. Units may be plural (``trimestres``). A number
without suffix is an ordinal only before another one (« 3 et 4ème trimestre »).

Combining: any two (or more) of the forms above joined by a range word (``à``, ``au``,
``jusqu'à``, a dash) give the span from the start of the first to the end of the last
(« 4ème trimestre 2022 – 4ème trimestre 2023 »). Joined by ``et``, a comma or nothing
(« juillet août »), the parts must follow each other without a gap. A leading part may leave
out what the last part says: « de janvier à mars 2024 », « T3-T4 2024 », « 3e et 4e
trimestres 2024 ». The expression may start with ``de``, ``du``, ``en``, ``au``, ``courant``…

Label: leading words that are not part of a period are kept as ``label``
(« Diffusion 3ème trimestre 2024 », « Lancement : 2024 »).

Recurring entries: a period without a year (« Février », « Juillet Août », « 3e trimestre »)
is accepted only with ``recurrent=True`` and a ``contract``; it gives one interval per
contract year, keeping the occurrences that lie inside the contract. A range of months or days
may run over the new year (« novembre à février »: November to the next February). With ``recurrent=True``,
a dated expression simply gives its own interval.

Never guessed: anything else — a period followed by a description, « 2027 à 2024 », a year
outside 1900–2100, « janvier et mars » (not contiguous) — is returned unparsed, with the reason
in French in ``error``. :func:`parse_period` never raises.

How it works: :func:`_fold` lowercases and strips accents, :func:`_tokenize` cuts the text into
numbers, words, codes (T1, S2), ISO dates and separators, :class:`_Parser` reads the tokens
into pieces (one per period written) and the links between them, :func:`_resolve` fills the
parts a leading piece leaves out, :func:`_combine` checks the links and spans the pieces.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from clstool.model.vocabulary import MONTH_NAMES

__all__ = ["Interval", "ParsedPeriod", "parse_period", "format_interval"]

YEAR_MIN, YEAR_MAX = 1900, 2100


@dataclass(frozen=True)
class Interval:
    """A closed interval of dates: both ``debut`` and ``fin`` belong to it."""

    debut: dt.date
    fin: dt.date

    def __post_init__(self) -> None:
        if self.fin < self.debut:
            raise ValueError(f"intervalle invalide : la fin ({self.fin}) précède le début ({self.debut})")


@dataclass(frozen=True)
class ParsedPeriod:
    """A period expression and what it means."""

    text: str  # the expression exactly as written
    intervals: tuple[Interval, ...]  # one; one per contract year when recurring; () when unparsed
    label: str | None = None  # leading milestone words ("Diffusion", "Lancement")
    error: str | None = None  # French reason when it could not be parsed

    @property
    def parsed(self) -> bool:
        return bool(self.intervals)

    @property
    def debut(self) -> dt.date | None:
        return min(i.debut for i in self.intervals) if self.intervals else None

    @property
    def fin(self) -> dt.date | None:
        return max(i.fin for i in self.intervals) if self.intervals else None


# --- Vocabulary (folded: lowercase, no accents) ---------------------------------------------

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


class _Unrecognized(Exception):
    """The text does not follow the grammar."""


class _Invalid(Exception):
    """The text follows the grammar but means nothing valid; the message is French."""


# --- Normalisation and tokens ---------------------------------------------------------------

_DASHES = "-‐‑‒–—―−/"


def _fold(text: str) -> tuple[str, list[int]]:
    """Lowercase, strip accents, unify dashes; also where each folded char comes from in text."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in _DASHES:
            char = "-"
        elif char in "'’‘.":
            char = " "
        for folded in unicodedata.normalize("NFKD", char).lower():
            if not unicodedata.combining(folded):
                out.append(folded)
                origin.append(index)
    return "".join(out), origin


class _Token(NamedTuple):
    kind: str  # "iso", "code", "num", "word" or "sep"
    text: str  # folded text; digits only for "num"
    ordinal: bool  # a "num" written with an ordinal suffix (1er, 3ème, 2nd)
    start: int  # position in the folded text
    end: int


_TOKEN = re.compile(
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


def _tokenize(folded: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while True:
        while position < len(folded) and folded[position].isspace():
            position += 1
        if position == len(folded):
            return tokens
        match = _TOKEN.match(folded, position)
        if match is None:
            raise _Unrecognized
        kind = match.lastgroup if match.lastgroup != "suffix" else "num"
        text = match.group(kind)
        if kind == "date":  # day/month/year, the French way: read as the ISO date
            day, month, year = text.split("-")
            kind, text = "iso", f"{year}-{month:0>2}-{day:0>2}"
        tokens.append(_Token(kind, text, bool(match.group("suffix")), match.start(), match.end()))
        position = match.end()


def _int(digits: str) -> int:
    """The value of a string of digits, capped (no huge integers from hostile input)."""
    return int(digits) if len(digits) <= 6 else 10**6


def _check_year(text: str) -> int:
    year = _int(text)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise _Invalid(f"année « {text} » hors de la plage {YEAR_MIN}–{YEAR_MAX}")
    return year


# --- Pieces: what one period written means ------------------------------------------------


@dataclass
class _Piece:
    """One period as written, possibly incomplete (« janvier » in « janvier à mars 2024 »).

    unit is "year", "semester", "quarter", "month", "day", or None for a bare number or ordinal
    (« 3 » in « 3 et 4ème trimestre 2023 »); number is the half-year, quarter, month or day;
    month is the month of a day. A piece with a ready-made interval (rentrée, mi-2025, durée du
    CLS…) has it in fixed.
    """

    unit: str | None = None
    year: int | None = None
    number: int | None = None
    month: int | None = None
    fixed: Interval | None = None
    word_ordinal: bool = False  # « premier », « dernier »: never a day of the month


def _month_interval(year: int, first: int, last: int) -> Interval:
    return Interval(dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1]))


def _interval(piece: _Piece) -> Interval:
    """The interval of a complete piece (its year is known)."""
    if piece.fixed is not None:
        return piece.fixed
    year, number = piece.year, piece.number
    assert year is not None
    if piece.unit == "year":
        return _month_interval(year, 1, 12)
    if piece.unit in UNIT_COUNT:
        count, length = UNIT_COUNT[piece.unit], UNIT_MONTHS[piece.unit]
        if number == LAST:
            number = count
        if number is None or not 1 <= number <= count:
            raise _Invalid(f"il n'y a pas de {number}e {UNIT_NAMES[piece.unit]} (1 à {count})")
        return _month_interval(year, length * (number - 1) + 1, length * number)
    if piece.unit == "month":
        if number is None or not 1 <= number <= 12:
            raise _Invalid(f"mois « {number} » inexistant")
        return _month_interval(year, number, number)
    if piece.unit == "day":
        assert piece.month is not None and number is not None
        if not 1 <= number <= calendar.monthrange(year, piece.month)[1]:
            raise _Invalid(f"le {number} {MONTH_NAMES[piece.month - 1]} {year} n'existe pas")
        day = dt.date(year, piece.month, number)
        return Interval(day, day)
    raise _Unrecognized


# --- Parser: tokens → pieces and links ------------------------------------------------------


class _Parser:
    """Reads ``[leading words] piece (link piece)*``; a link is "range" or "list"."""

    def __init__(self, tokens: list[_Token], contract: tuple[dt.date, dt.date] | None) -> None:
        self.tokens = tokens
        self.position = 0
        self.contract = contract

    # Looking at tokens.
    def _peek(self, ahead: int = 0) -> _Token | None:
        index = self.position + ahead
        return self.tokens[index] if index < len(self.tokens) else None

    def _is_word(self, *words: str, ahead: int = 0) -> bool:
        token = self._peek(ahead)
        return token is not None and token.kind == "word" and token.text in words

    def _is_sep(self, sep: str, ahead: int = 0) -> bool:
        token = self._peek(ahead)
        return token is not None and token.kind == "sep" and token.text == sep

    def _is_year(self, ahead: int = 0) -> bool:
        token = self._peek(ahead)
        return token is not None and token.kind == "num" and not token.ordinal and len(token.text) >= 3

    def _next(self) -> _Token:
        token = self._peek()
        if token is None:
            raise _Unrecognized
        self.position += 1
        return token

    def _accept(self, *words: str) -> bool:
        if self._is_word(*words):
            self.position += 1
            return True
        return False

    def _expect(self, *words: str) -> None:
        if not self._accept(*words):
            raise _Unrecognized

    def _year(self) -> int:
        if not self._is_year():
            raise _Unrecognized
        return _check_year(self._next().text)

    def _optional_year(self) -> int | None:
        return self._year() if self._is_year() else None

    # The grammar.
    def parse(self) -> tuple[list[_Piece], list[str]]:
        between = False  # « entre 2024 et 2026 »: the « et » is a range
        while True:
            if self._accept("entre"):
                between = True
            elif not self._accept(*LEADING_WORDS):
                break
        pieces, links = [self._piece()], []
        while self._peek() is not None:
            if between and not links and self._accept("et"):
                links.append("range")
            else:
                links.append(self._link())
            pieces.append(self._piece())
        return pieces, links

    def _link(self) -> str:
        if self._is_sep("-") or self._is_word(*RANGE_WORDS):
            self.position += 1
            return "range"
        if self._accept("jusqu"):
            self._expect(*RANGE_WORDS)
            return "range"
        if self._is_sep(",") or self._is_word("et"):
            self.position += 1
        return "list"  # « et », a comma, or nothing: « juillet août »

    def _piece(self) -> _Piece:
        token = self._peek()
        if token is None:
            raise _Unrecognized
        if token.kind == "iso":
            return self._iso(self._next().text)
        if token.kind == "code":  # T1 2023, S2 2024
            self.position += 1
            unit = "quarter" if token.text[0] == "t" else "semester"
            return _Piece(unit, self._optional_year(), int(token.text[1]))
        if self._is_year():
            year = self._year()
            dash = 1 if self._is_sep("-") else 0
            code = self._peek(dash)
            if code is not None and code.kind == "code" and not self._is_year(dash + 1):  # 2024 T3, 2024-S1
                self.position += dash + 1
                return _Piece("quarter" if code.text[0] == "t" else "semester", year, int(code.text[1]))
            return _Piece("year", year)
        if token.kind == "num":
            self.position += 1
            return self._after_number(_int(token.text), token.ordinal)
        if token.kind != "word":
            raise _Unrecognized
        word = token.text
        if word in ORDINAL_WORDS:  # premier trimestre 2023, or a bare « premier »
            self.position += 1
            return self._after_number(ORDINAL_WORDS[word], ordinal=True, word=True)
        if word in MONTHS:
            self.position += 1
            return _Piece("month", self._optional_year(), MONTHS[word])
        if word in ("annee", "annees"):
            self.position += 1
            if self._accept("scolaire", "scolaires"):
                return self._school_year()
            return _Piece("year", self._year())
        if word == "rentree":
            self.position += 1
            return self._rentree()
        if word in ROUGH:
            self.position += 1
            return self._rough(word)
        if word in ("sur", "pendant", "toute", "tout", "la", "l", "duree"):
            return self._contract_duration()
        raise _Unrecognized

    def _after_number(self, number: int, ordinal: bool, word: bool = False) -> _Piece:
        """After « 3ème » or « 15 »: a quarter, a half-year, a day, or a bare number."""
        token = self._peek()
        if token is not None and token.kind == "word" and token.text in UNITS:
            if not ordinal:  # « 3 trimestre 2024 »: not French, not guessed
                raise _Unrecognized
            self.position += 1
            return _Piece(UNITS[token.text], self._optional_year(), number)
        if token is not None and token.kind == "word" and token.text in MONTHS and not word:
            if ordinal and number != 1:  # only « 1er mars »
                raise _Unrecognized
            self.position += 1
            return _Piece("day", self._optional_year(), number, MONTHS[token.text])
        return _Piece(None, None, number, word_ordinal=word)

    def _iso(self, text: str) -> _Piece:
        year = _check_year(text[:4])
        parts = [int(part) for part in text.split("-")[1:]]
        if not 1 <= parts[0] <= 12:
            raise _Invalid(f"mois « {parts[0]} » inexistant")
        if len(parts) == 1:
            return _Piece("month", year, parts[0])
        if not 1 <= parts[1] <= calendar.monthrange(year, parts[0])[1]:
            raise _Invalid(f"le {parts[1]} {MONTH_NAMES[parts[0] - 1]} {year} n'existe pas")
        return _Piece("day", year, parts[1], parts[0])

    def _school_year(self) -> _Piece:
        """After « année scolaire »: 2024-2025."""
        first = self._year()
        expected = f"écrivez « année scolaire {first}-{first + 1} »"
        if not (self._is_sep("-") and self._is_year(1)):
            raise _Invalid(f"année scolaire incomplète : {expected}")
        self.position += 1
        second = self._year()
        if second != first + 1:
            raise _Invalid(f"année scolaire « {first}-{second} » incohérente : {expected}")
        return _Piece(fixed=Interval(dt.date(first, 9, 1), dt.date(second, 8, 31)))

    def _rentree(self) -> _Piece:
        """After « rentrée »: [scolaire] 2024 [-2025] → September 2024."""
        self._accept("scolaire")
        year = self._year()
        following = self._peek(1)
        if self._is_sep("-") and self._is_year(1) and following and _int(following.text) == year + 1:
            self.position += 2  # « rentrée 2024-2025 »: the school year starting in 2024
        return _Piece(fixed=_month_interval(year, 9, 9))

    def _rough(self, word: str) -> _Piece:
        """After « début », « mi », « fin »: [-] [de|d] [annee] 2025."""
        if self._is_sep("-"):
            self.position += 1
        self._accept("de", "d")
        self._accept("l")
        self._accept("annee")
        first, last = ROUGH[word]
        return _Piece(fixed=_month_interval(self._year(), first, last))

    def _contract_duration(self) -> _Piece:
        """[sur|pendant] [toute|tout] [la|l] durée du|de la CLS|contrat [local de santé]."""
        self._accept("sur", "pendant")
        self._accept("toute", "tout")
        self._accept("la", "l")
        self._expect("duree")
        if not self._accept("du"):
            self._expect("de")
            self._accept("la", "l")
        self._expect("cls", "contrat")
        if self._accept("local"):
            self._expect("de")
            self._expect("sante")
        if self.contract is None:
            raise _Invalid("durée du contrat inconnue : les dates du contrat sont nécessaires")
        return _Piece(fixed=Interval(*self.contract))


# --- From pieces to intervals --------------------------------------------------------------


def _resolve(pieces: list[_Piece], year: int | None = None, wrap: bool = False) -> list[Interval]:
    """Complete each piece from the one after it, right to left, and give their intervals.

    « janvier à mars 2024 »: « janvier » takes 2024. « 3e et 4e trimestres 2024 »: « 3e » takes
    « trimestre » and 2024. year, when given, is the year of a recurring expression; wrap: it
    runs over the new year (« novembre à février »), the first piece takes the year before.
    """
    pieces = [dataclasses.replace(piece) for piece in pieces]
    last = pieces[-1]
    if year is not None:
        last.year = year
    if last.fixed is None and (last.unit is None or last.year is None):
        raise _Unrecognized  # « 2024 à 3e », « 2024 à mars »
    for piece, following in zip(reversed(pieces[:-1]), reversed(pieces[1:])):
        if piece.fixed is not None or piece.year is not None:
            continue
        if following.fixed is not None:
            raise _Unrecognized  # « janvier à fin 2024 »
        if piece.unit is None:  # a bare number takes the unit that follows
            if following.unit not in ("quarter", "semester", "day"):
                raise _Unrecognized
            if following.unit == "day" and piece.word_ordinal:
                raise _Unrecognized
            piece.unit, piece.month = following.unit, following.month
        elif piece.unit != following.unit:
            raise _Unrecognized  # « janvier à 2025 »
        piece.year = following.year
    if wrap:
        assert pieces[0].year is not None
        pieces[0].year -= 1
    return [_interval(piece) for piece in pieces]



def _combine(intervals: list[Interval], links: list[str]) -> Interval:
    """Check each link, then span from the first start to the last end."""
    for before, link, after in zip(intervals, links, intervals[1:]):
        if link == "list" and after.debut != before.fin + dt.timedelta(days=1):
            raise _Invalid("périodes non contiguës : reliez-les par « à » ou écrivez-les séparément")
        if link == "range" and (after.debut < before.debut or after.fin < before.fin):
            raise _Invalid(END_BEFORE_START)
    return Interval(intervals[0].debut, intervals[-1].fin)


def _evaluate(
    tokens: list[_Token], contract: tuple[dt.date, dt.date] | None, recurrent: bool
) -> tuple[Interval, ...]:
    if not tokens:
        raise _Unrecognized
    pieces, links = _Parser(tokens, contract).parse()
    if any(piece.fixed is not None or piece.year is not None for piece in pieces):
        return (_combine(_resolve(pieces), links),)
    # No year anywhere: « Février », « Juillet Août », « 3e trimestre », « novembre à février ».
    probe = _resolve(pieces, year=2000)  # still has to make sense (a leap year: « 29 février »)
    # a range of months or days over the new year: « novembre à février »
    wrap = (links == ["range"] and all(piece.unit in ("month", "day") for piece in pieces)
            and probe[-1].debut < probe[0].debut)
    if not recurrent:
        months = pieces[-1].unit in ("month", "day")
        raise _Invalid(MONTH_WITHOUT_YEAR if months else PERIOD_WITHOUT_YEAR)
    if contract is None:
        raise _Invalid("période récurrente : les dates du contrat sont nécessaires")
    start, end = contract
    occurrences = []
    for year in range(start.year, end.year + 1):  # the year in which each occurrence ends
        interval = _combine(_resolve(pieces, year=year, wrap=wrap), links)
        if start <= interval.debut and interval.fin <= end:
            occurrences.append(interval)
    if not occurrences:
        raise _Invalid("période récurrente sans occurrence dans la durée du contrat")
    return tuple(occurrences)


# --- Public functions -----------------------------------------------------------------------


def parse_period(
    text: str, *, contract: tuple[dt.date, dt.date] | None = None, recurrent: bool = False
) -> ParsedPeriod:
    """Parse a French period expression; never raises (see the module docstring).

    Results are memoised: a corpus repeats the same few hundred expressions, and several
    rules and commands ask for the same entry (the result is immutable, so sharing it is safe)."""
    if not isinstance(text, str):
        return ParsedPeriod(str(text), (), error="période absente ou qui n'est pas du texte")
    return _parse_cached(text, contract, recurrent)


@lru_cache(maxsize=16384)
def _parse_cached(text: str, contract: tuple[dt.date, dt.date] | None, recurrent: bool) -> ParsedPeriod:
    if not isinstance(text, str):
        return ParsedPeriod(str(text), (), error="période absente ou qui n'est pas du texte")
    if not text.strip():
        return ParsedPeriod(text, (), error="période vide")
    if contract is not None and contract[1] < contract[0]:
        return ParsedPeriod(text, (), error="dates du contrat incohérentes : la fin précède le début")
    unrecognized = ParsedPeriod(text, (), error=f"période « {text.strip()} » non reconnue")
    folded, origin = _fold(text)
    try:
        tokens = _tokenize(folded)
    except _Unrecognized:
        return unrecognized
    while tokens and tokens[-1].kind == "sep" and tokens[-1].text in ":,":  # « 2023 : »
        tokens.pop()

    # The whole text is a period; or leading words are a label and the rest is a period.
    for size in range(len(tokens)):
        label_tokens, rest = tokens[:size], tokens[size:]
        if size and not _is_label(label_tokens):
            break
        if size and rest and rest[0].kind == "sep" and rest[0].text in ":-":  # « Lancement : 2024 »
            rest = rest[1:]
        label = text[origin[label_tokens[0].start] : origin[label_tokens[-1].end - 1] + 1] if size else None
        try:
            return ParsedPeriod(text, _evaluate(rest, contract, recurrent), label=label)
        except _Invalid as reason:
            return ParsedPeriod(text, (), label=label, error=f"période « {text.strip()} » : {reason}")
        except _Unrecognized:
            continue
    return unrecognized


def _is_label(tokens: list[_Token]) -> bool:
    """Milestone words: words only, the first unknown to the grammar, none naming a period."""
    return (
        all(token.kind == "word" and token.text not in CORE_WORDS for token in tokens)
        and tokens[0].text not in VOCABULARY
    )


def _ordinal(number: int) -> str:
    return "1er" if number == 1 else f"{number}e"


def _day_text(day: dt.date) -> str:
    return f"{_ordinal(day.day) if day.day == 1 else day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def format_interval(interval: Interval) -> str:
    """Canonical French text of an interval; parse_period gives the same interval back."""
    debut, fin = interval.debut, interval.fin
    whole_months = debut.day == 1 and fin.day == calendar.monthrange(fin.year, fin.month)[1]
    if debut == fin or not whole_months:
        if debut == fin:
            return _day_text(debut)
        return f"du {_day_text(debut)} au {_day_text(fin)}"
    if debut.month == 1 and fin.month == 12:
        return str(debut.year) if debut.year == fin.year else f"{debut.year} à {fin.year}"
    if debut.year != fin.year:
        return f"{MONTH_NAMES[debut.month - 1]} {debut.year} à {MONTH_NAMES[fin.month - 1]} {fin.year}"
    for unit, length in UNIT_MONTHS.items():
        if fin.month - debut.month + 1 == length and (debut.month - 1) % length == 0:
            return f"{_ordinal((debut.month - 1) // length + 1)} {UNIT_NAMES[unit]} {debut.year}"
    if debut.month == fin.month:
        return f"{MONTH_NAMES[debut.month - 1]} {debut.year}"
    return f"{MONTH_NAMES[debut.month - 1]} à {MONTH_NAMES[fin.month - 1]} {debut.year}"
