"""``clstool schema``: the JSON Schema agrees with the pydantic models, and every file uses it.

check-jsonschema (what a CI or an editor would run) validates ``data/`` with the committed
schemas; files that clstool accepts pass in both, each bad fixture fails in both.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import DATA, ROOT

from clstool.cli import main
from clstool.model.diagnostic import Severity
from clstool.model.schema import KINDS, file_name, json_schema, schema_text
from clstool.yamlio.load import load

SCHEMAS = ROOT / "schemas"
EXAMPLES = ROOT / "examples"


def check_jsonschema(kind: str, files: list[Path]) -> dict[str, list[str]]:
    """Run check-jsonschema on ``files``; the error messages of each failing file."""
    proc = subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile",
                           str(SCHEMAS / file_name(kind)), "-o", "json", *map(str, files)],
                          capture_output=True, text=True)
    out = json.loads(proc.stdout)
    failed: dict[str, list[str]] = {}
    for error in out.get("errors", []) + out.get("parse_errors", []):
        failed.setdefault(str(Path(error["filename"])), []).append(error.get("message", ""))
    assert (proc.returncode == 0) == (not failed), proc.stdout + proc.stderr
    return failed


def clstool_rejects(path: Path) -> bool:
    """Whether reading the file (YAML, then the pydantic model) gives an error."""
    mine = [f for f in load([str(path)]).files if f.path.resolve() == path.resolve()][0]
    return mine.model is None or any(d.severity is Severity.ERROR for d in mine.diagnostics)


def test_committed_schemas_are_the_generated_ones():
    for kind in KINDS:
        committed = (SCHEMAS / file_name(kind)).read_text(encoding="utf-8")
        assert committed == schema_text(kind), f"schemas/{file_name(kind)} : relancez « clstool schema -o schemas »"


def test_schema_header_and_french_help():
    schema = json_schema("fiche")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:clstool:schema:fiche"
    assert schema["required"] == ["id", "axe", "titre"]
    assert schema["additionalProperties"] is False
    props = schema["properties"]
    assert "Identifiant" in props["id"]["description"]
    assert props["typologie"]["items"]["enum"] == ["nouvelle", "experimentale", "renforcement"]
    assert schema["$defs"]["SuiviAnnee"]["properties"]["statut"]["anyOf"][0]["enum"][0] == "a_venir"
    # no English docstring and no pydantic title left anywhere
    text = json.dumps(schema, ensure_ascii=False)
    titles = re.findall(r'"title": "([^"]*)"', text)
    assert titles and not [t for t in titles if re.fullmatch(r"[A-Z][a-z]+( [A-Z][a-z]+)*", t) and " " in t], titles
    assert props["sous_titre"]["title"] == "Sous-titre" and props["id"]["title"] == "Identifiant de la fiche"
    assert props["id"]["examples"] == ["1-1"]
    assert "An operational" not in text and "One calendar entry" not in text
    for name, definition in schema["$defs"].items():
        assert definition.get("description"), name
        for key, prop in definition["properties"].items():
            assert prop.get("description"), f"{name}.{key} sans description"
    for key, prop in props.items():
        assert prop.get("description"), f"fiche.{key} sans description"


# Keywords of JSON Schema draft-07, the draft yaml-language-server validates completely.
DRAFT7_KEYWORDS = {
    "$schema", "$id", "$ref", "title", "description", "default", "type", "enum", "const", "properties",
    "additionalProperties", "required", "items", "anyOf", "oneOf", "allOf", "minLength", "maxLength", "minimum",
    "maximum", "exclusiveMinimum", "exclusiveMaximum", "pattern", "format", "propertyNames", "examples",
}


def _keywords(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(key)
            if key in ("properties", "$defs"):
                for sub in value.values():
                    _keywords(sub, found)
            else:
                _keywords(value, found)
    elif isinstance(node, list):
        for item in node:
            _keywords(item, found)
    return found


def test_schema_uses_only_keywords_editors_understand():
    for kind in KINDS:
        used = _keywords(json_schema(kind), set())
        assert used - DRAFT7_KEYWORDS <= {"$defs"}, used - DRAFT7_KEYWORDS


def test_schema_command_writes_and_prints(tmp_path, capsys):
    assert main(["schema", "--output", str(tmp_path / "s")]) == 0
    for kind in KINDS:
        assert (tmp_path / "s" / file_name(kind)).read_text(encoding="utf-8") == schema_text(kind)
    capsys.readouterr()
    assert main(["schema", "contrat"]) == 0
    assert json.loads(capsys.readouterr().out)["$id"] == "urn:clstool:schema:contrat"
    assert main(["schema"]) == 2
    assert "précisez" in capsys.readouterr().err


def test_check_jsonschema_accepts_the_real_data():
    fiches = sorted(DATA.glob("*/fiches/*.yaml"))
    contrats = sorted(DATA.glob("*/contrat.yaml"))
    assert len(fiches) == 49 and len(contrats) == 2
    assert check_jsonschema("fiche", fiches) == {}
    assert check_jsonschema("contrat", contrats) == {}


def test_check_jsonschema_accepts_the_examples_with_follow_up():
    fiches = sorted(EXAMPLES.glob("*/fiches/*.yaml"))
    contrats = sorted(EXAMPLES.glob("*/contrat.yaml"))
    if not fiches:
        pytest.skip("pas encore d'exemples dans examples/")
    for path in fiches + contrats:
        assert not clstool_rejects(path), path
    assert check_jsonschema("fiche", fiches) == {}
    assert check_jsonschema("contrat", contrats) == {}


# Files clstool accepts, written with every YAML convenience the models allow.
VALID_FICHES = {
    "conveniences": """\
        id: 3
        axe: 1
        titre: Une action (fictive)
        calendrier:
          - 2024
          - periode: Février
            recurrent: true
        indicateurs:
          - id: P1
            type: processus
            libelle: Nombre de réunions
            cibles: {2025: 10, 2027: 12.5}
        territoire:
          qpv: tous
          quartiers: [Mosson, Celleneuve]
          commune: true
        suivi:
          2024:
            statut: en_cours
            avancement: 60
            declinaisons:
              1: {statut: realise}
            indicateurs:
              P1: 12
              R1: {valeur: 0.4, commentaire: suivi fictif}
        """,
    "objectifs-groupes": """\
        id: "1-1"
        axe: "1"
        titre: Action
        sous_titre:
        objectifs:
          operationnels:
            - groupe: "Actions sur l'environnement :"
              elements: [Repérer, Agir]
            - Former
        participation_citoyenne: {reponse: oui, natures: [organisation]}
        """,
}
VALID_CONTRATS = {
    "dates": """\
        territoire: Test
        intitule: Contrat fictif
        periode: {debut: 2025, fin: 2030-12-31}
        gouvernance:
          - id: copil
            nom: Comité de pilotage
            reunions: [{date: 2025-03-14}]
        """,
}

BAD_FICHES = {
    "cle-inconnue": 'id: "1"\naxe: "1"\ntitre: A\ntypologies: [nouvelle]\n',
    "valeur-hors-liste": 'id: "1"\naxe: "1"\ntitre: A\ntypologie: [nouvel]\n',
    "texte-au-lieu-de-liste": 'id: "1"\naxe: "1"\ntitre: A\ntypologie: nouvelle\n',
    "titre-absent": 'id: "1"\naxe: "1"\n',
    "titre-vide": 'id: "1"\naxe: "1"\ntitre: ""\n',
    "titre-booleen": 'id: "1"\naxe: "1"\ntitre: true\n',
    "id-liste": 'id: [1]\naxe: "1"\ntitre: A\n',
    "montant-texte": 'id: "1"\naxe: "1"\ntitre: A\nfinancements:\n  - financeur: ARS\n    montant: 15 000 €\n',
    "montant-negatif": 'id: "1"\naxe: "1"\ntitre: A\nfinancements: [{financeur: ARS, montant: -5}]\n',
    "avancement-150": 'id: "1"\naxe: "1"\ntitre: A\nsuivi: {2024: {avancement: 150}}\n',
    "statut-inconnu": 'id: "1"\naxe: "1"\ntitre: A\nsuivi: {2024: {statut: fini}}\n',
    "annee-de-suivi-en-lettres": 'id: "1"\naxe: "1"\ntitre: A\nsuivi: {deux-mille: {statut: en_cours}}\n',
    "cible-sans-annee": 'id: "1"\naxe: "1"\ntitre: A\nindicateurs: [{id: P1, type: processus, libelle: B, cibles: {cible: 3}}]\n',
    "indicateur-type": 'id: "1"\naxe: "1"\ntitre: A\nindicateurs: [{id: P1, type: produit, libelle: B}]\n',
    "calendrier-sans-periode": 'id: "1"\naxe: "1"\ntitre: A\ncalendrier: [{jalon: Lancement}]\n',
    "qpv-certains": 'id: "1"\naxe: "1"\ntitre: A\nterritoire: {qpv: certains}\n',
    "liste-au-lieu-de-dictionnaire": 'id: "1"\naxe: "1"\ntitre: A\nobjectifs: [Former]\n',
    "declinaison-sans-titre": 'id: "1"\naxe: "1"\ntitre: A\ndeclinaisons: [{partenaires: [CPAM]}]\n',
    "racine-liste": '- id: "1"\n',
    "fichier-vide": "",
    "syntaxe": 'id: "1"\naxe: "1"\ntitre: Action : deux points\n',
    "cle-en-double": 'id: "1"\naxe: "1"\ntitre: A\ntitre: B\n',
    "tabulation": 'id: "1"\naxe: "1"\ntitre: A\nportage:\n\tporteurs: [X]\n',
}
BAD_CONTRATS = {
    "periode-en-lettres": "territoire: T\nintitule: I\nperiode: {debut: 2025, fin: fin 2030}\n",
    "date-impossible": "territoire: T\nintitule: I\nperiode: {debut: 2025, fin: 2030-02-30}\n",
    "date-a-la-francaise": "territoire: T\nintitule: I\nperiode: {debut: 2025, fin: 31/12/2030}\n",
    "periode-absente": "territoire: T\nintitule: I\n",
    "axe-sans-titre": "territoire: T\nintitule: I\nperiode: {debut: 2025, fin: 2030}\naxes: [{id: '1'}]\n",
    "reunion-mal-datee": ("territoire: T\nintitule: I\nperiode: {debut: 2025, fin: 2030}\n"
                          "gouvernance: [{id: copil, nom: COPIL, reunions: [{date: 14/03/2025}]}]\n"),
    "cle-inconnue": "territoire: T\nintitule: I\nperiode: {debut: 2025, fin: 2030}\nsignataire: [ARS]\n",
}


def _write(folder: Path, kind: str, cases: dict[str, str], dedent: bool = True) -> list[Path]:
    """One file per case: ``<name>.yaml`` for a fiche, ``<name>/contrat.yaml`` for a contract."""
    paths = []
    for name, text in cases.items():
        path = folder / name / "contrat.yaml" if kind == "contrat" else folder / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if dedent else text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("kind, cases", [("fiche", VALID_FICHES), ("contrat", VALID_CONTRATS)])
def test_valid_files_pass_in_both(tmp_path, kind, cases):
    paths = _write(tmp_path / kind, kind, cases)
    for path in paths:
        assert not clstool_rejects(path), path.name
    assert check_jsonschema(kind, paths) == {}


@pytest.mark.parametrize("kind, cases", [("fiche", BAD_FICHES), ("contrat", BAD_CONTRATS)])
def test_each_bad_fixture_fails_in_both(tmp_path, kind, cases):
    paths = _write(tmp_path / kind, kind, cases, dedent=False)
    failed = check_jsonschema(kind, paths)
    for path in paths:
        assert clstool_rejects(path), f"clstool accepte {path.name}"
        assert str(path) in failed, f"check-jsonschema accepte {path.name}"


# --- every YAML file of data/ and examples/ points at its schema -----------------------------------

_MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def yaml_files() -> list[Path]:
    files = sorted(DATA.rglob("*.yaml"))
    if EXAMPLES.is_dir():
        files += sorted(EXAMPLES.rglob("*.yaml"))
    return files


def test_every_yaml_file_starts_with_its_schema_line():
    files = yaml_files()
    assert len(files) >= 51
    for path in files:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        m = _MODELINE.match(first)
        assert m, f"{path.relative_to(ROOT)} : première ligne sans « # yaml-language-server: $schema=… »"
        target = (path.parent / m.group(1)).resolve()
        kind = "contrat" if path.name == "contrat.yaml" else "bilan" if path.parent.name == "bilans" else "fiche"
        assert target == (SCHEMAS / file_name(kind)).resolve(), f"{path.relative_to(ROOT)} → {m.group(1)}"
