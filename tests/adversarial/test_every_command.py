"""Every command over every hostile case (tests/adversarial/adversarial_cases.py): a French
message with its position and an exit code of 0, 1 or 2 — never « Erreur interne », never a
traceback, never an unbounded run.

The commands run in-process (``clstool.cli.main``), as the console script does; each case has
10 seconds of processor time for all of them (not wall-clock time, which a busy machine
stretches). A second test mutates the real files of data/ (hypothesis, a bounded number of
examples) and asserts the same of validate, status and export.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest
from adversarial_cases import CASES, CONTRAT, FICHE_1, territory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clstool.cli import main

ROOT = Path(__file__).resolve().parents[2]
#: a diagnostic line: « chemin:ligne:colonne: sévérité CODE message »
DIAGNOSTIC = re.compile(r"^.+:\d+:\d+: (erreur|avertissement|info) CLS\d{3} \S")


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def check(code: int, output: str, what: str) -> None:
    assert code in (0, 1, 2), f"{what} : code {code}\n{output}"
    assert "Erreur interne" not in output, f"{what}\n{output}"
    assert "Traceback" not in output, f"{what}\n{output}"
    for line in output.splitlines():
        if re.search(r"\bCLS\d{3}\b", line) and not line.startswith(("Par code", "Aide", "  ")):
            if re.match(r"^\S+\.yaml\b|^\S+/fiches\b", line):
                assert DIAGNOSTIC.match(line), f"{what} : diagnostic sans position : {line}"


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    """A TeT workbook exported from the fictitious territory, for ``import tet``."""
    folder = territory(tmp_path_factory.mktemp("source") / "terr")
    out = folder.parent / "plan.xlsx"
    assert main(["export", "-f", "tet", "-o", str(out), str(folder)]) in (0, 1)
    return out


def commands(target: Path, out: Path, workbook: Path) -> list[list[str]]:
    t = str(target)
    return [
        ["validate", "--no-cache", t],
        ["validate", "--cache-dir", str(out / "cache"), t],
        ["validate", "--no-cache", "-f", "json", t],
        ["status", "--year", "2024", t],
        ["status", "--year", "2024", "-f", "json", t],
        ["calendar", "--year", "2024", "-f", "ics", t],
        ["report", "--year", "2024", "-o", str(out / "bilan.html"), t],
        *(["export", "-f", f, "-o", str(out / f"export.{f}"), t] for f in ("csv", "json", "xlsx", "tet")),
        ["fmt", "--check", t],
        ["fmt", t],
        ["new", t, "--axe", "1", "--titre", "Nouvelle action fictive"],
        ["schema", "fiche"],
        ["rules", "--all"],
        ["import", "tet", str(workbook), "-o", str(out / "importe"), "--annee", "2024"],
    ]


@pytest.mark.parametrize("name", list(CASES))
def test_every_command_survives(name, tmp_path, capsys, workbook):
    target = CASES[name](tmp_path / "cas")
    out = tmp_path / "sorties"
    out.mkdir()
    start = time.process_time()  # processor time: a busy machine does not make a bounded run look unbounded
    for argv in commands(target, out, workbook):
        code, output = run(capsys, *argv)
        check(code, output, f"{name} : clstool {' '.join(argv)}")
    assert time.process_time() - start < 10, f"{name} : plus de 10 s de calcul"


# --- the findings of the issue, one by one: the message, its position, the exit code ----------


def _validate(capsys, folder: Path) -> tuple[int, str]:
    return run(capsys, "validate", "--no-cache", str(folder))


@pytest.mark.parametrize("value", ["20270", "0", "-1", "10000", "99999999999"])
def test_contract_end_out_of_bounds_is_cls024_at_its_position(value, tmp_path, capsys):
    code, output = _validate(capsys, CASES[f"fin-{value}"](tmp_path / "t"))
    assert code == 1
    assert re.search(rf"contrat\.yaml:6:8: erreur CLS024 année {re.escape(value[:20])}\S* hors des bornes "
                     r"\(1900 à 2100\)", output), output


def test_impossible_date_and_short_year(tmp_path, capsys):
    code, output = _validate(capsys, CASES["fin-2022-02-30"](tmp_path / "a"))
    assert code == 1 and "contrat.yaml:6:8: erreur CLS024 date « 2022-02-30 » impossible" in output
    code, output = _validate(capsys, CASES["debut-202"](tmp_path / "b"))
    assert code == 1 and "contrat.yaml:5:10: erreur CLS024 année 202 hors des bornes" in output


def test_other_territories_are_still_validated(tmp_path, capsys):
    CASES["fin-0"](tmp_path / "data" / "a")
    broken = territory(tmp_path / "data" / "b", fiches={"1-2.yaml": FICHE_1.replace("axe: \"1\"", "axe: \"9\"")})
    code, output = _validate(capsys, tmp_path / "data")
    assert code == 1 and "CLS024" in output and "CLS103" in output, output
    assert str(broken) in output or "b/fiches" in output


@pytest.mark.parametrize("case, where", [
    ("montant-2e308", "1-1.yaml:6:14"), ("montant-1.7e308", "1-1.yaml:6:14"),
    ("montant-1e999", "1-1.yaml:6:14"), ("montant-5000-chiffres", "1-1.yaml:6:14"),
    ("mesure-1e300", "1-1.yaml:21:11"),
])
def test_numbers_out_of_bounds(case, where, tmp_path, capsys):
    code, output = _validate(capsys, CASES[case](tmp_path / "t"))
    assert code == 1 and re.search(rf"{re.escape(where)}: erreur CLS02[24] ", output), output
    code, output = run(capsys, "export", "-f", "json", str(tmp_path / "t"))
    assert "Infinity" not in output and "NaN" not in output


@pytest.mark.parametrize("case, where", [
    ("id-exposant", "1-1.yaml:1:5"), ("id-5000-chiffres", "1-1.yaml:1:5"), ("indicateur-id-long", "1-1.yaml:12:9"),
])
def test_identifiers_are_bounded(case, where, tmp_path, capsys):
    code, output = _validate(capsys, CASES[case](tmp_path / "t"))
    assert code == 1 and f"{where}: erreur CLS024 identifiant" in output, output


@pytest.mark.parametrize("year", ["0", "-1", "10000", "99999999999999999999"])
@pytest.mark.parametrize("command", ["status", "calendar", "report"])
def test_year_option_out_of_bounds_is_a_usage_error(command, year, tmp_path, capsys):
    folder = territory(tmp_path / "t")
    code, output = run(capsys, command, f"--year={year}", str(folder))
    assert code == 2 and "année hors des bornes (1900 à 2100)" in output and "Erreur interne" not in output


@pytest.mark.parametrize("option", [["--annee", "0"], ["--annee", "99999999999999999999"], ["--periode", "0000-0001"],
                                    ["--periode", "2025-9999"]])
def test_import_tet_year_and_period_bounds(option, workbook, tmp_path, capsys):
    code, output = run(capsys, "import", "tet", str(workbook), "-o", str(tmp_path / "x"), *option)
    assert code == 2 and "hors des bornes" in output, output
    assert not (tmp_path / "x").exists()


def test_alias_expansion_is_bounded_in_bytes(tmp_path, capsys):
    start = time.monotonic()
    code, output = _validate(capsys, CASES["alias-octets"](tmp_path / "t"))
    assert code == 1 and re.search(r"1-3\.yaml:\d+:\d+: erreur CLS007 les alias démultiplient le texte", output)
    assert time.monotonic() - start < 5


def test_fifo_is_refused_without_hanging(tmp_path, capsys):
    folder = CASES["tube-nomme"](tmp_path / "t")
    code, output = run(capsys, "validate", "--no-cache", str(folder / "fiches" / "1-3.yaml"))
    assert code == 1 and "1-3.yaml:1:1: erreur CLS010 ce n'est pas un fichier ordinaire" in output, output


def _zero_link(root: Path) -> Path:
    territory(root)
    (root / "fiches" / "1-3.yaml").symlink_to("/dev/zero")
    return root / "fiches" / "1-3.yaml"


@pytest.mark.parametrize("target", ["dev-zero", "fifo", "link-to-dev-zero"])
def test_devices_on_the_command_line_are_refused_without_hanging(target, tmp_path, capsys):
    path = {"dev-zero": lambda: Path("/dev/zero"),
            "fifo": lambda: CASES["tube-nomme"](tmp_path / "t") / "fiches" / "1-3.yaml",
            "link-to-dev-zero": lambda: _zero_link(tmp_path / "t")}[target]()
    for argv in (["validate", "--no-cache"], ["fmt", "--check"], ["fmt"], ["export", "-f", "json"],
                 ["status", "--year", "2024"]):
        start = time.monotonic()
        code, output = run(capsys, *argv, str(path))
        check(code, output, f"{target} : {' '.join(argv)}")
        assert code in (1, 2) and time.monotonic() - start < 5, output
        assert str(path) in output, output  # named: refused (validate, fmt) or left out (status, export)
        assert re.search(r"n'est pas un fichier YAML|pas un fichier ordinaire|ignoré", output), output


def test_fmt_drops_a_str_tag_and_keeps_the_text(tmp_path, capsys):
    folder = CASES["etiquette-str"](tmp_path / "t")
    assert run(capsys, "fmt", str(folder))[0] == 0
    assert (folder / "fiches" / "1-1.yaml").read_text(encoding="utf-8") == FICHE_1
    assert run(capsys, "fmt", "--check", str(folder))[0] == 0


def test_too_large_file_is_refused_before_reading(tmp_path, capsys, monkeypatch):
    from clstool import fsutil

    folder = territory(tmp_path / "t")
    big = folder / "fiches" / "1-3.yaml"
    with open(big, "wb") as handle:  # sparse: 6 MB announced, nothing to read
        handle.truncate(6 * 1024 * 1024)
    reads: list[int] = []
    real = fsutil.os.read

    def counted(fd, n):
        data = real(fd, n)
        reads.append(len(data))
        return data

    monkeypatch.setattr(fsutil.os, "read", counted)
    code, output = _validate(capsys, folder)
    assert code == 1 and "1-3.yaml:1:1: erreur CLS009 fichier trop volumineux" in output, output
    assert sum(reads) < 1024 * 1024  # the three small files only


def test_non_utf8_configuration_is_a_usage_error(tmp_path, capsys):
    code, output = _validate(capsys, CASES["config-latin1"](tmp_path / "t"))
    assert code == 2 and "clstool.toml:2:4 : le fichier de configuration n'est pas en UTF-8 (octet 0xE9)" in output


def test_per_file_ignores_glob_is_linear(tmp_path, capsys):
    start = time.monotonic()
    code, output = _validate(capsys, CASES["glob-catastrophique"](tmp_path / "t"))
    assert code in (0, 1) and time.monotonic() - start < 3, output


def test_keys_that_are_not_text_are_french(tmp_path, capsys):
    for case, message in (("cle-liste", "une clé doit être un texte simple"),
                          ("cle-complexe", "une clé doit être un texte simple"),
                          ("cle-nulle", "la clé « None » doit être un texte")):
        code, output = _validate(capsys, CASES[case](tmp_path / case))
        assert code == 1 and re.search(rf"1-3\.yaml:\d+:\d+: erreur CLS0\d\d {message}", output), output
        assert "should" not in output


def test_bom_is_a_warning_that_fmt_removes(tmp_path, capsys):
    folder = CASES["bom"](tmp_path / "t")
    code, output = _validate(capsys, folder)
    assert "1-3.yaml:1:1: avertissement CLS002" in output and "erreur CLS002" not in output
    assert run(capsys, "fmt", str(folder))[0] == 0
    assert not (folder / "fiches" / "1-3.yaml").read_bytes().startswith(b"\xef\xbb\xbf")


def test_axes_of_the_wrong_shape(tmp_path, capsys):
    for case in ("axes-3", "axes-true"):
        folder = CASES[case](tmp_path / case)
        code, output = _validate(capsys, folder)
        assert code == 1 and "contrat.yaml:7:7: erreur CLS022" in output, output
        code, output = run(capsys, "new", str(folder), "--axe", "1", "--titre", "T")
        assert code == 2 and "axe « 1 » absent de contrat.yaml" in output, output


def test_new_refuses_an_id_with_a_newline(tmp_path, capsys):
    folder = territory(tmp_path / "t")
    code, output = run(capsys, "new", str(folder), "--axe", "1", "--titre", "T", "--id", "9-9\n")
    assert code == 2 and "identifiant « '9-9\\n' » invalide" in output, output
    assert sorted(p.name for p in (folder / "fiches").iterdir()) == ["1-1.yaml", "1-2.yaml"]


def test_undecodable_file_name_is_shown_escaped(tmp_path, capsys):
    folder = CASES["nom-non-utf8"](tmp_path / "t")
    for argv in (["validate", "--no-cache", str(folder)], ["export", "-f", "json", str(folder)],
                 ["fmt", "--check", str(folder)]):
        code, output = run(capsys, *argv)
        check(code, output, " ".join(argv))


def test_fmt_keeps_going_and_keeps_yaml11_quotes(tmp_path, capsys):
    folder = territory(tmp_path / "t", fiches={
        "1-1.yaml": FICHE_1.replace("titre: Action fictive\n", "titre: Action fictive\nmoyens: []  # commentaire\n"),
        "1-2.yaml": 'id: "1-2"\naxe: "1"\ntitre: T\nsous_titre: "no"\ndefinition: "1:30"\nnotes: ["on", "2024-03-15", oui]\n',
        "1-3.yaml": 'id: "1-3"\naxe: "1"\ntitre: T\ntitre: U\n',  # broken: reported, the others formatted
        "1-4.yaml": "titre: T\nid: '1-4'\naxe: '1'\n",
    })
    code, output = run(capsys, "fmt", str(folder))
    assert code == 2 and "1-3.yaml: 4:1: clé « titre » en double" in output, output
    assert (folder / "fiches" / "1-4.yaml").read_text() == 'id: "1-4"\naxe: "1"\ntitre: T\n'
    text = (folder / "fiches" / "1-2.yaml").read_text()
    assert 'sous_titre: "no"' in text and 'definition: "1:30"' in text and '- "on"' in text
    assert '- "2024-03-15"' in text and "- oui" in text
    assert "moyens: []  # commentaire" in (folder / "fiches" / "1-1.yaml").read_text()
    assert run(capsys, "fmt", "--check", str(folder))[0] == 2  # only the broken one is left


def test_fmt_writes_through_a_symbolic_link(tmp_path, capsys):
    folder = territory(tmp_path / "t")
    real = tmp_path / "ailleurs.yaml"
    real.write_text("titre: T\nid: '1-3'\naxe: '1'\n", encoding="utf-8")
    (folder / "fiches" / "1-3.yaml").symlink_to(real)
    assert run(capsys, "fmt", str(folder))[0] == 0
    assert (folder / "fiches" / "1-3.yaml").is_symlink()
    assert real.read_text() == 'id: "1-3"\naxe: "1"\ntitre: T\n'


def test_unreadable_folders_are_reported(tmp_path, capsys, monkeypatch):
    """As root, chmod does not deny: the listing of the folder is made to fail (EACCES)."""
    import errno
    import os

    from clstool.yamlio import load

    territory(tmp_path / "data" / "a")
    territory(tmp_path / "data" / "b")
    real_scandir = os.scandir

    def denied(path):
        if str(path).endswith(("/b", "/a/fiches")):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(load.os, "scandir", denied)
    monkeypatch.setattr(os, "scandir", denied)  # os.walk lists folders with it
    code, output = _validate(capsys, tmp_path / "data")
    assert code == 1, output
    assert re.search(r"data/b:1:1: erreur CLS010 dossier illisible : permission refusée", output), output
    assert re.search(r"data/a/fiches:1:1: erreur CLS010 dossier illisible : permission refusée", output), output
    code, output = run(capsys, "fmt", "--check", str(tmp_path / "data"))
    assert code == 2 and "dossier illisible" in output and "Erreur interne" not in output


# --- mutations of the real files ------------------------------------------------------------------
#
# CI: 25 examples, derandomized. benchmarks/fuzz_long.py sets CLSTOOL_FUZZ_MUTATIONS for the long
# run: that many random examples (its seed), and every command of the list below on each.

MUTATIONS = int(os.environ.get("CLSTOOL_FUZZ_MUTATIONS", "0"))
REAL = sorted((ROOT / "data").rglob("fiches/*.yaml")) + sorted((ROOT / "examples").rglob("fiches/*.yaml"))
CONTRATS = sorted((ROOT / "data").glob("*/contrat.yaml")) + sorted((ROOT / "examples").glob("*/contrat.yaml"))
HOSTILE = ["1e999", "-1e999", "9" * 400, "0", "-1", "99999999999", "2022-02-30", "1-²", "!!str x", "&a x",
           "*a", "[", "{a: 1}", "[a, b]", "~", "true", '"\\x01\\x7f"', '"\\u2028"', "''", "|\n  x", "x" * 5000,
           "20270", "no", '"1:30"', "[]  # c", "2024-13-01", "1.5", ".inf", "0x1F", "-", "? x", "a: b", "\t"]


@st.composite
def mutated(draw) -> tuple[str, bytes]:
    path = draw(st.sampled_from(REAL + CONTRATS if MUTATIONS else REAL))
    lines = path.read_text(encoding="utf-8").split("\n")
    kind = draw(st.sampled_from(["scalar", "duplicate", "control"]))
    index = draw(st.integers(0, len(lines) - 1))
    line = lines[index]
    if kind == "scalar" and ": " in line:
        key = line.split(": ", 1)[0]
        lines[index] = f"{key}: {draw(st.sampled_from(HOSTILE))}"
    elif kind == "scalar" and line.lstrip().startswith("- "):
        lines[index] = line[: line.index("- ") + 2] + draw(st.sampled_from(HOSTILE))
    elif kind == "duplicate":
        lines.insert(index, line)
    else:
        at = draw(st.integers(0, len(line)))
        lines[index] = line[:at] + draw(st.sampled_from(["\x00", "\x01", "\x1b", "\x7f", "\u2028", "\ufeff"])) + line[at:]
    return path.name, "\n".join(lines).encode("utf-8")


def _mutated_commands(folder: Path, out: Path) -> list[list[str]]:
    t = str(folder)
    quick = [["validate", "--no-cache", t], ["status", "--year", "2024", t], ["export", "-f", "json", t],
             ["fmt", "--check", t]]
    if not MUTATIONS:
        return quick
    return [*quick, ["calendar", "--year", "2024", "-f", "ics", t],
            ["report", "--year", "2024", "-o", str(out / "bilan.html"), t],
            *(["export", "-f", f, "-o", str(out / f"export.{f}"), t] for f in ("csv", "xlsx", "tet"))]


@settings(max_examples=MUTATIONS or 25, deadline=None, derandomize=not MUTATIONS,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(case=mutated())
def test_mutated_real_fiches(case, tmp_path_factory, capsys):
    name, raw = case
    root = tmp_path_factory.mktemp("mut")
    if name == "contrat.yaml":
        folder = territory(root / "t", contrat=raw.decode("utf-8"))
    else:
        folder = territory(root / "t", contrat=CONTRAT.replace("  fin: 2027", "  fin: 2030"), fiches={name: raw})
    (root / "sorties").mkdir()
    start = time.monotonic()
    for argv in _mutated_commands(folder, root / "sorties"):
        code, output = run(capsys, *argv)
        check(code, output, f"{name} : {' '.join(argv)}")
    assert time.monotonic() - start < (10 if not MUTATIONS else 30)
    if MUTATIONS:  # fmt writes, then finds nothing left to do (idempotent) on what it could format
        code, output = run(capsys, "fmt", str(folder))
        check(code, output, f"{name} : fmt")
        again, output = run(capsys, "fmt", "--check", str(folder))
        assert again == (2 if code == 2 else 0), f"{name} : fmt puis fmt --check : {again}\n{output}"
    shutil.rmtree(root, ignore_errors=True)
