"""``export --format tet`` read as Territoires en Transitions (TeT) reads it: with ExcelJS 4.4,
then TeT's checks (``tet_importer.cjs``, which names the files of TeT's repository
incubateur-ademe/territoires-en-transitions each check comes from, chiefly
``apps/backend/src/plans/plans/import-plan-aggregate/parsers/excel-parser.ts`` for the sheet,
the 28 headers of row 2 in order and the data from row 4).

exceljs is an npm package, installed by ``.ci/run`` into ``.ci/node`` (ignored by git). The
checks are first run on TeT's own test files (``tet_fixtures/``), whose outcome TeT's end-to-end
test states, so that the re-implementation is known to agree with TeT before it judges ours.
Plans and statuses are fictitious, except data/montpellier.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import DATA, ROOT

from clstool.cli import main
from clstool.interop.tables import collect
from clstool.interop.tet.read import read_plan, write_plan

EXCELJS = ROOT / ".ci" / "node" / "node_modules" / "exceljs"
CHECKER = Path(__file__).parent / "tet_importer.cjs"
FIXTURES = Path(__file__).parent / "tet_fixtures"
_ABSENT = not (EXCELJS / "package.json").is_file() or shutil.which("node") is None
if _ABSENT and os.environ.get("CI") == "true":
    raise RuntimeError("exceljs ou node absent en CI : .ci/run doit les installer (npm)")
pytestmark = pytest.mark.skipif(_ABSENT, reason="exceljs (npm) ou node absent : lancez bash .ci/run")


def tet_import(path: Path) -> dict:
    """What TeT's importer makes of the workbook: {ok, error, actions, sousActions, rows}."""
    done = subprocess.run(["node", str(CHECKER), str(EXCELJS), str(path)], capture_output=True, text=True,
                          timeout=120, check=True)
    return json.loads(done.stdout)


def test_the_checks_agree_with_tets_own_tests():
    assert json.loads((EXCELJS / "package.json").read_text())["version"] == "4.4.0"
    valid = tet_import(FIXTURES / "plan_with_sous_actions_valid.xlsx")
    assert valid["ok"], valid.get("error")
    assert (valid["actions"], valid["sousActions"]) == (4, 3)
    parents = {r["sousTitre"]: r["titre"] for r in valid["rows"] if r["sousTitre"]}
    assert parents == {"Sous-action 1.1": "Action 1", "Sous-action 1.2": "Action 1", "Sous-action 3.1": "Action 3"}
    orphans = tet_import(FIXTURES / "plan_with_sous_actions.xlsx")
    assert orphans["error"] == ('Sous-action(s) sans action parente trouvée(s) : "Sous-action 1.1", '
                                '"Sous-action 1.2", "Sous-action 3.1"')
    assert tet_import(FIXTURES / "plan_column_order_issue.xlsx")["error"] == \
        'La colonne B devrait être "Sous-axe (x.x)" et non "Sous-sous axe (x.x.x)"'
    assert tet_import(FIXTURES / "plan_with_duplicate_actions.xlsx")["error"].startswith(
        "Titres d'actions en doublon dans le même axe")


def test_tets_public_template_itself_fails_tets_header_check():
    """Why the export does not keep the template's « Titre de la fiche action »."""
    result = tet_import(ROOT / "src" / "clstool" / "resources" / "tet-modele-import-pa.xlsx")
    assert result["error"] == 'La colonne D devrait être "Titre de l\'action" et non "Titre de la fiche action"'


def test_montpellier_export_loads_with_exceljs_and_passes_tets_import(tmp_path, capsys):
    target = tmp_path / "montpellier.xlsx"
    assert main(["export", str(DATA / "montpellier"), "--format", "tet", "-o", str(target)]) == 0
    result = tet_import(target)
    assert result["ok"], result.get("error")
    fiches = [f for _, f in collect([str(DATA / "montpellier")]).territories[0].fiches]
    assert result["actions"] == len(fiches)
    assert result["sousActions"] == sum(len(f.declinaisons) for f in fiches) > 0
    # each fiche: its action row, then its déclinaisons under its title and in its axes
    rows = iter(result["rows"])
    for fiche in fiches:
        action = next(rows)
        assert action["sousTitre"] is None and action["titre"].endswith(fiche.titre)
        assert action["axisPath"][0].startswith(f"{fiche.axe}. ")
        for declinaison in fiche.declinaisons:
            sous = next(rows)
            assert (sous["titre"], sous["axisPath"], sous["sousTitre"]) == \
                (action["titre"], action["axisPath"], declinaison.titre)
    assert next(rows, None) is None
    err = capsys.readouterr().err
    indicators = sum(len(f.indicateurs) for f in fiches)
    assert f"{indicators} indicateurs (écrits en colonne « Indicateurs liés », que TeT n'importe pas)" in err
    assert "Non transmis à Territoires en Transitions" in err


def test_what_tet_would_refuse_is_never_written(tmp_path, capsys):
    """A title over 300 characters, an amount or a budget that is not a number, a start after
    the end: TeT refuses the whole file for any of them."""
    folder = tmp_path / "terr"
    (folder / "fiches").mkdir(parents=True)
    (folder / "contrat.yaml").write_text(
        "territoire: Ville fictive\nintitule: CLS fictif\nperiode:\n  debut: 2024\n  fin: 2028\n"
        "axes:\n  - id: '1'\n    titre: Prévention\n", encoding="utf-8")
    (folder / "fiches" / "1.yaml").write_text(
        "id: '1'\naxe: '1'\ntitre: " + "Très long titre " * 20 + "\n"
        "financements:\n  - financeur: ARS\n    precision: 'Montant € HT : environ 3 000'\n"
        "  - financeur: Ville\n    montant: 1000\n"
        "notes:\n  - 'Budget prévisionnel total € HT : à définir'\n"
        "calendrier:\n  - periode: 2027\n    jalon: Début de l'action\n  - periode: 2025\n    jalon: Fin de l'action\n"
        "declinaisons:\n  - titre: Ateliers\n  - titre: Forum\n"
        "suivi:\n  2025:\n    statut: en_cours\n    declinaisons:\n      '2':\n        statut: realise\n",
        encoding="utf-8")
    assert main(["validate", str(folder)]) == 0
    target = tmp_path / "t.xlsx"
    assert main(["export", str(folder), "--format", "tet", "-o", str(target)]) == 0
    err = capsys.readouterr().err
    assert "1 titre raccourci à 300 caractères" in err
    result = tet_import(target)
    assert result["ok"], result.get("error")
    assert (result["actions"], result["sousActions"]) == (1, 2)
    assert len(result["rows"][0]["titre"]) == 300
    # back: the sous-actions are déclinaisons again, with the status of the second one
    back = read_plan(str(target), territoire="T", periode="2024-2028", annee=2025)
    fiche = back.fiches[0]
    assert [d.titre for d in fiche.declinaisons] == ["Ateliers", "Forum"]
    assert fiche.suivi[2025].statut == "en_cours"
    assert fiche.suivi[2025].declinaisons["2"].statut == "realise"
    assert [(f.financeur, f.montant) for f in fiche.financements] == [("Ville", 1000)]
    write_plan(back, str(tmp_path / "retour"))
    assert main(["validate", str(tmp_path / "retour")]) == 0
