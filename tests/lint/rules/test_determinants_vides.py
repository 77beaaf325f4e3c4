"""CLS212 determinants-vides: where it reports, and what."""

from __future__ import annotations

from rulecheck import COMPLETE, findings


def test_cls212_determinants(tmp_path):
    text = COMPLETE.replace("  systeme_de_soins:\n    - accessibilite\n", "  autres: []\n")
    assert findings(tmp_path, text, "CLS212") == [(43, 1, "determinants")]
    other = COMPLETE.replace("  systeme_de_soins:\n    - accessibilite\n", "  autres:\n    - Logement\n")
    assert findings(tmp_path / "b", other, "CLS212") == []
