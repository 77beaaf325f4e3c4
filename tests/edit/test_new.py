"""``clstool new``: the next fiche, from the schema, valid, never overwriting."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import DATA, ROOT, run
from ruamel.yaml import YAML

from clstool.cli import main
from clstool.edit.new import next_id, scaffold
from clstool.lint.run import validate
from clstool.model.schema import json_schema


def test_next_id():
    assert next_id("1", {"1-1", "1-2", "1-10", "2-1"}) == "1-11"
    assert next_id("3", {"1-1", "2-1"}) == "3-1"
    assert next_id("1", set()) == "1-1"
    assert next_id("1.1", {"1", "2", "7"}) == "8"  # numbered like a TeT import


def test_new_then_validate_then_never_overwrite(territory, capsys):
    territory.fiche("1-1")
    assert main(["new", str(territory.root), "--axe", "1", "--titre", "Action : nouvelle"]) == 0
    created = territory.root / "fiches" / "1-2.yaml"
    assert str(created) in capsys.readouterr().out
    text = created.read_text(encoding="utf-8")
    result = validate([str(territory.root)])
    assert not result.failed(), [str(d) for d in result.diagnostics]
    assert main(["validate", str(territory.root)]) == 0

    # every top-level section of the schema is there, in model order, with a French hint
    data = YAML(typ="safe").load(text)
    assert list(data) == list(json_schema("fiche")["properties"])
    assert data["id"] == "1-2" and data["axe"] == "1" and data["titre"] == "Action : nouvelle"
    assert 'id: "1-2"' in text and 'axe: "1"' in text
    assert "# Cases cochées de la typologie. Valeurs : nouvelle, experimentale, renforcement." in text
    assert "  # Tranches d'âge cochées. Valeurs : jeunes_enfants," in text
    assert "#   un élément : {financeur: …, montant: …, precision: …}" in text

    # a second run creates the next one; an explicit existing id is refused, file untouched
    created.write_text(text + "# modifié à la main\n", encoding="utf-8")
    assert main(["new", str(territory.root), "--axe", "1", "--titre", "Autre"]) == 0
    assert (territory.root / "fiches" / "1-3.yaml").is_file()
    assert main(["new", str(territory.root), "--axe", "1", "--titre", "Autre", "--id", "1-2"]) == 2
    assert "existe déjà" in capsys.readouterr().err
    assert created.read_text(encoding="utf-8").endswith("# modifié à la main\n")


def test_new_refuses_unknown_axis_and_missing_contract(territory, tmp_path, capsys):
    assert main(["new", str(territory.root), "--axe", "9", "--titre", "X"]) == 2
    assert "axe « 9 » absent de contrat.yaml (axes : 1, 2)" in capsys.readouterr().err
    (tmp_path / "vide").mkdir()
    assert main(["new", str(tmp_path / "vide"), "--axe", "1", "--titre", "X"]) == 2
    assert "aucun contrat.yaml" in capsys.readouterr().err
    assert main(["new", str(territory.root), "--axe", "1", "--titre", "X", "--id", "../evil"]) == 2
    assert not list(territory.root.glob("fiches/*.yaml"))


def test_new_points_at_the_nearest_schemas_folder(tmp_path):
    # as in the repository: <root>/schemas/ and <root>/data/<territoire>/fiches/
    (tmp_path / "schemas").mkdir()
    shutil.copy(ROOT / "schemas" / "fiche.schema.json", tmp_path / "schemas")
    target = tmp_path / "data" / "clermont"
    shutil.copytree(DATA / "clermont", target)
    assert main(["new", str(target), "--axe", "2", "--titre", "Action fictive"]) == 0
    created = target / "fiches" / "2-8.yaml"
    assert created.read_text(encoding="utf-8").split("\n")[0] == \
        "# yaml-language-server: $schema=../../../schemas/fiche.schema.json"
    assert not validate([str(target)]).failed()


def test_scaffold_is_valid_for_any_id():
    text = scaffold("4-10", "4", "Titre « entre guillemets » : deux points # dièse")
    data = YAML(typ="safe").load(text)
    assert data["titre"] == "Titre « entre guillemets » : deux points # dièse"


def test_atomic_write_exclusive_never_replaces(tmp_path):
    """The race `new` could lose: the name is taken between the check and the write."""
    import pytest as _pytest

    from clstool.fsutil import atomic_write

    target = tmp_path / "1-1.yaml"
    target.write_text("à garder\n", encoding="utf-8")
    with _pytest.raises(FileExistsError):
        atomic_write(target, "nouveau\n", exclusive=True)
    assert target.read_text(encoding="utf-8") == "à garder\n"
    assert [p.name for p in tmp_path.iterdir()] == ["1-1.yaml"]  # no temporary file left
    atomic_write(tmp_path / "1-2.yaml", "neuf\n", exclusive=True)
    assert (tmp_path / "1-2.yaml").read_text(encoding="utf-8") == "neuf\n"


def _modeline_target(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.startswith("# yaml-language-server: $schema=")
    relative = first.split("$schema=", 1)[1]
    assert not relative.startswith(("/", "http")), first  # relative: valid in any clone
    return (path.parent / relative).resolve()


def test_new_outside_init_writes_the_schemas_at_the_git_root(territory, tmp_path):
    """A repository that is not clstool's and was not made by ``clstool init``: the modeline
    must still resolve, to schemas written at the repository's root (fictitious territory)."""
    import subprocess

    repo = territory.root.parent
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    assert run("new", str(territory.root), "--axe", "1", "--titre", "Action fictive").returncode == 0
    schema = _modeline_target(territory.root / "fiches" / "1-1.yaml")
    assert schema == (repo / "schemas" / "fiche.schema.json").resolve() and schema.is_file()
    assert json.loads(schema.read_text(encoding="utf-8")) == json_schema("fiche")
    # a second fiche reuses them
    assert run("new", str(territory.root), "--axe", "1", "--titre", "Autre action fictive").returncode == 0
    assert _modeline_target(territory.root / "fiches" / "1-2.yaml") == schema


def test_new_outside_git_writes_the_schemas_beside_the_territory(territory):
    assert not any((f / ".git").exists() for f in (territory.root, *territory.root.parents))
    assert run("new", str(territory.root), "--axe", "2", "--titre", "Action fictive").returncode == 0
    schema = _modeline_target(territory.root / "fiches" / "2-1.yaml")
    assert schema == (territory.root.parent / "schemas" / "fiche.schema.json").resolve() and schema.is_file()


def test_new_with_a_sub_axis(tmp_path, capsys):
    import budget_helpers  # a fictitious territory whose axis 1 holds the sub-axes 1.1 and 1.2

    root = budget_helpers.write(tmp_path / "t")
    assert main(["new", str(root), "--axe", "1", "--sous-axe", "1.2", "--titre", "Action fictive"]) == 0
    created = next(p for p in (root / "fiches").glob("*.yaml") if "Action fictive" in p.read_text(encoding="utf-8"))
    data = YAML(typ="safe").load(created.read_text(encoding="utf-8"))
    assert (data["axe"], data["sous_axe"]) == ("1", "1.2")
    found = [d for d in validate([str(root)]).diagnostics if d.file == str(created)]
    assert found and not [d for d in found if d.severity.value == "error"]  # warnings only: a fiche to fill in
    before = sorted(p.name for p in (root / "fiches").iterdir())
    assert main(["new", str(root), "--axe", "2", "--sous-axe", "1.2", "--titre", "X"]) == 2
    assert "sous-axe « 1.2 » absent de l'axe « 2 » dans contrat.yaml (sous-axes : aucun)" in capsys.readouterr().err
    assert sorted(p.name for p in (root / "fiches").iterdir()) == before


def test_new_lists_the_fields_the_contract_declares(territory):
    from conftest import CONTRAT

    territory.contrat(CONTRAT + """\
champs:
  - cle: programme_prs
    libelle: Programme du PRS
    type: choix
    choix: [Prévention, Parcours]
    obligatoire: true
  - cle: etp
    libelle: Équivalents temps plein
    type: nombre
    unite: ETP
  - cle: date_comite
    libelle: Date du comité de suivi
    type: date
""")
    assert main(["new", str(territory.root), "--axe", "1", "--titre", "Action fictive"]) == 0
    text = (territory.root / "fiches" / "1-1.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = lines.index("champs: {}")
    assert lines[at - 4:at] == [
        "# Ce contrat déclare ces champs (remplacez {} par ceux que vous renseignez, un par ligne) :",
        "#   programme_prs: …  (Programme du PRS — choix dans une liste, obligatoire : Prévention ; Parcours)",
        "#   etp: …  (Équivalents temps plein — nombre, en ETP)",
        "#   date_comite: …  (Date du comité de suivi — date AAAA-MM-JJ)",
    ]
    result = validate([str(territory.root)])  # as created: valid (a detailed fiche would be told CLS231)
    assert not result.failed(), [str(d) for d in result.diagnostics]
    # the coordinator's edit the comment suggests validates
    filled = text.replace("champs: {}", "champs:\n  programme_prs: Prévention\n  etp: 0.5\n  date_comite: 2025-03-31")
    (territory.root / "fiches" / "1-1.yaml").write_text(filled, encoding="utf-8")
    result = validate([str(territory.root)])
    assert not [d for d in result.diagnostics if d.code in ("CLS230", "CLS231")], [str(d) for d in result.diagnostics]


def test_new_without_declared_fields_says_nothing_of_them(territory):
    assert main(["new", str(territory.root), "--axe", "1", "--titre", "Action fictive"]) == 0
    assert "Ce contrat déclare" not in (territory.root / "fiches" / "1-1.yaml").read_text(encoding="utf-8")
