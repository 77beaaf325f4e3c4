"""Editor help on a repository made by ``clstool init``, checked with yaml-language-server (the
engine of VS Code's YAML extension, Neovim, Helix, Zed) driven over LSP stdio as an editor
would: every file's schema resolves, completion offers keys and allowed values, a typo is
flagged at the line and column ``clstool validate`` gives.

yaml-language-server is an npm package, installed by ``.ci/run`` into ``.ci/node`` (ignored by
git)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run

SERVER = ROOT / ".ci" / "node" / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
_ABSENT = not SERVER.is_file() or shutil.which("node") is None
if _ABSENT and os.environ.get("CI") == "true":
    raise RuntimeError("yaml-language-server ou node absent en CI : .ci/run doit les installer (npm)")
pytestmark = pytest.mark.skipif(_ABSENT, reason="yaml-language-server (npm) ou node absent : lancez bash .ci/run")

SETTINGS = {"yaml": {"validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False}},
            "http": {}, "[yaml]": {}, "editor": {"tabSize": 2}, "files": {}}


@pytest.fixture
def repo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("editeur") / "cls"
    assert run("init", folder, "--territoire", "Ville de Test (fictive)", "--debut", "2025", "--fin", "2029",
               "--axe", "Prévention").returncode == 0
    assert run("new", folder, "--axe", "1", "--titre", "Ateliers").returncode == 0
    return folder


@pytest.fixture
def client(repo):
    from lsp import Client

    c = Client(["node", str(SERVER), "--stdio"], repo, SETTINGS)
    yield c
    c.close()


def test_every_schema_resolves(repo, client):
    for path, key, schema in [(repo / "contrat.yaml", "territoire:", "contrat.schema.json"),
                              (repo / "fiches" / "1-1.yaml", "titre:", "fiche.schema.json")]:
        diagnostics = client.wait_diagnostics(client.open(path))
        assert diagnostics == [], (path, diagnostics)  # no « Unable to load schema »
        line = path.read_text(encoding="utf-8").splitlines().index(next(
            x for x in path.read_text(encoding="utf-8").splitlines() if x.startswith(key)))
        hover = client.request("textDocument/hover", {"textDocument": {"uri": path.as_uri()},
                                                      "position": {"line": line, "character": 1}})
        text = json.dumps(hover, ensure_ascii=False)
        assert schema in text, hover  # the description comes from the repository's schema
        assert "Intitulé de l'action" in text or "Le territoire" in text, hover


def _labels(result) -> list[str]:
    items = result["items"] if isinstance(result, dict) else result
    return [i["label"] for i in items]


def test_completion_offers_keys_and_values(repo, client):
    fiche = repo / "fiches" / "2.yaml"
    fiche.write_text('# yaml-language-server: $schema=../schemas/fiche.schema.json\nid: "2"\naxe: "1"\ntitre: T\n'
                     "suivi:\n  2025:\n    statut: \n\n", encoding="utf-8")
    uri = client.open(fiche)
    client.wait_diagnostics(uri)
    keys = _labels(client.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                              "position": {"line": 7, "character": 0}}))
    assert {"sous_titre", "portage", "declinaisons", "indicateurs"} <= set(keys), keys
    values = _labels(client.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                                "position": {"line": 6, "character": 12}}))
    assert {"realise", "en_cours", "a_venir"} <= set(values), values


def test_a_typo_is_flagged_where_validate_flags_it(repo, client):
    fiche = repo / "fiches" / "1-1.yaml"
    text = fiche.read_text(encoding="utf-8")
    fiche.write_text(text.replace("\nsous_titre:", "\nsous_titr:", 1), encoding="utf-8")
    (d,) = json.loads(run("validate", "--no-cache", "--format", "json", "--select", "CLS0", repo).stdout)["diagnostics"]
    assert d["code"] == "CLS020" and "sous_titr" in d["message"]
    diagnostics = client.wait_diagnostics(client.open(fiche))
    flagged = [x for x in diagnostics if "sous_titr" in x["message"]]
    assert flagged, diagnostics
    start = flagged[0]["range"]["start"]
    assert (start["line"] + 1, start["character"] + 1) == (d["line"], d["column"])


def test_new_outside_init_writes_a_modeline_that_resolves(tmp_path):
    """A git repository that is neither clstool's nor made by ``clstool init`` (a territory
    written by hand, fictitious): the modeline ``new`` writes resolves in the editor."""
    import subprocess
    import textwrap

    from lsp import Client

    repo = tmp_path / "autre-depot"
    territory = repo / "territoires" / "ville-fictive"
    (territory / "fiches").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (territory / "contrat.yaml").write_text(textwrap.dedent("""\
        territoire: Ville fictive
        intitule: Contrat local de santé fictif
        periode:
          debut: 2025
          fin: 2029
        axes:
          - id: "1"
            titre: Prévention
        """), encoding="utf-8")
    assert run("new", territory, "--axe", "1", "--titre", "Ateliers").returncode == 0
    fiche = territory / "fiches" / "1-1.yaml"
    assert fiche.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../../schemas/fiche.schema.json\n")
    client = Client(["node", str(SERVER), "--stdio"], repo, SETTINGS)
    try:
        assert client.wait_diagnostics(client.open(fiche)) == []  # no « Unable to load schema »
        lines = fiche.read_text(encoding="utf-8").splitlines()
        line = lines.index(next(x for x in lines if x.startswith("titre:")))
        hover = client.request("textDocument/hover", {"textDocument": {"uri": fiche.as_uri()},
                                                      "position": {"line": line, "character": 1}})
        assert "fiche.schema.json" in json.dumps(hover, ensure_ascii=False), hover
    finally:
        client.close()
