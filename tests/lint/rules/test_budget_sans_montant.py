"""CLS245 budget-sans-montant: where it reports, and what."""

from __future__ import annotations

from rulecheck import findings

HEAD = 'id: "1-1"\naxe: "1"\ntitre: Une action fictive\nbudget:\n  - annee: 2024\n    type: investissement\n'


def test_cls235_line_without_amount(tmp_path):
    assert findings(tmp_path, HEAD, "CLS245", messages=True) == [
        (5, 5, "budget[0]", "ligne de budget 2024 sans montant : ajoutez prevu ou realise")
    ]


def test_cls235_planned_or_executed_alone_pass(tmp_path):
    assert findings(tmp_path, HEAD + "    prevu: 0\n", "CLS245") == []
    assert findings(tmp_path / "b", HEAD + "    realise: 12.5\n", "CLS245") == []
