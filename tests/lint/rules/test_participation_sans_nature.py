"""CLS204 participation-sans-nature: where it reports, and what."""

from __future__ import annotations

from rulecheck import COMPLETE, findings


def test_cls204_oui_without_nature(tmp_path):
    text = COMPLETE.replace("  natures:\n    - analyse_besoins\n", "")
    assert findings(tmp_path, text, "CLS204") == [(29, 12, "participation_citoyenne.reponse")]
    assert findings(tmp_path / "b", COMPLETE, "CLS204") == []
