"""CLS216 cible-hors-contrat: where it reports, and what."""

from __future__ import annotations

from rulecheck import COMPLETE, findings


def test_cls216_target_outside_contract(tmp_path):
    text = COMPLETE.replace("      2025: 100\n", "      2025: 100\n      2030: 300\n")
    assert findings(tmp_path, text, "CLS216", messages=True) == [
        (43, 7, "indicateurs[1].cibles[2030]", "cible 2030 de l'indicateur R1 hors de la période du contrat (2022–2027)")]
