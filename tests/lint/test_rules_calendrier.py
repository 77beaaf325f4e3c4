"""The calendar lint rules (CLS301–CLS305) together on one fiche: each problem reported once, by
the right rule, at its position. Each rule's own tests are in ``tests/lint/rules/``."""

from __future__ import annotations

from rulecheck import CALENDAR_FICHE, located


def test_each_calendar_problem_once_with_its_position(territory):
    territory.fiche("1-1", CALENDAR_FICHE)
    assert located(str(territory.root)) == [
        ("1-1.yaml", 7, 18, "CLS301", "warning", "declinaisons[0].calendrier[0].periode"),
        ("1-1.yaml", 8, 9, "CLS301", "warning", "declinaisons[0].calendrier[1]"),
        ("1-1.yaml", 9, 9, "CLS304", "error", "declinaisons[0].calendrier[2]"),
        ("1-1.yaml", 10, 9, "CLS302", "warning", "declinaisons[0].calendrier[3]"),
        ("1-1.yaml", 11, 9, "CLS302", "warning", "declinaisons[0].calendrier[4]"),
        ("1-1.yaml", 19, 9, "CLS304", "error", "suivi[2024].calendrier_ajuste[0]"),
    ]
