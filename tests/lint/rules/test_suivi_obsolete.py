"""CLS219 suivi-obsolete: where it reports, and what."""

from __future__ import annotations

import datetime as dt

from rulecheck import COMPLETE, findings, without

D = dt.date


def test_cls219_stale_action(tmp_path):
    text = COMPLETE.replace("  2024:\n    statut: en_cours\n", "")
    assert findings(tmp_path, text, "CLS219", today=D(2025, 3, 1), messages=True) == [
        (49, 3, "suivi[2023]", "pas de suivi 2024 : le dernier suivi de l'action date de 2023")]
    assert findings(tmp_path / "b", COMPLETE, "CLS219", today=D(2025, 3, 1)) == []
    # done is done; and nothing is due before the first year of the contract is over
    done = text.replace("  2023:\n    statut: en_cours\n", "  2023:\n    statut: realise\n")
    assert findings(tmp_path / "c", done, "CLS219", today=D(2025, 3, 1)) == []
    assert findings(tmp_path / "d", without(COMPLETE, "suivi:"), "CLS219", today=D(2022, 6, 1)) == []


def test_cls219_no_follow_up_at_all(tmp_path):
    # suivi is the last key of a fiche: the absent block is placed on the last key before it
    assert findings(tmp_path, without(COMPLETE, "suivi:"), "CLS219", today=D(2025, 3, 1), messages=True) == [
        (43, 1, "suivi", "aucun suivi : le contrat a commencé en 2022 et l'action n'a pas de bilan "
                         "(attendu au moins pour 2024)")]
