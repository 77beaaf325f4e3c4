"""Run one lint rule on YAML snippets: the helper of every rule test (``tests/lint/rules/``).

    from rulecheck import findings

    def test_no_porteur(tmp_path):
        assert findings(tmp_path, FICHE, "CLS201") == [(5, 1, "portage.porteurs")]

:func:`findings` writes a fictitious territory under ``tmp_path`` (the contract of
``conftest.CONTRAT``, 2022–2027, unless ``contrat`` is given; ``others`` adds more fiches),
runs ``validate`` with that code added to the selection (so opt-in rules run too; reference
date 2025-03-01 unless ``today``), checks that every file reads and fits the schema, and returns
``(line, column, path)`` — or, with ``messages=True``, ``(line, column, path, message)`` — for
the fiche ``fiches/1-1.yaml`` (``file=`` another one). :func:`example_files` reads an example
of a rule's docstring (``# fichier :`` and ``# aujourd'hui :`` lines, extracts without ``id:``);
:func:`code_example` and :func:`builtin_diagnostics` do the same for the examples of the built-in
codes (whole files, with the notation of :mod:`clstool.lint.codes`). Shared by several rule test
files: :data:`COMPLETE` (a fiche every content rule accepts) and :func:`without`,
:data:`CALENDAR_FICHE` with :func:`located` and :func:`messages_of` for the calendar rules.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from conftest import CONTRAT

from clstool.lint.run import validate

HEADER = 'id: "1-1"\naxe: "1"\ntitre: Une action fictive\n'
_FILE = re.compile(r"^# fichier : (?P<name>\S+)\s*$")
_TODAY = re.compile(r"^# aujourd'hui : (?P<date>\d{4}-\d{2}-\d{2})\s*$")


def example_files(text: str) -> tuple[dict[str, str], dt.date | None]:
    """The files of a docstring example (relative path → text) and its reference date."""
    files: dict[str, list[str]] = {"fiches/1-1.yaml": []}
    current = "fiches/1-1.yaml"
    today = None
    for line in text.splitlines():
        if m := _FILE.match(line):
            current = m.group("name")
            files[current] = []
            continue
        if m := _TODAY.match(line):
            today = dt.date.fromisoformat(m.group("date"))
        files[current].append(line)
    out = {}
    for name, lines in files.items():
        body = "\n".join(lines).strip("\n") + "\n"
        if name.startswith("fiches/") and not re.search(r"^id:", body, re.MULTILINE):
            body = HEADER + body
        out[name] = body
    return out, today


def write_territory(root: Path, files: dict[str, str]) -> Path:
    (root / "fiches").mkdir(parents=True, exist_ok=True)
    files = {"contrat.yaml": CONTRAT, **files}
    for name, text in files.items():
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def run(root: Path, code: str, today: dt.date | None = None) -> list:
    """The diagnostics of ``code`` on the territory at ``root``; fails if a fiche does not even
    read or match the schema (a rule never sees such a fiche: a test on it would prove nothing).
    A broken contract is allowed: some rules are about what happens without one."""
    result = validate([str(root)], extend_select=[code], today=today or dt.date(2025, 3, 1))
    broken = [d for d in result.diagnostics if d.code < "CLS100" and "/fiches/" in d.file]
    assert not broken, f"extrait invalide : {[(d.file, d.line, d.code, d.message) for d in broken]}"
    return [d for d in result.diagnostics if d.code == code]


def findings(tmp_path: Path, fiche: str, code: str, *, contrat: str | None = None,
             others: dict[str, str] | None = None, today: dt.date | None = None,
             file: str = "fiches/1-1.yaml", messages: bool = False) -> list[tuple]:
    files = {"fiches/1-1.yaml": fiche, **(others or {})}
    if contrat is not None:
        files["contrat.yaml"] = contrat
    root = write_territory(tmp_path / "terr", files)
    wanted = str(root / file)
    return [(d.line, d.column, d.path) + ((d.message,) if messages else ())
            for d in run(root, code, today) if d.file == wanted]


def all_findings(tmp_path: Path, files: dict[str, str], code: str, today: dt.date | None = None) -> list:
    """Every diagnostic of ``code`` on a territory made of ``files`` (paths relative to it)."""
    return run(write_territory(tmp_path / "terr", files), code, today)


# --- Shared fiches -----------------------------------------------------------------------------------

#: A complete, correct fiche: every content rule stays quiet on it (the rule tests count its lines).
COMPLETE = """\
id: "1-1"
axe: "1"
titre: Une action fictive
typologie:
  - nouvelle
objectifs:
  specifiques:
    - Améliorer l’accès aux soins
  operationnels:
    - Cartographier l’offre de soins
portage:
  porteurs:
    - Ville de Test
  partenaires:
    - CPAM de l’Hérault
financements:
  - financeur: ARS Occitanie
    montant: 15000
declinaisons:
  - titre: État des lieux
    partenaires:
      - CPTS
    calendrier:
      - 2ème trimestre 2023
public_vise:
  ages:
    - adultes
participation_citoyenne:
  reponse: oui
  natures:
    - analyse_besoins
acces_information_droits:
  reponse: non
indicateurs:
  - id: P1
    type: processus
    libelle: Nombre de réunions
  - id: R1
    type: resultat
    libelle: Nombre de personnes sensibilisées
    cibles:
      2025: 100
determinants:
  systeme_de_soins:
    - accessibilite
suivi:
  2022:
    statut: a_venir
  2023:
    statut: en_cours
  2024:
    statut: en_cours
"""


def without(text: str, *lines: str) -> str:
    """``text`` minus the block starting at each of ``lines`` (the line and those indented under it)."""
    out, skip = [], None
    for line in text.splitlines(keepends=True):
        indent = len(line) - len(line.lstrip())
        if skip is not None and indent > skip:
            continue
        skip = None
        if line.rstrip("\n") in lines:
            skip = indent
            continue
        out.append(line)
    return "".join(out)


#: A fiche whose calendars hold one of each calendar problem (tests of the CLS3xx rules).
CALENDAR_FICHE = """\
id: "1-1"
axe: "1"
titre: Action fictive
declinaisons:
  - titre: A
    calendrier:
      - periode: "2ème trimestre 2023 : Réalisation du diagnostic"
      - Février
      - 2027 à 2024
      - 2026 à 2029
      - 2032
      - periode: Mars
        recurrent: true
      - Sur toute la durée du CLS
      - 4ème trimestre 2022 – 4ème trimestre 2023
suivi:
  2024:
    calendrier_ajuste:
      - décembre à janvier 2025
"""


def located(*paths: str, select=("CLS3",)) -> list[tuple]:
    """``(file name, line, column, code, severity, path)`` of every diagnostic of ``select``."""
    result = validate(list(paths), select=list(select))
    return [(d.file.rsplit("/", 1)[-1], d.line, d.column, d.code, d.severity.value, d.path)
            for d in result.diagnostics]


def messages_of(*paths: str, code: str) -> list[str]:
    return [d.message for d in validate(list(paths), select=[code]).diagnostics]


# --- Examples of the built-in codes (whole files; notation of clstool.lint.codes) -------------------

_NO_CONTRACT = re.compile(r"^# sans contrat\.yaml\s*$")
_PLACE = re.compile(r"^# signalé : ligne (?P<line>\d+), colonne (?P<column>\d+)\s*$")
_ENCODING = re.compile(r"^# encodage : (?P<name>\S+)\s*$")
TAB = "\u21e5"  #: ⇥ in an example stands for a tab


@dataclass
class CodeExample:
    files: dict[str, bytes] = field(default_factory=dict)  #: relative path → bytes to write
    places: set[tuple[str, int, int]] = field(default_factory=set)  #: (relative path, line, column)
    contract: bool = True  #: write the default contract (unless the example gives its own)


def code_example(text: str) -> CodeExample:
    """The files of an example of a built-in code, as bytes, and the places it documents."""
    out = CodeExample()
    lines: dict[str, list[str]] = {"fiches/1-1.yaml": []}
    encodings: dict[str, str] = {}
    current = "fiches/1-1.yaml"
    for line in text.splitlines():
        if m := _FILE.match(line):
            current = m.group("name")
            lines[current] = []
        elif _NO_CONTRACT.match(line):
            out.contract = False
        elif m := _PLACE.match(line):
            out.places.add((current, int(m.group("line")), int(m.group("column"))))
        elif m := _ENCODING.match(line):
            encodings[current] = m.group("name")
        else:
            lines[current].append(line.replace(TAB, "\t"))
    for name, body in lines.items():
        if name == "fiches/1-1.yaml" and not body and len(lines) > 1:
            continue  # the example starts with another file
        text = "\n".join(body).strip("\n")
        out.files[name] = (text + "\n" if text else "").encode(encodings.get(name, "utf-8"))
    return out


def builtin_diagnostics(root: Path, example: CodeExample) -> list:
    """Every reading, schema and cross-file diagnostic of ``example`` written under ``root``."""
    (root / "fiches").mkdir(parents=True)
    files = dict(example.files)
    if example.contract:
        files.setdefault("contrat.yaml", CONTRAT.encode("utf-8"))
    for name, raw in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(raw)
    return validate([str(root)], select=["CLS0", "CLS1"]).diagnostics
