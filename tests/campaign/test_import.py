"""``clstool campagne importer``: a carrier's workbook back into the fiches, nothing else touched.

Workbooks are filled with openpyxl as a carrier would (sorted rows, a renamed sheet, a locked
cell edited after lifting the protection, a value typed over the drop-down, empty cells), and
one is re-saved by LibreOffice headless. The answers are fictitious.
"""

from __future__ import annotations

import json

from campaign_helpers import (
    YEAR,
    cli,
    column,
    fill,
    prepare,
    rows_by_key,
    sheet,
    snapshot,
    soffice_convert,
    territory,
)
from mutation_helpers import parts, rezip
from openpyxl import load_workbook


def _workbook(out, name="camille"):
    return next(out.glob(f"{name}*.xlsx"))


def _status(terr) -> dict:
    code, out, _ = cli("status", str(terr), "--year", str(YEAR), "--format", "json")
    assert code == 0
    return {f["id"]: f for f in json.loads(out)["fiches"]}


ANSWERS = {
    ("fiches", "1-1", "statut"): "en cours",
    ("fiches", "1-1", "avancement"): 40,
    ("fiches", "1-1", "realisations"): "- Réunion fictive de lancement\n- Carte fictive publiée",
    ("fiches", "1-1", "difficultes"): "Locaux fictifs indisponibles",
    ("fiches", "1-1", "calendrier_ajuste"): "2e semestre 2025 : lancement fictif",
    ("declinaisons", "1-1|1", "statut"): "Réalisé",
    ("indicateurs", "1-1|P1", "valeur"): 12,
    ("indicateurs", "1-1|P1", "commentaire"): "valeur fictive",
    ("indicateurs", "1-1|P2", "appreciation"): "bonne mobilisation (fictif)",
    ("fiches", "2-1", "statut"): "bloqué",
}


def test_carrier_round_trip_only_suivi_appended(tmp_path):
    terr = territory(tmp_path)
    out = prepare(terr, tmp_path / "campagne")
    path = _workbook(out)
    fill(path, ANSWERS)
    wb = load_workbook(path)
    ws = sheet(wb, "fiches")
    ws.title = "Mes actions"  # renamed sheet
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    for i, values in enumerate(reversed(rows)):  # sorted rows, hidden key column included
        for j, value in enumerate(values):
            ws.cell(3 + i, j + 1).value = value  # ws.cell(r, c, None) would keep the old value
    ws.protection.sheet = False
    ws.cell(rows_by_key(ws)["2-1"], column(ws, "titre"), "Titre changé par le porteur")  # locked cell
    wb.save(path)
    before = snapshot(terr)
    code, stdout, stderr = cli("campagne", "importer", str(path), str(terr), "--annee", str(YEAR))
    assert code == 0, stderr
    assert "lecture seule modifiée" in stderr and "feuille « Mes actions »" in stderr
    after = snapshot(terr)
    changed = {k for k in after if after[k] != before[k]}
    assert changed == {"fiches/1-1.yaml", "fiches/2-1.yaml"}
    for name in changed:  # the old text is kept byte for byte; only the follow-up is added
        assert after[name].startswith(before[name]) and after[name][len(before[name]):].startswith(b"suivi:\n  2025:")
    status = _status(terr)
    assert status["1-1"]["statut_declare"] == "en_cours" and status["1-1"]["avancement"] == 40
    assert status["2-1"]["statut_declare"] == "bloque"
    text = after["fiches/1-1.yaml"].decode()
    assert "Réunion fictive de lancement" in text and "P1:\n        valeur: 12" in text
    assert "appreciation: bonne mobilisation (fictif)" in text and "jalon: lancement fictif" in text
    # importing twice changes nothing
    code, stdout, _ = cli("campagne", "importer", str(path), str(terr), "--annee", str(YEAR))
    assert code == 0 and snapshot(terr) == after and "0 fiche(s) modifiée(s), 2 déjà à jour" in stdout
    code, _, _ = cli("validate", str(terr))
    assert code != 2


def test_wrong_cells_named_exit_1_nothing_written(tmp_path):
    terr = territory(tmp_path)
    out = prepare(terr, tmp_path / "campagne")
    path = _workbook(out)
    fill(path, {("fiches", "1-1", "statut"): "terminé", ("fiches", "1-1", "avancement"): "120 %",
                ("fiches", "1-1", "calendrier_ajuste"): "printemps", ("indicateurs", "1-1|P1", "valeur"): "beaucoup",
                ("fiches", "2-1", "statut"): "en cours"})
    ws = sheet(load_workbook(path), "fiches")
    row = rows_by_key(ws)["1-1"]
    before = snapshot(terr)
    code, _, stderr = cli("campagne", "importer", str(path), str(terr), "--annee", str(YEAR))
    assert code == 1 and snapshot(terr) == before
    name = str(path)
    assert f"{name}, feuille « Fiches », cellule F{row} : statut « terminé » inconnu" in stderr
    assert f"cellule G{row} : avancement « 120 % » hors de 0 à 100" in stderr
    assert "période « printemps » non reconnue ; attendu : une période en français" in stderr
    assert "feuille « Indicateurs »" in stderr and "valeur « beaucoup » n'est pas un nombre" in stderr
    assert "aucun fichier n'a été modifié" in stderr


def test_dry_run_shows_a_diff_and_writes_nothing(tmp_path):
    terr = territory(tmp_path)
    path = _workbook(prepare(terr, tmp_path / "campagne"))
    fill(path, {("fiches", "1-1", "statut"): "à venir"})
    before = snapshot(terr)
    code, stdout, _ = cli("campagne", "importer", str(path), str(terr), "--annee", str(YEAR), "--dry-run")
    assert code == 0 and snapshot(terr) == before
    assert "+++ " in stdout and "+    statut: a_venir" in stdout


def test_existing_follow_up_conflict_and_replace(tmp_path):
    terr = territory(tmp_path)
    path = _workbook(prepare(terr, tmp_path / "campagne"))
    fill(path, {("fiches", "1-1", "statut"): "en cours"})
    fiche = terr / "fiches" / "1-1.yaml"
    fiche.write_text(fiche.read_text(encoding="utf-8") + "suivi:\n  2025:  # écrit à la main (fictif)\n"
                     "    statut: en_pause\n", encoding="utf-8")
    before = snapshot(terr)
    code, _, stderr = cli("campagne", "importer", str(path), str(terr), "--annee", str(YEAR))
    assert code == 1 and snapshot(terr) == before and "a déjà un suivi 2025 différent" in stderr
    code, _, stderr = cli("campagne", "importer", str(path), str(terr), "--annee", str(YEAR), "--remplacer")
    assert code == 0, stderr
    assert fiche.read_text(encoding="utf-8").endswith("suivi:\n  2025:\n    statut: en_cours\n")


def test_same_fiche_in_two_workbooks_other_year_plan_changed(tmp_path):
    terr = territory(tmp_path)
    by_carrier = _workbook(prepare(terr, tmp_path / "a"))
    by_fiche = prepare(terr, tmp_path / "b", "--par", "fiche") / "fiche-1-1.xlsx"
    fill(by_carrier, {("fiches", "1-1", "statut"): "en cours"})
    fill(by_fiche, {("fiches", "1-1", "statut"): "réalisé"})
    before = snapshot(terr)
    code, _, stderr = cli("campagne", "importer", str(by_carrier), str(by_fiche), str(terr), "--annee", str(YEAR))
    assert code == 1 and "fiche 1-1 : réponses différentes dans" in stderr and snapshot(terr) == before
    code, _, stderr = cli("campagne", "importer", str(by_carrier), str(terr), "--annee", "2026")
    assert code == 1 and "classeur de la campagne 2025, import demandé pour 2026" in stderr
    fiche = terr / "fiches" / "1-1.yaml"
    fiche.write_text(fiche.read_text(encoding="utf-8").replace("indicateurs:\n  - id: P1", "indicateurs:\n  - id: P9"),
                     encoding="utf-8")
    code, _, stderr = cli("campagne", "importer", str(by_carrier), str(terr), "--annee", str(YEAR))
    assert code == 1 and "le plan de la fiche 1-1 a changé" in stderr and "indicateur P1 retiré" in stderr
    assert "indicateur P9 ajouté" in stderr


def test_libreoffice_resaved_workbook_imports(tmp_path):
    terr = territory(tmp_path)
    path = _workbook(prepare(terr, tmp_path / "campagne"))
    fill(path, {("fiches", "1-1", "statut"): "en retard", ("fiches", "1-1", "avancement"): 25,
                ("fiches", "1-1", "realisations"): "Première étape fictive\nDeuxième étape fictive",
                ("indicateurs", "1-1|P1", "valeur"): 3.5})
    resaved = soffice_convert(path, "xlsx", tmp_path / "lo", tmp_path / "lo-profile")
    assert resaved.read_bytes() != path.read_bytes()
    code, _, stderr = cli("campagne", "importer", str(resaved), str(terr), "--annee", str(YEAR))
    assert code == 0, stderr
    text = (terr / "fiches" / "1-1.yaml").read_text(encoding="utf-8")
    assert "statut: en_retard" in text and "avancement: 25" in text and "- Deuxième étape fictive" in text
    assert "P1: 3.5" in text


def test_other_formats_get_a_clear_message(tmp_path):
    import io

    from msoffcrypto.format.ooxml import OOXMLFile

    terr = territory(tmp_path)
    path = _workbook(prepare(terr, tmp_path / "campagne"))
    ods = soffice_convert(path, "ods", tmp_path / "ods", tmp_path / "lo-profile")
    xls = soffice_convert(path, "xls", tmp_path / "xls", tmp_path / "lo-profile")
    csv_file = tmp_path / "reponses.csv"
    csv_file.write_text("Fiche;Statut\n1-1;en cours\n", encoding="utf-8")
    locked = tmp_path / "protege.xlsx"
    encrypted = io.BytesIO()
    with open(path, "rb") as plain:
        office = OOXMLFile(plain)
        office.encrypt("secret-fictif", encrypted)
    locked.write_bytes(encrypted.getvalue())
    before = snapshot(terr)
    code, _, stderr = cli("campagne", "importer", str(ods), str(xls), str(csv_file), str(locked), str(terr),
                          "--annee", str(YEAR))
    assert code == 1 and snapshot(terr) == before
    assert f"{ods} : classeur OpenDocument (.ods)" in stderr
    assert f"{xls} : classeur Excel 97-2003 (.xls)" in stderr
    assert f"{csv_file} : fichier texte (CSV ?), pas un classeur .xlsx : les réponses doivent revenir" in stderr
    assert f"{locked} : classeur protégé par un mot de passe" in stderr


def test_a_returned_workbook_is_bounded_as_every_workbook_someone_sent(tmp_path):
    """The returned workbook goes through the checks of clstool.sheets: an XML part with a DTD,
    or a part compressed a thousand times (a « zip bomb »), is refused before openpyxl reads it."""
    terr = territory(tmp_path)
    base = _workbook(prepare(terr, tmp_path / "campagne")).read_bytes()
    dtd, bomb = tmp_path / "dtd.xlsx", tmp_path / "bombe.xlsx"
    dtd.write_bytes(rezip(base, {"xl/workbook.xml": b'<!DOCTYPE w [<!ENTITY e "fictif">]>'
                                 + parts(base)["xl/workbook.xml"]}))
    bomb.write_bytes(rezip(base, extra={"xl/media/zero.bin": b"\0" * (3 * 1024 * 1024)}))
    before = snapshot(terr)
    code, _, stderr = cli("campagne", "importer", str(dtd), str(bomb), str(terr), "--annee", str(YEAR))
    assert code == 1 and snapshot(terr) == before
    assert f"{dtd} : partie xl/workbook.xml : XML avec des entités ou une DTD, refusé par sécurité" in stderr
    assert f"{bomb} : la partie xl/media/zero.bin est compressée plus de 100 fois" in stderr
    assert "Traceback" not in stderr


def test_a_missing_workbook_is_named_once(tmp_path):
    terr = territory(tmp_path)
    missing = tmp_path / "absent.xlsx"
    code, _, stderr = cli("campagne", "importer", str(missing), str(terr), "--annee", str(YEAR))
    assert code == 1 and f"{missing} : fichier introuvable\n" in stderr and stderr.count(str(missing)) == 1
