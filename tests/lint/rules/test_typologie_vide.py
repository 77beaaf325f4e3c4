"""CLS210 typologie-vide: where it reports, and what."""

from __future__ import annotations

from rulecheck import COMPLETE, findings, without


def test_cls210_typologie(tmp_path):
    assert findings(tmp_path, without(COMPLETE, "typologie:"), "CLS210") == [(4, 1, "typologie")]
    empty = COMPLETE.replace("typologie:\n  - nouvelle\n", "typologie: []\n")
    assert findings(tmp_path / "b", empty, "CLS210") == [(4, 1, "typologie")]
