"""CLS221 fiche-non-detaillee: where it reports, and what."""

from __future__ import annotations

from rulecheck import COMPLETE, HEADER, findings


def test_cls221_title_only(tmp_path):
    assert findings(tmp_path, HEADER, "CLS221") == [(3, 1, "titre")]
    assert findings(tmp_path / "b", COMPLETE, "CLS221") == []
