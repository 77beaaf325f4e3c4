"""CLS305 periode-sans-contrat: where it reports, and what."""

from __future__ import annotations

from rulecheck import CALENDAR_FICHE, located, messages_of


def test_without_contract_period_recurring_and_contract_duration_entries(territory):
    territory.contrat("territoire: T\nintitule: CLS fictif\nperiode:\n  debut: 2027\n  fin: 2022\n"
                      "axes:\n  - id: \"1\"\n    titre: Axe\n")
    territory.fiche("1-1", CALENDAR_FICHE)
    assert located(str(territory.root)) == [
        ("1-1.yaml", 7, 18, "CLS301", "warning", "declinaisons[0].calendrier[0].periode"),
        ("1-1.yaml", 8, 9, "CLS301", "warning", "declinaisons[0].calendrier[1]"),
        ("1-1.yaml", 9, 9, "CLS304", "error", "declinaisons[0].calendrier[2]"),
        ("1-1.yaml", 12, 18, "CLS305", "warning", "declinaisons[0].calendrier[5].periode"),
        ("1-1.yaml", 14, 9, "CLS305", "warning", "declinaisons[0].calendrier[6]"),
        ("1-1.yaml", 19, 9, "CLS304", "error", "suivi[2024].calendrier_ajuste[0]"),
    ]
    recurring, duration = messages_of(str(territory.root), code="CLS305")
    assert recurring.startswith("entrée récurrente sans période de contrat lisible")
    assert duration.startswith("« Sur toute la durée du CLS » sans période de contrat lisible")
