"""A coordinator's usual mistakes get a hint: a status written as a word (« fini », TeT's
« Réalisé »), an abbreviated period (« 3e trim. 2025 »), a quoted year key, ``validate`` run
from inside ``fiches/``."""

from __future__ import annotations

import json

import pytest
from conftest import FICHE, run

from clstool.model import documents, schema


@pytest.mark.parametrize("word", ["fini", "terminé", "Réalisé", "TERMINÉE"])
def test_a_word_for_realise_gets_the_code(territory, word):
    territory.fiche("1-1", FICHE + f"suivi:\n  2024:\n    statut: {word}\n")
    result = run("validate", "--no-cache", "--format", "json", territory.root)
    (d,) = json.loads(result.stdout)["diagnostics"]
    assert (d["code"], d["line"], d["column"]) == ("CLS023", 6, 13)
    assert d["message"].endswith("; vouliez-vous dire « realise » ?"), d["message"]


def test_a_tet_label_gets_its_code(territory):
    territory.fiche("1-1", FICHE + "suivi:\n  2024:\n    statut: À venir\n")
    result = run("validate", "--no-cache", territory.root)
    assert "vouliez-vous dire « a_venir » ?" in result.stdout


def test_an_unrelated_word_gets_no_status(territory):
    territory.fiche("1-1", FICHE + "suivi:\n  2024:\n    statut: xyz\n")
    result = run("validate", "--no-cache", territory.root)
    assert "CLS023" in result.stdout and "vouliez-vous dire" not in result.stdout


def _calendar_messages(territory, *periods):
    territory.fiche("1-1", FICHE + "calendrier:\n" + "".join(f"  - {p}\n" for p in periods))
    result = run("validate", "--no-cache", "--format", "json", "--select", "CLS301", territory.root)
    return [d["message"] for d in json.loads(result.stdout)["diagnostics"]]


def test_an_abbreviated_quarter_gets_the_accepted_forms(territory):
    (message,) = _calendar_messages(territory, "3e trim. 2025")
    assert message == "période « 3e trim. 2025 » non reconnue ; écrivez « 3e trimestre 2025 » ou « T3 2025 »"
    assert _calendar_messages(territory, "3e trimestre 2025", "T3 2025") == []  # the forms it proposes are read


def test_an_abbreviated_semester_is_spelt_out(territory):
    (message,) = _calendar_messages(territory, "2nd sem. 2024")
    assert message.endswith("; écrivez « 2nd semestre 2024 »")


def test_an_unreadable_period_lists_the_accepted_forms(territory):
    (message,) = _calendar_messages(territory, "bientôt")
    assert "formes reconnues : « 2025 », « 3e trimestre 2025 », « T3 2025 »" in message


def test_a_quoted_year_key_is_the_year(territory):
    territory.fiche("1-1", FICHE + 'suivi:\n  "2024":\n    statut: realise\nindicateurs:\n  - id: P1\n'
                                   '    type: processus\n    libelle: Ateliers\n    cibles:\n      "2025": 4\n')
    result = run("validate", "--no-cache", "--format", "json", territory.root)
    assert json.loads(result.stdout)["summary"]["error"] == 0, result.stdout
    fiche = documents.Fiche.model_validate({"id": "1", "axe": "1", "titre": "t", "suivi": {"2024": {"statut": "realise"}}})
    assert list(fiche.suivi) == [2024]
    result = run("status", "--year", "2024", "--format", "json", territory.root)
    assert '"realise"' in result.stdout


def test_a_year_written_twice_is_refused(territory):
    territory.fiche("1-1", FICHE + 'suivi:\n  2024:\n    statut: realise\n  "2024":\n    statut: en_cours\n')
    result = run("validate", "--no-cache", territory.root)
    assert result.returncode == 1 and "l'année 2024 est écrite deux fois" in result.stdout


def test_the_json_schema_agrees_on_quoted_years():
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(schema.json_schema("fiche"))
    ok = {"id": "1-1", "axe": "1", "titre": "t", "suivi": {"2024": {"statut": "realise"}}}
    assert list(validator.iter_errors(ok)) == []
    documents.Fiche.model_validate(ok)
    bad = {**ok, "suivi": {"deux mille": {"statut": "realise"}}}
    assert list(validator.iter_errors(bad)) != []


def test_validate_from_inside_fiches_finds_its_territory(territory):
    territory.fiche("1-1", FICHE + "calendrier:\n  - bientôt\n")
    from_root = run("validate", "--no-cache", "--format", "json", cwd=territory.root)
    inside = run("validate", "--no-cache", "--format", "json", cwd=territory.root / "fiches")
    one = run("validate", "--no-cache", "--format", "json", "1-1.yaml", cwd=territory.root / "fiches")
    assert "CLS104" not in inside.stdout + one.stdout
    codes = lambda r: sorted(d["code"] for d in json.loads(r.stdout)["diagnostics"])  # noqa: E731
    assert codes(inside) == codes(from_root) == codes(one)
    assert "CLS301" in codes(inside)
    assert {d["file"] for d in json.loads(inside.stdout)["diagnostics"]} == {"../fiches/1-1.yaml"}
