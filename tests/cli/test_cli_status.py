"""`clstool status` as a user runs it: JSON on the plan alone, CSV read back, table, errors.

The follow-up used here is the FICTITIOUS one of examples/montpellier-suivi.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from test_cli_validate import run

from clstool.interop.status_output import BUDGET_COLUMNS, COLUMNS, HEADERS, to_csv
from clstool.model.documents import Fiche
from clstool.planning.status import fiche_status
from clstool.planning.status_report import StatusReport

EXAMPLE = "examples/montpellier-suivi"


def test_json_on_the_plan_alone():
    proc = run("status", "data/montpellier", "--year", "2024", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["year"], out["as_of"]) == (2024, "2024-12-31")
    assert len(out["fiches"]) == 16
    first = out["fiches"][0]
    for key in ("territoire", "id", "titre", "axe", "statut", "declinaisons", "indicateurs"):
        assert key in first
    assert {"titre", "statut"} <= set(first["declinaisons"][0])
    assert {"id", "libelle", "type", "cible", "valeur", "statut"} <= set(first["indicateurs"][0])
    fiches = {f["id"]: f for f in out["fiches"]}
    # Without follow-up nothing is « fine »: late once the plan has ended, else without a bilan.
    assert {f["statut"] for f in out["fiches"]} <= {"en_retard", "sans_bilan", "a_venir", "hors_periode"}
    assert fiches["2-3"]["statut"] == "en_retard"  # planned in the 4th quarter of 2023
    assert fiches["2-1"]["statut"] == "en_retard"  # planned in 2023
    assert fiches["1-1"]["declinaisons"][0]["statut"] == "en_retard"  # 2023
    assert fiches["1-3"]["statut"] == "sans_bilan"  # planned in 2024
    assert all(i["statut"] == "qualitatif_non_renseigne" for f in out["fiches"] for i in f["indicateurs"])
    axes = {a["axe"]: a for a in out["axes"]}
    assert sum(a["fiches"] for a in axes.values()) == 16
    assert sum(a["statuts"]["en_retard"] for a in axes.values()) == sum(
        f["statut"] == "en_retard" for f in out["fiches"])
    assert out["gouvernance"] == [] and out["ignores"] == []


def test_json_as_of_and_governance():
    proc = run("status", EXAMPLE, "--year", "2024", "--as-of", "2024-06-30", "-f", "json")
    out = json.loads(proc.stdout)
    assert out["as_of"] == "2024-06-30"
    gov = {g["id"]: g for g in out["gouvernance"]}
    assert gov["cotech"]["statut"] == "en_cours" and gov["cotech"]["nombre"] == 1
    assert gov["copil"]["reunions"] == [{"date": "2024-06-20", "objet": "Bilan 2023"}]


def test_clermont_governance_without_meetings():
    out = json.loads(run("status", "data/clermont", "--year", "2025", "--as-of", "2025-12-31", "-f", "json").stdout)
    assert {g["id"]: g["statut"] for g in out["gouvernance"]} == {
        "copil": "non_atteint", "cotech": "non_atteint", "groupes_travail": "non_atteint"}
    assert len(out["fiches"]) == 33


CODES = {header: code for code, header in HEADERS.items()}


def by_code(rows) -> list[dict]:
    """The rows keyed by column code rather than by their French header."""
    return [{CODES[header]: value for header, value in row.items()} for row in rows]


def read_csv(raw: bytes, delimiter: str) -> list[dict]:
    return by_code(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def test_csv_headers_are_french():
    proc = run("status", EXAMPLE, "--year", "2024", "--format", "csv")
    header = next(csv.reader(io.StringIO(proc.stdout.lstrip("\ufeff")), delimiter=";"))
    assert header[:8] == ["Territoire", "Niveau", "Fiche", "Axe", "Déclinaison", "Indicateur", "Intitulé",
                          "Code du statut"]
    assert "Statut" in header and "Valeur mesurée" in header and "libelle_statut" not in header


def test_csv_excel_dialect_reads_back(tmp_path):
    target = tmp_path / "statut.csv"
    proc = run("status", EXAMPLE, "--year", "2024", "--format", "csv", "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: French Excel reads UTF-8
    assert b"\r\n" in raw
    rows = read_csv(raw, ";")
    # the example has budget lines for 2024: their four columns follow the others
    assert list(rows[0]) == list(COLUMNS) + list(BUDGET_COLUMNS)
    levels = [r["niveau"] for r in rows]
    assert levels.count("fiche") == 16 and "declinaison" in levels and "indicateur" in levels
    fiche = next(r for r in rows if r["niveau"] == "fiche" and r["fiche"] == "2-1")
    assert (fiche["statut"], fiche["libelle_statut"]) == ("realise", "réalisé")
    assert fiche["intitule"] == "Mettre en place un Conseil Local en Santé Mentale (CLSM)"
    late = next(r for r in rows if r["niveau"] == "fiche" and r["fiche"] == "2-3")
    assert "dépassée" in late["motif"]
    partiel = next(r for r in rows if r["fiche"] == "4-1" and r["indicateur"] == "R2")
    assert (partiel["statut"], partiel["valeur"], partiel["cible"], partiel["unite"]) == ("partiel", "46", "50", "%")
    decl = next(r for r in rows if r["fiche"] == "4-3" and r["declinaison"] == "3")
    assert (decl["niveau"], decl["statut"], decl["libelle_statut"]) == ("declinaison", "hors_periode", "hors période")


def test_csv_standard_dialect_on_stdout():
    proc = run("status", EXAMPLE, "--year", "2024", "-f", "csv", "--csv-dialect", "standard")
    assert proc.returncode == 0
    assert not proc.stdout.startswith("\ufeff")
    rows = by_code(csv.DictReader(io.StringIO(proc.stdout), delimiter=","))
    assert list(rows[0]) == list(COLUMNS) + list(BUDGET_COLUMNS)
    assert len([r for r in rows if r["niveau"] == "fiche"]) == 16
    fiche = next(r for r in rows if r["niveau"] == "fiche" and r["fiche"] == "1-1")
    assert (fiche["budget_prevu_euros"], fiche["budget_realise_etp"]) == ("12000", "0.4")


def test_csv_decimal_separator_and_quoting():
    report = status_report_with_value(0.4)
    excel = read_csv(to_csv(report, "excel"), ";")
    standard = read_csv(to_csv(report, "standard"), ",")
    assert excel[1]["valeur"] == "0,4" and standard[1]["valeur"] == "0.4"
    assert excel[1]["cible"] == "0,5" and excel[1]["statut"] == "partiel"  # 0.4 ≥ half of 0.5
    assert excel[1]["intitule"] == "Part des écoles « engagées » ; fictif"  # the separator, quoted


def status_report_with_value(value):
    fiche = Fiche.model_validate({
        "id": "1-1", "axe": "1", "titre": "Action fictive",
        "indicateurs": [{"id": "R1", "type": "resultat", "libelle": "Part des écoles « engagées » ; fictif",
                         "cibles": {2024: 0.5}}],
        "suivi": {2024: {"indicateurs": {"R1": value}}}})
    report = StatusReport(2024, dt.date(2024, 12, 31))
    report.fiches.append(fiche_status(fiche, None, 2024, dt.date(2024, 12, 31)))
    return report


def test_table_format():
    proc = run("status", EXAMPLE, "--year", "2024", env={"COLUMNS": "120"})
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Ville de Montpellier — Statut 2024, au 31/12/2024" in out
    assert "Synthèse" in out and "Gouvernance" in out
    assert "sans bilan" in out and "hors période" in out and "partiel (46 / 50 %)" in out
    assert "Comité technique" in out and "non atteint" in out


def test_usage_errors():
    proc = run("status", EXAMPLE, "--year", "2024", "--as-of", "31/12/2024")
    assert proc.returncode == 2 and "AAAA-MM-JJ" in proc.stderr
    assert run("status", EXAMPLE).returncode == 2  # --year is required
    assert run("status", "nulle-part", "--year", "2024").returncode == 2
    assert run("status", EXAMPLE, "--year", "2024", "-f", "xml").returncode == 2


def test_broken_fiche_is_reported_and_the_others_still_computed(territory, tmp_path):
    territory.fiche("1-1", 'id: "1-1"\naxe: "1"\ntitre: Action fictive\ncalendrier: ["2024"]\n')
    territory.fiche("1-2", 'id: "1-2"\naxe: "1"\ntitre: [pas, un, titre]\n')
    proc = run("status", "terr", "--year", "2024", "-f", "json", cwd=tmp_path)
    assert proc.returncode == 1
    out = json.loads(proc.stdout)
    assert [f["id"] for f in out["fiches"]] == ["1-1"]
    assert out["ignores"] == ["terr/fiches/1-2.yaml"]  # no title: nothing to show under its name
    assert out["erreurs"]["terr/fiches/1-2.yaml"].startswith("Fiche illisible (terr/fiches/1-2.yaml) : ligne 3, colonne 8")
    assert "terr/fiches/1-2.yaml:3:8: erreur CLS022" in proc.stderr
