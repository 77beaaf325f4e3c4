"""Text written for spreadsheets stays text (OWASP « CSV injection »), checked with LibreOffice.

A fiche (fictitious; an id such as ``=1+1`` is refused by the model, CLS024) whose title is a
``HYPERLINK`` formula and whose partners begin with ``+``, ``-``, ``@``, a tab: ``export --format xlsx|tet`` writes them as string
cells, the CSV files of ``export`` and ``status`` prefix them with ``'``; LibreOffice (headless)
converts each file to CSV and shows the text, never the result of a formula.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import zipfile

import openpyxl
import pytest

from clstool.cli import main

TITLE = '=HYPERLINK("http://x","clic")'
HOSTILE = ["+33 6 00 00 00 00", "-2+3", "@SOMME(A1:A2)", "\tTabulation", "#N/A"]
FICHE = f"""\
# Fiche FICTIVE (test)
id: "1-1"
axe: "1"
titre: '{TITLE}'
portage:
  partenaires: {json.dumps(HOSTILE)}
calendrier: [2024]
suivi:
  2024:
    statut: en_cours
"""
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def hostile(territory):
    territory.fiche("1-1", FICHE)
    return territory.root


def _cells(workbook_bytes: bytes) -> list:
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_bytes))
    return [c for ws in workbook for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


@pytest.mark.parametrize("kind", ["xlsx", "tet", "oscars-xlsx"])
def test_workbook_exports_write_text_as_string_cells(hostile, tmp_path, kind):
    target = tmp_path / f"export-{kind}.xlsx"
    assert main(["export", str(hostile), "--format", kind, "-o", str(target)]) == 0
    content = target.read_bytes()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any("<f>" in xml or "<f " in xml for xml in sheets if "HYPERLINK" in xml)
    cells = _cells(content)
    values = {c.value for c in cells}
    assert TITLE in values or f"Action 1-1. {TITLE}" in values or any(TITLE in v for v in values)
    assert all(c.data_type == "s" for c in cells if c.value.startswith(("=", "#")))


def test_csv_exports_prefix_formula_starts(hostile, capsys):
    assert main(["export", str(hostile), "--format", "csv", "--csv-dialect", "standard"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    row = dict(zip(rows[0], rows[1], strict=False))
    assert row["Fiche"] == "1-1" and row["Titre"] == "'" + TITLE
    assert row["Partenaires"] == "'+33 6 00 00 00 00 ; -2+3 ; @SOMME(A1:A2) ; \tTabulation ; #N/A"
    assert main(["status", str(hostile), "--year", "2024", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff")), delimiter=";"))
    fiche = [dict(zip(rows[0], r, strict=False)) for r in rows[1:] if r[1] == "fiche"][0]
    assert (fiche["Fiche"], fiche["Intitulé"]) == ("1-1", "'" + TITLE)
    for r in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in r), r
    assert main(["export", str(hostile), "--format", "oscars", "--year", "2024"]) == 0  # the flat export
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff")), delimiter=";"))
    assert any("'" + TITLE in r for r in rows[1:])
    for r in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in r), r


def _soffice_csv(source, tmp_path, infilter: str | None = None) -> list[list[str]]:
    if SOFFICE is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) absent en CI : .ci/run doit installer libreoffice-calc-nogui")
        pytest.skip("LibreOffice absent (apt-get install libreoffice-calc-nogui)")
    out = tmp_path / "lo"
    cmd = [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo-profil",
           "--convert-to", 'csv:Text - txt - csv (StarCalc):44,34,76,1', "--outdir", str(out), str(source)]
    if infilter:
        cmd.insert(1, f"--infilter={infilter}")
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    converted = out / (source.stem + ".csv")
    assert converted.exists(), done.stderr + done.stdout
    return list(csv.reader(io.StringIO(converted.read_text(encoding="utf-8"))))


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_libreoffice_shows_the_text_and_evaluates_nothing(hostile, tmp_path, kind):
    source = tmp_path / f"fiches.{kind}"
    assert main(["export", str(hostile), "--format", kind, "-o", str(source)]) == 0
    rows = _soffice_csv(source, tmp_path, infilter="CSV:59,34,76,1" if kind == "csv" else None)
    header, first = rows[0], rows[1]
    row = dict(zip(header, first, strict=False))
    assert TITLE in row["Titre"]  # the formula's text, as text (after the « ' » in the CSV)
    assert row["Titre"] != "clic" and row["Fiche"] == "1-1"
    partners = row["Partenaires"]
    assert "+33 6 00 00 00 00" in partners and "-2+3" in partners and "@SOMME(A1:A2)" in partners
    assert not any(cell in ("clic", "2", "#NAME?", "Err:508", "#N/A") for cell in first)
