"""Form profiles (``formulaire`` of contrat.yaml): completeness rules follow the form.

The same fictitious fiche, empty but for its porteur, is checked under each built-in form: the
Occitanie form (the default) asks for its typology, publics, determinants…; the TeT and minimal
forms do not. The profile files themselves are data: they must name known rubriques, and every
completeness rule must name a rubrique that exists.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import CONTRAT
from rulecheck import write_territory

from clstool.lint.rules import all_rules
from clstool.lint.run import validate
from clstool.model.profiles import DEFAULT, FORMULAIRES
from clstool.model.vocabulary import RUBRIQUES
from clstool.yamlio.profiles import folder, profile

FICHE = """\
id: "1-1"
axe: "1"
titre: Une action fictive
portage:
  pilotes:
    - Ville de Test
participation_citoyenne:
  reponse: oui
"""


def codes_under(tmp_path, formulaire: str | None) -> set[str]:
    contrat = CONTRAT + (f"formulaire: {formulaire}\n" if formulaire else "")
    root = write_territory(tmp_path / (formulaire or "defaut"), {"contrat.yaml": contrat, "fiches/1-1.yaml": FICHE})
    result = validate([str(root)], today=dt.date(2025, 3, 1))
    assert not [d for d in result.diagnostics if d.code < "CLS100"], result.diagnostics
    return {d.code for d in result.diagnostics}


def test_the_shipped_files_are_the_declared_profiles():
    assert sorted(p.name.removesuffix(".yaml") for p in folder().iterdir() if p.name.endswith(".yaml")) == sorted(FORMULAIRES)
    for name in FORMULAIRES:
        shown = profile(name)
        assert shown.libelle and shown.description and shown.rubriques
        assert set(shown.rubriques) <= set(RUBRIQUES)


def test_the_default_form_has_every_rubrique():
    # a contract without « formulaire » is checked exactly as before profiles existed
    assert profile(None) == profile(DEFAULT)
    assert set(profile(DEFAULT).rubriques) == set(RUBRIQUES)


def test_every_rule_rubrique_is_known():
    tied = {rule.rubrique for rule in all_rules().values() if rule.rubrique}
    assert tied <= set(RUBRIQUES)
    assert tied == set(RUBRIQUES)  # no rubrique that no rule checks


def test_occitanie_asks_for_every_rubrique_of_its_form(tmp_path):
    found = codes_under(tmp_path, None)
    assert found == codes_under(tmp_path, "occitanie")
    assert {"CLS202", "CLS204", "CLS206", "CLS210", "CLS211", "CLS212", "CLS303"} <= found
    assert "CLS201" not in found  # the fiche has a pilote


def test_tet_asks_only_for_its_rubriques(tmp_path):
    found = codes_under(tmp_path, "tet")
    assert found == {"CLS202", "CLS303"}  # indicateurs, calendrier
    expected = {r.code for r in all_rules().values() if r.rubrique in profile("tet").rubriques}
    assert found <= expected


def test_minimal_asks_for_porteur_and_calendar_only(tmp_path):
    assert codes_under(tmp_path, "minimal") == {"CLS303"}
    fiche = FICHE.replace("portage:\n  pilotes:\n    - Ville de Test\n", "")
    root = write_territory(
        tmp_path / "sans-porteur", {"contrat.yaml": CONTRAT + "formulaire: minimal\n", "fiches/1-1.yaml": fiche}
    )
    assert {d.code for d in validate([str(root)]).diagnostics} == {"CLS201", "CLS303"}


@pytest.mark.parametrize("formulaire", ["tet", "minimal"])
def test_contradictions_are_still_reported_whatever_the_form(tmp_path, formulaire):
    # natures ticked under « non »: a contradiction in what is written, not a missing rubrique
    fiche = FICHE + "acces_information_droits:\n  reponse: non\n  natures:\n    - acces_droits\n"
    root = write_territory(tmp_path / "t", {"contrat.yaml": CONTRAT + f"formulaire: {formulaire}\n", "fiches/1-1.yaml": fiche})
    assert "CLS208" in {d.code for d in validate([str(root)]).diagnostics}


def test_an_unknown_form_is_a_located_error(tmp_path):
    root = write_territory(tmp_path / "t", {"contrat.yaml": CONTRAT + "formulaire: paca\n", "fiches/1-1.yaml": FICHE})
    result = validate([str(root)])
    errors = [d for d in result.diagnostics if d.file.endswith("contrat.yaml")]
    assert [(d.line, d.column, d.severity.value) for d in errors] == [(11, 13, "error")]
    assert "occitanie" in errors[0].message and "tet" in errors[0].message and "minimal" in errors[0].message
