"""CLS202 indicateur-absent: where it reports, and what."""

from __future__ import annotations

from rulecheck import COMPLETE, findings, without


def test_cls202_no_indicator(tmp_path):
    text = without(COMPLETE, "indicateurs:")  # determinants: moves up to line 34
    assert findings(tmp_path, text, "CLS202") == [(34, 1, "indicateurs")]
    assert findings(tmp_path / "b", COMPLETE, "CLS202") == []
