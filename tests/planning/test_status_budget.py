"""status: the sub-axis of each fiche, the year's budget per fiche, axis and sub-axis, in every
format; and outputs unchanged for a contract that has neither (data/montpellier)."""

from __future__ import annotations

import csv
import io
import json

import budget_helpers
from conftest import ROOT, run

from clstool.interop.status_output import COLUMNS, HEADERS

CODES = {header: code for code, header in HEADERS.items()}


def test_json_gives_sub_axes_and_the_year_budget(tmp_path):
    root = budget_helpers.write(tmp_path / "t")
    data = json.loads(run("status", root, "--year", "2024", "-f", "json").stdout)
    fiches = {f["id"]: f for f in data["fiches"]}
    assert fiches["1-1"]["sous_axe"] == "1.1" and "sous_axe" not in fiches["1-3"]
    # the fiche's own line and its déclinaison's (in ETP); the 2025 line is not in 2024
    assert fiches["1-1"]["budget"] == {
        "euros": {"prevu": 10000, "realise": 7500, "taux": 75.0},
        "etp": {"prevu": 0.5, "realise": 0.25, "taux": 50.0},
    }
    assert "budget" not in fiches["2-1"]
    axis = data["axes"][0]
    assert axis["budget"]["euros"] == {"prevu": 12000, "realise": 10000.5, "taux": 83.3}
    assert [(s["sous_axe"], s["fiches"], s["budget"]["euros"]["prevu"]) for s in axis["sous_axes"]] == [
        ("1.1", 1, 10000),
        ("1.2", 1, 2000),
    ]
    assert "budget" not in data["axes"][1] and "sous_axes" not in data["axes"][1]
    later = json.loads(run("status", root, "--year", "2025", "-f", "json").stdout)
    assert {f["id"]: f.get("budget") for f in later["fiches"]}["1-1"] == {"euros": {"prevu": 4000, "realise": None, "taux": None}}


def test_csv_adds_the_columns_only_when_needed(tmp_path):
    root = budget_helpers.write(tmp_path / "t")
    out = run("status", root, "--year", "2024", "-f", "csv", "--csv-dialect", "standard").stdout
    rows = [{CODES[header]: value for header, value in row.items()} for row in csv.DictReader(io.StringIO(out))]
    fiche = next(r for r in rows if r["niveau"] == "fiche" and r["fiche"] == "1-2")
    assert (fiche["sous_axe"], fiche["budget_prevu_euros"], fiche["budget_realise_euros"]) == ("1.2", "2000", "2500.5")
    plain = run("status", ROOT / "data/montpellier", "--year", "2024", "-f", "csv", "--csv-dialect", "standard").stdout
    assert next(csv.reader(io.StringIO(plain))) == [HEADERS[c] for c in COLUMNS]


def test_table_shows_the_budget_per_axis_and_sub_axis(tmp_path):
    root = budget_helpers.write(tmp_path / "t")
    out = run("status", root, "--year", "2024", env={"COLUMNS": "120"}).stdout
    lines = out[out.index("Budget 2024 : prévu et réalisé") :].splitlines()
    assert any("Axe 1 — Prévention" in line and "12\u202f000" in line and "83,3\u202f%" in line for line in lines)
    assert any("1.2 — Informer" in line and "2\u202f500,5" in line for line in lines)
    assert not any("Accès aux soins" in line for line in lines)  # no budget line: not in the table
    assert "Budget 2024" not in run("status", ROOT / "data/montpellier", "--year", "2024").stdout
