"""CLS244 budget-en-double: where it reports, and what."""

from __future__ import annotations

from rulecheck import findings

LINE = "  - annee: 2024\n    financeur: Ville de Test\n    type: fonctionnement\n    {}: 1000\n"
HEAD = 'id: "1-1"\naxe: "1"\ntitre: Une action fictive\nbudget:\n'


def test_cls234_same_year_funder_type_unit_twice(tmp_path):
    text = HEAD + LINE.format("prevu") + LINE.format("realise")
    assert findings(tmp_path, text, "CLS244", messages=True) == [
        (9, 5, "budget[1]", "budget 2024 (Ville de Test, fonctionnement, €) déjà donné par la ligne 1")
    ]


def test_cls234_other_unit_or_funder_pass(tmp_path):
    text = HEAD + LINE.format("prevu") + LINE.format("prevu").replace("fonctionnement", "fonctionnement\n    unite: etp")
    assert findings(tmp_path, text, "CLS244") == []
    other = HEAD + LINE.format("prevu") + LINE.format("prevu").replace("Ville de Test", "ARS Occitanie")
    assert findings(tmp_path / "b", other, "CLS244") == []
