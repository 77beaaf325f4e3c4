"""CLS203 participation-non-renseignee: where it reports, and what."""

from __future__ import annotations

from rulecheck import COMPLETE, findings, without


def test_cls203_participation_absent(tmp_path):
    text = without(COMPLETE, "participation_citoyenne:")  # acces_information_droits: line 28
    assert findings(tmp_path, text, "CLS203", messages=True) == [
        (28, 1, "participation_citoyenne.reponse",
         "participation citoyenne non renseignée : ni « oui » ni « non » (ajoutez participation_citoyenne.reponse)")]


def test_cls203_block_without_answer_points_at_the_block(tmp_path):
    text = COMPLETE.replace("  reponse: oui\n  natures:\n    - analyse_besoins\n", "  natures: []\n")
    assert findings(tmp_path, text, "CLS203") == [(28, 1, "participation_citoyenne.reponse")]
    assert findings(tmp_path / "b", COMPLETE.replace("reponse: oui", "reponse: non").replace(
        "  natures:\n    - analyse_besoins\n", ""), "CLS203") == []
