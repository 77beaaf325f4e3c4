"""CLS207 acces-sans-nature: where it reports, and what."""

from __future__ import annotations

from rulecheck import COMPLETE, findings


def test_cls207_access_oui_without_nature(tmp_path):
    text = COMPLETE.replace("acces_information_droits:\n  reponse: non\n", "acces_information_droits:\n  reponse: oui\n")
    assert findings(tmp_path, text, "CLS207") == [(33, 12, "acces_information_droits.reponse")]
    assert findings(tmp_path / "b", COMPLETE, "CLS207") == []
