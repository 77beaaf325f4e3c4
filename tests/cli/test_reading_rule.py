"""The one rule of every reading command (docs/regles.md#les-commandes-qui-lisent-les-fichiers):
show every part that could be read, mark in place what is missing, list the errors on stderr
as validate gives them, exit 1. The territory is a copy of examples/montpellier-suivi (fictitious
follow-up) with one defect per case."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, run

EXAMPLE = ROOT / "examples" / "montpellier-suivi"
FICHE = "fiches/2-1.yaml"


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


#: case → (how to break the copy, the file in error, the diagnostic code, the in-place mark)
CASES = {
    "date-de-reunion": (
        lambda t: _replace(t / "contrat.yaml", '"2024-06-20"', "20/06/2024"),
        "contrat.yaml",
        "CLS024",
        "Contrat incomplet",
    ),
    "cle-inconnue": (lambda t: _append(t / FICHE, "cle_inconnue: 3\n"), FICHE, "CLS020", "Fiche incomplète"),
    "cle-en-double": (lambda t: _append(t / FICHE, "titre: doublon\n"), FICHE, "CLS006", "Fiche à corriger"),
    "id-et-nom": (lambda t: (t / FICHE).rename(t / "fiches/2-9.yaml"), "fiches/2-9.yaml", "CLS102", "Fiche à corriger"),
    "axe-inconnu": (lambda t: _replace(t / FICHE, 'axe: "2"', 'axe: "9"'), FICHE, "CLS103", "Fiche à corriger"),
    "syntaxe": (lambda t: _append(t / FICHE, "x: [\n"), FICHE, "CLS005", "Fiche illisible"),
}


@pytest.fixture
def broken(tmp_path, request) -> tuple[Path, str, str, str]:
    target = tmp_path / "terr"
    shutil.copytree(EXAMPLE, target)
    change, file, code, mark = CASES[request.param]
    change(target)
    return target, file, code, mark


def _stderr_lists(proc, target: Path, file: str, code: str) -> None:
    assert proc.returncode == 1, proc.stderr
    assert re.search(rf"{re.escape(str(target / file))}:\d+:\d+: erreur {code} ", proc.stderr), proc.stderr
    assert "Traceback" not in proc.stderr and "Erreur interne" not in proc.stderr


@pytest.mark.parametrize("broken", list(CASES), indirect=True)
def test_report_md_keeps_every_readable_fiche_and_marks_the_error(broken, tmp_path):
    target, file, code, mark = broken
    out = tmp_path / "bilan.md"
    proc = run("report", target, "--year", "2024", "-f", "md", "-o", out)
    _stderr_lists(proc, target, file, code)
    text = out.read_text(encoding="utf-8")
    shown = re.findall(r"^### (\d+-\d+) · ", text, flags=re.M)
    expected = 15 if code == "CLS005" else 16  # only the fiche that is not YAML is missing
    assert len(shown) == expected
    assert mark in text


@pytest.mark.parametrize("broken", list(CASES), indirect=True)
def test_status_json_marks_the_file_and_exits_1(broken):
    target, file, code, mark = broken
    proc = run("status", target, "--year", "2024", "-f", "json")
    _stderr_lists(proc, target, file, code)
    out = json.loads(proc.stdout)
    assert len(out["fiches"]) == (15 if code == "CLS005" else 16)
    assert out["erreurs"][str(target / file)].startswith(f"{mark} ({target / file}) : ligne ")
    if file.startswith("fiches/") and code != "CLS005":
        assert [f["alerte"] for f in out["fiches"] if f["fichier"] == str(target / file)][0].startswith(mark)
    if code == "CLS024":  # the other meetings of the contract are still counted
        copil = next(g for g in out["gouvernance"] if g["id"] == "cotech")
        assert copil["nombre"] == 1


@pytest.mark.parametrize("broken", list(CASES), indirect=True)
def test_calendar_and_exports_follow_the_same_rule(broken, tmp_path):
    target, file, code, mark = broken
    calendar = run("calendar", target, "--year", "2024", "-f", "json")
    _stderr_lists(calendar, target, file, code)
    assert json.loads(calendar.stdout)["erreurs"][str(target / file)].startswith(mark)
    csv = run("export", target, "-f", "csv", "--csv-dialect", "standard")
    _stderr_lists(csv, target, file, code)
    rows = csv.stdout.strip().splitlines()
    assert len(rows) == 1 + 16  # a fiche that is not YAML keeps its row, which says why it is empty
    if file.startswith("fiches/"):
        assert sum(mark in row for row in rows) == 1
    exported = run("export", target, "-f", "json")
    _stderr_lists(exported, target, file, code)
    assert json.loads(exported.stdout)["territoires"][0]["erreurs"][str(target / file)].startswith(mark)
    tet = tmp_path / "tet.xlsx"
    _stderr_lists(run("export", target, "-f", "tet", "-o", tet), target, file, code)
    assert zipfile.is_zipfile(tet)
    flat = run("export", target, "-f", "oscars", "--year", "2024")
    _stderr_lists(flat, target, file, code)


def test_acceptance_bad_meeting_date_and_unknown_key(tmp_path):
    """Issue 19: the bilan of a territory with one bad meeting date and one fiche with an
    unknown key still shows every fiche, and the command exits 1 listing both errors."""
    target = tmp_path / "terr"
    shutil.copytree(EXAMPLE, target)
    _replace(target / "contrat.yaml", '"2024-06-20"', "20/06/2024")
    _append(target / FICHE, "cle_inconnue: 3\n")
    for fmt in ("html", "md", "docx", "pptx"):
        out = tmp_path / f"bilan.{fmt}"
        proc = run("report", target, "--year", "2024", "-f", fmt, "-o", out)
        assert proc.returncode == 1
        assert re.search(r"contrat\.yaml:35:15: erreur CLS024 date « 20/06/2024 »", proc.stderr)
        assert re.search(r"fiches/2-1\.yaml:\d+:1: erreur CLS020 clé inconnue « cle_inconnue »", proc.stderr)
        if fmt in ("docx", "pptx"):
            with zipfile.ZipFile(out) as z:
                text = " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
        else:
            text = out.read_text(encoding="utf-8")
        assert "Fiche incomplète" in text and "Contrat incomplet" in text
        if fmt == "md":
            assert len(re.findall(r"^### \d+-\d+ · ", text, flags=re.M)) == 16


def test_overview_and_compare_follow_the_same_rule(tmp_path):
    for name in ("a", "b"):
        shutil.copytree(EXAMPLE, tmp_path / name)
    _append(tmp_path / "b" / FICHE, "cle_inconnue: 3\n")
    out = tmp_path / "vue.md"
    proc = run("report", tmp_path, "--year", "2024", "-f", "md", "-o", out)
    _stderr_lists(proc, tmp_path, "b/" + FICHE, "CLS020")
    assert "Fiche incomplète (" in out.read_text(encoding="utf-8")
    _stderr_lists(run("compare", tmp_path), tmp_path, "b/" + FICHE, "CLS020")


def test_warnings_do_not_change_the_exit_code():
    proc = run("status", EXAMPLE, "--year", "2024")
    assert run("validate", EXAMPLE).returncode == 0  # warnings only
    assert proc.returncode == 0 and proc.stderr == ""


def test_a_bom_is_a_warning_that_fmt_removes(territory, tmp_path):
    """A BOM is valid YAML: validate warns (CLS002), the reading commands use the fiche and exit
    0, and fmt removes it."""
    path = territory.fiche("1-1", b'\xef\xbb\xbfid: "1-1"\naxe: "1"\ntitre: Action fictive\n')
    checked = run("validate", "--no-cache", "terr", cwd=tmp_path)
    assert checked.returncode == 0 and "terr/fiches/1-1.yaml:1:1: avertissement CLS002" in checked.stdout
    status = run("status", "terr", "--year", "2024", "-f", "json", cwd=tmp_path)
    assert status.returncode == 0 and status.stderr == ""
    assert [f["id"] for f in json.loads(status.stdout)["fiches"]] == ["1-1"]
    assert run("fmt", "terr", cwd=tmp_path).returncode == 0
    assert path.read_bytes().startswith(b"id:")
    assert "CLS002" not in run("validate", "--no-cache", "terr", cwd=tmp_path).stdout


def test_a_contract_that_cannot_be_read_at_all_gives_its_error_and_no_report(tmp_path):
    # the period is required: out of bounds, nothing of the contract is left to build a report on
    target = tmp_path / "terr"
    shutil.copytree(EXAMPLE, target)
    _replace(target / "contrat.yaml", "  fin: 2027\n", "  fin: 20270\n")
    out = tmp_path / "bilan.html"
    proc = run("report", target, "--year", "2024", "-o", out)
    _stderr_lists(proc, target, "contrat.yaml", "CLS024")
    assert "le bilan a besoin du contrat ; aucun bilan écrit" in proc.stderr
    assert not out.exists()
