"""``clstool schema --territoire``: the fiche schema describes the contract's custom fields.

check-jsonschema (a real JSON Schema client) and ``clstool validate`` must agree on fictitious
fiches: a value of each type that fits, and one that does not.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONTRAT

from clstool.cli import main
from clstool.lint.run import validate

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
    obligatoire: true
  - cle: publics
    libelle: Publics prioritaires
    type: liste
    choix: [Jeunes, Seniors]
  - cle: date_comite
    libelle: Date du comité
    type: date
  - cle: elu_referent
    libelle: Élu référent
"""
)
HEADER = 'id: "1-1"\naxe: "1"\ntitre: Une action fictive\n'
GOOD = (
    "champs:\n  programme_prs: Parcours\n  etp: 0.5\n  publics: [Jeunes]\n  date_comite: 2025-03-31\n"
    "  elu_referent: Adjointe à la santé\n"
)
BAD = {
    "choix": "champs:\n  programme_prs: Autre\n",
    "nombre": "champs:\n  etp: 1,5 ETP\n",
    "liste": "champs:\n  publics: [Adultes]\n",
    "date": "champs:\n  date_comite: 31/03/2025\n",
    "inconnu": "champs:\n  budget: 3\n",
}


@pytest.fixture
def territory(tmp_path) -> Path:
    root = tmp_path / "terr"
    (root / "fiches").mkdir(parents=True)
    (root / "contrat.yaml").write_text(CHAMPS, encoding="utf-8")
    return root


def schema_of(territory: Path, capsys) -> dict:
    capsys.readouterr()
    assert main(["schema", "fiche", "--territoire", str(territory)]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_fields_have_their_french_titles(territory, capsys):
    champs = schema_of(territory, capsys)["properties"]["champs"]
    assert champs["additionalProperties"] is False
    assert {k: v["title"] for k, v in champs["properties"].items()} == {
        "programme_prs": "Programme du PRS",
        "etp": "Équivalents temps plein (ETP)",
        "publics": "Publics prioritaires",
        "date_comite": "Date du comité",
        "elu_referent": "Élu référent",
    }
    assert champs["properties"]["programme_prs"]["enum"] == ["Prévention", "Parcours"]
    assert champs["properties"]["publics"]["items"] == {"enum": ["Jeunes", "Seniors"]}


def test_check_jsonschema_and_validate_agree(territory, tmp_path, capsys):
    schema = tmp_path / "fiche.schema.json"
    schema.write_text(json.dumps(schema_of(territory, capsys), ensure_ascii=False), encoding="utf-8")
    cases = {"bon": GOOD, **BAD}
    for name, body in cases.items():
        (territory / "fiches" / f"{name}.yaml").write_text(HEADER.replace("1-1", name) + body, encoding="utf-8")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--schemafile",
            str(schema),
            "-o",
            "json",
            *(str(territory / "fiches" / f"{n}.yaml") for n in cases),
        ],
        capture_output=True,
        text=True,
    )
    rejected = {Path(e["filename"]).stem for e in json.loads(proc.stdout).get("errors", [])}
    assert rejected == set(BAD)
    errors = {Path(d.file).stem for d in validate([str(territory)]).diagnostics if d.code == "CLS230"}
    assert errors == set(BAD)


def test_without_territory_the_generic_schema(territory, capsys):
    capsys.readouterr()
    assert main(["schema", "fiche"]) == 0
    generic = json.loads(capsys.readouterr().out)["properties"]["champs"]
    assert "properties" not in generic and generic["type"] == "object"


def test_a_broken_or_missing_contract_is_an_input_error(territory, tmp_path, capsys):
    capsys.readouterr()
    assert main(["schema", "fiche", "--territoire", str(tmp_path / "absent")]) == 2
    assert "introuvable" in capsys.readouterr().err
    (territory / "contrat.yaml").write_text(CHAMPS.replace("    choix: [Prévention, Parcours]\n", ""), encoding="utf-8")
    assert main(["schema", "fiche", "--territoire", str(territory)]) == 2
    err = capsys.readouterr().err
    assert "contrat.yaml:12:5" in err and "sans liste choix" in err and "Traceback" not in err
