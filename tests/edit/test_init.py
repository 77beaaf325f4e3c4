"""``clstool init``: a new CLS repository that validates, passes its own pre-commit run, and
whose every schema line resolves — in a temporary folder outside clstool's repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run

from clstool.edit.init import HOOKS
from clstool.model.schema import schema_text

ARGS = ["--territoire", "Ville de Test (fictive)", "--debut", "2025", "--fin", "2029",
        "--axe", "Prévention", "--axe", "Accès aux soins"]


@pytest.fixture
def repo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ailleurs") / "cls-test"
    assert ROOT not in folder.parents
    result = run("init", folder, *ARGS)
    assert result.returncode == 0, result.stderr
    return folder


def test_init_writes_a_repository_that_validates(repo):
    names = sorted(str(p.relative_to(repo)) for p in repo.rglob("*") if p.is_file())
    assert names == [".github/workflows/clstool.yml", ".gitignore", ".gitlab-ci.yml", ".pre-commit-config.yaml",
                     ".vscode/extensions.json", ".vscode/settings.json", "README.md", "contrat.yaml",
                     "fiches/.gitkeep", "schemas/bilan.schema.json", "schemas/contrat.schema.json",
                     "schemas/fiche.schema.json"]
    result = run("validate", "--no-cache", "--format", "json", repo)
    assert json.loads(result.stdout)["summary"] == {"error": 0, "warning": 0, "info": 0}
    contrat = yaml.safe_load((repo / "contrat.yaml").read_text(encoding="utf-8"))
    assert contrat["periode"] == {"debut": 2025, "fin": 2029}
    assert [a["titre"] for a in contrat["axes"]] == ["Prévention", "Accès aux soins"]
    assert (repo / "schemas/fiche.schema.json").read_text(encoding="utf-8") == schema_text("fiche")
    settings = json.loads((repo / ".vscode/settings.json").read_text(encoding="utf-8"))
    for schema, globs in settings["yaml.schemas"].items():
        assert (repo / schema).is_file() and globs
    for ci in (".gitlab-ci.yml", ".github/workflows/clstool.yml"):
        text = (repo / ci).read_text(encoding="utf-8")
        yaml.safe_load(text)
        assert "pre-commit run --all-files" in text and "clstool==" in text
    assert "clstool new --axe 1" in (repo / "README.md").read_text(encoding="utf-8")


def test_schema_lines_resolve_from_the_repository(repo):
    assert run("new", repo, "--axe", "1", "--titre", "Ateliers").returncode == 0
    for file in [repo / "contrat.yaml", repo / "fiches" / "1-1.yaml"]:
        first = file.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        target = (file.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file() and repo in target.parents


def test_init_never_overwrites(repo):
    (repo / "contrat.yaml").write_text("territoire: mien\n", encoding="utf-8")
    (repo / "README.md").unlink()
    result = run("init", repo, *ARGS)
    assert result.returncode == 0
    assert f"Déjà présent, laissé tel quel : {repo / 'contrat.yaml'}" in result.stdout
    assert f"Créé : {repo / 'README.md'}" in result.stdout
    assert (repo / "contrat.yaml").read_text(encoding="utf-8") == "territoire: mien\n"


def test_mettre_a_jour_rewrites_only_the_schemas(repo):
    (repo / "schemas/fiche.schema.json").write_text("{}\n", encoding="utf-8")
    (repo / "README.md").write_text("à nous\n", encoding="utf-8")
    result = run("init", repo, "--mettre-a-jour")
    assert result.returncode == 0
    assert f"Mis à jour : {repo / 'schemas/fiche.schema.json'}" in result.stdout
    assert f"Déjà à jour : {repo / 'schemas/contrat.schema.json'}" in result.stdout
    assert (repo / "schemas/fiche.schema.json").read_text(encoding="utf-8") == schema_text("fiche")
    assert (repo / "README.md").read_text(encoding="utf-8") == "à nous\n"


def test_init_without_a_terminal_needs_its_flags(tmp_path):
    result = run("init", tmp_path / "x", "--territoire", "T")
    assert result.returncode == 2 and "précisez --debut, --fin" in result.stderr
    assert not (tmp_path / "x").exists()
    result = run("init", tmp_path / "x", "--territoire", "T", "--debut", "2030", "--fin", "2025")
    assert result.returncode == 2 and "période à l'envers" in result.stderr


def test_local_hooks_are_the_published_ones():
    published = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    for hook in HOOKS:
        assert {k: published[hook["id"]][k] for k in hook} == hook


def test_remote_hooks_with_depot(tmp_path):
    run("init", tmp_path / "r", *ARGS, "--depot-clstool", "https://example.org/clstool.git")
    config = yaml.safe_load((tmp_path / "r" / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    from clstool import __version__

    assert config["repos"] == [{"repo": "https://example.org/clstool.git", "rev": f"v{__version__}",
                                "hooks": [{"id": "clstool-fmt"}, {"id": "clstool-validate"}]}]


# --- its own pre-commit run, with real git and pre-commit --------------------------------------------


def _env(repo: Path) -> dict:
    """The environment of a coordinator's terminal: clstool and pre-commit on PATH (this
    interpreter's, as ``pip install clstool pre-commit`` would put them), nothing inherited
    from a running git hook."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.update(PRE_COMMIT_HOME=str(repo.parent / "pre-commit-cache"), NO_COLOR="1",
               GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.org",
               GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.org")
    return env


def _sh(repo, *args, check=True):
    proc = subprocess.run(list(args), cwd=repo, env=_env(repo), capture_output=True, text=True, timeout=300)
    if check:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


@pytest.mark.skipif(shutil.which("git") is None, reason="git absent")
def test_the_repository_passes_its_own_precommit_run(repo):
    pytest.importorskip("pre_commit")
    assert shutil.which("clstool", path=_env(repo)["PATH"]), "clstool absent du PATH de ce Python"
    _sh(repo, "git", "init", "-q")
    _sh(repo, "git", "add", "-A")
    proc = _sh(repo, sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never", check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("Passed") == 2
    _sh(repo, "git", "commit", "-qm", "init")
    # a fiche with a mistake is stopped at commit time, reported first
    _sh(repo, "clstool", "new", ".", "--axe", "1", "--titre", "Ateliers")
    fiche = repo / "fiches" / "1-1.yaml"
    text = fiche.read_text(encoding="utf-8")
    assert "\nsuivi: {}\n" in text
    fiche.write_text(text.replace("\nsuivi: {}\n", "\nsuivi:\n  2025:\n    statut: fini\n"), encoding="utf-8")
    _sh(repo, "git", "add", "-A")
    proc = _sh(repo, "git", "commit", "-qm", "fiche", check=False)  # no hook installed: it goes in
    _sh(repo, sys.executable, "-m", "pre_commit", "install")
    fiche.write_text(fiche.read_text(encoding="utf-8").replace("statut: fini", "statut: Réalisé"), encoding="utf-8")
    _sh(repo, "git", "add", "-A")
    proc = _sh(repo, "git", "commit", "-qm", "statut", check=False)
    assert proc.returncode == 1
    out = proc.stdout + proc.stderr
    assert "Fichiers de ce commit (1) :\nfiches/1-1.yaml:" in out
    assert "vouliez-vous dire « realise » ?" in out


def test_the_form_profile_is_written_and_followed(tmp_path):
    # a TeT-form repository: a fiche with neither typology nor publics is not warned about them
    folder = tmp_path / "cls-tet"
    assert run("init", folder, *ARGS, "--formulaire", "tet").returncode == 0
    assert yaml.safe_load((folder / "contrat.yaml").read_text(encoding="utf-8"))["formulaire"] == "tet"
    (folder / "fiches" / "1-1.yaml").write_text('id: "1-1"\naxe: "1"\ntitre: Action fictive\nmoyens:\n  - Une salle\n',
                                                encoding="utf-8")
    codes = {line.split()[2] for line in run("validate", "--no-cache", folder).stdout.splitlines()
             if " avertissement CLS" in line}
    assert codes == {"CLS201", "CLS202", "CLS303"}  # what the TeT form has: carrier, indicators, calendar
    result = run("init", tmp_path / "x", *ARGS, "--formulaire", "ars-nulle-part")
    assert result.returncode == 2 and "formulaires possibles : occitanie, tet, minimal" in result.stderr
    assert not (tmp_path / "x").exists()
