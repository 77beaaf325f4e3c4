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
from clstool.interop.tet.cells import split_list
from clstool.interop.tet.read import read_plan, write_plan
from clstool.interop.tet.vocabulary import TET_HEADERS, template_path
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


def test_exported_workbook_is_the_template_with_tets_headers_and_data_from_row_4(tmp_path):
    imported = read_plan(TEMPLATE, **ARGS)
    _, target = roundtrip(tmp_path, imported)
    mine = openpyxl.load_workbook(target)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl: « Data Validation extension is not supported »
        template = openpyxl.load_workbook(template_path().open("rb"))
    assert mine.sheetnames == template.sheetnames
    ws, ref = mine["Fichier dimport"], template["Fichier dimport"]
    assert [c.value for c in ws[1]] == [c.value for c in ref[1]]
    assert tuple(c.value for c in ws[2])[:28] == TET_HEADERS
    assert [c.value for c in ws[2]][28:] == [c.value for c in ref[2]][28:]
    # row 3: each column's field kind, then its instructions (row 4 of the template, read by TeT)
    assert ws["A3"].value == ref["A3"].value + "\n\n" + ref["A4"].value
    assert ws["E3"].value.startswith("Champ texte\n\nUne ligne par sous-action")
    assert ws["D4"].value.startswith("Action 1 - Assurer")  # the fiche, not the example
    assert ws["E4"].value is None and ws["AF4"].value is None  # the template's placeholders are gone
    assert ws["D5"].value is None and ws["A5"].comment is None  # no example, no comment on it
    assert ws["AA4"].value == dt.datetime(2022, 11, 16) and ws["AA4"].number_format == "DD/MM/YYYY"
    assert ws["Y4"].value == "À venir" and ws["Z4"].value == "Moyen" and ws["P4"].value == "Consultation"
    assert [c.value for c in mine["Listes déroulantes"]["C"]][1:9] == \
        [c.value for c in template["Listes déroulantes"]["C"]][1:9]


def test_drop_down_lists_and_validations_cover_the_data_rows(tmp_path):
    target = tmp_path / "montpellier.xlsx"
    assert main(["export", str(DATA / "montpellier"), "--format", "tet", "-o", str(target)]) == 0
    ws = openpyxl.load_workbook(target)["Fichier dimport"]
    rules = {str(dv.sqref): (dv.type, dv.formula1) for dv in ws.data_validations.dataValidation}
    assert rules["Y4:Y199"] == ("list", "'Listes déroulantes'!$C$2:$C$9")  # Statut: the eight statuses
    assert rules["Z4:Z199"] == ("list", "'Listes déroulantes'!$D$2:$D$4")  # Niveau de priorité
    assert rules["P4:P199"] == ("list", "'Listes déroulantes'!$E$2:$E$6")  # Participation Citoyenne
    assert rules["AC4:AC199"] == ("list", '"VRAI,FAUX"')
    # a custom rule keeps pointing at its own cell, now from row 4
    assert rules["AA4:AB199"] == ("custom", "AND(ISNUMBER(AA4), YEAR(AA4)>=2000, YEAR(AA4)<=2100)")
    assert list(ws.tables.values())[0].ref == "A4:AG199"


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
         "Participation Citoyenne": "Pas de participation citoyenne"},
    ]
    path = workbook(tmp_path / "variantes.xlsx", headers, rows)
    first = read_plan(str(path), **ARGS)
    assert first.fiches[0].notes[-3:] == ["Commentaire ARS : À revoir", "Premier paragraphe", "Second paragraphe"]
    second, _ = roundtrip(tmp_path, first)
    assert_same(first, second)
    third, _ = roundtrip(tmp_path, second, "retour")
    assert_same(second, third)


def test_a_date_tet_cannot_read_is_not_written_and_is_counted(tmp_path, capsys):
    """TeT refuses the whole file for a date it cannot read: « bientôt » stays out of the sheet."""
    path = workbook(tmp_path / "d.xlsx", TEMPLATE_HEADERS, [{"Axe (x)": "1. Soins", "Titre de la fiche action": "X",
                                                             "Date de début": "bientôt"}])
    first = read_plan(str(path), **ARGS)
    assert first.fiches[0].calendrier[0].periode == "bientôt"
    _, target = roundtrip(tmp_path, first)
    assert openpyxl.load_workbook(target)["Fichier dimport"]["AA4"].value is None
    assert "1 date de début ou de fin (illisible, ou fin avant le début)" in capsys.readouterr().err


def pairs(financements):
    """What the financer / amount columns hold: TeT keeps a financer only with a number as amount."""
    return [(f.financeur, f.montant) for f in financements
            if f.financeur and isinstance(f.montant, (int, float)) and not f.precision][:3]


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
        assert again.moyens == fiche.moyens
        if fiche.portage:
            pilots = fiche.portage.pilotes + fiche.portage.porteurs
            assert set(again.portage.pilotes or []) == {p for p in pilots}, fiche.id
        assert pairs(again.financements) == pairs(fiche.financements), fiche.id
        # each déclinaison came back from its own sous-action row
        assert len(again.declinaisons) == len(fiche.declinaisons)
        for mine, theirs in zip(fiche.declinaisons, again.declinaisons, strict=True):
            assert theirs.titre == mine.titre
            assert flatten(theirs.description) == (["\n".join(flatten(mine.description))] if mine.description else [])
            # a comma list, as TeT reads it: a name holding a comma becomes two, there as here
            assert theirs.partenaires == split_list(", ".join(mine.partenaires))
            assert theirs.moyens == mine.moyens
            assert pairs(theirs.financements) == pairs(mine.financements)
    # what comes back is a valid territory
    imported = read_plan(str(target), **ARGS)
    write_plan(imported, str(tmp_path / "retour"))
    assert main(["validate", str(tmp_path / "retour")]) == 0


def test_tet_export_needs_an_output_file(tmp_path, capsys):
    folder = tmp_path / "terr"
    shutil.copytree(DATA / "clermont", folder)
    assert main(["export", str(folder), "--format", "tet"]) == 2
    assert "-o FICHIER.xlsx" in capsys.readouterr().err


def test_the_yearly_budget_goes_as_its_planned_total_and_the_rest_is_counted(tmp_path, capsys):
    """TeT's « Budget prévisionnel total € HT » takes the planned euros of all years (fiche and
    déclinaisons); the yearly detail, executed amounts and ETP are counted as not transmitted."""
    import budget_helpers  # fictitious: 1-1 plans 10 000 (2024) + 4 000 (2025), 1-2 plans 2 000

    root = budget_helpers.write(tmp_path / "t")
    target = tmp_path / "tet.xlsx"
    assert main(["export", str(root), "--format", "tet", "-o", str(target)]) == 0
    ws = openpyxl.load_workbook(target)["Fichier dimport"]
    headers = [c.value for c in ws[2]]
    column, sub = headers.index("Budget prévisionnel total € HT"), headers.index("Titre de la sous-action")
    budgets = {row[3].value: row[column].value for row in ws.iter_rows(min_row=4)
               if row[3].value and not row[sub].value}  # the actions' rows, not their sous-actions
    assert {t.split(". ", 1)[0]: b for t, b in budgets.items() if b is not None} == {"Action 1-1": 14000,
                                                                                     "Action 1-2": 2000}
    assert "4 lignes de budget annuel (TeT ne reçoit que le total prévisionnel en euros)" in capsys.readouterr().err
