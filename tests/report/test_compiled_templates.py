"""The report's templates are compiled once and kept between runs (Jinja's bytecode cache); a
cache that cannot be used only makes the run slower. Data: the FICTITIOUS example
``examples/montpellier-suivi``."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest

from clstool.report import render as render_module
from clstool.report.build import build
from clstool.report.render import render
from clstool.yamlio.load import load

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def report():
    return build(load([str(ROOT / "examples" / "montpellier-suivi")]), 2024, dt.date(2024, 12, 31))


@pytest.fixture
def temp(tmp_path, monkeypatch) -> Path:
    """A temporary directory of its own, and the cache looked up again."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    render_module._compiled.cache_clear()
    yield tmp_path
    render_module._compiled.cache_clear()


def _entries(temp: Path, fmt: str) -> list[Path]:
    return sorted(temp.glob(f"_jinja2-cache-*/__clstool_{fmt}_*.cache"))


def test_templates_are_compiled_once_and_the_output_is_the_same(temp, report):
    first = render(report, "html")
    entries = _entries(temp, "html")
    assert len(entries) >= 2  # the report and the macros it imports
    assert (entries[0].parent.stat().st_mode & 0o777) == 0o700  # private to the user
    stamps = {p: p.stat().st_mtime_ns for p in entries}
    assert render(report, "html") == first
    assert {p: p.stat().st_mtime_ns for p in _entries(temp, "html")} == stamps  # read, not written again
    render(report, "md")
    assert _entries(temp, "md") and not set(_entries(temp, "md")) & set(entries)  # each format its own


def test_a_damaged_entry_is_compiled_again(temp, report):
    first = render(report, "html")
    for entry in _entries(temp, "html"):
        entry.write_bytes(entry.read_bytes()[:40] + b"\x00garbage")
    assert render(report, "html") == first


def test_a_changed_template_is_compiled_again(temp, report, tmp_path_factory):
    own = tmp_path_factory.mktemp("modeles")
    (own / "report.md.j2").write_text("Bilan {{ r.annee }}\n", encoding="utf-8")
    assert render(report, "md", own) == "Bilan 2024\n"
    (own / "report.md.j2").write_text("Rapport {{ r.annee }}\n", encoding="utf-8")
    assert render(report, "md", own) == "Rapport 2024\n"


def test_no_usable_temporary_directory_only_means_no_cache(tmp_path, monkeypatch, report):
    blocker = tmp_path / "fichier"
    blocker.write_text("")
    monkeypatch.setattr(tempfile, "tempdir", str(blocker))  # a file: no folder can be made in it
    render_module._compiled.cache_clear()
    try:
        assert render_module._compiled("html") is None
        assert "Bilan 2024" in render(report, "html")
    finally:
        render_module._compiled.cache_clear()
