"""The coordinator's yearly file ``bilans/<année>.yaml``: loaded with positions, validated, in
the JSON Schema, shown by the report (its absence said). Data: fictitious territories."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
from bs4 import BeautifulSoup

from clstool.lint.run import validate_project
from clstool.model.schema import json_schema
from clstool.report.build import build
from clstool.report.render import render
from clstool.yamlio.load import load
from clstool.yamlio.read import read_yaml

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "montpellier-suivi"


def _territory(tmp_path: Path, bilans: dict[str, str]) -> Path:
    (tmp_path / "fiches").mkdir()
    (tmp_path / "contrat.yaml").write_text(
        "territoire: Commune fictive\nintitule: CLS fictif\nperiode: {debut: 2023, fin: 2027}\n"
        "axes:\n  - {id: '1', titre: Axe fictif}\n", encoding="utf-8")
    (tmp_path / "fiches" / "1-1.yaml").write_text("id: 1-1\naxe: '1'\ntitre: Action fictive\ncalendrier: [2024]\n",
                                                  encoding="utf-8")
    (tmp_path / "bilans").mkdir()
    for name, text in bilans.items():
        (tmp_path / "bilans" / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_bilan_is_loaded_and_its_mistakes_have_positions(tmp_path):
    root = _territory(tmp_path, {
        "2024.yaml": "synthese: Année fictive.\nfaits_marquant: [x]\nreunions:\n  - instance: COPIL\n    date: 2024-13-01\n",
        "notes.yaml": "synthese: mal nommé\n"})
    found = {(d.file.split("/")[-1], d.line, d.column, d.code) for d in validate_project(load([str(root)])).diagnostics}
    assert ("2024.yaml", 2, 1, "CLS020") in found  # faits_marquant: a typo, at its line
    assert ("2024.yaml", 5, 11, "CLS024") in found  # an impossible date
    assert ("notes.yaml", 1, 1, "CLS024") in found  # a bilan is named after its year


def test_example_bilan_is_valid_against_the_json_schema():
    data = read_yaml((EXAMPLE / "bilans" / "2024.yaml").read_bytes()).data
    jsonschema.validate(json.loads(json.dumps(data)), json_schema("bilan"))
    bad = dict(data, budget_execute=[{"poste": "x", "montant": -1}])
    try:
        jsonschema.validate(bad, json_schema("bilan"))
    except jsonschema.ValidationError:
        pass
    else:
        raise AssertionError("a negative amount must be refused")


def test_report_shows_the_bilan():
    report = build(load([str(EXAMPLE)]), 2024, dt.date(2024, 12, 31), today=dt.date(2025, 6, 1))
    assert report.bilan is not None and report.bilan.fichier == "bilans/2024.yaml"
    assert " ".join(report.bilan.budget_total.replace("\u202f", " ").split()) == "53 200 €"
    section = BeautifulSoup(render(report, "html"), "html.parser").find(id="bilan-annuel").get_text(" ")
    assert "Valider le report au 2ème trimestre 2025" in section and "Préfecture de l'Hérault" in section


def test_report_says_the_bilan_is_absent_and_fills_nothing_in(tmp_path):
    root = _territory(tmp_path, {})
    report = build(load([str(root)]), 2024, dt.date(2024, 12, 31), today=dt.date(2025, 6, 1))
    assert report.bilan is None
    assert "Aucun fichier bilans/2024.yaml" in report.bilan_absent
    html = render(report, "html")
    section = BeautifulSoup(html, "html.parser").find(id="bilan-annuel").get_text(" ")
    assert "Aucun fichier bilans/2024.yaml" in section and "Faits marquants" not in section
    assert "Aucun fichier bilans/2024.yaml" in render(report, "md")


def test_unreadable_bilan_is_said_unreadable(tmp_path):
    root = _territory(tmp_path, {"2024.yaml": "synthese: [\n"})
    report = build(load([str(root)]), 2024, dt.date(2024, 12, 31), today=dt.date(2025, 6, 1))
    assert report.bilan is None and "illisible" in report.bilan_absent
