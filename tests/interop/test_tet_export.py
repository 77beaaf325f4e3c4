"""``clstool export --format tet``: a workbook TeT can import, and export → import loses nothing
the template can hold. Plans, statuses and amounts are fictitious."""

from __future__ import annotations

import datetime as dt
import shutil
import warnings

import openpyxl
from conftest import DATA
from tet_helpers import TEMPLATE_HEADERS, workbook

from clstool.cli import main
from clstool.interop.tables import collect
from clstool.interop.tet.read import read_plan, write_plan
from clstool.interop.tet.vocabulary import template_path
from clstool.model.documents import flatten
from clstool.yamlio.write import model_data

TEMPLATE = str(template_path())  # the copy shipped with clstool
ARGS = {"territoire": "T", "periode": "2022-2030", "annee": 2025}


def roundtrip(tmp_path, imported, name="aller"):
    """Write an import, export it to TeT, read the export back."""
    folder = tmp_path / name
    write_plan(imported, str(folder))
    target = tmp_path / f"{name}.xlsx"
    assert main(["export", str(folder), "--format", "tet", "-o", str(target)]) == 0
    return read_plan(str(target), **ARGS), target


def assert_same(first, second):
    """Same fiches (the export orders them by id) and same axes."""
    def by_id(imported):
        return sorted((model_data(f) for f in imported.fiches), key=lambda f: f["id"])

    assert by_id(first) == by_id(second)
    assert first.contrat.axes == second.contrat.axes


def test_exported_workbook_has_the_template_sheets_and_header_rows(tmp_path):
    imported = read_plan(TEMPLATE, **ARGS)
    _, target = roundtrip(tmp_path, imported)
    mine = openpyxl.load_workbook(target)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl: « Data Validation extension is not supported »
        template = openpyxl.load_workbook(template_path().open("rb"))
    assert mine.sheetnames == template.sheetnames
    ws, ref = mine["Fichier dimport"], template["Fichier dimport"]
    for row in range(1, 5):
        assert [c.value for c in ws[row]] == [c.value for c in ref[row]]
    assert ws["D5"].value.startswith("Action 1 - Assurer")  # the fiche, not the example
    assert ws["E5"].value is None and ws["AF5"].value is None  # the template's placeholders are gone
    assert ws.max_row == ref.max_row and ws["D6"].value is None
    assert ws["AA5"].value == dt.datetime(2022, 11, 16) and ws["AA5"].number_format == "DD/MM/YYYY"
    assert ws["Y5"].value == "À venir" and ws["Z5"].value == "Moyen" and ws["P5"].value == "Consultation"
    assert [c.value for c in mine["Listes déroulantes"]["C"]][1:9] == \
        [c.value for c in template["Listes déroulantes"]["C"]][1:9]


def test_roundtrip_of_the_template(tmp_path):
    first = read_plan(TEMPLATE, **ARGS)
    second, _ = roundtrip(tmp_path, first)
    assert_same(first, second)


def test_roundtrip_of_a_workbook_with_every_variant(tmp_path):
    headers = TEMPLATE_HEADERS + ["Commentaire ARS"]
    rows = [
        {"Axe (x)": "1. Prévention", "Sous-axe (x.x)": "1.1. Jeunesse",
         "Titre de la fiche action": "Fiche Action 3. Prévenir", "Titre de la sous-action": "Ateliers\nForum",
         "Descriptif": "Deux lignes\nde description", "Objectifs": "Objectif général : A\nObjectif spécifique n°1 : B",
         "Indicateurs liés": "Nombre d'ateliers", "Structure pilote": "Ville, ARS (DD34)",
         "Moyens humains et techniques": "- Un animateur\n- Une salle", "Partenaires ": "CPAM, CHU",
         "Personne pilote": "Marie PAUL", "Participation Citoyenne": "Co-construction",
         "Financeur 1": "ARS", "Montant € HT": 1000, "Statut ": "En cours", "Niveau de priorité": "Élevé",
         "Date de début": 45292, "Date de fin": "31/12/2026", "Action en amélioration continue": "FAUX",
         "Notes": "Premier paragraphe\n\nSecond paragraphe", "Commentaire ARS": "À revoir"},
        {"Axe (x)": "2. Soins", "Titre de la fiche action": "Sans numéro", "Statut ": "Fini",
         "Date de début": "bientôt", "Participation Citoyenne": "Pas de participation citoyenne"},
    ]
    path = workbook(tmp_path / "variantes.xlsx", headers, rows)
    first = read_plan(str(path), **ARGS)
    assert first.fiches[0].notes[-3:] == ["Commentaire ARS : À revoir", "Premier paragraphe", "Second paragraphe"]
    second, _ = roundtrip(tmp_path, first)
    assert_same(first, second)
    third, _ = roundtrip(tmp_path, second, "retour")
    assert_same(second, third)


def test_real_data_to_tet_and_back_keeps_what_the_template_holds(tmp_path):
    target = tmp_path / "montpellier.xlsx"
    assert main(["export", str(DATA / "montpellier"), "--format", "tet", "-o", str(target)]) == 0
    back = {f.id: f for f in read_plan(str(target), **ARGS).fiches}
    territory = collect([str(DATA / "montpellier")]).territories[0]
    assert len(back) == len(territory.fiches) == 16
    for _, fiche in territory.fiches:
        again = back[fiche.id]
        assert (again.axe, again.titre, again.definition, again.priorite) == \
            (fiche.axe, fiche.titre, fiche.definition, fiche.priorite)
        for key in ("generaux", "specifiques", "operationnels"):
            mine = flatten(getattr(fiche.objectifs, key)) if fiche.objectifs else []
            theirs = getattr(again.objectifs, key) if again.objectifs else []
            assert theirs == mine, (fiche.id, key)
        assert [d.titre for d in again.declinaisons] == [d.titre for d in fiche.declinaisons]
        assert again.moyens == fiche.moyens
        if fiche.portage:
            pilots = fiche.portage.pilotes + fiche.portage.porteurs
            assert set(again.portage.pilotes or []) == {p for p in pilots}, fiche.id
        funders = fiche.financements + [f for d in fiche.declinaisons for f in d.financements]
        kept = [(f.financeur, f.montant) for f in funders if not f.precision][:3]
        assert [(f.financeur, f.montant) for f in again.financements] == kept, fiche.id
    # what comes back is a valid territory
    imported = read_plan(str(target), **ARGS)
    write_plan(imported, str(tmp_path / "retour"))
    assert main(["validate", str(tmp_path / "retour")]) == 0


def test_tet_export_needs_an_output_file(tmp_path, capsys):
    folder = tmp_path / "terr"
    shutil.copytree(DATA / "clermont", folder)
    assert main(["export", str(folder), "--format", "tet"]) == 2
    assert "-o FICHIER.xlsx" in capsys.readouterr().err
