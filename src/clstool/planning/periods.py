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

How it works: :func:`fold_with_origin` lowercases and strips accents, :func:`tokenize` cuts the text into
numbers, words, codes (T1, S2), ISO dates and separators, :class:`_Parser` reads the tokens
into pieces (one per period written) and the links between them, :func:`_resolve` fills the
parts a leading piece leaves out, :func:`_combine` checks the links and spans the pieces.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from clstool.planning.interval import Interval, ParsedPeriod, format_interval
from clstool.planning.period_parser import evaluate
from clstool.planning.period_words import (
    CORE_WORDS,
    END_BEFORE_START,
    SAISON_AIDE,
    SAISONS,
    VOCABULARY,
    Invalid,
    Token,
    Unrecognized,
    fold_with_origin,
    tokenize,
)

__all__ = ["END_BEFORE_START", "Interval", "ParsedPeriod", "format_interval", "parse_period"]


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
    folded, origin = fold_with_origin(text)
    try:
        tokens = tokenize(folded)
    except Unrecognized:
        return unrecognized
    while tokens and tokens[-1].kind == "sep" and tokens[-1].text in ":,":  # « 2023 : »
        tokens.pop()
    if any(t.kind == "word" and t.text in SAISONS and n.kind == "num" for t, n in zip(tokens, tokens[1:], strict=False)):
        return ParsedPeriod(text, (), error=f"période « {text.strip()} » : {SAISON_AIDE}")  # « printemps 2025 »

    # The whole text is a period; or leading words are a label and the rest is a period.
    for size in range(len(tokens)):
        label_tokens, rest = tokens[:size], tokens[size:]
        if size and not _is_label(label_tokens):
            break
        if size and rest and rest[0].kind == "sep" and rest[0].text in ":-":  # « Lancement : 2024 »
            rest = rest[1:]
        label = text[origin[label_tokens[0].start] : origin[label_tokens[-1].end - 1] + 1] if size else None
        try:
            return ParsedPeriod(text, evaluate(rest, contract, recurrent), label=label)
        except Invalid as reason:
            return ParsedPeriod(text, (), label=label, error=f"période « {text.strip()} » : {reason}")
        except Unrecognized:
            continue
    return unrecognized


def _is_label(tokens: list[Token]) -> bool:
    """Milestone words: words only, the first unknown to the grammar, none naming a period."""
    return (
        all(token.kind == "word" and token.text not in CORE_WORDS for token in tokens)
        and tokens[0].text not in VOCABULARY
    )
