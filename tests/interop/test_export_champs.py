"""``clstool export`` carries the contract's custom fields: a labelled column each (csv, xlsx),
the declarations and values in json. Fiches and values are fictitious."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl
from conftest import CONTRAT

from clstool.cli import main
from clstool.interop.tables import FICHE_COLUMNS

CHAMPS = (
    CONTRAT
    + """\
champs:
  - cle: programme_prs
    libelle: Programme du PRS
    type: choix
    choix: [Prévention, Parcours]
  - cle: etp
    libelle: Équivalents temps plein
    type: nombre
    unite: ETP
  - cle: publics
    libelle: Publics prioritaires
    type: liste
  - cle: date_comite
    libelle: Date du comité
    type: date
"""
)
FICHE = (
    'id: "1-1"\naxe: "1"\ntitre: Action fictive\nchamps:\n  programme_prs: Parcours\n  etp: 1.5\n'
    "  publics: [Jeunes, Seniors]\n  date_comite: 2025-03-31\n"
)
HEADINGS = ["Programme du PRS", "Équivalents temps plein (ETP)", "Publics prioritaires", "Date du comité"]


def territory(tmp_path):
    root = tmp_path / "terr"
    (root / "fiches").mkdir(parents=True)
    (root / "contrat.yaml").write_text(CHAMPS, encoding="utf-8")
    (root / "fiches" / "1-1.yaml").write_text(FICHE, encoding="utf-8")
    (root / "fiches" / "1-2.yaml").write_text('id: "1-2"\naxe: "1"\ntitre: Sans champ\n', encoding="utf-8")
    return root


def test_csv_has_a_labelled_column_per_field(tmp_path):
    out = tmp_path / "f.csv"
    assert main(["export", str(territory(tmp_path)), "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [*FICHE_COLUMNS, *HEADINGS]
    assert rows[1][len(FICHE_COLUMNS) :] == ["Parcours", "1,5", "Jeunes ; Seniors", "2025-03-31"]
    assert rows[2][len(FICHE_COLUMNS) :] == ["", "", "", ""]


def test_xlsx_cells_keep_their_types(tmp_path):
    out = tmp_path / "f.xlsx"
    assert main(["export", str(territory(tmp_path)), "--format", "xlsx", "-o", str(out)]) == 0
    ws = openpyxl.load_workbook(out)["Fiches"]
    assert [c.value for c in ws[1]][len(FICHE_COLUMNS) :] == HEADINGS
    values = [c.value for c in ws[2]][len(FICHE_COLUMNS) :]
    assert values == ["Parcours", 1.5, "Jeunes ; Seniors", dt.datetime(2025, 3, 31)]
    assert ws.auto_filter.ref.startswith("A1:" + openpyxl.utils.get_column_letter(len(FICHE_COLUMNS) + 4))


def test_json_has_declarations_and_values(tmp_path):
    out = tmp_path / "f.json"
    assert main(["export", str(territory(tmp_path)), "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))["territoires"][0]
    assert [c["libelle"] for c in data["contrat"]["champs"]] == [h.split(" (")[0] for h in HEADINGS]
    assert data["fiches"][0]["champs"] == {
        "programme_prs": "Parcours",
        "etp": 1.5,
        "publics": ["Jeunes", "Seniors"],
        "date_comite": "2025-03-31",
    }


def test_no_custom_field_no_extra_column(tmp_path):
    root = territory(tmp_path)
    (root / "contrat.yaml").write_text(CONTRAT, encoding="utf-8")
    (root / "fiches" / "1-1.yaml").write_text('id: "1-1"\naxe: "1"\ntitre: Action fictive\n', encoding="utf-8")
    out = tmp_path / "f.csv"
    assert main(["export", str(root), "--format", "csv", "-o", str(out)]) == 0
    assert out.read_bytes().decode("utf-8-sig").splitlines()[0].split(";") == list(FICHE_COLUMNS)


def test_status_json_carries_the_values_of_the_fiches_that_fill_them(tmp_path):
    out = tmp_path / "s.json"
    assert main(["status", str(territory(tmp_path)), "--year", "2025", "--format", "json", "-o", str(out)]) == 0
    fiches = {f["id"]: f for f in json.loads(out.read_text(encoding="utf-8"))["fiches"]}
    assert fiches["1-1"]["champs"] == {"programme_prs": "Parcours", "etp": 1.5, "publics": ["Jeunes", "Seniors"],
                                       "date_comite": "2025-03-31"}
    assert "champs" not in fiches["1-2"]  # nothing filled in: no key, as for a contract without fields
