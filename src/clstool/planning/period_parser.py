"""The parser of French period expressions: tokens → pieces → intervals.

The grammar is documented in :mod:`clstool.planning.periods`, the only caller."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from dataclasses import dataclass

from clstool.model.vocabulary import MONTH_NAMES
from clstool.planning.interval import Interval
from clstool.planning.period_words import (
    END_BEFORE_START,
    LAST,
    LEADING_WORDS,
    MONTH_WITHOUT_YEAR,
    MONTHS,
    ORDINAL_WORDS,
    PERIOD_WITHOUT_YEAR,
    RANGE_WORDS,
    ROUGH,
    UNIT_COUNT,
    UNIT_MONTHS,
    UNIT_NAMES,
    UNITS,
    Invalid,
    Token,
    Unrecognized,
    check_year,
    to_int,
)


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
            raise Invalid(f"il n'y a pas de {number}e {UNIT_NAMES[piece.unit]} (1 à {count})")
        return _month_interval(year, length * (number - 1) + 1, length * number)
    if piece.unit == "month":
        if number is None or not 1 <= number <= 12:
            raise Invalid(f"mois « {number} » inexistant")
        return _month_interval(year, number, number)
    if piece.unit == "day":
        assert piece.month is not None and number is not None
        if not 1 <= number <= calendar.monthrange(year, piece.month)[1]:
            raise Invalid(f"le {number} {MONTH_NAMES[piece.month - 1]} {year} n'existe pas")
        day = dt.date(year, piece.month, number)
        return Interval(day, day)
    raise Unrecognized


class _Parser:
    """Reads ``[leading words] piece (link piece)*``; a link is "range" or "list"."""

    def __init__(self, tokens: list[Token], contract: tuple[dt.date, dt.date] | None) -> None:
        self.tokens = tokens
        self.position = 0
        self.contract = contract

    # Looking at tokens.
    def _peek(self, ahead: int = 0) -> Token | None:
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

    def _next(self) -> Token:
        token = self._peek()
        if token is None:
            raise Unrecognized
        self.position += 1
        return token

    def _accept(self, *words: str) -> bool:
        if self._is_word(*words):
            self.position += 1
            return True
        return False

    def _expect(self, *words: str) -> None:
        if not self._accept(*words):
            raise Unrecognized

    def _year(self) -> int:
        if not self._is_year():
            raise Unrecognized
        return check_year(self._next().text)

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
        pieces, links = [self._piece()], list[str]()
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
            raise Unrecognized
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
            return self._after_number(to_int(token.text), token.ordinal)
        if token.kind != "word":
            raise Unrecognized
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
        raise Unrecognized

    def _after_number(self, number: int, ordinal: bool, word: bool = False) -> _Piece:
        """After « 3ème » or « 15 »: a quarter, a half-year, a day, or a bare number."""
        token = self._peek()
        if token is not None and token.kind == "word" and token.text in UNITS:
            if not ordinal:  # « 3 trimestre 2024 »: not French, not guessed
                raise Unrecognized
            self.position += 1
            return _Piece(UNITS[token.text], self._optional_year(), number)
        if token is not None and token.kind == "word" and token.text in MONTHS and not word:
            if ordinal and number != 1:  # only « 1er mars »
                raise Unrecognized
            self.position += 1
            return _Piece("day", self._optional_year(), number, MONTHS[token.text])
        return _Piece(None, None, number, word_ordinal=word)

    def _iso(self, text: str) -> _Piece:
        year = check_year(text[:4])
        parts = [int(part) for part in text.split("-")[1:]]
        if not 1 <= parts[0] <= 12:
            raise Invalid(f"mois « {parts[0]} » inexistant")
        if len(parts) == 1:
            return _Piece("month", year, parts[0])
        if not 1 <= parts[1] <= calendar.monthrange(year, parts[0])[1]:
            raise Invalid(f"le {parts[1]} {MONTH_NAMES[parts[0] - 1]} {year} n'existe pas")
        return _Piece("day", year, parts[1], parts[0])

    def _school_year(self) -> _Piece:
        """After « année scolaire »: 2024-2025."""
        first = self._year()
        expected = f"écrivez « année scolaire {first}-{first + 1} »"
        if not (self._is_sep("-") and self._is_year(1)):
            raise Invalid(f"année scolaire incomplète : {expected}")
        self.position += 1
        second = self._year()
        if second != first + 1:
            raise Invalid(f"année scolaire « {first}-{second} » incohérente : {expected}")
        return _Piece(fixed=Interval(dt.date(first, 9, 1), dt.date(second, 8, 31)))

    def _rentree(self) -> _Piece:
        """After « rentrée »: [scolaire] 2024 [-2025] → September 2024."""
        self._accept("scolaire")
        year = self._year()
        following = self._peek(1)
        if self._is_sep("-") and self._is_year(1) and following and to_int(following.text) == year + 1:
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
            raise Invalid("durée du contrat inconnue : les dates du contrat sont nécessaires")
        return _Piece(fixed=Interval(*self.contract))


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
        raise Unrecognized  # « 2024 à 3e », « 2024 à mars »
    for piece, following in zip(reversed(pieces[:-1]), reversed(pieces[1:]), strict=False):
        if piece.fixed is not None or piece.year is not None:
            continue
        if following.fixed is not None:
            raise Unrecognized  # « janvier à fin 2024 »
        if piece.unit is None:  # a bare number takes the unit that follows
            if following.unit not in ("quarter", "semester", "day"):
                raise Unrecognized
            if following.unit == "day" and piece.word_ordinal:
                raise Unrecognized
            piece.unit, piece.month = following.unit, following.month
        elif piece.unit != following.unit:
            raise Unrecognized  # « janvier à 2025 »
        piece.year = following.year
    if wrap:
        assert pieces[0].year is not None
        pieces[0].year -= 1
    return [_interval(piece) for piece in pieces]


def _combine(intervals: list[Interval], links: list[str]) -> Interval:
    """Check each link, then span from the first start to the last end."""
    for before, link, after in zip(intervals, links, intervals[1:], strict=False):
        if link == "list" and after.debut != before.fin + dt.timedelta(days=1):
            raise Invalid("périodes non contiguës : reliez-les par « à » ou écrivez-les séparément")
        if link == "range" and (after.debut < before.debut or after.fin < before.fin):
            raise Invalid(END_BEFORE_START)
    return Interval(intervals[0].debut, intervals[-1].fin)


def evaluate(
    tokens: list[Token], contract: tuple[dt.date, dt.date] | None, recurrent: bool
) -> tuple[Interval, ...]:
    if not tokens:
        raise Unrecognized
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
        raise Invalid(MONTH_WITHOUT_YEAR if months else PERIOD_WITHOUT_YEAR)
    if contract is None:
        raise Invalid("période récurrente : les dates du contrat sont nécessaires")
    start, end = contract
    occurrences = []
    for year in range(start.year, end.year + 1):  # the year in which each occurrence ends
        interval = _combine(_resolve(pieces, year=year, wrap=wrap), links)
        if start <= interval.debut and interval.fin <= end:
            occurrences.append(interval)
    if not occurrences:
        raise Invalid("période récurrente sans occurrence dans la durée du contrat")
    return tuple(occurrences)
