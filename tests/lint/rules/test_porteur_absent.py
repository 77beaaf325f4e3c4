"""CLS201 porteur-absent: where it reports, and what."""

from __future__ import annotations

from rulecheck import COMPLETE, findings, without


def test_cls201_absent_portage_points_where_it_belongs(tmp_path):
    text = without(COMPLETE, "portage:")  # line 11 is now financements:
    assert findings(tmp_path, text, "CLS201") == [(11, 1, "portage.porteurs")]


def test_cls201_partners_without_porteur(tmp_path):
    text = COMPLETE.replace("  porteurs:\n    - Ville de Test\n", "")
    assert findings(tmp_path, text, "CLS201", messages=True) == [
        (12, 3, "portage.porteurs", "aucun porteur ni pilote : qui porte l'action et en rend compte ? "
                                    "(portage.porteurs ou portage.pilotes)")]


def test_cls201_empty_list_points_at_the_key_and_pilotes_suffice(tmp_path):
    text = COMPLETE.replace("  porteurs:\n    - Ville de Test\n", "  porteurs: []\n")
    assert findings(tmp_path, text, "CLS201") == [(12, 3, "portage.porteurs")]
    text = COMPLETE.replace("  porteurs:\n", "  pilotes:\n")
    assert findings(tmp_path, text, "CLS201") == []
