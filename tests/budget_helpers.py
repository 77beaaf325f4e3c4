"""A fictitious territory with sub-axes and a yearly budget, shared by the status, export and
report tests of these two structures (every name and figure is invented)."""

from __future__ import annotations

import textwrap
from pathlib import Path

CONTRAT = """\
territoire: Ville Fictive
intitule: Contrat Local de Santé fictif (sous-axes et budget)
periode:
  debut: 2023
  fin: 2027
axes:
  - id: "1"
    titre: Prévention
    sous_axes:
      - id: "1.1"
        titre: Repérer tôt
      - id: "1.2"
        titre: Informer
  - id: "2"
    titre: Accès aux soins
"""

FICHES = {
    "1-1": """\
id: "1-1"
axe: "1"
sous_axe: "1.1"
titre: Dépister
budget:
  - annee: 2024
    financeur: ARS Fictive
    type: fonctionnement
    prevu: 10000
    realise: 7500
  - annee: 2025
    financeur: ARS Fictive
    type: fonctionnement
    prevu: 4000
declinaisons:
  - titre: Former les équipes
    budget:
      - annee: 2024
        financeur: Ville Fictive
        type: fonctionnement
        unite: etp
        prevu: 0.5
        realise: 0.25
""",
    "1-2": """\
id: "1-2"
axe: "1"
sous_axe: "1.2"
titre: Informer les familles
budget:
  - annee: 2024
    financeur: Ville Fictive
    type: investissement
    prevu: 2000
    realise: 2500.5
""",
    "1-3": """\
id: "1-3"
axe: "1"
titre: Sans sous-axe
""",
    "2-1": """\
id: "2-1"
axe: "2"
titre: Orienter
""",
}


def write(root: Path) -> Path:
    (root / "fiches").mkdir(parents=True, exist_ok=True)
    (root / "contrat.yaml").write_text(textwrap.dedent(CONTRAT), encoding="utf-8")
    for name, text in FICHES.items():
        (root / "fiches" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return root
