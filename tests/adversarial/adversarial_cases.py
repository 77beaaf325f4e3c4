"""Hostile inputs for every command (issue 19: no input may cost a coordinator their report).

A case is a small territory (FICTITIOUS: a contract and two fiches written for these tests,
not taken from a real CLS) with one hostile change: a value the model must bound, a shape the
code must not trip on, a file or folder the reader must refuse without hanging. Each class of
the issue has its cases; :data:`CASES` names them for the test ids.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

CONTRAT = """\
# Territoire FICTIF, écrit pour les tests de robustesse.
territoire: Ville fictive
intitule: Contrat fictif 2022-2027
periode:
  debut: 2022
  fin: 2027
axes:
  - id: "1"
    titre: Axe fictif
gouvernance:
  - id: copil
    nom: Comité de pilotage
    reunions_min_par_an: 1
"""

FICHE_1 = """\
id: "1-1"
axe: "1"
titre: Action fictive
financements:
  - financeur: ARS
    montant: 15000
declinaisons:
  - titre: Déclinaison fictive
    calendrier:
      - 2024
indicateurs:
  - id: P1
    type: processus
    libelle: Nombre de réunions
    cibles:
      2025: 10
suivi:
  2024:
    statut: en_cours
    indicateurs:
      P1: 4
"""

FICHE_2 = """\
id: "1-2"
axe: "1"
titre: Seconde action fictive
calendrier:
  - 2023 à 2025
"""


def territory(root: Path, contrat: str = CONTRAT, fiches: dict[str, str | bytes] | None = None) -> Path:
    """Write a territory under ``root``; ``fiches`` replaces or adds fiche files by name."""
    (root / "fiches").mkdir(parents=True, exist_ok=True)
    (root / "contrat.yaml").write_text(contrat, encoding="utf-8")
    files: dict[str, str | bytes] = {"1-1.yaml": FICHE_1, "1-2.yaml": FICHE_2, **(fiches or {})}
    for name, text in files.items():
        path = root / "fiches" / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def _contrat(old: str, new: str) -> Callable[[Path], Path]:
    return lambda root: territory(root, contrat=CONTRAT.replace(old, new, 1))


def _fiche(old: str, new: str) -> Callable[[Path], Path]:
    assert old in FICHE_1, old
    return lambda root: territory(root, fiches={"1-1.yaml": FICHE_1.replace(old, new, 1)})


def _extra(text: str | bytes) -> Callable[[Path], Path]:
    return lambda root: territory(root, fiches={"1-3.yaml": text})


def _alias_bytes(root: Path) -> Path:
    big = "x" * 100_000
    items = "\n".join("  - *t" for _ in range(2000))
    return territory(root, fiches={"1-3.yaml": f'id: "1-3"\naxe: "1"\ntitre: &t {big}\nmoyens:\n{items}\n'})


def _deep(root: Path) -> Path:
    return territory(root, fiches={"1-3.yaml": 'id: "1-3"\naxe: "1"\ntitre: T\nnotes: ' + "[" * 5000 + "]" * 5000 + "\n"})


def _fifo(root: Path) -> Path:
    territory(root)
    os.mkfifo(root / "fiches" / "1-3.yaml")
    return root


def _undecodable_name(root: Path) -> Path:
    territory(root)
    (root / "fiches" / os.fsdecode(b"\xff\xfe-1.yaml")).write_text(FICHE_2.replace("1-2", "1-9"), encoding="utf-8")
    return root


def _config(text: bytes) -> Callable[[Path], Path]:
    def build(root: Path) -> Path:
        territory(root)
        (root / "clstool.toml").write_bytes(text)
        return root
    return build


def _deep_folder_glob(root: Path) -> Path:
    pattern = "**a" * 40 + "/zz"  # a regular expression would backtrack for minutes on it
    territory(root / ("a" * 120))
    (root / "clstool.toml").write_text(f'[per-file-ignores]\n"{pattern}" = ["CLS203"]\n', encoding="utf-8")
    return root


#: name → builder(root) returning the folder the commands are run on
CASES: dict[str, Callable[[Path], Path]] = {
    # 1. values the model accepts but code could not compute with
    **{f"fin-{v}": _contrat("  fin: 2027", f"  fin: {v}") for v in
       ("20270", "0", "-1", "10000", "99999999999", "2022-02-30", "9999-12-31", "0001-01-01")},
    "debut-202": _contrat("  debut: 2022", "  debut: 202"),
    "montant-2e308": _fiche("montant: 15000", "montant: 2e308"),
    "montant-1.7e308": _fiche("montant: 15000", "montant: 1.7e308"),
    "montant-1e999": _fiche("montant: 15000", "montant: 1e999"),
    "montant-5000-chiffres": _fiche("montant: 15000", "montant: " + "9" * 5000),
    "mesure-1e300": _fiche("      P1: 4", "      P1: 1e300"),
    "cible-annee-enorme": _fiche("      2025: 10", "      99999999999: 10"),
    "suivi-annee-0": _fiche("  2024:\n", "  0:\n"),
    "id-exposant": _fiche('id: "1-1"', 'id: "1-²"'),
    "id-5000-chiffres": _fiche('id: "1-1"', "id: " + "1" * 5000),
    "indicateur-id-long": _fiche("  - id: P1", "  - id: " + "P" * 300),
    "reunions-enormes": _contrat("reunions_min_par_an: 1", "reunions_min_par_an: 99999999999"),
    # 3. shapes and names
    "axes-3": _contrat('axes:\n  - id: "1"\n    titre: Axe fictif\n', "axes: 3\n"),
    "axes-true": _contrat('axes:\n  - id: "1"\n    titre: Axe fictif\n', "axes: true\n"),
    "etiquette-str": _fiche('id: "1-1"', "id: !!str 1-1"),
    "nom-non-utf8": _undecodable_name,
    # 4. fmt on ordinary valid files
    "liste-vide-commentee": _fiche("titre: Action fictive\n", "titre: Action fictive\nmoyens: []  # commentaire\n"),
    "dict-vide-commente": _fiche("titre: Action fictive\n", "titre: Action fictive\nobjectifs: {}  # commentaire\n"),
    "textes-yaml11": _fiche("titre: Action fictive\n", 'titre: Action fictive\nsous_titre: "no"\ndefinition: "1:30"\n'),
    # 5. resources
    "alias-octets": _alias_bytes,
    "imbrication": _deep,
    "tube-nomme": _fifo,
    # 8. keys that are not text
    "cle-liste": _extra('id: "1-3"\naxe: "1"\ntitre: T\n[a, b]: x\n'),
    "cle-complexe": _extra('id: "1-3"\naxe: "1"\ntitre: T\n? {a: 1}\n: x\n'),
    "cle-nulle": _extra('id: "1-3"\naxe: "1"\ntitre: T\ntransitions: {~: x, 1.5: y}\n'),
    # 9. BOM, control characters, encodings
    "bom": _extra(b"\xef\xbb\xbf" + b'id: "1-3"\naxe: "1"\ntitre: T\n'),
    "controle": _extra('id: "1-3"\naxe: "1"\ntitre: "a\\x01b\\x1bc"\n'),
    # U+2028 LINE SEPARATOR in an id that every message quotes: one diagnostic must stay one line
    # (found by the long fuzz run of 30 November 2026)
    "separateur-de-ligne": _extra('id: "\u20281-3"\naxe: "1"\ntitre: T\n'),
    "latin1": _extra('id: "1-3"\naxe: "1"\ntitre: Été\n'.encode("latin-1")),
    "cle-en-double": _extra('id: "1-3"\naxe: "1"\ntitre: T\ntitre: U\n'),
    # 2. configuration
    "config-latin1": _config('[severity]\n# réglage\nCLS215 = "info"\n'.encode("latin-1")),
    "glob-catastrophique": _deep_folder_glob,
}
