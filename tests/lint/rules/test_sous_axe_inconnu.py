"""CLS240 sous-axe-inconnu: where it reports, and what."""

from __future__ import annotations

from conftest import CONTRAT
from rulecheck import findings

#: The test contract, its first axis holding two sub-axes (fictitious).
CONTRAT_SOUS_AXES = CONTRAT.replace(
    "    titre: Premier axe\n",
    """    titre: Premier axe
    sous_axes:
      - id: "1.1"
        titre: Un objectif stratégique fictif
      - id: "1.2"
        titre: Un autre objectif fictif
""",
)

FICHE = 'id: "1-1"\naxe: "1"\nsous_axe: "{}"\ntitre: Une action fictive\n'


def test_cls230_unknown_sub_axis_names_the_axis_ones(tmp_path):
    assert findings(tmp_path, FICHE.format("1.3"), "CLS240", contrat=CONTRAT_SOUS_AXES, messages=True) == [
        (3, 11, "sous_axe", "sous-axe « 1.3 » absent de contrat.yaml (sous-axes de l'axe 1 : 1.1, 1.2)")
    ]


def test_cls230_axis_without_sub_axes(tmp_path):
    text = FICHE.format("2.1").replace('axe: "1"', 'axe: "2"')
    assert findings(tmp_path, text, "CLS240", contrat=CONTRAT_SOUS_AXES, messages=True) == [
        (3, 11, "sous_axe", "sous-axe « 2.1 » absent de contrat.yaml (l'axe 2 n'en déclare aucun)")
    ]


def test_cls230_known_sub_axis_and_fiche_without_one_pass(tmp_path):
    assert findings(tmp_path, FICHE.format("1.2"), "CLS240", contrat=CONTRAT_SOUS_AXES) == []
    assert findings(tmp_path / "b", 'id: "1-1"\naxe: "1"\ntitre: Une action\n', "CLS240", contrat=CONTRAT_SOUS_AXES) == []
