"""CLS215 partenaire-graphies: where it reports, and what."""

from __future__ import annotations

from rulecheck import COMPLETE, findings

OTHER = """\
id: "1-2"
axe: "1"
titre: Une autre action
portage:
  porteurs:
    - ville de test
  partenaires:
    - CPAM34
    - Ville de Test
financements:
  - financeur: VILLE  DE  TEST
"""


def test_cls215_case_spacing_accents_across_fiches(tmp_path):
    assert findings(tmp_path, COMPLETE, "CLS215", others={"fiches/1-2.yaml": OTHER}, file="fiches/1-2.yaml",
                    messages=True) == [
        (6, 7, "portage.porteurs[0]", "partenaire « ville de test » écrit aussi « Ville de Test » (2 fois, "
                                      "fiches 1-1, 1-2) : harmonisez la graphie"),
        (11, 16, "financements[0].financeur", "partenaire « VILLE  DE  TEST » écrit aussi « Ville de Test » "
                                              "(2 fois, fiches 1-1, 1-2) : harmonisez la graphie"),
    ]
    # the majority spelling is never reported
    assert findings(tmp_path / "b", COMPLETE, "CLS215", others={"fiches/1-2.yaml": OTHER}) == []


def test_cls215_aliases_of_the_contract(tmp_path):
    contrat = CONTRAT_WITH_ALIASES
    assert findings(tmp_path, COMPLETE, "CLS215", others={"fiches/1-2.yaml": OTHER}, contrat=contrat,
                    file="fiches/1-2.yaml", messages=True)[0] == (
        6, 7, "portage.porteurs[0]", "partenaire « ville de test » écrit aussi « Ville de Test » (2 fois, "
                                     "fiches 1-1, 1-2) : harmonisez la graphie")
    found = findings(tmp_path / "b", COMPLETE, "CLS215", others={"fiches/1-2.yaml": OTHER}, contrat=contrat,
                     file="fiches/1-2.yaml", messages=True)
    assert (8, 7, "portage.partenaires[0]", "partenaire « CPAM34 » : nom retenu « CPAM de l’Hérault » "
                                            "(alias_partenaires de contrat.yaml)") in found
    # without the alias list, CPAM34 and CPAM de l’Hérault are two partners
    assert all("CPAM" not in f[3] for f in findings(tmp_path / "c", COMPLETE, "CLS215",
                                                    others={"fiches/1-2.yaml": OTHER}, messages=True))


CONTRAT_WITH_ALIASES = """\
territoire: Ville de Test
intitule: Contrat fictif
periode:
  debut: 2022
  fin: 2027
axes:
  - id: "1"
    titre: Premier axe
alias_partenaires:
  CPAM de l’Hérault:
    - CPAM34
"""
