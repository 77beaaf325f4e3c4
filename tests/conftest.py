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
