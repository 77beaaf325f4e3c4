"""`clstool validate` as a user runs it: exit codes, output formats, paths as given."""

from __future__ import annotations

import json

from conftest import run


def test_real_data_is_valid_and_json_has_the_design_shape():
    proc = run("validate", "data/montpellier", "data/clermont", "--format", "json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = json.loads(proc.stdout)
    assert list(out) == ["version", "files", "fiches", "summary", "diagnostics"]
    assert out["version"] == 1
    assert out["fiches"] == 49 and out["files"] == 51
    assert out["summary"]["error"] == 0
    assert set(out["summary"]) == {"error", "warning", "info"}
    for d in out["diagnostics"]:
        assert list(d) == ["file", "line", "column", "severity", "code", "path", "message"]


def test_json_diagnostic_fields_and_relative_paths(territory, tmp_path):
    territory.fiche("1-1", 'id: "1-1"\naxe: "1"\ntitre: A\ntypologie: [nouvel]\n')
    proc = run("validate", "terr", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1
    out = json.loads(proc.stdout)
    assert out["summary"] == {"error": 1, "warning": 0, "info": 0}
    assert out["diagnostics"] == [{
        "file": "terr/fiches/1-1.yaml", "line": 4, "column": 13, "severity": "error",
        "code": "CLS023", "path": "typologie[0]",
        "message": "valeur « nouvel » non autorisée ; valeurs possibles : nouvelle, experimentale, "
                   "renforcement ; vouliez-vous dire « nouvelle » ?"}]


def test_text_format_one_line_per_problem_plain_when_piped(territory, tmp_path):
    territory.fiche("1-1", 'id: "1-1"\naxe: "9"\ntitre: A\n')
    proc = run("validate", "terr", cwd=tmp_path)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0] == "terr/fiches/1-1.yaml:2:6: erreur CLS103 axe « 9 » absent de contrat.yaml (axes : 1, 2)"
    assert lines[-1].startswith("Trouvé : 1 erreur, 0 avertissement")
    assert "\x1b[" not in proc.stdout


def test_text_is_coloured_on_a_terminal_unless_no_color(territory, tmp_path):
    territory.fiche("1-1", 'id: "1-1"\naxe: "9"\ntitre: A\n')
    coloured = run("validate", "terr", cwd=tmp_path, env={"FORCE_COLOR": "1", "TERM": "xterm"})
    assert "\x1b[" in coloured.stdout
    plain = run("validate", "terr", cwd=tmp_path, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in plain.stdout


def test_single_file_and_default_current_folder(territory, tmp_path):
    territory.fiche("1-1")
    proc = run("validate", "fiches/1-1.yaml", "--format", "json", cwd=territory.root)
    out = json.loads(proc.stdout)
    assert proc.returncode == 0 and (out["files"], out["fiches"]) == (1, 1)
    proc = run("validate", "--format", "json", cwd=territory.root)
    assert json.loads(proc.stdout)["files"] == 2


def test_single_file_is_checked_against_its_contract(territory):
    path = territory.fiche("1-1", 'id: "1-1"\naxe: "5"\ntitre: A\n')
    proc = run("validate", str(path))
    assert proc.returncode == 1 and "CLS103" in proc.stdout


def test_missing_path_is_a_usage_error():
    proc = run("validate", "nulle-part")
    assert proc.returncode == 2
    assert "chemin introuvable : nulle-part" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_flag_is_a_usage_error():
    for args in (["validate", "--nope"], ["validate", "--format", "pdf"], ["nope"]):
        proc = run(*args)
        assert proc.returncode == 2, args
        assert "Erreur d'utilisation" in proc.stderr and "--help" in proc.stderr
        assert "Traceback" not in proc.stderr and "Erreur interne" not in proc.stderr


def test_select_and_ignore_by_prefix(territory, tmp_path):
    territory.fiche("1-1", 'id: "1-1"\naxe: "9"\ntitre: A\ntypologie: [x]\n')
    only = run("validate", "terr", "--format", "json", "--select", "CLS1", cwd=tmp_path)
    assert {d["code"] for d in json.loads(only.stdout)["diagnostics"]} == {"CLS103"}
    ignored = run("validate", "terr", "--format", "json", "--ignore", "CLS103,CLS023", cwd=tmp_path)
    assert ignored.returncode == 0 and json.loads(ignored.stdout)["diagnostics"] == []


def test_no_traceback_on_every_bad_input(territory, tmp_path):
    bad = {
        "a": b"\xff\xfe\x00x", "b": b"id: [\n", "c": b"\t- x\n", "d": b"", "e": b"- 1\n",
        "f": b"a: " + b"[" * 3000 + b"]" * 3000, "g": "é: 1\n".encode("latin-1"),
    }
    for name, raw in bad.items():
        territory.fiche(name, raw)
    proc = run("validate", "terr", cwd=tmp_path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    proc = run("validate", "terr", "--format", "json", "--select", "CLS0", cwd=tmp_path)
    files = {d["file"] for d in json.loads(proc.stdout)["diagnostics"]}
    assert len(files) == len(bad)
