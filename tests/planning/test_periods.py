"""Tests of clstool.planning.periods: the French calendar period expressions."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clstool.planning.periods import (
    Interval,
    ParsedPeriod,
    format_interval,
    parse_period,
)

D = dt.date.fromisoformat
CONTRACT = (D("2022-01-01"), D("2027-12-31"))  # Montpellier CLS 2022–2027


def iv(debut: str, fin: str) -> Interval:
    return Interval(D(debut), D(fin))


def month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def every_year(first: int, last: int) -> tuple[Interval, ...]:
    """Months first to last of each year of CONTRACT (2022–2027)."""
    return tuple(Interval(dt.date(year, first, 1), month_end(year, last)) for year in range(2022, 2028))


# (text, options, expected intervals, expected label)
PARSED = [
    # years
    ("2024", {}, (iv("2024-01-01", "2024-12-31"),), None),
    ("  2024 ", {}, (iv("2024-01-01", "2024-12-31"),), None),
    ("année 2024", {}, (iv("2024-01-01", "2024-12-31"),), None),
    ("en 2024", {}, (iv("2024-01-01", "2024-12-31"),), None),
    ("courant 2024", {}, (iv("2024-01-01", "2024-12-31"),), None),
    ("1900", {}, (iv("1900-01-01", "1900-12-31"),), None),
    ("2100", {}, (iv("2100-01-01", "2100-12-31"),), None),
    ("2024 à 2027", {}, (iv("2024-01-01", "2027-12-31"),), None),
    ("2024-2027", {}, (iv("2024-01-01", "2027-12-31"),), None),
    ("de 2024 à 2027", {}, (iv("2024-01-01", "2027-12-31"),), None),
    ("De 2024 A 2027", {}, (iv("2024-01-01", "2027-12-31"),), None),
    ("2024 – 2027", {}, (iv("2024-01-01", "2027-12-31"),), None),
    ("2024 — 2027", {}, (iv("2024-01-01", "2027-12-31"),), None),
    ("2024/2027", {}, (iv("2024-01-01", "2027-12-31"),), None),
    ("2024 jusqu'à 2027", {}, (iv("2024-01-01", "2027-12-31"),), None),
    ("2024 et 2025", {}, (iv("2024-01-01", "2025-12-31"),), None),
    ("2024 à 2024", {}, (iv("2024-01-01", "2024-12-31"),), None),
    # quarters
    ("1er trimestre 2023", {}, (iv("2023-01-01", "2023-03-31"),), None),
    ("1e trimestre 2023", {}, (iv("2023-01-01", "2023-03-31"),), None),
    ("1ère trimestre 2023", {}, (iv("2023-01-01", "2023-03-31"),), None),
    ("1ᵉʳ trimestre 2023", {}, (iv("2023-01-01", "2023-03-31"),), None),
    ("T1 2023", {}, (iv("2023-01-01", "2023-03-31"),), None),
    ("t1 2023", {}, (iv("2023-01-01", "2023-03-31"),), None),
    ("premier trimestre 2023", {}, (iv("2023-01-01", "2023-03-31"),), None),
    ("PREMIER TRIMESTRE 2023", {}, (iv("2023-01-01", "2023-03-31"),), None),
    ("au 1er trimestre 2023", {}, (iv("2023-01-01", "2023-03-31"),), None),
    ("2e trimestre 2023", {}, (iv("2023-04-01", "2023-06-30"),), None),
    ("2ème trimestre 2023", {}, (iv("2023-04-01", "2023-06-30"),), None),
    ("2eme trimestre 2023", {}, (iv("2023-04-01", "2023-06-30"),), None),
    ("2nd trimestre 2023", {}, (iv("2023-04-01", "2023-06-30"),), None),
    ("deuxième trimestre 2023", {}, (iv("2023-04-01", "2023-06-30"),), None),
    ("second trimestre 2023", {}, (iv("2023-04-01", "2023-06-30"),), None),
    ("T2 2023", {}, (iv("2023-04-01", "2023-06-30"),), None),
    ("3e trimestre 2023", {}, (iv("2023-07-01", "2023-09-30"),), None),
    ("troisième trimestre 2023", {}, (iv("2023-07-01", "2023-09-30"),), None),
    ("4e trimestre 2023", {}, (iv("2023-10-01", "2023-12-31"),), None),
    ("quatrième trimestre 2023", {}, (iv("2023-10-01", "2023-12-31"),), None),
    ("dernier trimestre 2023", {}, (iv("2023-10-01", "2023-12-31"),), None),
    ("T4 2023", {}, (iv("2023-10-01", "2023-12-31"),), None),
    ("3ème et 4ème trimestre 2024", {}, (iv("2024-07-01", "2024-12-31"),), None),
    ("3ème et 4ème trimestres 2024", {}, (iv("2024-07-01", "2024-12-31"),), None),
    ("3e et 4e trimestres 2024", {}, (iv("2024-07-01", "2024-12-31"),), None),
    ("T3-T4 2024", {}, (iv("2024-07-01", "2024-12-31"),), None),
    ("T3 et T4 2024", {}, (iv("2024-07-01", "2024-12-31"),), None),
    ("du 1er au 3e trimestre 2024", {}, (iv("2024-01-01", "2024-09-30"),), None),
    ("premier et deuxième trimestres 2024", {}, (iv("2024-01-01", "2024-06-30"),), None),
    ("3e trimestre 2024 - 1er trimestre 2025", {}, (iv("2024-07-01", "2025-03-31"),), None),
    # half-years
    ("1er semestre 2023", {}, (iv("2023-01-01", "2023-06-30"),), None),
    ("S1 2023", {}, (iv("2023-01-01", "2023-06-30"),), None),
    ("premier semestre 2023", {}, (iv("2023-01-01", "2023-06-30"),), None),
    ("second semestre 2024", {}, (iv("2024-07-01", "2024-12-31"),), None),
    ("seconde semestre 2024", {}, (iv("2024-07-01", "2024-12-31"),), None),
    ("2nd semestre 2024", {}, (iv("2024-07-01", "2024-12-31"),), None),
    ("2nde semestre 2024", {}, (iv("2024-07-01", "2024-12-31"),), None),
    ("2e semestre 2024", {}, (iv("2024-07-01", "2024-12-31"),), None),
    ("S2 2024", {}, (iv("2024-07-01", "2024-12-31"),), None),
    ("dernier semestre 2024", {}, (iv("2024-07-01", "2024-12-31"),), None),
    ("S1-S2 2024", {}, (iv("2024-01-01", "2024-12-31"),), None),
    # months
    ("février 2024", {}, (iv("2024-02-01", "2024-02-29"),), None),
    ("Février 2023", {}, (iv("2023-02-01", "2023-02-28"),), None),
    ("fevrier 2023", {}, (iv("2023-02-01", "2023-02-28"),), None),
    ("août 2024", {}, (iv("2024-08-01", "2024-08-31"),), None),
    ("décembre 2024", {}, (iv("2024-12-01", "2024-12-31"),), None),
    ("juillet août 2024", {}, (iv("2024-07-01", "2024-08-31"),), None),
    ("juillet et août 2024", {}, (iv("2024-07-01", "2024-08-31"),), None),
    ("juillet, août et septembre 2024", {}, (iv("2024-07-01", "2024-09-30"),), None),
    ("de janvier à mars 2024", {}, (iv("2024-01-01", "2024-03-31"),), None),
    ("janvier-mars 2024", {}, (iv("2024-01-01", "2024-03-31"),), None),
    ("janvier – mars 2024", {}, (iv("2024-01-01", "2024-03-31"),), None),
    ("de novembre 2023 à février 2024", {}, (iv("2023-11-01", "2024-02-29"),), None),
    ("sept 2024", {}, (iv("2024-09-01", "2024-09-30"),), None),
    ("janv. 2024", {}, (iv("2024-01-01", "2024-01-31"),), None),
    # days
    ("15 mars 2024", {}, (iv("2024-03-15", "2024-03-15"),), None),
    ("1er mars 2024", {}, (iv("2024-03-01", "2024-03-01"),), None),
    ("du 15 au 20 mars 2024", {}, (iv("2024-03-15", "2024-03-20"),), None),
    ("du 15 mars au 10 avril 2024", {}, (iv("2024-03-15", "2024-04-10"),), None),
    ("du 1er janvier 2024 au 15 mars 2024", {}, (iv("2024-01-01", "2024-03-15"),), None),
    # mixed ranges
    ("4ème trimestre 2022 – 4ème trimestre 2023", {}, (iv("2022-10-01", "2023-12-31"),), None),
    ("4e trimestre 2022 à 2e semestre 2023", {}, (iv("2022-10-01", "2023-12-31"),), None),
    ("1er semestre 2023 - 2024", {}, (iv("2023-01-01", "2024-12-31"),), None),
    ("février 2024 à 3e trimestre 2024", {}, (iv("2024-02-01", "2024-09-30"),), None),
    ("rentrée 2024 à fin 2025", {}, (iv("2024-09-01", "2025-12-31"),), None),
    ("2024-03 à 2024-06", {}, (iv("2024-03-01", "2024-06-30"),), None),
    ("2024-03-15 au 2024-04-10", {}, (iv("2024-03-15", "2024-04-10"),), None),
    # school calendar
    ("rentrée 2024", {}, (iv("2024-09-01", "2024-09-30"),), None),
    ("rentrée 2024-2025", {}, (iv("2024-09-01", "2024-09-30"),), None),
    ("rentrée 2024/2025", {}, (iv("2024-09-01", "2024-09-30"),), None),
    ("rentrée scolaire 2024", {}, (iv("2024-09-01", "2024-09-30"),), None),
    ("Rentree scolaire 2024-2025", {}, (iv("2024-09-01", "2024-09-30"),), None),
    ("année scolaire 2024-2025", {}, (iv("2024-09-01", "2025-08-31"),), None),
    ("annee scolaire 2024 / 2025", {}, (iv("2024-09-01", "2025-08-31"),), None),
    # rough parts of a year
    ("début 2025", {}, (iv("2025-01-01", "2025-03-31"),), None),
    ("debut 2025", {}, (iv("2025-01-01", "2025-03-31"),), None),
    ("mi-2025", {}, (iv("2025-04-01", "2025-09-30"),), None),
    ("mi 2025", {}, (iv("2025-04-01", "2025-09-30"),), None),
    ("fin 2025", {}, (iv("2025-10-01", "2025-12-31"),), None),
    ("fin d'année 2025", {}, (iv("2025-10-01", "2025-12-31"),), None),
    ("fin 2024 - début 2025", {}, (iv("2024-10-01", "2025-03-31"),), None),
    # the contract
    ("Sur toute la durée du CLS", {"contract": CONTRACT}, (iv("2022-01-01", "2027-12-31"),), None),
    ("durée du CLS", {"contract": CONTRACT}, (iv("2022-01-01", "2027-12-31"),), None),
    ("toute la durée du contrat", {"contract": CONTRACT}, (iv("2022-01-01", "2027-12-31"),), None),
    ("pendant toute la durée du contrat local de santé", {"contract": CONTRACT}, (iv("2022-01-01", "2027-12-31"),), None),
    ("la durée du CLS", {"contract": CONTRACT}, (iv("2022-01-01", "2027-12-31"),), None),
    # ISO
    ("2024-03", {}, (iv("2024-03-01", "2024-03-31"),), None),
    ("2024-03-15", {}, (iv("2024-03-15", "2024-03-15"),), None),
    ("2024-02-29", {}, (iv("2024-02-29", "2024-02-29"),), None),
    # day/month/year, year before a quarter code, « entre … et … »
    ("15/03/2024", {}, (iv("2024-03-15", "2024-03-15"),), None),
    ("1/3/2024", {}, (iv("2024-03-01", "2024-03-01"),), None),
    ("du 15/03/2024 au 20/04/2024", {}, (iv("2024-03-15", "2024-04-20"),), None),
    ("2024 T3", {}, (iv("2024-07-01", "2024-09-30"),), None),
    ("2024-S1", {}, (iv("2024-01-01", "2024-06-30"),), None),
    ("2024 T3 à 2025 T1", {}, (iv("2024-07-01", "2025-03-31"),), None),
    ("2024 T1 2025", {}, (iv("2024-01-01", "2025-03-31"),), None),  # 2024, then T1 2025
    ("entre 2024 et 2026", {}, (iv("2024-01-01", "2026-12-31"),), None),
    ("entre janvier et mars 2024", {}, (iv("2024-01-01", "2024-03-31"),), None),
    ("Diffusion entre 2024 et 2026", {}, (iv("2024-01-01", "2026-12-31"),), "Diffusion"),
    # recurring
    ("Février", {"contract": CONTRACT, "recurrent": True}, every_year(2, 2), None),
    ("Juillet Août", {"contract": CONTRACT, "recurrent": True}, every_year(7, 8), None),
    ("juillet-août", {"contract": CONTRACT, "recurrent": True}, every_year(7, 8), None),
    ("3e trimestre", {"contract": CONTRACT, "recurrent": True}, every_year(7, 9), None),
    ("T1", {"contract": CONTRACT, "recurrent": True}, every_year(1, 3), None),
    (
        "Octobre",
        {"contract": (D("2022-07-01"), D("2024-06-30")), "recurrent": True},
        (iv("2022-10-01", "2022-10-31"), iv("2023-10-01", "2023-10-31")),
        None,
    ),
    ("2024", {"contract": CONTRACT, "recurrent": True}, (iv("2024-01-01", "2024-12-31"),), None),
    ("3e trimestre 2024", {"recurrent": True}, (iv("2024-07-01", "2024-09-30"),), None),
    # a recurring range over the new year: each occurrence that lies inside the contract
    (
        "novembre – février",
        {"contract": CONTRACT, "recurrent": True},
        tuple(iv(f"{y}-11-01", f"{y + 1}-02-{29 if (y + 1) % 4 == 0 else 28}") for y in range(2022, 2027)),
        None,
    ),
    (
        "du 15 décembre au 15 janvier",
        {"contract": CONTRACT, "recurrent": True},
        tuple(iv(f"{y}-12-15", f"{y + 1}-01-15") for y in range(2022, 2027)),
        None,
    ),
    # labels
    ("Diffusion 3ème trimestre 2024", {}, (iv("2024-07-01", "2024-09-30"),), "Diffusion"),
    ("Lancement : 2024", {}, (iv("2024-01-01", "2024-12-31"),), "Lancement"),
    ("Lancement: 2024", {}, (iv("2024-01-01", "2024-12-31"),), "Lancement"),
    ("Lancement du CLSM 2024", {}, (iv("2024-01-01", "2024-12-31"),), "Lancement du CLSM"),
    ("Évaluation – fin 2027", {}, (iv("2027-10-01", "2027-12-31"),), "Évaluation"),
    ("Bilan Février", {"contract": CONTRACT, "recurrent": True}, every_year(2, 2), "Bilan"),
    ("Diffusion sur toute la durée du CLS", {"contract": CONTRACT}, (iv("2022-01-01", "2027-12-31"),), "Diffusion"),
    # trailing colon of a calendar cell
    ("4ème trimestre 2023 :", {}, (iv("2023-10-01", "2023-12-31"),), None),
]


@pytest.mark.parametrize(("text", "options", "expected", "label"), PARSED, ids=[case[0] for case in PARSED])
def test_parsed(text: str, options: dict, expected: tuple[Interval, ...], label: str | None) -> None:
    result = parse_period(text, **options)
    assert result.parsed, result.error
    assert result.error is None
    assert result.text == text
    assert result.intervals == expected
    assert result.label == label
    assert result.debut == expected[0].debut
    assert result.fin == expected[-1].fin


# (text, options, a part of the French error message)
UNPARSED = [
    ("2027 à 2024", {}, "la fin précède le début"),
    ("de 2027 à 2024", {}, "la fin précède le début"),
    ("4e trimestre 2024 - 1er trimestre 2024", {}, "la fin précède le début"),
    ("mars à janvier 2024", {}, "la fin précède le début"),
    ("1850", {}, "hors de la plage 1900–2100"),
    ("2101", {}, "hors de la plage 1900–2100"),
    ("1er trimestre 2200", {}, "hors de la plage 1900–2100"),
    ("1899 à 2024", {}, "hors de la plage 1900–2100"),
    ("99999999999999999999999999", {}, "hors de la plage"),
    ("Février", {}, "mois sans année : ajoutez l'année ou recurrent: true"),
    ("Février", {"contract": CONTRACT}, "mois sans année : ajoutez l'année ou recurrent: true"),
    ("Juillet Août", {"contract": CONTRACT}, "mois sans année"),
    ("Février", {"recurrent": True}, "dates du contrat"),
    ("3e trimestre", {}, "période sans année : ajoutez l'année ou recurrent: true"),
    ("Sur toute la durée du CLS", {}, "durée du contrat inconnue"),
    ("durée du CLS", {"recurrent": True}, "durée du contrat inconnue"),
    ("janvier et mars 2024", {}, "non contiguës"),
    ("1er et 3e trimestres 2024", {}, "non contiguës"),
    ("T5 2024", {}, "5e trimestre"),
    ("S3 2024", {}, "3e semestre"),
    ("5e trimestre 2024", {}, "5e trimestre"),
    ("31 février 2024", {}, "n'existe pas"),
    ("2024-13", {}, "mois « 13 » inexistant"),
    ("2024-02-30", {}, "le 30 février 2024 n'existe pas"),
    ("31/02/2024", {}, "le 31 février 2024 n'existe pas"),
    ("15/13/2024", {}, "mois « 13 » inexistant"),
    ("entre 2026 et 2024", {}, "la fin précède le début"),
    ("2024 et 2026", {}, "non contiguës"),  # without « entre », « et » lists contiguous periods
    ("novembre à février 2025", {}, "la fin précède le début"),  # dated: never guessed
    ("novembre à février", {}, "mois sans année"),
    ("du 29 février au 3 mars", {"contract": CONTRACT, "recurrent": True}, "le 29 février 2022 n'existe pas"),
    ("15/03/24", {}, "non reconnue"),  # a two-digit year is never guessed
    ("année scolaire 2024", {}, "année scolaire incomplète"),
    ("année scolaire 2024-2026", {}, "incohérente"),
    ("Octobre", {"contract": (D("2022-01-01"), D("2022-06-30")), "recurrent": True}, "sans occurrence"),
    ("2024", {"contract": (D("2027-01-01"), D("2022-01-01"))}, "dates du contrat incohérentes"),
    ("", {}, "période vide"),
    ("   ", {}, "période vide"),
    ("xxx", {}, "non reconnue"),
    ("2024 à", {}, "non reconnue"),
    ("à partir de 2024", {}, "non reconnue"),
    ("3 trimestre 2024", {}, "non reconnue"),
    ("trimestre 2024", {}, "non reconnue"),
    ("2024 à mars", {}, "non reconnue"),
    ("janvier à fin 2024", {}, "non reconnue"),
    ("janvier à 2025", {}, "non reconnue"),
    ("T1-2023", {}, "non reconnue"),
    ("2024 (à confirmer)", {}, "non reconnue"),
    ("2024abc", {}, "non reconnue"),
    ("Action renouvelée chaque année", {}, "non reconnue"),
    ("1er trimestre 2023 : partage des objectifs / éléments de cadrage", {}, "non reconnue"),
    ("Premier trimestre 2024 Diffusion des outils de communication", {}, "non reconnue"),
    ("Février : Bilan année N-1 / perspectives année N", {"contract": CONTRACT, "recurrent": True}, "non reconnue"),
]


@pytest.mark.parametrize(("text", "options", "message"), UNPARSED, ids=[case[0] or "vide" for case in UNPARSED])
def test_unparsed(text: str, options: dict, message: str) -> None:
    result = parse_period(text, **options)
    assert result.parsed is False
    assert result.intervals == ()
    assert result.debut is None and result.fin is None
    assert result.text == text
    assert result.error is not None and message in result.error


def test_unrecognised_message_quotes_the_text() -> None:
    assert parse_period("xxx").error == "période « xxx » non reconnue"


def test_label_kept_when_the_rest_is_invalid() -> None:
    result = parse_period("Lancement : 2027 à 2024")
    assert result.label == "Lancement"
    assert not result.parsed
    assert "la fin précède le début" in (result.error or "")


def test_interval_refuses_end_before_start() -> None:
    with pytest.raises(ValueError):
        Interval(D("2024-02-01"), D("2024-01-01"))


# --- format_interval ------------------------------------------------------------------------

FORMATTED = [
    (iv("2024-01-01", "2024-12-31"), "2024"),
    (iv("2024-01-01", "2027-12-31"), "2024 à 2027"),
    (iv("2023-01-01", "2023-03-31"), "1er trimestre 2023"),
    (iv("2023-10-01", "2023-12-31"), "4e trimestre 2023"),
    (iv("2023-07-01", "2023-12-31"), "2e semestre 2023"),
    (iv("2024-02-01", "2024-02-29"), "février 2024"),
    (iv("2024-07-01", "2024-08-31"), "juillet à août 2024"),
    (iv("2023-11-01", "2024-02-29"), "novembre 2023 à février 2024"),
    (iv("2024-03-01", "2024-03-01"), "1er mars 2024"),
    (iv("2024-03-15", "2024-04-10"), "du 15 mars 2024 au 10 avril 2024"),
]


@pytest.mark.parametrize(("interval", "text"), FORMATTED, ids=[case[1] for case in FORMATTED])
def test_format_interval(interval: Interval, text: str) -> None:
    assert format_interval(interval) == text
    assert parse_period(text).intervals == (interval,)


# --- Properties -----------------------------------------------------------------------------

YEARS = st.integers(1900, 2100)
VOCABULARY_SAMPLE = [
    "2024", "2023", "2027", "1899", "2101", "1er", "3ème", "4e", "3", "15", "31", "dernier", "premier",
    "second", "trimestre", "trimestres", "semestre", "T3", "S2", "T9", "janvier", "Février", "août",
    "décembre", "à", "au", "-", "–", "/", "et", ",", ":", "de", "du", "en", "rentrée", "scolaire",
    "année", "mi", "début", "fin", "durée", "CLS", "sur", "toute", "la", "2024-02", "2024-02-30",
    "2024-13", "Diffusion", "jusqu'à", "x",
]  # fmt: skip
GRAMMAR_LIKE = st.lists(st.sampled_from(VOCABULARY_SAMPLE), min_size=1, max_size=7).map(" ".join)
OPTIONS = st.fixed_dictionaries(
    {"contract": st.sampled_from([None, CONTRACT]), "recurrent": st.booleans()}
)


@settings(max_examples=500)
@given(GRAMMAR_LIKE, OPTIONS)
def test_parsed_intervals_are_ordered(text: str, options: dict) -> None:
    result = parse_period(text, **options)
    assert isinstance(result, ParsedPeriod)
    assert result.text == text
    assert result.parsed == (result.error is None)
    for interval in result.intervals:
        assert interval.debut <= interval.fin
    if result.parsed:
        assert result.debut is not None and result.fin is not None and result.debut <= result.fin


@settings(max_examples=300)
@given(st.text(), OPTIONS)
def test_never_raises(text: str, options: dict) -> None:
    result = parse_period(text, **options)
    assert result.text == text
    assert result.parsed or (result.error or "").strip()


def assert_tiles(year: int, texts: list[str]) -> None:
    """The periods follow each other without gap or overlap and cover the whole year."""
    intervals = [parse_period(text).intervals for text in texts]
    assert all(len(found) == 1 for found in intervals), texts
    flat = [found[0] for found in intervals]
    assert flat[0].debut == dt.date(year, 1, 1)
    assert flat[-1].fin == dt.date(year, 12, 31)
    for before, after in zip(flat, flat[1:], strict=False):
        assert after.debut == before.fin + dt.timedelta(days=1)


@given(YEARS)
def test_quarters_tile_the_year(year: int) -> None:
    assert_tiles(year, [f"{n}e trimestre {year}" for n in ("1", "2", "3", "4")])
    assert_tiles(year, [f"T{n} {year}" for n in range(1, 5)])
    assert_tiles(year, [f"premier trimestre {year}", f"T2 {year}", f"3ème trimestre {year}", f"dernier trimestre {year}"])


@given(YEARS)
def test_semesters_tile_the_year(year: int) -> None:
    assert_tiles(year, [f"1er semestre {year}", f"2e semestre {year}"])
    assert_tiles(year, [f"S1 {year}", f"S2 {year}"])


@given(YEARS)
def test_months_tile_the_year(year: int) -> None:
    names = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
             "octobre", "novembre", "décembre"]  # fmt: skip
    assert_tiles(year, [f"{name} {year}" for name in names])
    assert_tiles(year, [f"{year}-{month:02d}" for month in range(1, 13)])


@st.composite
def whole_year_spans(draw: st.DrawFn) -> Interval:
    first, last = sorted((draw(YEARS), draw(YEARS)))
    return iv(f"{first}-01-01", f"{last}-12-31")


@st.composite
def quarters_and_semesters(draw: st.DrawFn) -> Interval:
    year = draw(YEARS)
    length = draw(st.sampled_from([3, 6]))
    index = draw(st.integers(0, 12 // length - 1))
    return Interval(dt.date(year, index * length + 1, 1), month_end(year, index * length + length))


@st.composite
def whole_month_spans(draw: st.DrawFn) -> Interval:
    months = sorted(draw(st.integers(1900 * 12, 2100 * 12 + 11)) for _ in range(2))
    first, last = months
    return Interval(dt.date(first // 12, first % 12 + 1, 1), month_end(last // 12, last % 12 + 1))


@st.composite
def day_spans(draw: st.DrawFn) -> Interval:
    days = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
    first, last = sorted((draw(days), draw(days)))
    return Interval(first, last)


@settings(max_examples=400)
@given(st.one_of(whole_year_spans(), quarters_and_semesters(), whole_month_spans(), day_spans()))
def test_format_then_parse_round_trip(interval: Interval) -> None:
    text = format_interval(interval)
    result = parse_period(text)
    assert result.intervals == (interval,), (text, result.error)


# --- The Montpellier contract ---------------------------------------------------------------
# Each distinct period expression of the « Calendrier prévisionnel » cells of the Montpellier
# CLS 2022–2027 (/work/shared/sources/montpellier-cls-2022-2027.txt), as one calendar entry
# holds it: a cell with several steps is cut at each step; the step's words go to `jalon`.

MONTPELLIER_SOURCE = Path("/work/shared/sources/montpellier-cls-2022-2027.txt")

MONTPELLIER = [
    # (expression, recurrent, expected intervals, label)
    ("1er trimestre 2023", False, (iv("2023-01-01", "2023-03-31"),), None),
    ("2ème trimestre 2023", False, (iv("2023-04-01", "2023-06-30"),), None),
    ("2eme trimestre 2023", False, (iv("2023-04-01", "2023-06-30"),), None),
    ("3ème trimestre 2023", False, (iv("2023-07-01", "2023-09-30"),), None),
    ("3ème  trimestre 2023", False, (iv("2023-07-01", "2023-09-30"),), None),
    ("4ème trimestre 2023", False, (iv("2023-10-01", "2023-12-31"),), None),
    ("Sur toute la durée du CLS", False, (iv("2022-01-01", "2027-12-31"),), None),
    ("Diffusion 3ème trimestre 2024", False, (iv("2024-07-01", "2024-09-30"),), "Diffusion"),
    ("4ème trimestre 2024", False, (iv("2024-10-01", "2024-12-31"),), None),
    ("4ème  trimestre 2024", False, (iv("2024-10-01", "2024-12-31"),), None),
    ("3ème  et 4ème  trimestre 2024", False, (iv("2024-07-01", "2024-12-31"),), None),
    ("2024", False, (iv("2024-01-01", "2024-12-31"),), None),
    ("2023", False, (iv("2023-01-01", "2023-12-31"),), None),
    ("1er semestre 2023", False, (iv("2023-01-01", "2023-06-30"),), None),
    ("Février", True, every_year(2, 2), None),
    ("Mai", True, every_year(5, 5), None),
    ("Juillet Août", True, every_year(7, 8), None),
    ("Septembre", True, every_year(9, 9), None),
    ("Octobre", True, every_year(10, 10), None),
    ("2ème trimestre 2023", False, (iv("2023-04-01", "2023-06-30"),), None),
    ("2024 à 2027", False, (iv("2024-01-01", "2027-12-31"),), None),
    ("1er trimestre 2025", False, (iv("2025-01-01", "2025-03-31"),), None),
    ("Dernier trimestre 2023", False, (iv("2023-10-01", "2023-12-31"),), None),
    ("Premier trimestre 2024", False, (iv("2024-01-01", "2024-03-31"),), None),
    ("Juillet 2022", False, (iv("2022-07-01", "2022-07-31"),), None),
    ("Septembre 2022", False, (iv("2022-09-01", "2022-09-30"),), None),
    ("Octobre 2022", False, (iv("2022-10-01", "2022-10-31"),), None),
    ("4ème trimestre 2022", False, (iv("2022-10-01", "2022-12-31"),), None),
    ("Premier trimestre 2023", False, (iv("2023-01-01", "2023-03-31"),), None),
    ("2ème trimestre 2024", False, (iv("2024-04-01", "2024-06-30"),), None),
    ("3ème trimestre 2024", False, (iv("2024-07-01", "2024-09-30"),), None),
    ("3 et 4ème trimestre 2023", False, (iv("2023-07-01", "2023-12-31"),), None),
    ("2022 - 2027", False, (iv("2022-01-01", "2027-12-31"),), None),
    ("4ème trimestre 2022 – 4ème trimestre 2023", False, (iv("2022-10-01", "2023-12-31"),), None),
    ("1er  trimestre 2024", False, (iv("2024-01-01", "2024-03-31"),), None),
    ("rentrée 2024-2025", False, (iv("2024-09-01", "2024-09-30"),), None),  # in a description
    ("2022 /2027", False, (iv("2022-01-01", "2027-12-31"),), None),  # the contract's title page
]


@pytest.mark.parametrize(
    ("text", "recurrent", "expected", "label"), MONTPELLIER, ids=[case[0] for case in MONTPELLIER]
)
def test_montpellier(text: str, recurrent: bool, expected: tuple[Interval, ...], label: str | None) -> None:
    result = parse_period(text, contract=CONTRACT, recurrent=recurrent)
    assert result.intervals == expected, result.error
    assert result.label == label
    assert result.text == text


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.skipif(not MONTPELLIER_SOURCE.exists(), reason="source du contrat de Montpellier absente")
def test_montpellier_expressions_come_from_the_contract() -> None:
    source = _squeeze(MONTPELLIER_SOURCE.read_text(encoding="utf-8"))
    missing = [text for text, *_ in MONTPELLIER if _squeeze(text) not in source]
    assert missing == []


@pytest.mark.parametrize("text", ["printemps 2025", "Été 2025", "au printemps 2025", "automne 2024-2025",
                                  "Lancement hiver 2025"])
def test_seasons_are_refused_with_the_forms_to_write(text):
    parsed = parse_period(text)
    assert parsed.intervals == () and "saison" in parsed.error and "« mars à mai 2025 »" in parsed.error


def test_a_season_in_a_label_before_a_separator_is_a_label():
    parsed = parse_period("Fête de l'été : juillet 2025")
    assert parsed.intervals[0].debut == dt.date(2025, 7, 1) and parsed.label == "Fête de l'été"
