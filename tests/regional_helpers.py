"""Fictitious regions for the tests of the regional view: territories side by side and a
référentiel above them. Every name and number here is invented."""

from __future__ import annotations

import textwrap
from pathlib import Path

REFERENTIEL = """\
intitule: Projet régional de santé (fictif)
objectifs:
  - code: PRS-1
    libelle: Prévenir les conduites à risque
    groupe: Prévention
  - code: PRS-2
    libelle: Favoriser l'accès aux soins de premier recours
"""


def contrat(name: str, debut: int = 2022, fin: int = 2027, gouvernance: str = "") -> str:
    return textwrap.dedent(f"""\
        territoire: {name}
        intitule: Contrat Local de Santé (fictif)
        periode:
          debut: {debut}
          fin: {fin}
        axes:
          - id: "1"
            titre: Premier axe
        """) + gouvernance


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def region(root: Path) -> Path:
    """Two fictitious territories, « Ville A » (with a follow-up for 2025) and « Ville B »
    (none), both with a fiche 1-1, a partner spelt two ways, and codes of the référentiel."""
    return write(root, {
        "referentiel.yaml": REFERENTIEL,
        "ville-a/contrat.yaml": contrat("Ville A", gouvernance=textwrap.dedent("""\
            gouvernance:
              - id: copil
                nom: Comité de pilotage
                reunions_min_par_an: 1
                reunions:
                  - date: "2025-03-14"
            """)),
        "ville-a/fiches/1-1.yaml": """\
            id: "1-1"
            axe: "1"
            titre: Organiser les Semaines d'information sur la santé mentale dans les quartiers
            referentiel: [PRS-1]
            portage:
              porteurs: [CPAM de l'Hérault]
            territoire:
              qpv: tous
            financements:
              - financeur: ARS
                montant: 12000
            suivi:
              2025:
                statut: en_cours
            """,
        "ville-b/contrat.yaml": contrat("Ville B", 2024, 2029),
        "ville-b/fiches/1-1.yaml": """\
            id: "1-1"
            axe: "1"
            titre: Semaines d'information en santé mentale organisées dans les quartiers
            referentiel: [PRS-1, PRS-2]
            portage:
              partenaires: [CPAM de l’Hérault]
            """,
        "ville-b/fiches/1-2.yaml": """\
            id: "1-2"
            axe: "1"
            titre: Installer un pollinarium sentinelle
            """,
    })
