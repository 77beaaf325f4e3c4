"""CLS213 declinaison-sans-partenaire: where it reports, and what."""

from __future__ import annotations

from rulecheck import COMPLETE, findings


def test_cls213_declinaison_without_partner(tmp_path):
    text = COMPLETE.replace("    partenaires:\n      - CPTS\n", "")  # on calendrier:, where it belongs
    assert findings(tmp_path, text, "CLS213", messages=True) == [
        (21, 5, "declinaisons[0].partenaires", "déclinaison 1 « État des lieux » sans partenaire")]
