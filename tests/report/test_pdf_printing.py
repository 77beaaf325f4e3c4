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
