"""Tests of clstool.planning.calendar (the year's items, planned status) and clstool.interop.calendar_output.

The Montpellier expectations are read from the source, ../shared/sources/montpellier-cls-2022-2027.txt
(line numbers of its « Calendrier » cells in the comments). Other territories here are fictitious.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import icalendar
import pytest
from conftest import DATA

from clstool.errors import InputError
from clstool.interop.calendar_output import (
    event_summary,
    event_uids,
    fold,
    months_covered,
    summary_lines,
    to_ics,
    to_json,
    to_text,
)
from clstool.planning.calendar import build, year_calendar
from clstool.yamlio.load import load

D = dt.date.fromisoformat
MONTPELLIER = str(DATA / "montpellier")
CONTRACT_YEARS = range(2022, 2028)


def q(year: int, n: int) -> tuple[str, str]:
    """The n-th quarter of year."""
    ends = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}
    return (f"{year}-{3 * n - 2:02d}-01", f"{year}-{ends[n]}")


def y(first: int, last: int | None = None) -> tuple[str, str]:
    return (f"{first}-01-01", f"{last or first}-12-31")


def every_year(first: str, last: str) -> list[tuple[str, str]]:
    """A recurring entry: the same months in each year of the contract (2022–2027)."""
    return [(f"{year}-{first}", f"{year}-{last}") for year in CONTRACT_YEARS]


# fiche -> [(déclinaison position or None for the fiche's own calendar, entry position,
#            periode as written, jalon, [intervals])]
MONTPELLIER_PLAN = {
    # l. 310-320 (déclinaison 1), 413 (2), 455 « Diffusion 3ème trimestre 2024 » (3), 530 (4)
    "1-1": [
        (1, 1, "1er trimestre 2023", "partage des objectifs / éléments de cadrage", [q(2023, 1)]),
        (1, 2, "2ème trimestre 2023", "Réalisation du diagnostic", [q(2023, 2)]),
        (1, 3, "3ème trimestre 2023", "Rendu et partage", [q(2023, 3)]),
        (2, 1, "Sur toute la durée du CLS", None, [y(2022, 2027)]),
        (3, 1, "3ème trimestre 2024", "Diffusion", [q(2024, 3)]),
        (4, 1, "4ème trimestre 2024", None, [q(2024, 4)]),
    ],
    # l. 848-860, 921-922, 979-980
    "1-2": [
        (1, 1, "1er trimestre 2023", "partage des objectifs / éléments de cadrage", [q(2023, 1)]),
        (1, 2, "2eme trimestre 2023", "Réalisation du diagnostic", [q(2023, 2)]),
        (1, 3, "3ème trimestre 2023", "Rendu et partage", [q(2023, 3)]),
        (2, 1, "3ème et 4ème trimestre 2024", None, [("2024-07-01", "2024-12-31")]),
        (3, 1, "3ème et 4ème trimestre 2024", None, [("2024-07-01", "2024-12-31")]),
    ],
    # l. 1293, 1351-1352
    "1-3": [
        (1, 1, "2024", None, [y(2024)]),
        (2, 1, "4ème trimestre 2024", None, [q(2024, 4)]),
    ],
    # l. 1797-1798, 1850-1851, 1892-1893
    "2-1": [
        (1, 1, "1er semestre 2023", None, [("2023-01-01", "2023-06-30")]),
        (2, 1, "3ème trimestre 2023", None, [q(2023, 3)]),
        (3, 1, "4ème trimestre 2023", "Lancement du CLSM", [q(2023, 4)]),
    ],
    # l. 2144-2156: the SISM cycle, « Action renouvelée chaque année »
    "2-2": [
        (None, 1, "Février", "Bilan année N-1 / perspectives année N",
         [(f"{year}-02-01", f"{year}-02-{29 if year == 2024 else 28}") for year in CONTRACT_YEARS]),
        (None, 2, "Mai", "Identification des actions", every_year("05-01", "05-31")),
        (None, 3, "Juillet Août", "Organisation du programme", every_year("07-01", "08-31")),
        (None, 4, "Septembre", "Communication", every_year("09-01", "09-30")),
        (None, 5, "Octobre", "Réalisation", every_year("10-01", "10-31")),
    ],
    # l. 2461 « Calendrier prévisionnel 4ème trimestre 2023 »
    "2-3": [(None, 1, "4ème trimestre 2023", None, [q(2023, 4)])],
    # l. 2862-2863, 2904-2905, 2938
    "3-1": [
        (1, 1, "2ème trimestre 2023", None, [q(2023, 2)]),
        (2, 1, "4ème trimestre 2023", None, [q(2023, 4)]),
        (3, 1, "2024 à 2027", None, [y(2024, 2027)]),
    ],
    # l. 3215, 3265
    "3-2": [
        (1, 1, "2024", None, [y(2024)]),
        (2, 1, "2024", None, [y(2024)]),
    ],
    # l. 3488-3490: « Description de l'action : les étapes » (no « Calendrier » cell)
    "3-3": [
        (None, 1, "2024", "période de rodage", [y(2024)]),
        (None, 2, "1er trimestre 2025", "inauguration", [q(2025, 1)]),
    ],
    # l. 3958-3968, 4027-4039, 4093-4106
    "4-1": [
        (1, 1, "Dernier trimestre 2023", "Production des outils de communication", [q(2023, 4)]),
        (1, 2, "Premier trimestre 2024", "Diffusion des outils de communication", [q(2024, 1)]),
        (2, 1, "Juillet 2022", "valider l’offre de dépistage", [("2022-07-01", "2022-07-31")]),
        (2, 2, "Septembre 2022", "Sollicitation des publics cibles et organisation des rendez-vous",
         [("2022-09-01", "2022-09-30")]),
        (2, 3, "Octobre 2022", "Dépistage", [("2022-10-01", "2022-10-31")]),
        (3, 1, "4ème trimestre 2022", "Mobilisation des partenaires Programmation Invitations, communication",
         [q(2022, 4)]),
        (3, 2, "1er trimestre 2023", "Journée santé des femmes (espace Gisèle Halimi) - Mosson", [q(2023, 1)]),
    ],
    # l. 4405-4411
    "4-2": [
        (None, 1, "Premier trimestre 2023", "rendu et présentation du diagnostic", [q(2023, 1)]),
        (None, 2, "2023", "définition du plan d’actions", [y(2023)]),
    ],
    # l. 4690-4692, 4748-4750, 4797-4799
    "4-3": [
        (1, 1, "2ème trimestre 2024", None, [q(2024, 2)]),
        (2, 1, "3ème trimestre 2024", None, [q(2024, 3)]),
        (3, 1, "4ème trimestre 2024", None, [q(2024, 4)]),
    ],
    # l. 5010 « Description de l'action : les étapes  Sur toute la durée du CLS »
    "4-4": [(None, 1, "Sur toute la durée du CLS", None, [y(2022, 2027)])],
    # l. 5453-5454, 5502-5503, 5562
    "5-1": [
        (1, 1, "4ème trimestre 2022", None, [q(2022, 4)]),
        (2, 1, "3 et 4ème trimestre 2023", None, [("2023-07-01", "2023-12-31")]),
        (3, 1, "2022 - 2027", None, [y(2022, 2027)]),
    ],
    # l. 5897-5899, 5953-5954
    "5-2": [
        (1, 1, "4ème trimestre 2022 – 4ème trimestre 2023", None, [("2022-10-01", "2023-12-31")]),
        (2, 1, "1er trimestre 2024", None, [q(2024, 1)]),
    ],
    # l. 6262, 6304 « CPAM34 2023 », 6364
    "5-3": [
        (1, 1, "2024", None, [y(2024)]),
        (2, 1, "2023", None, [y(2023)]),
        (3, 1, "2023", None, [y(2023)]),
    ],
}


@pytest.fixture(scope="module")
def montpellier():
    return load([MONTPELLIER])


@pytest.fixture(scope="module")
def montpellier_years(montpellier):
    return {year: build(montpellier, year) for year in CONTRACT_YEARS}


def test_the_plan_covers_the_sixteen_fiches_and_fifty_entries():
    assert len(MONTPELLIER_PLAN) == 16
    assert sum(len(entries) for entries in MONTPELLIER_PLAN.values()) == 50


@pytest.mark.parametrize("fiche", sorted(MONTPELLIER_PLAN))
def test_montpellier_entries_match_the_source(fiche, montpellier_years):
    found: dict[tuple, dict] = {}
    for year, calendar in montpellier_years.items():
        for item in calendar.items:
            if item.fiche != fiche:
                continue
            assert item.debut is not None, f"{fiche} : « {item.periode} » non reconnue ({item.erreur})"
            key = (item.declinaison_index, item.entree_index)
            entry = found.setdefault(key, {"periode": item.periode, "jalon": item.jalon, "intervals": set()})
            entry["intervals"].add((item.debut.isoformat(), item.fin.isoformat()))
            assert item.debut.year <= year <= item.fin.year
    expected = {
        (decl, index): {"periode": periode, "jalon": jalon, "intervals": set(intervals)}
        for decl, index, periode, jalon, intervals in MONTPELLIER_PLAN[fiche]
    }
    assert found == expected


def test_no_montpellier_period_is_unparsed(montpellier_years):
    for calendar in montpellier_years.values():
        assert calendar.unparsed == []
        assert calendar.ignores == []


def test_the_sism_cycle_repeats_each_contract_year_only(montpellier):
    assert [i for i in build(montpellier, 2021).items if i.fiche == "2-2"] == []
    assert [i for i in build(montpellier, 2028).items if i.fiche == "2-2"] == []
    items = [i for i in build(montpellier, 2026).items if i.fiche == "2-2"]
    assert [(i.periode, i.debut, i.fin, i.recurrent) for i in items] == [
        ("Février", D("2026-02-01"), D("2026-02-28"), True),
        ("Mai", D("2026-05-01"), D("2026-05-31"), True),
        ("Juillet Août", D("2026-07-01"), D("2026-08-31"), True),
        ("Septembre", D("2026-09-01"), D("2026-09-30"), True),
        ("Octobre", D("2026-10-01"), D("2026-10-31"), True),
    ]


def test_montpellier_2024_has_24_items_in_axis_and_fiche_order(montpellier):
    calendar = build(montpellier, 2024, D("2024-12-31"))
    assert len(calendar.items) == 24
    assert [f.id for f in calendar.fiches if f.items] == [
        "1-1", "1-2", "1-3", "2-2", "3-1", "3-2", "3-3", "4-1", "4-3", "4-4", "5-1", "5-2", "5-3"]
    assert [f.id for f in calendar.quiet] == ["2-1", "2-3", "4-2"]
    # On 31 December everything planned in 2024 has ended, except what goes on after it.
    ongoing = {(i.fiche, i.periode) for i in calendar.items if i.statut == "en_cours"}
    assert ongoing == {("1-1", "Sur toute la durée du CLS"), ("3-1", "2024 à 2027"),
                       ("4-4", "Sur toute la durée du CLS"), ("5-1", "2022 - 2027"),
                       ("1-2", "3ème et 4ème trimestre 2024"), ("1-1", "4ème trimestre 2024"),
                       ("1-3", "4ème trimestre 2024"), ("4-3", "4ème trimestre 2024"),
                       ("1-3", "2024"), ("3-2", "2024"), ("3-3", "2024"), ("5-3", "2024")}
    assert {i.statut for i in calendar.items} == {"en_cours", "echeance_passee"}


def test_filters_by_fiche_and_axis(montpellier):
    by_fiche = build(montpellier, 2024, fiches=["2-2", "4-4"])
    assert {i.fiche for i in by_fiche.items} == {"2-2", "4-4"}
    assert len(by_fiche.items) == 6
    by_axis = build(montpellier, 2024, axes=["4"])
    assert {i.fiche for i in by_axis.items} == {"4-1", "4-3", "4-4"}
    assert [f.id for f in by_axis.fiches] == ["4-1", "4-2", "4-3", "4-4"]
    both = build(montpellier, 2024, fiches=["4-1", "1-1"], axes=["4"])
    assert {i.fiche for i in both.items} == {"4-1"}


def test_unknown_fiche_or_axis_is_a_usage_error(montpellier):
    with pytest.raises(InputError, match="fiche introuvable : 9-9"):
        build(montpellier, 2024, fiches=["9-9"])
    with pytest.raises(InputError, match="axe introuvable : 7"):
        build(montpellier, 2024, axes=["7"])


# --- Planned status, on fictitious territories ------------------------------------------------

STATUS_FICHE = """\
id: "1-1"
axe: "1"
titre: Action fictive
declinaisons:
  - titre: Diagnostic
    calendrier:
      - 1er trimestre 2024
  - titre: Guide
    calendrier:
      - periode: 3ème trimestre 2024
        jalon: Diffusion
  - titre: Sans date
"""


@pytest.mark.parametrize("as_of, expected", [
    ("2024-06-30", "a_venir"),
    ("2024-07-01", "en_cours"),   # the first day counts
    ("2024-09-30", "en_cours"),   # and so does the last
    ("2024-10-01", "echeance_passee"),
])
def test_entry_status_around_its_bounds(territory, as_of, expected):
    territory.fiche("1-1", STATUS_FICHE)
    calendar = year_calendar([str(territory.root)], 2024, D(as_of))
    guide = [i for i in calendar.items if i.jalon == "Diffusion"]
    assert len(guide) == 1 and guide[0].statut == expected


def test_declinaison_and_fiche_status_span_their_entries(territory):
    territory.fiche("1-1", STATUS_FICHE)
    calendar = year_calendar([str(territory.root)], 2024, D("2024-05-15"))
    (fiche,) = calendar.fiches
    assert [(u.index, u.statut) for u in fiche.declinaisons] == [
        (1, "echeance_passee"), (2, "a_venir"), (3, None)]  # « Sans date » has no date at all
    assert fiche.statut == "en_cours"  # from January to September
    later = year_calendar([str(territory.root)], 2025, D("2025-05-15")).fiches[0]
    assert later.statut == "hors_periode" and later.items == []
    assert [u.statut for u in later.declinaisons] == ["hors_periode", "hors_periode", None]


def test_default_reference_date_is_the_end_of_a_past_year(territory):
    territory.fiche("1-1", STATUS_FICHE)
    calendar = year_calendar([str(territory.root)], 2023)
    assert calendar.as_of == D("2023-12-31")


def test_a_declinaison_without_dates_follows_the_fiche_calendar(territory):
    territory.fiche("1-1", """\
        id: "1-1"
        axe: "1"
        titre: Action fictive à étapes
        calendrier:
          - 2ème semestre 2025
        declinaisons:
          - titre: Sans date
        """)
    calendar = year_calendar([str(territory.root)], 2025, D("2025-03-01"))
    (fiche,) = calendar.fiches
    assert [(i.declinaison, i.periode) for i in calendar.items] == [(None, "2ème semestre 2025")]
    assert fiche.declinaisons[0].statut == "a_venir" and fiche.statut == "a_venir"


UNPARSED_FICHE = """\
id: "1-1"
axe: "1"
titre: Action fictive
calendrier:
  - Dès que possible
  - periode: 2027 à 2024
    jalon: Inversé
"""


def test_unparsed_entries_appear_every_year_verbatim_without_dates(territory):
    territory.fiche("1-1", UNPARSED_FICHE)
    for year in (2019, 2024, 2031):
        calendar = year_calendar([str(territory.root)], year)
        assert [(i.periode, i.debut, i.fin, i.statut) for i in calendar.items] == [
            ("Dès que possible", None, None, None), ("2027 à 2024", None, None, None)]
        assert "non reconnue" in calendar.items[0].erreur
        assert "la fin précède le début" in calendar.items[1].erreur
        assert len(calendar.unparsed) == 2
    data = json.loads(to_json(calendar))
    assert data["items"][0] == {
        "territoire": "Ville de Test", "axe": "1", "sous_axe": None, "fiche": "1-1", "declinaison": None,
        "periode": "Dès que possible", "jalon": None, "debut": None, "fin": None, "statut": None}
    lines = summary_lines(calendar)
    assert any("« Dès que possible »" in line and "terr/fiches/1-1.yaml" in line for line in lines)


def test_recurring_entry_without_contract_stays_unparsed(tmp_path):
    (tmp_path / "fiches").mkdir()
    (tmp_path / "fiches" / "1-1.yaml").write_text(
        'id: "1-1"\naxe: "1"\ntitre: Fictive\ncalendrier:\n  - periode: Février\n    recurrent: true\n',
        encoding="utf-8")
    calendar = year_calendar([str(tmp_path)], 2024)
    (item,) = calendar.items
    assert item.debut is None and "contrat" in item.erreur
    assert item.territoire == str(tmp_path)  # no contract: the folder names the territory


def test_broken_fiche_is_listed_as_ignored(territory):
    territory.fiche("1-1", STATUS_FICHE)
    territory.fiche("1-2", 'id: "1-2"\naxe: "1"\ntitre: [pas, un, titre]\n')
    calendar = year_calendar([str(territory.root)], 2024)
    assert [f.id for f in calendar.fiches] == ["1-1"]
    assert calendar.ignores == [str(territory.root / "fiches" / "1-2.yaml")]


def test_fiches_sorted_by_axis_then_natural_id(territory):
    for ident, axe in (("2-1", "2"), ("1-10", "1"), ("1-2", "1")):
        territory.fiche(ident, f'id: "{ident}"\naxe: "{axe}"\ntitre: F{ident}\ncalendrier:\n  - "2024"\n')
    calendar = year_calendar([str(territory.root)], 2024)
    assert [i.fiche for i in calendar.items] == ["1-2", "1-10", "2-1"]


# --- Output: JSON, iCalendar, table -------------------------------------------------------


def test_json_has_exactly_the_documented_shape(montpellier):
    data = json.loads(to_json(build(montpellier, 2024, D("2024-06-15"))))
    assert list(data) == ["year", "as_of", "items", "ignores", "erreurs"]
    assert data["year"] == 2024 and data["as_of"] == "2024-06-15"
    for item in data["items"]:
        assert list(item) == ["territoire", "axe", "sous_axe", "fiche", "declinaison", "periode", "jalon", "debut",
                              "fin", "statut"]
        assert D(item["debut"]) <= D(item["fin"])
        assert item["axe"] == item["fiche"].split("-")[0] and item["sous_axe"] is None  # Montpellier has none


def test_a_fiche_s_sub_axis_is_in_json_and_in_the_ics_categories(territory):
    territory.contrat(CONTRAT_WITH_SUB_AXES)
    territory.fiche("1-1", 'id: "1-1"\naxe: "1"\nsous_axe: "1.2"\ntitre: Fictive\ncalendrier:\n  - "2024"\n')
    territory.fiche("1-2", 'id: "1-2"\naxe: "1"\ntitre: Fictive sans sous-axe\ncalendrier:\n  - "2024"\n')
    calendar = year_calendar([str(territory.root)], 2024)
    items = json.loads(to_json(calendar))["items"]
    assert [(i["fiche"], i["axe"], i["sous_axe"]) for i in items] == [("1-1", "1", "1.2"), ("1-2", "1", None)]
    categories = [line for line in to_ics(calendar).splitlines() if line.startswith("CATEGORIES")]
    assert categories == ["CATEGORIES:Axe 1,Sous-axe 1.2", "CATEGORIES:Axe 1"]
    events = icalendar.Calendar.from_ical(to_ics(calendar)).walk("VEVENT")  # a real reader sees two categories
    assert [list(e.get("categories").cats) for e in events] == [["Axe 1", "Sous-axe 1.2"], ["Axe 1"]]


CONTRAT_WITH_SUB_AXES = """\
territoire: Ville de Test
intitule: Contrat fictif
periode:
  debut: 2022
  fin: 2027
axes:
  - id: "1"
    titre: Premier axe
    sous_axes:
      - id: "1.1"
        titre: Premier objectif
      - id: "1.2"
        titre: Second objectif
"""


def _events(text: str) -> list:
    return list(icalendar.Calendar.from_ical(text).walk("VEVENT"))


def test_ics_reads_back_with_one_all_day_event_per_item(montpellier):
    calendar = build(montpellier, 2024, D("2024-06-15"))
    text = to_ics(calendar)
    events = _events(text)
    # « Sur toute la durée du CLS » (2022–2027) has no event in 2024: only its first and last days are events
    dated = [item for item in calendar.items if item.debut is not None]
    whole = [item for item in dated if item.contrat_entier]
    assert any(i.periode == "Sur toute la durée du CLS" for i in whole)
    assert all((i.debut, i.fin) == (dt.date(2022, 1, 1), dt.date(2027, 12, 31)) for i in whole)
    kept = [(item, uid) for item, uid in zip(dated, event_uids(dated), strict=True) if not item.contrat_entier]
    assert len(events) == len(kept) == 24 - len(whole)
    for event, (item, uid) in zip(events, kept, strict=True):
        assert event.decoded("DTSTART") == item.debut
        assert event.decoded("DTEND") == item.fin + dt.timedelta(days=1)  # exclusive end
        assert type(event.decoded("DTSTART")) is dt.date  # all-day: VALUE=DATE
        assert str(event["SUMMARY"]) == event_summary(item)
        assert str(event["SUMMARY"]).startswith(item.fiche + " · ")
        if item.jalon:
            assert str(event["SUMMARY"]).endswith(" · " + item.jalon)
        if item.declinaison:
            assert item.declinaison in str(event["SUMMARY"])
        assert str(event["UID"]) == uid
        assert event.decoded("DTSTAMP") == dt.datetime(2024, 6, 15, tzinfo=dt.timezone.utc)
        assert f"Période : {item.periode}" in str(event["DESCRIPTION"])
    assert len({str(e["UID"]) for e in events}) == len(events)
    description = str(icalendar.Calendar.from_ical(text)["X-WR-CALDESC"])
    assert all(item.fiche in description for item in whole)


def test_ics_whole_contract_entries_are_their_first_and_last_days(montpellier):
    """No six-year all-day event: « Sur toute la durée du CLS » is a one-day event on the
    contract's first day (in its first year) and one on its last day (in its last year)."""
    first, last = (_events(to_ics(build(montpellier, year, D(f"{year}-06-15")))) for year in (2022, 2027))
    starts = [e for e in first if str(e["SUMMARY"]).startswith("Début · ")]
    ends = [e for e in last if str(e["SUMMARY"]).startswith("Fin · ")]
    assert starts and len(starts) == len(ends)
    assert {e.decoded("DTSTART") for e in starts} == {dt.date(2022, 1, 1)}
    assert {e.decoded("DTSTART") for e in ends} == {dt.date(2027, 12, 31)}
    for event in starts + ends:
        assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(days=1)
    for events in (first, last):
        assert all(e.decoded("DTEND") - e.decoded("DTSTART") < dt.timedelta(days=2000) for e in events)


def test_ics_lines_are_crlf_and_folded_at_75_octets(montpellier):
    raw = to_ics(build(montpellier, 2024)).encode("utf-8")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # long titles were folded
    for line in lines:
        line.decode("utf-8")  # never cut inside a character


def test_fold_never_splits_a_character():
    line = "SUMMARY:" + "é" * 100
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert parts[0] + "".join(p[1:] for p in parts[1:]) == line
    assert fold("SHORT:x") == "SHORT:x"


def _uids(calendar) -> dict:
    dated = [i for i in calendar.items if i.debut is not None]
    return {(i.fiche, i.periode): uid for i, uid in zip(dated, event_uids(dated), strict=True)}


def test_ics_uids_are_stable_across_years_and_exports(montpellier):
    y2024, y2025 = build(montpellier, 2024, D("2024-06-15")), build(montpellier, 2025, D("2025-01-10"))
    uid24, uid25 = _uids(y2024), _uids(y2025)
    # « 2024 à 2027 » is one event: exporting 2025 updates it instead of adding a copy
    assert uid24[("3-1", "2024 à 2027")] == uid25[("3-1", "2024 à 2027")]
    # each year of a recurring entry is its own event
    assert uid24[("2-2", "Février")] != uid25[("2-2", "Février")]
    # the same data give the same bytes
    assert to_ics(build(montpellier, 2024, D("2024-06-15"))) == to_ics(y2024)


FICHE_DECLINEE = """\
id: "1-1"
axe: "1"
titre: Action fictive déclinée
calendrier:
  - periode: 1er semestre 2024
    jalon: Lancement
declinaisons:
{inserted}  - titre: Formation des bénévoles
    calendrier:
      - 2e trimestre 2024
      - periode: Octobre
        recurrent: true
  - titre: Bilan
    calendrier: [décembre 2024]
"""
INSERTED = """\
  - titre: Nouvelle déclinaison insérée en tête
    calendrier: [mars 2024]
"""


def _ics_events(territory, tmp_path, name: str) -> dict:
    from conftest import run

    target = tmp_path / f"{name}.ics"
    proc = run("calendar", str(territory.root), "--year", "2024", "--format", "ics", "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    return {(str(e["SUMMARY"]), e.decoded("DTSTART")): str(e["UID"])
            for e in _events(target.read_text(encoding="utf-8"))}


def test_ics_uids_of_untouched_entries_survive_an_inserted_declinaison(territory, tmp_path):
    """A subscribed agenda refreshes the file: inserting a déclinaison (or an entry) before
    others must not give them new UIDs, or the agenda shows each of them twice."""
    territory.fiche("1-1", FICHE_DECLINEE.format(inserted=""))
    before = _ics_events(territory, tmp_path, "avant")
    territory.fiche("1-1", FICHE_DECLINEE.format(inserted=INSERTED))
    after = _ics_events(territory, tmp_path, "apres")
    assert len(before) == 4 and len(after) == 5
    assert {summary: after[summary] for summary in before} == before
    assert set(after) - set(before) == {("1-1 · Nouvelle déclinaison insérée en tête", dt.date(2024, 3, 1))}


def test_ics_follows_the_adjusted_calendars(territory, tmp_path):
    """The agenda shows the calendar in force: the latest ``calendrier_ajuste`` of a follow-up
    up to the year replaces the planned entries, of the fiche and of a déclinaison."""
    territory.fiche("1-1", FICHE_DECLINEE.format(inserted="") + """\
suivi:
  2023:
    calendrier_ajuste: [2e semestre 2024]
    declinaisons:
      "2": {calendrier_ajuste: [janvier 2025]}
  2024:
    declinaisons:
      "1": {calendrier_ajuste: [novembre 2024]}
""")
    target = tmp_path / "ajuste.ics"
    from conftest import run

    assert run("calendar", str(territory.root), "--year", "2024", "-f", "ics", "-o", str(target)).returncode == 0
    events = {str(e["SUMMARY"]): e for e in _events(target.read_text(encoding="utf-8"))}
    assert set(events) == {"1-1 · Action fictive déclinée", "1-1 · Formation des bénévoles"}
    assert events["1-1 · Action fictive déclinée"].decoded("DTSTART") == dt.date(2024, 7, 1)
    assert "ajusté au suivi 2023" in str(events["1-1 · Action fictive déclinée"]["DESCRIPTION"])
    assert events["1-1 · Formation des bénévoles"].decoded("DTSTART") == dt.date(2024, 11, 1)
    # the table and JSON formats stay the planned calendar
    planned = year_calendar([str(territory.root)], 2024, D("2024-06-30"))
    assert {i.periode for i in planned.items} == {"1er semestre 2024", "2e trimestre 2024", "Octobre",
                                                   "décembre 2024"}


def test_ics_escapes_text_and_keeps_unparsed_periods(territory):
    territory.fiche("1-1", """\
        id: "1-1"
        axe: "1"
        titre: "Action fictive ; avec, ponctuation \\\\ et barre"
        calendrier:
          - periode: 2ème trimestre 2024
            jalon: "Bilan; partage, diffusion"
          - Quand le budget sera voté
        """)
    calendar = year_calendar([str(territory.root)], 2024, D("2024-01-15"))
    text = to_ics(calendar)
    assert "Bilan\\; partage\\, diffusion" in text
    parsed = icalendar.Calendar.from_ical(text)
    (event,) = parsed.walk("VEVENT")
    assert str(event["SUMMARY"]) == "1-1 · Bilan; partage, diffusion"
    assert "Action fictive ; avec, ponctuation \\ et barre" in str(event["DESCRIPTION"])
    assert "Quand le budget sera voté" in str(parsed["X-CLSTOOL-PERIODE-NON-RECONNUE"])


def test_summary_without_declinaison_or_jalon_uses_the_fiche_title(montpellier):
    item = next(i for i in build(montpellier, 2024).items if i.fiche == "4-4")
    assert event_summary(item) == "4-4 · " + item.fiche_titre


def test_months_covered():
    assert months_covered([(D("2023-10-01"), D("2024-02-15"))], 2024) == {1, 2}
    assert months_covered([(D("2024-11-20"), D("2025-01-01"))], 2024) == {11, 12}
    assert months_covered([(D("2022-01-01"), D("2027-12-31"))], 2024) == set(range(1, 13))
    assert months_covered([(D("2025-01-01"), D("2025-12-31")), (None, None)], 2024) == set()


def test_table_text_shows_the_year_the_bars_and_the_reference_month(montpellier):
    text = to_text(build(montpellier, 2024, D("2024-06-15"), fiches=["2-2"]))
    assert "Calendrier 2024 — au 15/06/2024" in text
    assert re.search(r"│ 2-2 +│ Promouvoir les Semaines", text)
    assert "↳ Février ↻" in text and "Bilan année N-1" in text
    # February planned, June (the reference month) marked, nothing else planned before July
    assert "·█···│······" in text
    assert "·····│██····" in text  # Juillet Août
    assert "échéance passée" in text and "à venir" in text
    assert "5 entrées de calendrier en 2024 (1 fiche)." in text


def test_summary_names_quiet_fiches_per_territory():
    calendar = year_calendar([str(DATA / "montpellier"), str(DATA / "clermont")], 2025)
    lines = summary_lines(calendar)
    assert lines[0] == "10 entrées de calendrier en 2025 (6 fiches)."
    assert "Rien de prévu en 2025 (Ville de Montpellier) : 1-2, 1-3, 2-1, 2-3, 3-2, 4-1, 4-2, 4-3, 5-2, 5-3." in lines
    # Clermont-Ferrand publishes only the titles of its actions: nothing is dated
    assert any(line.startswith("Aucune date (Ville de Clermont-Ferrand), 33 fiches : 1-1, 1-2,") for line in lines)
