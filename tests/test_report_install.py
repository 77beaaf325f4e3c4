"""A non-editable install carries the report templates.

The templates live once, in the top-level ``templates/``; ``src/clstool/templates`` is a
symbolic link to it, listed in ``[tool.setuptools.package-data]``, so the wheel holds real
copies. This test copies the sources (not the repository's own templates lookup), runs
``pip install .`` into a fresh virtual environment (no network: the build uses this
environment's setuptools, ``--no-build-isolation``), and renders a report from another
folder with the installed ``clstool``. Slow (about half a minute), but part of the suite.
"""

from __future__ import annotations

import shutil
import subprocess
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_pip_install_dot_renders_the_report(tmp_path):
    pytest.importorskip("setuptools")
    pytest.importorskip("wheel")
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "templates", source / "templates")
    shutil.copytree(ROOT / "src", source / "src", symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    assert (source / "src" / "clstool" / "templates").is_symlink()

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # the dependencies (and setuptools for the build) come from this environment, after the new
    # one's own site-packages: the installed clstool is the one found first
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    paths = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    Path(site, "zz_host_packages.pth").write_text("\n".join(paths) + "\n", encoding="utf-8")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--disable-pip-version-check", str(source)], check=True, capture_output=True, text=True,
                   cwd=tmp_path, timeout=600)

    installed = Path(site, "clstool", "templates")
    assert installed.is_dir() and not installed.is_symlink()
    assert {p.name for p in installed.iterdir()} >= {"report.html.j2", "report.md.j2", "report.css"}
    forms = Path(site, "clstool", "resources", "formulaires")  # the form profiles are data too
    assert {p.name for p in forms.iterdir()} >= {"occitanie.yaml", "tet.yaml", "minimal.yaml"}

    out = tmp_path / "bilan.html"
    script = ("import sys, clstool.report.render as r; print(r.builtin_templates()); "
              "from clstool.cli import main; raise SystemExit(main(sys.argv[1:]))")
    completed = subprocess.run(
        [python, "-c", script, "report", str(ROOT / "data" / "montpellier"), "--year", "2024", "-o", str(out)],
        capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == str(installed)  # the installed copy, not the repository's
    assert 'id="fiches"' in out.read_text(encoding="utf-8")
