"""CLS211 public-vise-vide: where it reports, and what."""

from __future__ import annotations

from rulecheck import COMPLETE, findings


def test_cls211_public_vise(tmp_path):
    text = COMPLETE.replace("public_vise:\n  ages:\n    - adultes\n", "public_vise:\n  ages: []\n")
    assert findings(tmp_path, text, "CLS211") == [(25, 1, "public_vise")]
    other = COMPLETE.replace("public_vise:\n  ages:\n    - adultes\n", "public_vise:\n  autre: Parents\n")
    assert findings(tmp_path / "b", other, "CLS211") == []
