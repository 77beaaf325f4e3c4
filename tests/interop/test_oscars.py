"""The flat export (OSCARS-like) and the territory column of the exports over several contracts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl

from clstool.interop import oscars
from clstool.model.contrat import Contrat
from clstool.model.documents import Fiche
from clstool.yamlio.load import load
from tests.conftest import DATA, run
from tests.regional_helpers import region


def _csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_one_row_per_action_and_year_of_the_real_contracts():
    today = dt.date(2025, 6, 1)
    rows = [dict(zip(oscars.COLUMNS, r, strict=True)) for r in oscars.rows([str(DATA)], today=today)]
    project = load([str(DATA)])
    for territory in project.territories:
        contrat: Contrat = territory.contrat.model
        years = list(range(contrat.periode.debut_date().year, min(contrat.periode.fin_date().year, 2025) + 1))
        mine = [r for r in rows if r["Dossier"] == territory.display]
        assert {r["Territoire"] for r in mine} == {contrat.territoire}
        expected = sum(max(1, len(f.model.declinaisons)) for f in territory.fiches if isinstance(f.model, Fiche))
        assert len(mine) == expected * len(years)
        assert sorted({r["Année"] for r in mine}) == years
    # fiche ids repeat across territories: each row says whose it is
    assert {r["Dossier"] for r in rows if r["Fiche"] == "1-1"} == {str(DATA / "montpellier"), str(DATA / "clermont")}
    assert all(r["Statut"] and r["Libellé du statut"] and r["Suivi renseigné"] in ("oui", "non") for r in rows)


def test_amounts_codes_and_labels_of_the_referentiel(tmp_path):
    root = region(tmp_path / "region")
    content = b"".join(oscars.to_csv(oscars.rows([str(root)], (2025,)), batch=1))
    rows = _csv(content)
    a = next(r for r in rows if r["Territoire"] == "Ville A")
    assert (a["Codes du référentiel"], a["Objectifs du référentiel"]) == ("PRS-1", "Prévenir les conduites à risque")
    assert (a["Financeurs"], a["Montant (€)"], a["Territoire d'intervention"]) == ("ARS", "12000", "QPV : tous")
    assert (a["Statut"], a["Suivi renseigné"]) == ("en_cours", "oui")
    b = next(r for r in rows if r["Territoire"] == "Ville B" and r["Fiche"] == "1-1")
    assert b["Codes du référentiel"] == "PRS-1 ; PRS-2" and b["Suivi renseigné"] == "non"


def test_cli_csv_and_xlsx_agree(tmp_path):
    out_csv, out_xlsx = tmp_path / "a.csv", tmp_path / "a.xlsx"
    assert run("export", DATA, "--format", "oscars", "--year", "2025", "-o", out_csv).returncode == 0
    assert run("export", DATA, "--format", "oscars-xlsx", "--year", "2025", "-o", out_xlsx).returncode == 0
    rows = _csv(out_csv.read_bytes())
    sheet = openpyxl.load_workbook(out_xlsx, read_only=True)["Actions"]
    table = list(sheet.iter_rows(values_only=True))
    assert list(table[0]) == list(oscars.COLUMNS)
    assert len(table) - 1 == len(rows) > 0
    assert [r[5] for r in table[1:]] == [r["Fiche"] for r in rows]
    assert run("export", DATA, "--format", "csv", "--year", "2025").returncode == 2


def test_xlsx_export_of_a_folder_has_a_territory_column_and_both_contracts(tmp_path):
    out = tmp_path / "x.xlsx"
    assert run("export", DATA, "--format", "xlsx", "-o", out).returncode == 0
    sheet = openpyxl.load_workbook(out, read_only=True)["Fiches"]
    table = list(sheet.iter_rows(values_only=True))
    assert table[0][0] == "Territoire"
    assert {r[0] for r in table[1:]} == {"Ville de Montpellier", "Ville de Clermont-Ferrand"}


def test_the_standard_export_carries_the_referentiel_too(tmp_path):
    """``export --format csv|json``: the référentiel's codes and labels, per fiche (fictitious)."""
    from clstool.interop import tables

    root = region(tmp_path / "region")
    rows = _csv(tables.to_csv(tables.collect([str(root)])))
    a = next(r for r in rows if r["Territoire"] == "Ville A" and r["Fiche"] == "1-1")
    assert (a["Codes du référentiel"], a["Objectifs du référentiel"]) == ("PRS-1", "Prévenir les conduites à risque")
    data = json.loads(tables.to_json(tables.collect([str(root)])))
    assert {"PRS-1": "Prévenir les conduites à risque"}.items() <= data["territoires"][0]["referentiel"].items()


def test_the_form_s_own_boxes_in_the_flat_export():
    """« Commune et Métropole » (4-2), a quartier named but not ticked (5-2), « Professionnels* »
    and the 18–25 band (5-3): labels from the vocabulary, an unticked box left out."""
    rows = [dict(zip(oscars.COLUMNS, r, strict=True))
            for r in oscars.rows([str(DATA / "montpellier")], (2024,), today=dt.date(2025, 6, 1))]
    by_fiche = {r["Fiche"]: r for r in rows}
    assert by_fiche["4-2"]["Territoire d'intervention"] == "Commune et Métropole"
    assert by_fiche["5-2"]["Territoire d'intervention"] == "Commune ; QPV : tous"
    publics = by_fiche["5-3"]["Publics visés"].split(" ; ")
    assert publics[:3] == ["Jeunes adultes (18–25 ans)", "Professionnels", "Professionnels du médical"]
    assert "Jeunes adultes (16–25 ans)" not in publics
