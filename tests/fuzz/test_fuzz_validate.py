"""Fuzzing: whatever the bytes, clstool answers with diagnostics, never a traceback
(docs/regles.md#codes-cls0xx-et-cls1xx, benchmarks/FUZZ.md).

Properties, for random bytes, damaged YAML and fiches built from the models then damaged:

- ``load_file`` and ``validate`` never raise;
- every diagnostic has a valid position: line ≥ 1, column ≥ 1, line ≤ number of lines + 1,
  column ≤ length of that line + 1;
- the command line exits with 0, 1 or 2 and never prints a traceback or an internal error.

Bounded for CI (``CLSTOOL_FUZZ_EXAMPLES``, default 200 per property, < 60 s in all);
``benchmarks/fuzz_long.py`` runs the same properties with many more examples.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fuzz_strategies import (
    CONTRAT,
    fuzz_settings,
    mutated_yaml,
    random_bytes,
    schema_fiches,
)
from hypothesis import example, given
from hypothesis import strategies as st

from clstool.cli import main
from clstool.lint.run import validate
from clstool.yamlio.load import SourceFile, load_file

#: Line breaks. libyaml's marks (most positions) count NEL, LS and PS too (YAML 1.1);
#: editors and the positions clstool computes itself count CR LF, CR and LF only. A position
#: must be valid under one of the two (they differ only in files holding U+0085/2028/2029).
_BREAKS = (re.compile("\r\n|[\r\n\x85\u2028\u2029]"), re.compile("\r\n|[\r\n]"))

any_input = st.one_of(random_bytes, mutated_yaml(), schema_fiches())


@pytest.fixture(scope="module")
def terr(tmp_path_factory) -> Path:
    """The territory the examples are written into; the CLI's cache goes to a temporary folder
    (fuzzed too: every example is a new content to store and look up)."""
    base = tmp_path_factory.mktemp("fuzz")
    root = base / "terr"
    (root / "fiches").mkdir(parents=True)
    (root / "contrat.yaml").write_text(CONTRAT, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLSTOOL_CACHE_DIR", str(base / "cache"))
        yield root


def _lines(raw: bytes, breaks: re.Pattern) -> list[str]:
    text = raw.decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return breaks.split(text)


def _valid(line: int, column: int, lines: list[str]) -> bool:
    """line ≤ number of lines + 1, and column ≤ length of that line + 1."""
    return line <= len(lines) + 1 and (line > len(lines) or column <= len(lines[line - 1]) + 1)


def assert_positions(diagnostics, raw_of: dict[str, bytes]) -> None:
    for d in diagnostics:
        assert d.line >= 1 and d.column >= 1, d
        raw = raw_of.get(Path(d.file).name)
        if raw is None:
            continue
        views = [_lines(raw, breaks) for breaks in _BREAKS]
        assert any(_valid(d.line, d.column, lines) for lines in views), (d, views[-1][d.line - 2:d.line + 1])


def _write(terr: Path, raw: bytes, name: str = "1-1.yaml") -> Path:
    path = terr / "fiches" / name
    path.write_bytes(raw)
    return path


@fuzz_settings(1.0)
@given(raw=any_input)
@example(raw=b"\r\x00")  # found by fuzzing: positions after a lone CR
@example(raw=b"\xc2\xa0\xc2\xa0\x00")  # found by fuzzing: bytes counted as characters
@example(raw=b"(:\xc2\x85\n \t")  # found by benchmarks/fuzz_long.py: NEL, then a tab
def test_load_file_never_raises(terr, raw):
    path = _write(terr, raw)
    source = load_file(SourceFile(str(path), path, "fiche"))
    assert_positions(source.diagnostics, {path.name: raw})
    if source.model is None:
        assert source.diagnostics, "a file that does not load must say why"


@fuzz_settings(0.5)
@given(raw=any_input)
def test_load_contrat_never_raises(terr, raw):
    path = terr.parent / "contrat-fuzz.yaml"
    path.write_bytes(raw)
    source = load_file(SourceFile(str(path), path, "contrat"))
    assert_positions(source.diagnostics, {path.name: raw})


@fuzz_settings(0.5)
@given(raw=any_input, second=any_input)
def test_validate_never_raises_and_positions_are_valid(terr, raw, second):
    _write(terr, raw)
    _write(terr, second, "1-2.yaml")
    result = validate([str(terr)])
    assert_positions(result.diagnostics, {"1-1.yaml": raw, "1-2.yaml": second,
                                          "contrat.yaml": CONTRAT.encode()})
    json.dumps(result.to_json(), ensure_ascii=False)


@fuzz_settings(0.3)
@given(raw=schema_fiches(mutate=False))
def test_fiches_built_from_the_models_pass_the_schema(terr, raw):
    """The generator and the models agree: an undamaged generated fiche has no schema error."""
    path = _write(terr, raw)
    (terr / "fiches" / "1-2.yaml").unlink(missing_ok=True)
    source = load_file(SourceFile(str(path), path, "fiche"))
    assert source.model is not None, [(d.code, d.path, d.message) for d in source.diagnostics]


@pytest.mark.parametrize("raw, line, column", [
    (b"\xc2\xa0\xc2\xa0\x00", 1, 3),                 # NUL after two accented characters
    ("titre: éééééé\nb: x\x07\n".encode(), 2, 5),      # control character after accents
    (b"a: 1\r\x00", 2, 1),                             # NUL after a lone CR (old Mac line end)
    (b"a: 1\r\r\nb: \xe9t\xe9\r\r\n", 3, 4),           # Latin-1 byte, CR CR LF line ends
])
def test_positions_outside_libyaml_marks(raw, line, column):
    """Positions clstool computes itself (decoding, forbidden characters) count characters,
    not UTF-8 bytes, and treat a lone CR as a line break, like libyaml's marks."""
    from clstool.yamlio.read import YamlError, read_yaml

    with pytest.raises(YamlError) as caught:
        read_yaml(raw)
    assert (caught.value.problem.line, caught.value.problem.column) == (line, column)


def test_tab_indentation_with_cr_line_ends():
    """Found by benchmarks/fuzz_long.py: with old-Mac line ends (lone CR) a tab used to indent
    gets the generic « caractère qui ne peut pas commencer une valeur » instead of CLS003."""
    from clstool.yamlio.read import YamlError, read_yaml

    with pytest.raises(YamlError) as caught:
        read_yaml(b"a: 1\rb:\r\t- x\n")
    problem = caught.value.problem
    assert (problem.code, problem.line, problem.column) == ("CLS003", 3, 1)


@fuzz_settings(0.25)
@given(raw=any_input)
def test_cli_in_process_exit_codes(terr, raw):
    _write(terr, raw)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", str(terr), "--format", "json"])
    assert code in (0, 1, 2), (code, err.getvalue())
    assert "Erreur interne" not in err.getvalue() + out.getvalue()
    assert "Traceback" not in err.getvalue() + out.getvalue()
    if code != 2:
        json.loads(out.getvalue())


@fuzz_settings(0.02)
@given(raw=any_input)
def test_cli_subprocess_exit_codes(terr, raw):
    """The real executable, on a few examples (a process per example is slow)."""
    _write(terr, raw)
    done = subprocess.run([sys.executable, "-m", "clstool", "validate", str(terr)], capture_output=True,
                          env={**os.environ, "NO_COLOR": "1"}, timeout=120)
    output = done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")
    assert done.returncode in (0, 1, 2), output
    assert "Traceback" not in output and "Erreur interne" not in output, output
