"""CLS220 annee-planifiee-sans-suivi: where it reports, and what."""

from __future__ import annotations

import datetime as dt

from rulecheck import COMPLETE, findings, without

D = dt.date


def test_cls220_planned_year_without_follow_up(tmp_path):
    text = COMPLETE.replace("  2023:\n    statut: en_cours\n", "")
    assert findings(tmp_path, text, "CLS220", today=D(2025, 3, 1), messages=True) == [
        (24, 9, "declinaisons[0].calendrier[0]",
         "le calendrier prévoit « 2ème trimestre 2023 » en 2023, mais la fiche n'a pas de suivi 2023")]
    # the current year is not over: no follow-up expected yet
    assert findings(tmp_path / "b", text, "CLS220", today=D(2023, 11, 1)) == []


def test_cls220_recurring_entry_every_past_year(tmp_path):
    text = COMPLETE.replace("      - 2ème trimestre 2023\n", "      - periode: Février\n        recurrent: true\n")
    found = findings(tmp_path, without(text, "suivi:"), "CLS220", today=D(2025, 3, 1))
    assert found == [(24, 18, "declinaisons[0].calendrier[0].periode")] * 3  # 2022, 2023, 2024
