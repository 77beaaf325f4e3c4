"""The calendar lint rules (CLS301–CLS305) on fictitious fiches: what they report, and where."""

from __future__ import annotations

from conftest import DATA

from clstool.lint.run import validate


def found(*paths: str, select=("CLS3",)) -> list[tuple]:
    result = validate(list(paths), select=list(select))
    return [(d.file.rsplit("/", 1)[-1], d.line, d.column, d.code, d.severity.value, d.path)
            for d in result.diagnostics]


def messages(*paths: str, code: str) -> list[str]:
    return [d.message for d in validate(list(paths), select=[code]).diagnostics]


FICHE = """\
id: "1-1"
axe: "1"
titre: Action fictive
declinaisons:
  - titre: A
    calendrier:
      - periode: "2ème trimestre 2023 : Réalisation du diagnostic"
      - Février
      - 2027 à 2024
      - 2026 à 2029
      - 2032
      - periode: Mars
        recurrent: true
      - Sur toute la durée du CLS
      - 4ème trimestre 2022 – 4ème trimestre 2023
suivi:
  2024:
    calendrier_ajuste:
      - décembre à janvier 2025
"""


def test_each_calendar_problem_once_with_its_position(territory):
    territory.fiche("1-1", FICHE)
    assert found(str(territory.root)) == [
        ("1-1.yaml", 7, 18, "CLS301", "warning", "declinaisons[0].calendrier[0].periode"),
        ("1-1.yaml", 8, 9, "CLS301", "warning", "declinaisons[0].calendrier[1]"),
        ("1-1.yaml", 9, 9, "CLS304", "error", "declinaisons[0].calendrier[2]"),
        ("1-1.yaml", 10, 9, "CLS302", "warning", "declinaisons[0].calendrier[3]"),
        ("1-1.yaml", 11, 9, "CLS302", "warning", "declinaisons[0].calendrier[4]"),
        ("1-1.yaml", 19, 9, "CLS304", "error", "suivi[2024].calendrier_ajuste[0]"),
    ]


def test_unparsed_period_messages(territory):
    territory.fiche("1-1", FICHE)
    first, second = messages(str(territory.root), code="CLS301")
    assert "« 2ème trimestre 2023 : Réalisation du diagnostic » non reconnue" in first
    assert "écrivez « periode: 2ème trimestre 2023 » et mettez la suite dans jalon" in first
    assert "mois sans année : ajoutez l'année ou recurrent: true" in second


def test_outside_contract_messages(territory):
    territory.fiche("1-1", FICHE)
    overflow, outside = messages(str(territory.root), code="CLS302")
    assert overflow.startswith("« 2026 à 2029 » (01/01/2026 – 31/12/2029) déborde de la période du contrat")
    assert "(2022–2027, du 01/01/2022 au 31/12/2027)" in overflow
    assert outside.startswith("« 2032 » (01/01/2032 – 31/12/2032) entièrement hors de la période du contrat")


def test_contract_end_as_a_date_is_honoured(territory):
    territory.contrat("territoire: T\nintitule: CLS fictif\nperiode:\n  debut: 2025\n  fin: 2030-06-30\n"
                      "axes:\n  - id: \"1\"\n    titre: Axe\n")
    territory.fiche("1-1", 'id: "1-1"\naxe: "1"\ntitre: F\ncalendrier:\n  - 1er semestre 2030\n'
                    '  - 2ème semestre 2030\n')
    assert found(str(territory.root)) == [("1-1.yaml", 6, 5, "CLS302", "warning", "calendrier[1]")]


def test_without_contract_period_recurring_and_contract_duration_entries(territory):
    territory.contrat("territoire: T\nintitule: CLS fictif\nperiode:\n  debut: 2027\n  fin: 2022\n"
                      "axes:\n  - id: \"1\"\n    titre: Axe\n")
    territory.fiche("1-1", FICHE)
    assert found(str(territory.root)) == [
        ("1-1.yaml", 7, 18, "CLS301", "warning", "declinaisons[0].calendrier[0].periode"),
        ("1-1.yaml", 8, 9, "CLS301", "warning", "declinaisons[0].calendrier[1]"),
        ("1-1.yaml", 9, 9, "CLS304", "error", "declinaisons[0].calendrier[2]"),
        ("1-1.yaml", 12, 18, "CLS305", "warning", "declinaisons[0].calendrier[5].periode"),
        ("1-1.yaml", 14, 9, "CLS305", "warning", "declinaisons[0].calendrier[6]"),
        ("1-1.yaml", 19, 9, "CLS304", "error", "suivi[2024].calendrier_ajuste[0]"),
    ]
    recurring, duration = messages(str(territory.root), code="CLS305")
    assert recurring.startswith("entrée récurrente sans période de contrat lisible")
    assert duration.startswith("« Sur toute la durée du CLS » sans période de contrat lisible")


def test_fiche_without_any_calendar(territory):
    territory.fiche("1-1", 'id: "1-1"\naxe: "1"\ntitre: F\ntypologie:\n  - nouvelle\netapes:\n'
                    '  - "2024 : période de rodage"\npublic_vise:\n  autre: Tous\n')
    territory.fiche("1-2", 'id: "1-2"\naxe: "1"\ntitre: F\ntypologie:\n  - nouvelle\ncalendrier: []\n')
    # dated by its déclinaisons (the one without a calendar is CLS214's)
    territory.fiche("1-3", 'id: "1-3"\naxe: "1"\ntitre: F\ndeclinaisons:\n  - titre: D\n')
    territory.fiche("1-4", 'id: "1-4"\naxe: "1"\ntitre: Seulement un titre\n')  # skipped
    assert found(str(territory.root)) == [
        ("1-1.yaml", 8, 1, "CLS303", "warning", "calendrier"),  # where it belongs: before public_vise
        ("1-2.yaml", 6, 1, "CLS303", "warning", "calendrier"),  # on the empty list
    ]
    first, _ = messages(str(territory.root), code="CLS303")
    assert "les étapes ne sont pas lues comme un calendrier" in first


def test_real_data_has_no_calendar_finding():
    assert found(str(DATA / "montpellier"), str(DATA / "clermont")) == []
