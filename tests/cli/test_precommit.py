"""The pre-commit hooks of ``.pre-commit-hooks.yaml``, run by pre-commit itself on a real,
temporary git repository holding a copy of ``data/montpellier``.

Offline: the hooks are declared ``repo: local`` with ``language: system`` and the clstool of
this interpreter, but everything else — id, files, pass_filenames, require_serial, the entry's
command and arguments — is taken from ``.pre-commit-hooks.yaml`` as published. (A ``language:
python`` install would need the package index.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import DATA, ROOT

pytest.importorskip("pre_commit")
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git absent")

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def sh(*args, cwd, env=None, check=True):
    proc = subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, env=env)
    if check:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


@pytest.fixture
def repo(tmp_path):
    repo = tmp_path / "cls"
    shutil.copytree(DATA / "montpellier", repo / "data" / "montpellier")
    hooks = []
    for hook in HOOKS:
        command = hook["entry"].split()
        assert command[0] == "clstool"
        hooks.append({**hook, "language": "system",
                      "entry": " ".join([sys.executable, "-m", "clstool", *command[1:]])})
    (repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}, allow_unicode=True), encoding="utf-8")
    sh("git", "init", "-q", cwd=repo)
    sh("git", "add", "-A", cwd=repo)
    return repo


def precommit(repo, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(PRE_COMMIT_HOME=str(repo.parent / "pre-commit-cache"), NO_COLOR="1", SKIP="")
    return sh(sys.executable, "-m", "pre_commit", *args, cwd=repo, env=env, check=False)


def test_manifest_is_valid():
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest",
                           str(ROOT / ".pre-commit-hooks.yaml")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    by_id = {h["id"]: h for h in HOOKS}
    assert by_id["clstool-validate"]["pass_filenames"] is True and by_id["clstool-validate"]["require_serial"]
    assert by_id["clstool-validate"]["entry"] == "clstool validate --pre-commit"
    assert by_id["clstool-fmt"]["pass_filenames"] is True


def test_hooks_pass_on_the_real_data(repo):
    proc = precommit(repo, "run", "--all-files", "--color", "never")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "clstool validate" in proc.stdout and "clstool fmt" in proc.stdout
    assert proc.stdout.count("Passed") == 2


def test_hooks_fail_on_a_bad_commit_and_fmt_fixes_the_layout(repo):
    sh("git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qm", "départ", cwd=repo)
    fiche = repo / "data" / "montpellier" / "fiches" / "1-1.yaml"
    text = fiche.read_text(encoding="utf-8")
    broken = text.replace("typologie:\n  - nouvelle\n  - renforcement\n",
                          "typologie: [nouvelle, renforcement]  # à plat\npriorité: haute\n")
    assert broken != text
    fiche.write_text(broken, encoding="utf-8")
    sh("git", "add", "-A", cwd=repo)
    proc = precommit(repo, "run", "--color", "never")  # the staged files, as at commit time
    assert proc.returncode == 1
    out = proc.stdout
    assert "files were modified by this hook" in out
    assert "CLS020" in out and "clé inconnue « priorité »" in out
    # the committed file first, then one line for the 15 other fiches' warnings
    first, _, rest = out.partition("Autres fichiers :")
    assert "Fichiers de ce commit (1) :\ndata/montpellier/fiches/1-1.yaml:" in first, out
    assert "fiches/1-2.yaml" not in out and rest.split("(")[0].strip().endswith("fichiers")
    assert "Reformaté : data/montpellier/fiches/1-1.yaml" in out
    fixed = fiche.read_text(encoding="utf-8")
    # a key the schema does not know stays after the key written before it, where validate saw it
    assert "typologie:  # à plat\n  - nouvelle\n  - renforcement\npriorité: haute\nobjectifs:\n" in fixed
