"""CLS241 sous-axe-hors-axe: where it reports, and what."""

from __future__ import annotations

from rulecheck import findings
from test_sous_axe_inconnu import CONTRAT_SOUS_AXES, FICHE


def test_cls231_sub_axis_of_another_axis(tmp_path):
    text = FICHE.format("1.1").replace('axe: "1"', 'axe: "2"')
    assert findings(tmp_path, text, "CLS241", contrat=CONTRAT_SOUS_AXES, messages=True) == [
        (3, 11, "sous_axe", "le sous-axe « 1.1 » appartient à l'axe 1, pas à l'axe 2 de la fiche : corrigez axe ou sous_axe")
    ]


def test_cls231_quiet_on_its_own_axis_and_on_unknown_ones(tmp_path):
    assert findings(tmp_path, FICHE.format("1.1"), "CLS241", contrat=CONTRAT_SOUS_AXES) == []
    # an undeclared sub-axis is CLS240's finding, not this one's
    assert findings(tmp_path / "b", FICHE.format("9.9"), "CLS241", contrat=CONTRAT_SOUS_AXES) == []
