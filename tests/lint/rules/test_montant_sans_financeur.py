"""CLS218 montant-sans-financeur: where it reports, and what."""

from __future__ import annotations

from rulecheck import COMPLETE, findings


def test_cls218_amount_without_funder(tmp_path):
    text = COMPLETE.replace("  - financeur: ARS Occitanie\n    montant: 15000\n", "  - montant: 15000\n")
    assert findings(tmp_path, text, "CLS218", messages=True) == [
        (17, 5, "financements[0].montant", "montant de 15\u202f000 € sans financeur : qui le verse ?")]
    declinaison = COMPLETE.replace("    calendrier:\n      - 2ème", "    financements:\n      - montant: 1234.5\n"
                                   "    calendrier:\n      - 2ème")
    assert findings(tmp_path / "b", declinaison, "CLS218") == [(24, 9, "declinaisons[0].financements[0].montant")]
