"""Shared helpers of the campaign tests: a copy of data/montpellier with fictitious contacts,
a carrier filling a workbook with openpyxl, LibreOffice headless, the command line."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from clstool.cli import main

ROOT = Path(__file__).resolve().parents[2]
YEAR = 2025

#: Fictitious contacts (invented people and addresses, .invalid domain): test data only.
CONTACTS = """
# Contacts FICTIFS, pour les tests de la campagne de suivi (personnes et adresses inventées).
contacts:
  - organisation: "CLS : ARS Occitanie – Ville de Montpellier"
    nom: Camille Exemple
    courriel: camille.exemple@example.invalid
  - organisation: Ville de Montpellier (Cohésion Sociale)
    nom: Dominique Fictif
    courriel: dominique.fictif@example.invalid
  - organisation: Coordination fictive
    nom: Alex Coordination
    courriel: alex.coordination@example.invalid
    coordination: true
"""


def territory(tmp_path: Path, contacts: bool = True) -> Path:
    target = tmp_path / "montpellier"
    shutil.copytree(ROOT / "data" / "montpellier", target)
    if contacts:
        with open(target / "contrat.yaml", "a", encoding="utf-8") as handle:
            handle.write(CONTACTS)
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def prepare(terr: Path, out: Path, *extra: str) -> Path:
    code, stdout, stderr = cli("campagne", "preparer", str(terr), "--annee", str(YEAR), "-o", str(out), *extra)
    assert code == 0, stdout + stderr
    return out


def sheet(workbook, role: str):
    """A data sheet found as the import finds it: by the role in its hidden cell A1."""
    return next(ws for ws in workbook.worksheets if ws["A1"].value == f"clstool:{role}")


def rows_by_key(ws) -> dict[str, int]:
    return {ws.cell(r, 1).value: r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value}


def column(ws, code: str) -> int:
    return next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == code)


def fill(path: Path, answers: dict[tuple[str, str, str], object]) -> None:
    """Write answers as a carrier would: {(role, row key, column code): value}."""
    wb = load_workbook(path)
    for (role, key, code), value in answers.items():
        ws = sheet(wb, role)
        ws.cell(rows_by_key(ws)[key], column(ws, code)).value = value
    wb.save(path)


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def need_soffice() -> str:
    if SOFFICE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) absent en CI : .ci/run doit l'installer")
        pytest.skip("LibreOffice (soffice) n'est pas installé sur cette machine")
    return SOFFICE


def soffice_convert(path: Path, fmt: str, out_dir: Path, home: Path) -> Path:
    """``soffice --headless --convert-to fmt``, with its own profile folder."""
    exe = need_soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([exe, f"-env:UserInstallation=file://{home}", "--headless", "--convert-to", fmt,
                           "--outdir", str(out_dir), str(path)], capture_output=True, timeout=180)
    result = out_dir / (path.stem + "." + fmt.split(":")[0])
    assert result.is_file(), done.stderr.decode(errors="replace")
    return result
