"""CLS243 budget-hors-contrat: where it reports, and what."""

from __future__ import annotations

from rulecheck import findings

FICHE = """\
id: "1-1"
axe: "1"
titre: Une action fictive
budget:
  - annee: 2024
    type: fonctionnement
    prevu: 1000
declinaisons:
  - titre: Une déclinaison
    budget:
      - annee: 2031
        type: investissement
        unite: etp
        prevu: 0.5
"""


def test_cls233_year_outside_contract_in_a_declinaison(tmp_path):
    assert findings(tmp_path, FICHE, "CLS243", messages=True) == [
        (11, 16, "declinaisons[0].budget[0].annee", "budget 2031 hors de la période du contrat (2022–2027)")
    ]


def test_cls233_years_inside_pass(tmp_path):
    assert findings(tmp_path, FICHE.replace("2031", "2027"), "CLS243") == []
