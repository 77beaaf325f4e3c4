"""``clstool import tet``: TeT's template and the variants real files drift into
(docs/interoperabilite.md#territoires-en-transitions).

Every workbook here is built with openpyxl; plans, statuses and amounts are fictitious.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT
from ruamel.yaml import YAML
from tet_helpers import TEMPLATE_HEADERS, workbook

from clstool.cli import main
from clstool.interop.tet.cells import (
    date_of,
    fiche_number,
    numbered,
    objectives,
    split_list,
)
from clstool.interop.tet.read import read_plan
from clstool.interop.tet.vocabulary import template_path
from clstool.lint.run import validate

TEMPLATE = str(template_path())  # the copy shipped with clstool


def load_yaml(path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def warnings_of(imported):
    return [str(n) for n in imported.warnings]


def test_the_template_example_row_imports_and_validates(tmp_path, capsys):
    out = tmp_path / "x"
    assert main(["import", "tet", TEMPLATE, "-o", str(out), "--territoire", "Collectivité Exemple",
                 "--periode", "2022-2027", "--annee", "2024"]) == 0
    assert "1 fiche(s), 1 axe(s)" in capsys.readouterr().out
    assert not validate([str(out)]).failed()
    contrat = load_yaml(out / "contrat.yaml")
    assert contrat["periode"] == {"debut": 2022, "fin": 2027}
    # « Sous-axe » and « Sous-sous axe » are sub-axes of the axis, not axes of their own (issue 16)
    assert [a["id"] for a in contrat["axes"]] == ["1"]
    assert [s["id"] for s in contrat["axes"][0]["sous_axes"]] == ["1.1", "1.1.1"]
    assert contrat["axes"][0]["sous_axes"][0]["titre"] == "Améliorer la qualité de l'air pour tous"
    fiche = load_yaml(out / "fiches" / "1.yaml")
    assert (fiche["axe"], fiche["sous_axe"]) == ("1", "1.1.1")
    assert fiche["titre"] == "Assurer la coordination de la transition écologique"
    assert fiche["priorite"] == "moyenne"
    assert fiche["suivi"] == {2024: {"statut": "a_venir"}}
    assert fiche["calendrier"] == ["du 16 novembre 2022 au 9 mars 2024"]
    assert fiche["portage"] == {"pilotes": ["La collectivité 1", "La collectivité 2"],
                                "partenaires": ["Associations locales", "Ecopartenaire"]}
    assert fiche["financements"] == [{"financeur": "Métropole, Région", "montant": 50000},
                                     {"financeur": "DREAL", "montant": 15000},
                                     {"financeur": "Département 64", "montant": 12000}]
    assert fiche["moyens"][:2] == ["La collectivité", "La DREAL Région"]
    assert fiche["definition"].startswith("La Collectivité Exemple organise")
    assert len(fiche["objectifs"]["generaux"]) == 3
    assert fiche["participation_citoyenne"] == {"reponse": "oui"}
    notes = fiche["notes"]
    for expected in ("Participation Citoyenne : Consultation", "Personne pilote : Marie PAUL, Pierre GWEN",
                     "Élu·e référent·e : Renée CHARLES, Dominique TRELLE",
                     "Budget prévisionnel total € HT : 124566", "Action en amélioration continue : VRAI",
                     "Direction ou service pilote : Service environnement, Département environnement"):
        assert expected in notes
    assert any(n.startswith("Instances de gouvernance : Le CODIR") for n in notes)
    assert any(n.startswith("Financements : - Métropole") for n in notes)
    assert notes[0].startswith("Titre de la fiche action : Action 1 - Assurer")  # multi-line title kept whole
    # the shipped copy is the template of the shared interoperability folder, when there is one
    shared = ROOT.parent / "shared" / "interop" / "tet-modele-import-pa.xlsx"
    if shared.is_file():
        assert template_path().read_bytes() == shared.read_bytes()


def test_template_notices_name_rows_and_columns():
    imported = read_plan(TEMPLATE, territoire="T", periode="2022-2027", annee=2024)
    texts = [str(n) for n in imported.notices]
    assert "ligne 3 : types de champs du modèle TeT (« Champ texte »…), ignorée" in texts
    assert "ligne 4 : consignes de saisie du modèle TeT, ignorée" in texts
    assert "ligne 5, colonne E (« Titre de la sous-action ») : texte d'exemple du modèle TeT, ignoré" in texts
    assert warnings_of(imported) == ["ligne 5, colonne D (« Titre de la fiche action ») : titre sur plusieurs "
                                     "lignes : la première est le titre, la cellule entière est gardée dans notes"]


def test_default_period_year_and_territory_are_announced():
    imported = read_plan(TEMPLATE, today=dt.date(2026, 5, 1))
    assert imported.contrat.periode.debut == 2022 and imported.contrat.periode.fin == 2026
    assert imported.contrat.territoire == "tet-modele-import-pa"
    assert list(imported.fiches[0].suivi) == [2026]
    texts = warnings_of(imported)
    assert any("période du contrat déduite des dates du fichier : 2022–2026" in t for t in texts)
    assert any("territoire non précisé" in t for t in texts)


def test_renamed_reordered_and_extra_columns(tmp_path):
    headers = ["Titre de l'action ", "  Axe (x)", "Statut", "Calendrier", "Notes de suivi",
               "Etapes de la fiche action", "Commentaire ARS", "Priorité", ""]
    rows = [{"Titre de l'action ": "Action 12. Prévenir les addictions", "  Axe (x)": "2. Prévention",
             "Statut": "En retard", "Calendrier": "1er trimestre 2025\nfin 2026",
             "Notes de suivi": "Retard de recrutement", "Etapes de la fiche action": "- Diagnostic\n- Actions",
             "Commentaire ARS": "À suivre en COPIL", "Priorité": "Élevé"},
            ["Fiche Action 3. Dépister", "2. Prévention", None, None, None, None, None, None, "hors en-tête"]]
    path = workbook(tmp_path / "plan.xlsx", headers, rows)
    imported = read_plan(str(path), territoire="T", periode="2024-2028", annee=2025)
    first, second = imported.fiches
    assert (first.id, first.axe, first.titre) == ("12", "2", "Prévenir les addictions")
    assert first.suivi[2025].statut == "en_retard"
    assert first.suivi[2025].commentaire == "Retard de recrutement"
    assert first.calendrier == ["1er trimestre 2025", "fin 2026"]
    assert first.etapes == ["Diagnostic", "Actions"]
    assert first.priorite == "elevee"
    assert first.notes == ["Commentaire ARS : À suivre en COPIL"]
    assert (second.id, second.titre) == ("3", "Dépister")
    assert second.notes == ["Colonne I : hors en-tête"]
    texts = warnings_of(imported)
    assert "ligne 2, colonne G (« Commentaire ARS ») : colonne sans équivalent dans clstool : son contenu est " \
           "gardé dans notes (« Commentaire ARS : … »)" in texts
    assert any(t.startswith("ligne 2, colonne I (« Colonne I ») : colonne sans équivalent") for t in texts)


def test_dates_real_serial_text_year_and_unreadable(tmp_path):
    headers = ["Axe (x)", "Titre de la fiche action", "Date de début", "Date de fin"]
    rows = [["1. Axe", "A", dt.datetime(2024, 1, 15), dt.datetime(2025, 6, 30)],
            ["1. Axe", "B", 45292, 45657.0],  # Excel serial numbers: 2024-01-01, 2024-12-31
            ["1. Axe", "C", "15/03/2025", None],
            ["1. Axe", "D", None, 2026],
            ["1. Axe", "E", "bientôt", "2027-02-30"],
            ["1. Axe", "F", "2025-09-01", "2024-01-01"]]
    path = workbook(tmp_path / "dates.xlsx", headers, rows)
    imported = read_plan(str(path), territoire="T", periode="2024-2027")
    cal = {f.titre: [e if isinstance(e, str) else (e.periode, e.jalon) for e in f.calendrier]
           for f in imported.fiches}
    assert cal["A"] == ["du 15 janvier 2024 au 30 juin 2025"]
    assert cal["B"] == ["2024"]
    assert cal["C"] == [("15 mars 2025", "Début de l'action")]
    assert cal["D"] == [("2026", "Fin de l'action")]
    assert cal["E"] == [("bientôt", "Début de l'action"), ("2027-02-30", "Fin de l'action")]
    assert cal["F"] == [("1er septembre 2025", "Début de l'action"), ("1er janvier 2024", "Fin de l'action")]
    texts = warnings_of(imported)
    assert "ligne 9, colonne C (« Date de début ») : date « bientôt » illisible : gardée telle quelle dans " \
           "le calendrier" in texts
    assert any(t.startswith("ligne 9, colonne D (« Date de fin ») : date « 2027-02-30 » illisible") for t in texts)
    assert any(t.startswith("ligne 10, colonne D") and "précède" in t for t in texts)


def test_comma_lists_multiline_objectives_and_funding(tmp_path):
    headers = TEMPLATE_HEADERS
    row = {"Axe (x)": "1. Axe", "Titre de la fiche action": "Action 1. Une action",
           "Structure pilote": "ARS, Ville (DSP, CCAS) ; CPAM",
           "Partenaires ": "Associations locales,Ecopartenaire, ",
           "Objectifs": ("Objectif général : Réduire les inégalités\n"
                         "Objectif spécifique n°1 : Informer les habitants\n"
                         "Objectif spécifique n°2 : Former les professionnels\n"
                         "Objectif opérationnel 1.1 : Créer un guide\n- Diffuser le guide ;\n"
                         "Objectif opérationnel 2.1 : Organiser deux sessions"),
           "Financeur 1": "ARS", "Montant € HT": "15 000 € HT", "Financeur 2": "Ville",
           "Statut ": "Bloqué ", "Niveau de priorité": "Bas",
           "Participation Citoyenne": "Pas de participation citoyenne"}
    rows = [row]
    path = workbook(tmp_path / "listes.xlsx", headers, rows)
    wb = openpyxl.load_workbook(path)
    ws = wb["Fichier dimport"]
    ws.cell(5, headers.index("Montant € HT") + 3, "environ 10k")  # the amount of Financeur 2
    ws.cell(5, headers.index("Financeur 3") + 2, 3000)  # an amount without its financer
    wb.save(path)
    imported = read_plan(str(path), territoire="T", periode="2024-2028", annee=2024)
    [fiche] = imported.fiches
    assert fiche.portage.pilotes == ["ARS", "Ville (DSP, CCAS)", "CPAM"]
    assert fiche.portage.partenaires == ["Associations locales", "Ecopartenaire"]
    assert fiche.objectifs.generaux == ["Réduire les inégalités"]
    assert fiche.objectifs.specifiques == ["Informer les habitants", "Former les professionnels"]
    assert fiche.objectifs.operationnels == ["Créer un guide", "Diffuser le guide", "Organiser deux sessions"]
    assert [f.model_dump(exclude_defaults=True) for f in fiche.financements] == [
        {"financeur": "ARS", "montant": 15000},
        {"financeur": "Ville", "precision": "Montant € HT : environ 10k"},
        {"montant": 3000},
    ]
    assert fiche.suivi[2024].statut == "bloque" and fiche.priorite == "basse"
    assert fiche.participation_citoyenne.reponse == "non"
    assert "ligne 5, colonne U (« Montant € HT ») : montant « environ 10k » illisible : gardé dans « precision »" \
        in warnings_of(imported)


@pytest.mark.parametrize("label, code", [
    ("À venir", "a_venir"), ("À discuter", "a_discuter"), ("En cours", "en_cours"), ("En pause", "en_pause"),
    ("Bloqué ", "bloque"), ("En retard", "en_retard"), ("Réalisé", "realise"), ("Abandonné ", "abandonne"),
    ("réalisé", "realise"),
])
def test_the_eight_statuses(tmp_path, label, code):
    path = workbook(tmp_path / "s.xlsx", ["Axe (x)", "Titre de la fiche action", "Statut "],
                    [["1. A", "Action 1. X", label]])
    assert read_plan(str(path), territoire="T", periode="2024-2028", annee=2025).fiches[0].suivi[2025].statut == code


def test_unknown_status_and_priority_are_kept_in_notes(tmp_path):
    path = workbook(tmp_path / "s.xlsx", ["Axe (x)", "Titre de la fiche action", "Statut ", "Niveau de priorité"],
                    [["1. A", "Action 1. X", "Terminé", "Urgent"]])
    imported = read_plan(str(path), territoire="T", periode="2024-2028", annee=2025)
    fiche = imported.fiches[0]
    assert fiche.suivi == {} and fiche.priorite is None
    assert fiche.notes == ["Niveau de priorité : Urgent", "Statut : Terminé"]
    texts = warnings_of(imported)
    assert any(t.startswith("ligne 5, colonne C (« Statut ») : statut « Terminé » inconnu") for t in texts)
    assert any(t.startswith("ligne 5, colonne D (« Niveau de priorité ») : priorité « Urgent » inconnue")
               for t in texts)


def test_ids_axes_header_on_first_row_and_other_sheet_name(tmp_path):
    headers = ["Axe", "Sous-axe", "Titre de la fiche action"]
    rows = [["Prévention", "Jeunesse", "Action 2. Premier"],
            ["Prévention", "Jeunesse", "Sans numéro"],
            [None, None, "Action 2. Doublon"],
            ["Accès aux soins", None, "4.1. Numéroté"],
            ["Prévention", None, None]]
    path = workbook(tmp_path / "ids.xlsx", headers, rows, header_row=1, sheet="Plan 2025", template_rows=False)
    imported = read_plan(str(path), territoire="T", periode="2024-2028")
    assert [(f.id, f.axe, f.sous_axe, f.titre) for f in imported.fiches] == [
        ("2", "1", "1.1", "Premier"), ("3", "1", "1.1", "Sans numéro"), ("4", "sans-axe", None, "Doublon"),
        ("4.1", "2", None, "Numéroté")]
    assert [(a.id, a.titre, [(s.id, s.titre) for s in a.sous_axes]) for a in imported.contrat.axes] == [
        ("1", "Prévention", [("1.1", "Jeunesse")]), ("2", "Accès aux soins", []),
        ("sans-axe", "Actions sans axe (import Territoires en Transitions)", [])]
    texts = [str(n) for n in imported.notices]
    assert "ligne 4, colonne C (« Titre de la fiche action ») : numéro « 2 » déjà pris par une autre fiche : " \
           "identifiant « 4 »" in texts  # rank 3 is taken by the row above
    # a row without an axis stays without one (issue 16): it does not take the previous row's
    assert "ligne 4 : aucun axe : la fiche est rangée dans l'axe « sans-axe »" in texts
    assert "ligne 6 : ligne sans titre de fiche (intitulé d'axe ?) : ignorée, elle ne crée pas d'axe" in texts


def test_sous_action_rows_label_rows_and_duplicate_titles(tmp_path):
    """Issue 16: rows repeating a fiche's title with a sous-action are déclinaisons of that fiche
    (not duplicate fiches); a label row creates no axis; two fiches of one title are reported."""
    headers = ["Axe (x)", "Titre de la fiche action", "Titre de la sous-action", "Descriptif", "Partenaires",
               "Statut", "Date de début"]
    rows = [["9. Axe seul (libellé)", None, None, None, None, None, None],
            ["1. Prévenir", "Action 1. Ateliers (fictif)", None, "Des ateliers", None, "En cours", None],
            ["1. Prévenir", "Action 1. Ateliers (fictif)", "Atelier nutrition", "Deux séances", "CPAM, Ville",
             "En cours", "01/03/2025"],
            [None, "Action 1. Ateliers (fictif)", "Atelier sommeil\nAtelier écrans", None, None, None, None],
            ["1. Prévenir", "Action 2. Forum (fictif)", None, None, None, None, None],
            ["1. Prévenir", "Action 2. Forum (fictif)", None, None, None, None, None]]
    path = workbook(tmp_path / "sous.xlsx", headers, rows, template_rows=False)
    imported = read_plan(str(path), territoire="T", periode="2024-2028", annee=2025)
    assert [(f.id, f.titre) for f in imported.fiches] == [
        ("1", "Ateliers (fictif)"), ("2", "Forum (fictif)"), ("3", "Forum (fictif)")]
    ateliers = imported.fiches[0]
    assert [d.titre for d in ateliers.declinaisons] == ["Atelier nutrition", "Atelier sommeil", "Atelier écrans"]
    nutrition = ateliers.declinaisons[0]
    assert (nutrition.description, nutrition.partenaires) == (["Deux séances"], ["CPAM", "Ville"])
    assert nutrition.calendrier and ateliers.definition == "Des ateliers"
    assert [a.id for a in imported.contrat.axes] == ["1"]  # the label row « 9. » made none
    texts = [str(n) for n in imported.notices]
    assert "ligne 5, colonne F (« Statut ») : statut" not in " ".join(texts)
    assert not any(t.startswith("ligne 5 : ligne de sous-action : colonnes non reprises") for t in texts)
    assert ateliers.suivi[2025].declinaisons["1"].statut == "en_cours"  # the sous-action's own status
    assert any(t.startswith("ligne 8, colonne B (« Titre de la fiche action ») : même titre que la fiche de la "
                            "ligne 7") for t in texts)



def test_tets_own_sous_action_fixture_imports_to_tets_counts():
    """TeT's test file (tet_fixtures/README.md): 4 actions and 3 sous-actions, TeT's end-to-end
    test says; here 4 fiches and 3 déclinaisons, each with its description and status."""
    path = Path(__file__).parent / "tet_fixtures" / "plan_with_sous_actions_valid.xlsx"
    imported = read_plan(str(path), territoire="T", periode="2024-2028", annee=2025)
    assert [f.titre for f in imported.fiches] == ["Action normale", "Action 1", "Action 2", "Action 3"]
    declinaisons = {f.titre: [(d.titre, d.description) for d in f.declinaisons] for f in imported.fiches}
    assert declinaisons["Action 1"] == [("Sous-action 1.1", ["Description sous-action 1.1"]),
                                        ("Sous-action 1.2", ["Description sous-action 1.2"])]
    assert declinaisons["Action 3"] == [("Sous-action 3.1", ["Description sous-action 3.1"])]
    assert sum(len(d) for d in declinaisons.values()) == 3
    action1 = imported.fiches[1]
    assert {k: v.statut for k, v in action1.suivi[2025].declinaisons.items()} == {"1": "en_cours", "2": "realise"}


def test_merged_axis_cells_cover_their_rows(tmp_path):
    path = workbook(tmp_path / "m.xlsx", ["Axe (x)", "Titre de la fiche action"],
                    [["3. Fusionné", "Action 1. A"], [None, "Action 2. B"], [None, "Action 3. C"]])
    wb = openpyxl.load_workbook(path)
    wb["Fichier dimport"].merge_cells("A5:A7")
    wb.save(path)
    imported = read_plan(str(path), territoire="T", periode="2024-2028")
    assert [f.axe for f in imported.fiches] == ["3", "3", "3"]
    assert not [n for n in imported.notices if "aucun axe" in n.message]


def test_never_overwrites_without_force(tmp_path, capsys):
    out = tmp_path / "x"
    args = ["import", "tet", TEMPLATE, "-o", str(out), "--territoire", "T", "--periode", "2022-2027",
            "--annee", "2024"]
    assert main(args) == 0
    fiche = out / "fiches" / "1.yaml"
    fiche.write_text(fiche.read_text(encoding="utf-8") + "# à moi\n", encoding="utf-8")
    assert main(args) == 2
    assert "rien n'a été écrit" in capsys.readouterr().err
    assert fiche.read_text(encoding="utf-8").endswith("# à moi\n")
    assert main(args + ["--force"]) == 0
    assert not fiche.read_text(encoding="utf-8").endswith("# à moi\n")


def test_bad_inputs_are_usage_errors(tmp_path, capsys):
    assert main(["import", "tet", str(tmp_path / "absent.xlsx"), "-o", str(tmp_path / "o")]) == 2
    assert "fichier introuvable" in capsys.readouterr().err
    fake = tmp_path / "faux.xlsx"
    fake.write_text("pas un classeur", encoding="utf-8")
    assert main(["import", "tet", str(fake), "-o", str(tmp_path / "o")]) == 2
    assert "faux.xlsx : fichier texte (CSV ?), pas un classeur .xlsx" in capsys.readouterr().err
    other = workbook(tmp_path / "autre.xlsx", ["Nom", "Prénom"], [["A", "B"]], template_rows=False)
    assert main(["import", "tet", str(other), "-o", str(tmp_path / "o")]) == 2
    assert "ne ressemble au modèle" in capsys.readouterr().err
    assert main(["import", "tet", TEMPLATE, "-o", str(tmp_path / "o"), "--periode", "2030"]) == 2
    assert "période « 2030 » invalide" in capsys.readouterr().err
    assert main(["import", "tet", TEMPLATE, "-o", str(tmp_path / "o"), "--periode", "2022-2025",
                 "--annee", "2026"]) == 2
    assert "hors de la période" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_readers():
    assert numbered("1.1. Améliorer l'air") == ("1.1", "Améliorer l'air")
    assert numbered("Axe 2 : Prévenir") == ("2", "Prévenir")
    assert numbered("1.2 Sous-axe") == ("1.2", "Sous-axe")
    assert numbered("2024 actions") == (None, "2024 actions")
    assert fiche_number("Fiche Action 3. Titre") == ("3", "Titre")
    assert fiche_number("Action n°7 : Titre") == ("7", "Titre")
    assert fiche_number("Action 1-2 - Titre") == ("1-2", "Titre")
    assert fiche_number("1.1.1.1. Assurer") == ("1.1.1.1", "Assurer")
    assert fiche_number("Actions de prévention") == (None, "Actions de prévention")
    assert fiche_number("10 000 pas") == (None, "10 000 pas")
    assert split_list("A, B (C, D) ; E\nF,") == ["A", "B (C, D)", "E", "F"]
    assert objectives("Une ligne\nObjectifs généraux :\n- X") == {"generaux": ["Une ligne", "X"]}
    assert date_of(45292).debut == dt.date(2024, 1, 1)
    assert date_of("45292").debut == dt.date(2024, 1, 1)
    assert date_of(2025).fin == dt.date(2025, 12, 31)
    assert date_of("31/12/2025").debut == dt.date(2025, 12, 31)
    assert date_of("demain") is None and date_of(12) is None


def test_second_column_of_a_kind_and_amount_without_financer_go_to_notes(tmp_path):
    headers = ["Montant € HT", "Axe (x)", "Titre de la fiche action", "Descriptif", "Descriptif"]
    path = workbook(tmp_path / "d.xlsx", headers, [[500, "1. A", "Action 1. X", "Premier", "Second"]])
    imported = read_plan(str(path), territoire="T", periode="2024-2028")
    fiche = imported.fiches[0]
    assert fiche.definition == "Premier"
    assert fiche.financements == []
    assert fiche.notes == ["Montant € HT : 500", "Descriptif : Second"]
    texts = warnings_of(imported)
    assert "ligne 2, colonne A (« Montant € HT ») : montant sans colonne « Financeur » à sa gauche : son " \
           "contenu est gardé dans notes (« Montant € HT : … »)" in texts
    assert "ligne 2, colonne E (« Descriptif ») : deuxième colonne de ce nom : son contenu est gardé dans " \
           "notes (« Descriptif : … »)" in texts


def test_an_imported_plan_is_checked_against_the_tet_form(tmp_path, capsys):
    # three fictitious fiches as TeT exports them: no typology, publics, determinants, nor a
    # « oui / non » on access to rights; the one without pilot nor dates is warned about that only
    rows = [{"Axe (x)": "1. Environnement", "Titre de la fiche action": "Action 1 - Qualité de l'air",
             "Structure pilote": "Ville", "Participation Citoyenne": "Consultation",
             "Date de début": dt.datetime(2024, 1, 15), "Date de fin": dt.datetime(2025, 6, 30)},
            {"Axe (x)": "1. Environnement", "Titre de la fiche action": "Action 2 - Bruit",
             "Structure pilote": "Métropole", "Date de début": dt.datetime(2024, 3, 1)},
            {"Axe (x)": "2. Santé", "Titre de la fiche action": "Action 3 - Dépistage",
             "Objectifs": "Dépister plus tôt"}]
    path = workbook(tmp_path / "plan.xlsx", TEMPLATE_HEADERS, rows)
    out = tmp_path / "plan"
    assert main(["import", "tet", str(path), "-o", str(out), "--territoire", "T", "--periode", "2024-2028"]) == 0
    assert load_yaml(out / "contrat.yaml")["formulaire"] == "tet"
    found = validate([str(out)]).diagnostics
    assert sorted((d.file.rsplit("/", 1)[-1], d.code) for d in found) == [
        ("1.yaml", "CLS202"), ("2.yaml", "CLS202"), ("3.yaml", "CLS201"), ("3.yaml", "CLS202"), ("3.yaml", "CLS303")]
    # the same plan under the Occitanie form: the rubriques TeT never had are all missing
    contrat = (out / "contrat.yaml").read_text(encoding="utf-8")
    (out / "contrat.yaml").write_text(contrat.replace("formulaire: tet\n", ""), encoding="utf-8")
    occitanie = {d.code for d in validate([str(out)]).diagnostics}
    assert {"CLS204", "CLS206", "CLS210", "CLS211", "CLS212"} <= occitanie


def test_objectifs_strategiques_become_sub_axes_and_validate(tmp_path):
    """Issue 16: a plan of axes → objectifs stratégiques → fiches (fictitious here) keeps its two
    levels: every « Sous-axe (x.x) » is a sub-axis of its axis, none becomes an axis."""
    headers = ["Axe (x)", "Sous-axe (x.x)", "Sous-sous axe (x.x.x)", "Titre de la fiche action"]
    rows = [["1. Prévention", "1.1. Objectif stratégique : repérer tôt", None, "Action 1. Dépister"],
            ["1. Prévention", "1.2. Objectif stratégique : informer", None, "Action 2. Informer"],
            ["1. Prévention", "1.2. Objectif stratégique : informer", "1.2.1. Les jeunes", "Action 3. Ateliers"],
            ["2. Accès aux soins", "Objectif non numéroté", None, "Action 4. Orienter"],
            ["2. Accès aux soins", None, None, "Action 5. Sans sous-axe"]]
    path = workbook(tmp_path / "plan.xlsx", headers, rows)
    out = tmp_path / "cls"
    assert main(["import", "tet", str(path), "-o", str(out), "--territoire", "T", "--periode", "2024-2028"]) == 0
    contrat = load_yaml(out / "contrat.yaml")
    assert [(a["id"], [s["id"] for s in a.get("sous_axes", [])]) for a in contrat["axes"]] == [
        ("1", ["1.1", "1.2", "1.2.1"]), ("2", ["2.1"])]
    fiches = {p.stem: load_yaml(p) for p in (out / "fiches").glob("*.yaml")}
    assert {k: (f["axe"], f.get("sous_axe")) for k, f in fiches.items()} == {
        "1": ("1", "1.1"), "2": ("1", "1.2"), "3": ("1", "1.2.1"), "4": ("2", "2.1"), "5": ("2", None)}
    result = validate([str(out)])
    assert not result.failed()
    assert not [d for d in result.diagnostics if d.code in ("CLS240", "CLS241", "CLS242")]
    imported = read_plan(str(path), territoire="T", periode="2024-2028")
    assert any("sous-sous-axe : la fiche est rangée sous le sous-axe « 1.2.1 » de l'axe « 1 »" in str(n)
               for n in imported.notices)


def test_imported_files_have_modelines_that_resolve(tmp_path, capsys):
    """Imported outside a folder made by ``clstool init``: the schemas are written beside the
    territory (outside git), and every file's modeline is a relative path to them."""
    out = tmp_path / "import" / "territoire"
    assert main(["import", "tet", TEMPLATE, "-o", str(out), "--territoire", "Collectivité Exemple",
                 "--periode", "2022-2027", "--annee", "2024"]) == 0
    for path, kind in [(out / "contrat.yaml", "contrat"), (out / "fiches" / "1.yaml", "fiche")]:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        relative = first.removeprefix("# yaml-language-server: $schema=")
        assert relative != first and not relative.startswith("/")
        assert (path.parent / relative).resolve() == (tmp_path / "import" / "schemas" / f"{kind}.schema.json")
        assert (path.parent / relative).is_file()
