"""Shared helpers: build small territories in a temporary folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

CONTRAT = """\
territoire: Ville de Test
intitule: Contrat Local de Santé de test (fictif)
periode:
  debut: 2022
  fin: 2027
axes:
  - id: "1"
    titre: Premier axe
  - id: "2"
    titre: Second axe
"""

FICHE = """\
id: "1-1"
axe: "1"
titre: Une action
"""


class Territory:
    """A territory folder under tmp_path, with helpers to write files."""

    def __init__(self, root: Path):
        self.root = root
        (root / "fiches").mkdir(parents=True, exist_ok=True)

    def contrat(self, text: str = CONTRAT) -> Path:
        path = self.root / "contrat.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def fiche(self, name: str, text: str | bytes = FICHE) -> Path:
        path = self.root / "fiches" / f"{name}.yaml"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path


@pytest.fixture
def territory(tmp_path: Path) -> Territory:
    t = Territory(tmp_path / "terr")
    t.contrat()
    return t


# --- Running the command line ----------------------------------------------------------------


class Result:
    """What a command printed and its exit code, as ``subprocess.run`` gives them."""

    def __init__(self, returncode: int, out: bytes, err: bytes):
        self.returncode = returncode
        self.stdout_bytes, self.stderr_bytes = out, err
        self.stdout = out.decode("utf-8", errors="replace")
        self.stderr = err.decode("utf-8", errors="replace")


def run(*args: str, cwd: str | Path = ROOT, env: dict[str, str] | None = None) -> Result:
    """Run ``clstool ARGS`` in this process (the Typer app through :func:`clstool.cli.main`),
    in ``cwd``, with ``env`` added to the environment and colours off, like a terminal-less
    CI would. The one helper of the CLI tests; tests that need a real process (concurrency,
    signals, installation) start one themselves."""
    import io
    import os
    import sys

    from clstool.cli import main

    out, err = io.BytesIO(), io.BytesIO()
    saved = sys.stdout, sys.stderr, os.getcwd(), dict(os.environ)
    wrappers = [io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True) for buffer in (out, err)]
    sys.stdout, sys.stderr = wrappers
    try:
        for name in ("FORCE_COLOR", "NO_COLOR", "COLUMNS"):
            os.environ.pop(name, None)
        os.environ.update(env or {})
        os.chdir(cwd)
        code = main([str(a) for a in args])
    finally:
        for wrapper in wrappers:
            wrapper.flush()
            wrapper.detach()  # leaves the bytes readable
        sys.stdout, sys.stderr = saved[0], saved[1]
        os.chdir(saved[2])
        os.environ.clear()
        os.environ.update(saved[3])
    return Result(code, out.getvalue(), err.getvalue())
