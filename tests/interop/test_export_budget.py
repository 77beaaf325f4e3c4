"""export csv/xlsx: sub-axis columns and the budget sheets appear with the data that needs them,
and only then (the export of a contract without them keeps its columns and sheets)."""

from __future__ import annotations

import csv
import io

import budget_helpers
import openpyxl
from conftest import ROOT, run

from clstool.interop.tables import FICHE_COLUMNS, SHEETS


def test_csv_has_sub_axis_and_budget_totals(tmp_path):
    root = budget_helpers.write(tmp_path / "t")
    rows = list(csv.DictReader(io.StringIO(run("export", root, "-f", "csv", "--csv-dialect", "standard").stdout)))
    by_id = {r["Fiche"]: r for r in rows}
    assert (by_id["1-1"]["Sous-axe"], by_id["1-1"]["Titre du sous-axe"]) == ("1.1", "Repérer tôt")
    assert by_id["1-3"]["Sous-axe"] == ""
    # every year: 10 000 (2024) + 4 000 (2025); the déclinaison's ETP
    assert by_id["1-1"]["Budget prévu (€, toutes années)"] == "14000"
    assert by_id["1-1"]["Budget réalisé (ETP, toutes années)"] == "0.25"
    plain = run("export", ROOT / "data/montpellier", "-f", "csv", "--csv-dialect", "standard").stdout
    assert next(csv.reader(io.StringIO(plain))) == list(FICHE_COLUMNS)


def test_xlsx_budget_sheets(tmp_path):
    root = budget_helpers.write(tmp_path / "t")
    out = tmp_path / "export.xlsx"
    assert run("export", root, "-f", "xlsx", "--year", "2024", "-o", out).returncode == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [name for name, _, _ in SHEETS] + ["Budget", "Budget annuel", "Statuts 2024"]
    lines = [tuple(c.value for c in row) for row in wb["Budget"].iter_rows(min_row=2)]
    assert ("Ville Fictive", "1-1", "1", 2024, "Ville Fictive", "fonctionnement", "ETP", 0.5, 0.25, None) in lines
    assert len(lines) == 4
    years = [tuple(c.value for c in row) for row in wb["Budget annuel"].iter_rows(min_row=2)]
    assert years == [
        ("Ville Fictive", "1", "1.1", "1-1", 2024, 10000, 7500, 0.5, 0.25),
        ("Ville Fictive", "1", "1.1", "1-1", 2025, 4000, None, None, None),
        ("Ville Fictive", "1", "1.2", "1-2", 2024, 2000, 2500.5, None, None),
    ]
    plain = tmp_path / "plain.xlsx"
    assert run("export", ROOT / "data/montpellier", "-f", "xlsx", "--year", "2024", "-o", plain).returncode == 0
    assert openpyxl.load_workbook(plain).sheetnames == [name for name, _, _ in SHEETS] + ["Statuts 2024"]
