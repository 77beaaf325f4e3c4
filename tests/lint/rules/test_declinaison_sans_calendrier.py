"""CLS214 declinaison-sans-calendrier: where it reports, and what."""

from __future__ import annotations

from rulecheck import COMPLETE, findings


def test_cls214_declinaison_without_calendar(tmp_path):
    text = COMPLETE.replace("    calendrier:\n      - 2ème trimestre 2023\n", "    calendrier: []\n")
    assert findings(tmp_path, text, "CLS214", messages=True) == [
        (23, 5, "declinaisons[0].calendrier", "déclinaison 1 « État des lieux » sans calendrier")]
    assert findings(tmp_path / "b", COMPLETE, "CLS214") == []
