"""How ``report --format pdf`` prints: a layout-only first print, then the tagged final one, with a
Chromium started before the report is built. Data: the FICTITIOUS example ``examples/montpellier-suivi``."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

from documents import pages, text, tool

from clstool.cli import main
from clstool.report.build import build
from clstool.report.chromium import Browser
from clstool.report.pdf import LAYOUT_ONLY, SECTIONS, destinations
from clstool.report.render import render
from clstool.yamlio.load import load

ROOT = Path(__file__).resolve().parents[2]
SUIVI = str(ROOT / "examples" / "montpellier-suivi")


def test_the_layout_only_print_puts_every_anchor_on_the_page_the_painted_print_does(tmp_path):
    """What the first print is for: the pages of the sections and fiches, without painting them."""
    tool("chromium", "chromium")
    report = build(load([SUIVI]), 2024, dt.date(2024, 12, 31))
    anchors = [*SECTIONS, *(f.ancre for f in report.fiches)]
    report.pages = dict.fromkeys(anchors, 888)
    html = render(report, "html")
    with Browser(tmp_path) as browser:
        painted = browser.print_html(html, tagged=False)
        layout = browser.print_html(html + LAYOUT_ONLY, tagged=False)
    found = destinations(layout)
    assert {a: found.get(a) for a in anchors} == {a: destinations(painted).get(a) for a in anchors}
    assert all(found.get(f.ancre) for f in report.fiches)
    assert len(layout) * 5 < len(painted)  # nothing painted: no text, no chart
    (tmp_path / "layout.pdf").write_bytes(layout)
    assert "Bilan 2024" not in text(tmp_path / "layout.pdf")


def test_cli_full_pdf_is_tagged_and_its_contents_give_the_right_pages(tmp_path, capsys):
    """Through the command, whose Chromium starts before the territory is read."""
    tool("chromium", "chromium")
    target = tmp_path / "bilan.pdf"
    assert main(["report", SUIVI, "--year", "2024", "--as-of", "2024-12-31", "-f", "pdf", "-o", str(target)]) == 0
    info = subprocess.run([tool("pdfinfo", "poppler-utils"), str(target)], capture_output=True, text=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, re.M)  # the final print keeps the structure tree
    toc = text(target, 1, 3, layout=True)
    numbered = [(m.group(1), int(m.group(2))) for m in re.finditer(r"^\s*(\d-\d)\s.*?\s(\d+)\s*$", toc, re.M)]
    assert len(numbered) == 16 and all(1 < page <= pages(target) for _, page in numbered)
    for fiche, page in numbered:
        assert re.search(rf"(^|\n)\s*{fiche}\b", text(target, page, page)), fiche
    assert "888" not in toc


def test_built_in_templates_take_the_filled_page_and_need_no_second_load(tmp_path):
    """The numbers written in by the script give exactly the page the template writes."""
    from clstool.report.pdf import _filled

    report = build(load([SUIVI]), 2024, dt.date(2024, 12, 31))
    anchors = [*SECTIONS, *(f.ancre for f in report.fiches)]
    report.pages = dict.fromkeys(anchors, 888)
    placeholders = render(report, "html")
    report.pages = {a: i + 2 for i, a in enumerate(anchors[:-1])}  # one anchor not found: no number
    assert _filled(placeholders, report.pages) == render(report, "html")
    slots = set(re.findall(r'class="toc-page" data-ancre="([^"]+)"', placeholders))
    assert {f.ancre for f in report.fiches} | {"contrat", "calendrier"} <= slots


class _Counting(Browser):
    """The real browser, counting the pages it loads."""

    loads = 0

    def load(self, html: str) -> None:
        type(self).loads += 1
        super().load(html)


def _print_counting(target: Path, templates: Path | None = None) -> int:
    """The example's full report printed to ``target`` (with the user's ``templates``); returns
    how many pages the browser loaded."""
    from clstool.report.pdf import pdf_bytes, printer

    _Counting.loads = 0
    report = build(load([SUIVI]), 2024, dt.date(2024, 12, 31))
    with printer() as browser:
        browser.__class__ = _Counting
        target.write_bytes(pdf_bytes(report, templates, browser))
    return _Counting.loads


def _toc_pages(pdf: Path) -> list[tuple[str, int]]:
    toc = text(pdf, 1, 3, layout=True)
    return [(m.group(1), int(m.group(2))) for m in re.finditer(r"^\s*(\d-\d)\s.*?\s(\d+)\s*$", toc, re.M)]


def test_the_final_print_reuses_the_laid_out_page_or_loads_a_template_s_own(tmp_path):
    tool("chromium", "chromium")
    built_in = tmp_path / "integre.pdf"
    assert _print_counting(built_in) == 1  # the layout print's page, then numbers written in
    # a template whose numbers are written otherwise (no data-ancre): the page is loaded again
    own = tmp_path / "modeles"
    own.mkdir()
    macros = (ROOT / "templates" / "macros.html.j2").read_text(encoding="utf-8")
    (own / "macros.html.j2").write_text(macros.replace(
        '<span class="toc-page" data-ancre="{{ anchor }}">', '<span class="toc-page"><b>'
    ).replace('{{ r.pages.get(anchor, "") }}</span>', '{{ r.pages.get(anchor, "") }}</b></span>'), encoding="utf-8")
    custom = tmp_path / "propre.pdf"
    assert _print_counting(custom, own) == 2
    assert _toc_pages(custom) == _toc_pages(built_in) and len(_toc_pages(custom)) == 16
    for fiche, page in _toc_pages(custom):
        assert re.search(rf"(^|\n)\s*{fiche}\b", text(custom, page, page)), fiche


def test_a_page_the_script_cannot_change_is_loaded_again(tmp_path):
    """A template whose end swallows what follows (an unclosed comment): the script's target is
    not in the page and the script throws; the page is then loaded again, not trusted."""
    tool("chromium", "chromium")
    own = tmp_path / "modeles"
    own.mkdir()
    report_html = (ROOT / "templates" / "report.html.j2").read_text(encoding="utf-8")
    (own / "report.html.j2").write_text(report_html.replace("</html>", "</html>\n<!-- fin sans fermeture"),
                                        encoding="utf-8")
    pdf = tmp_path / "b.pdf"
    assert _print_counting(pdf, own) == 2
    assert "Bilan 2024" in text(pdf, 1, 1) and len(_toc_pages(pdf)) == 16


def test_a_chromium_that_the_system_cannot_run_is_said_in_french(tmp_path, capsys, monkeypatch):
    fake = tmp_path / "chromium"
    fake.write_bytes(b"\x00\x01\x02 pas un programme")
    fake.chmod(0o755)
    monkeypatch.setenv("CLSTOOL_CHROMIUM", str(fake))
    target = tmp_path / "b.pdf"
    assert main(["report", SUIVI, "--year", "2024", "-f", "pdf", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "Chromium n'a pas démarré : ce n'est pas un programme que le système sait lancer" in err
    assert not target.exists()


def test_the_headless_shell_is_preferred_to_the_browser(tmp_path, monkeypatch):
    from clstool.report.chromium import executable

    for name in ("chromium", "chromium-headless-shell"):
        (tmp_path / name).write_text("#!/bin/sh\n")
        (tmp_path / name).chmod(0o755)
    monkeypatch.delenv("CLSTOOL_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert executable() == str(tmp_path / "chromium-headless-shell")
    (tmp_path / "chromium-headless-shell").unlink()
    assert executable() == str(tmp_path / "chromium")


def test_the_headless_shell_and_the_browser_print_the_same_report(tmp_path, monkeypatch):
    """Both programs take the same options and give the same text, pages and tags."""
    printed = {}
    for name, package in (("chromium-headless-shell", "chromium-headless-shell"), ("chromium", "chromium")):
        monkeypatch.setenv("CLSTOOL_CHROMIUM", tool(name, package))
        target = tmp_path / f"{name}.pdf"
        assert main(["report", SUIVI, "--year", "2024", "--as-of", "2024-12-31", "-f", "pdf", "-o", str(target)]) == 0
        info = subprocess.run([tool("pdfinfo", "poppler-utils"), str(target)], capture_output=True, text=True).stdout
        printed[name] = (text(target, layout=True), pages(target), re.search(r"^Tagged:\s+yes", info, re.M) is not None)
    assert printed["chromium-headless-shell"] == printed["chromium"]
    assert printed["chromium"][2] and printed["chromium"][1] > 30
