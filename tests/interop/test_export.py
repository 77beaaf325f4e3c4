"""``clstool export``: JSON (all the data), CSV (one row per fiche), XLSX (six sheets)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import openpyxl
import pytest
from conftest import DATA

from clstool.cli import main
from clstool.interop.status_output import COLUMNS, HEADERS
from clstool.interop.tables import FICHE_COLUMNS, SHEETS, collect, to_csv, to_json

# Follow-up below is FICTITIOUS (test data).
FICHE_SUIVIE = """\
id: "1-1"
axe: "1"
titre: Action suivie (fictive)
financements:
  - financeur: ARS
    montant: 15000
calendrier:
  - 2023 à 2024
declinaisons:
  - titre: Diagnostic
    partenaires: [CPAM, CHU]
    financements: [{financeur: Ville, montant: 2500.5}]
    calendrier:
      - 1er trimestre 2023
      - periode: Février
        recurrent: true
  - titre: Sensibilisation
    calendrier: [période illisible]
indicateurs:
  - id: P1
    type: processus
    libelle: Nombre de réunions
    cibles: {2024: 4}
  - id: R1
    type: resultat
    libelle: Part des habitants informés
    unite: "%"
suivi:
  2023:
    statut: en_cours
  2024:
    statut: en_retard
    avancement: 40
    realisations: [Diagnostic fait]
    calendrier_ajuste: [2025]
    declinaisons:
      "2": {statut: en_retard, calendrier_ajuste: [2e semestre 2025]}
    indicateurs: {P1: 3, R1: {valeur: 0.4, commentaire: estimation}}
"""


def _territory(territory):
    territory.fiche("1-1", FICHE_SUIVIE)
    territory.fiche("2-1", 'id: "2-1"\naxe: "2"\ntitre: Action simple\n')
    return territory


def test_json_is_the_full_validated_data(territory, capsys):
    _territory(territory)
    assert main(["export", str(territory.root), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["version"] == 1
    [terr] = out["territoires"]
    assert terr["contrat"]["territoire"] == "Ville de Test"
    assert [f["id"] for f in terr["fiches"]] == ["1-1", "2-1"]
    first = terr["fiches"][0]
    assert first["indicateurs"][0]["sens"] == "hausse"  # defaults included
    assert first["suivi"]["2024"]["indicateurs"]["R1"] == {"valeur": 0.4, "commentaire": "estimation",
                                                         "appreciation": None}
    assert terr["fiches"][1]["declinaisons"] == []


def test_json_of_the_real_data():
    out = json.loads(to_json(collect([str(DATA)])))
    assert sum(len(t["fiches"]) for t in out["territoires"]) == 49


def test_csv_one_row_per_fiche_excel_and_standard(territory):
    _territory(territory)
    data = collect([str(territory.root)])
    raw = to_csv(data)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == list(FICHE_COLUMNS)
    assert len(rows) == 3
    row = dict(zip(rows[0], rows[1], strict=False))
    assert row["Fiche"] == "1-1" and row["Titre de l'axe"] == "Premier axe"
    assert row["Financeurs"] == "ARS ; Ville"
    assert row["Montant total (€)"] == "17500,5"
    assert row["Partenaires"] == ""
    assert (row["Dernier suivi"], row["Statut déclaré"], row["Avancement (%)"]) == ("2024", "En retard", "40")
    assert (row["Début"], row["Fin"]) == ("2022-02-01", "2027-02-28")  # Février of every contract year
    standard = to_csv(data, "standard").decode("utf-8")
    assert not standard.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(standard)))[1][FICHE_COLUMNS.index("Montant total (€)")] == "17500.5"


def test_xlsx_sheets_with_row_counts_styling_and_print_setup(territory, tmp_path):
    _territory(territory)
    target = tmp_path / "export.xlsx"
    assert main(["export", str(territory.root), "--format", "xlsx", "--year", "2024", "-o", str(target)]) == 0
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["Fiches", "Déclinaisons", "Calendrier", "Indicateurs", "Suivi", "Statuts 2024"]
    counts = {ws.title: ws.max_row - 1 for ws in workbook}
    # calendar: 1 (fiche) + 2 + 1 (déclinaisons) + 1 + 1 (adjusted in 2024: fiche, déclinaison 2)
    # statuses: per fiche, its déclinaisons and indicators (1-1: 1 + 2 + 2; 2-1: 1)
    assert counts == {"Fiches": 2, "Déclinaisons": 2, "Calendrier": 6, "Indicateurs": 2, "Suivi": 2,
                      "Statuts 2024": 6}
    data = collect([str(territory.root)])
    headers = [list(h(data)) for _, h, _ in SHEETS] + [[HEADERS[c] for c in COLUMNS]]
    for expected, ws in zip(headers, workbook, strict=True):
        assert [c.value for c in ws[1]] == expected
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(expected))}{ws.max_row}"
        assert all(c.font.b for c in ws[1])
        assert ws["A1"].fill.fgColor.rgb.endswith("1F4E78")
        assert ws.column_dimensions["A"].width >= len("Territoire")
        # printing: landscape, one page wide, the header row on every page
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight) == (1, 0)  # 1: the default
        assert ws.print_title_rows in ("1:1", "$1:$1")
    fiche = dict(zip(headers[0], [c.value for c in next(workbook["Fiches"].iter_rows(min_row=2))], strict=True))
    assert (fiche["Statut déclaré"], fiche["Typologie"]) == ("En retard", None)  # labels, not codes
    calendar = workbook["Calendrier"]
    rows = [[c.value for c in row] for row in calendar.iter_rows(min_row=2)]
    illisible = [r for r in rows if r[4] == "période illisible"][0]
    assert illisible[7] is None and illisible[9]  # no dates, the reason in « Remarque »
    recurrent = [r for r in rows if r[4] == "Février"][0]
    assert recurrent[6] == "oui" and recurrent[7] == dt.datetime(2022, 2, 1)
    assert calendar.cell(row=rows.index(recurrent) + 2, column=8).number_format == "dd/mm/yyyy"
    assert [r[2:5] for r in rows if r[3] == "ajusté 2024"] == [
        [None, "ajusté 2024", "2025"], ["Sensibilisation", "ajusté 2024", "2e semestre 2025"]]
    suivi = [[c.value for c in row] for row in workbook["Suivi"].iter_rows(min_row=2)]
    assert [r[3] for r in suivi] == [2023, 2024]
    assert [r[4] for r in suivi] == ["En cours", "En retard"]
    assert suivi[1][9] == "2 : En retard" and suivi[1][10] == "P1 ; R1"
    # indicators: target and value of each year in their own numeric columns
    indicators = {row[2].value: {h: c.value for h, c in zip(headers[3], row, strict=True)}
                  for row in workbook["Indicateurs"].iter_rows(min_row=2)}
    assert [h for h in headers[3] if h[:5] in ("Cible", "Valeu")] == ["Cible 2024", "Valeur 2024"]
    assert (indicators["P1"]["Cible 2024"], indicators["P1"]["Valeur 2024"]) == (4, 3)
    assert (indicators["R1"]["Valeur 2024"], indicators["R1"]["Unité"]) == (0.4, "%")
    assert indicators["R1"]["Commentaires"] == "2024 : estimation"
    assert (indicators["P1"]["Type"], indicators["R1"]["Sens"]) == ("processus", "à la hausse")
    statuses = [[c.value for c in row] for row in workbook["Statuts 2024"].iter_rows(min_row=2)]
    by_level = {(r[1], r[2], r[4] or r[5]): r for r in statuses}
    assert by_level[("fiche", "1-1", None)][8] == "en retard"  # « Statut »: the label
    assert by_level[("indicateur", "1-1", "P1")][COLUMNS.index("valeur")] == 3


def test_xlsx_of_the_real_data_row_counts(tmp_path):
    target = tmp_path / "data.xlsx"
    assert main(["export", str(DATA), "--format", "xlsx", "-o", str(target)]) == 0
    workbook = openpyxl.load_workbook(target)
    data = collect([str(DATA)])
    fiches = [f for _, f in data.fiches]
    assert workbook["Fiches"].max_row - 1 == 49
    assert workbook["Déclinaisons"].max_row - 1 == sum(len(f.declinaisons) for f in fiches)
    assert workbook["Indicateurs"].max_row - 1 == sum(len(f.indicateurs) for f in fiches)
    statuses = workbook[workbook.sheetnames[-1]]
    assert workbook.sheetnames[-1].startswith("Statuts ")
    assert sum(1 for row in statuses.iter_rows(min_row=2, max_col=2, values_only=True) if row[1] == "fiche") == 49
    assert workbook["Calendrier"].max_row - 1 == sum(
        len(f.calendrier) + sum(len(d.calendrier) for d in f.declinaisons) for f in fiches)
    assert workbook["Suivi"].max_row - 1 == 0  # data/ holds no follow-up


def test_broken_files_are_left_out_and_reported(territory, tmp_path, capsys):
    _territory(territory)
    territory.fiche("3-1", 'id: "3-1"\naxe: "1"\ntitre: [cassé]\n')
    target = tmp_path / "out.csv"
    assert main(["export", str(territory.root), "-o", str(target)]) == 1
    assert "3-1.yaml:3:8: erreur CLS022" in capsys.readouterr().err
    lines = target.read_bytes().decode("utf-8-sig").strip().split("\r\n")
    assert len(lines) == 4  # header, two fiches, and the row that says why 3-1 is missing
    assert "Fiche illisible (" in lines[-1] and "3-1.yaml) : ligne 3, colonne 8" in lines[-1]


def test_workbook_formats_need_an_output_file(territory, capsys):
    assert main(["export", str(territory.root), "--format", "xlsx"]) == 2
    assert "-o FICHIER.xlsx" in capsys.readouterr().err


def _tools() -> tuple[str, str, str]:
    import os
    import shutil

    found = (shutil.which("soffice") or shutil.which("libreoffice"), shutil.which("pdfinfo"), shutil.which("pdftotext"))
    if None in found:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice ou poppler absent en CI : .ci/run doit installer libreoffice-calc-nogui et poppler-utils")
        pytest.skip("LibreOffice (soffice) ou poppler (pdfinfo, pdftotext) absent")
    return found  # type: ignore[return-value]


@pytest.mark.slow
def test_libreoffice_prints_the_workbook_landscape_one_page_wide_without_cut_text(tmp_path):
    """data/montpellier printed by LibreOffice: every page landscape A4, few pages (each sheet
    one page wide: 44 pages before, most of them cut columns), and the longest title whole."""
    import subprocess

    soffice, pdfinfo, pdftotext = _tools()
    source = tmp_path / "cls.xlsx"
    assert main(["export", str(DATA / "montpellier"), "--format", "xlsx", "--year", "2025", "-o", str(source)]) == 0
    done = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profil",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                          capture_output=True, text=True, timeout=300)
    pdf = tmp_path / "cls.pdf"
    assert pdf.exists(), done.stderr + done.stdout
    info = subprocess.run([pdfinfo, "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    assert len(sizes) == pages and all(float(w) > float(h) for w, h in sizes)  # landscape
    assert pages <= 20  # six sheets, each one page wide
    text = " ".join(subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True).stdout.split())
    fiches = [f for _, f in collect([str(DATA / "montpellier")]).fiches]
    longest = max(fiches, key=lambda f: len(f.titre)).titre
    assert longest.split()[-1] in text and longest.split()[0] in text  # wrapped, not cut
    assert "Statuts 2025" in text or "Code du statut" in text
