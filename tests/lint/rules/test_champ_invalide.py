"""CLS230 champ-invalide: every type of custom field, where it reports, and what."""

from __future__ import annotations

from conftest import CONTRAT
from rulecheck import findings

from clstool.lint.run import validate

#: The fictitious contract of conftest with one custom field of each type.
CHAMPS = (
    CONTRAT
    + """\
champs:
  - cle: programme_prs
    libelle: Programme du PRS
    type: choix
    choix: [Prévention, Parcours]
  - cle: etp
    libelle: Équivalents temps plein
    type: nombre
    unite: ETP
  - cle: publics_prioritaires
    libelle: Publics prioritaires
    type: liste
    choix: [Jeunes, Seniors]
  - cle: date_comite
    libelle: Date du comité
    type: date
  - cle: elu_referent
    libelle: Élu référent
  - cle: mots_cles
    libelle: Mots-clés
    type: liste
"""
)

HEADER = 'id: "1-1"\naxe: "1"\ntitre: Une action fictive\n'


def check(tmp_path, body: str) -> list[tuple]:
    return findings(tmp_path, HEADER + body, "CLS230", contrat=CHAMPS, messages=True)


def test_values_that_fit_their_declaration(tmp_path):
    body = (
        "champs:\n  programme_prs: Prévention\n  etp: 0.5\n  publics_prioritaires:\n    - Jeunes\n"
        "  date_comite: 2025-03-31\n  elu_referent: Adjointe à la santé\n  mots_cles: [air, bruit]\n"
    )
    assert check(tmp_path, body) == []
    assert check(tmp_path / "b", "champs:\n  elu_referent: 2024\n  etp: 3\n") == []  # a year is a text too


def test_each_type_refuses_what_does_not_fit(tmp_path):
    body = (
        "champs:\n  programme_prs: Prevention\n  etp: 1,5 ETP\n  publics_prioritaires:\n    - Jeunes\n"
        "    - Adultes\n  date_comite: 31/03/2025\n  elu_referent: [a, b]\n  mots_cles: air\n"
    )
    found = check(tmp_path, body)
    assert [(line, column, path) for line, column, path, _ in found] == [
        (5, 18, "champs.programme_prs"),
        (6, 8, "champs.etp"),
        (9, 7, "champs.publics_prioritaires[1]"),
        (10, 16, "champs.date_comite"),
        (11, 17, "champs.elu_referent"),
        (12, 14, "champs.mots_cles"),
    ]
    messages = [m for *_, m in found]
    assert messages[0] == (
        "champ « Programme du PRS » (programme_prs) : « Prevention » n'est pas une valeur permise (Prévention ; Parcours)"
    )
    assert "n'est pas un nombre" in messages[1] and "ETP" in messages[1]
    assert "« Adultes » n'est pas une valeur permise" in messages[2]
    assert "AAAA-MM-JJ" in messages[3]
    assert "un texte est attendu" in messages[4]
    assert "une liste est attendue" in messages[5]


def test_an_impossible_date(tmp_path):
    [(line, column, _, message)] = check(tmp_path, "champs:\n  date_comite: 2025-02-30\n")
    assert (line, column) == (5, 16) and "date « 2025-02-30 » impossible" in message


def test_an_undeclared_key_is_named_with_the_close_one(tmp_path):
    found = check(tmp_path, "champs:\n  programme_pr: Prévention\n  budget: 3\n")
    assert [(line, column, path) for line, column, path, _ in found] == [(5, 3, "champs.programme_pr"), (6, 3, "champs.budget")]
    assert found[0][3] == "champ « programme_pr » non déclaré dans contrat.yaml ; vouliez-vous dire « programme_prs » ?"
    assert "(déclarés : programme_prs, etp, publics_prioritaires, date_comite, elu_referent, mots_cles)" in found[1][3]


def test_a_contract_without_fields(tmp_path):
    found = findings(tmp_path, HEADER + "champs:\n  etp: 1\n", "CLS230", messages=True)
    assert found == [(5, 3, "champs.etp", "champ « etp » non déclaré dans contrat.yaml (il n'en déclare aucun)")]


def test_it_is_an_error_and_fails_validate(tmp_path):
    root = tmp_path / "t"
    (root / "fiches").mkdir(parents=True)
    (root / "contrat.yaml").write_text(CHAMPS, encoding="utf-8")
    (root / "fiches" / "1-1.yaml").write_text(HEADER + "champs:\n  etp: beaucoup\n", encoding="utf-8")
    result = validate([str(root)], select=["CLS230"])
    assert result.summary["error"] == 1 and result.failed()


def test_declarations_are_checked_in_the_contract(tmp_path):
    contrat = CONTRAT + (
        "champs:\n  - cle: etp\n    libelle: ETP\n    type: choix\n"
        "  - cle: etp\n    libelle: Autre\n  - cle: Elu\n    libelle: Élu\n"
    )
    root = tmp_path / "t"
    (root / "fiches").mkdir(parents=True)
    (root / "contrat.yaml").write_text(contrat, encoding="utf-8")
    (root / "fiches" / "1-1.yaml").write_text(HEADER, encoding="utf-8")
    found = [(d.line, d.column, d.code, d.message) for d in validate([str(root)]).diagnostics if d.file.endswith("contrat.yaml")]
    assert (12, 5, "CLS024", "champ « etp » de type choix sans liste choix : donnez les valeurs permises") in found
    assert any(line == 17 and "clé « Elu » invalide" in message for line, _, _, message in found)
