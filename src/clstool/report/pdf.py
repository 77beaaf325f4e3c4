"""The annual report as PDF (``report --format pdf``): the HTML report printed by headless Chromium.

Why Chromium rather than WeasyPrint: on the full report of the example (40 A4 pages), on the
same busy machine, WeasyPrint 70 took 18.7 s (6 s of processor time, its layout is pure Python)
where one Chromium print takes 3.3 to 5 s (renderer processes in parallel), and Chromium is the
browser the project already tests the HTML report in (``tests/report/test_report_browser.py``):
the PDF is what a coordinator gets with « Imprimer → PDF », page numbers in the footer included
(CSS ``@page`` margin boxes). Chromium's headless shell (Debian ``chromium-headless-shell``,
installed by ``.ci/setup``) is preferred to the browser (``chromium``), which it also accepts:
:data:`clstool.report.chromium.PROGRAMS`; without either, ``--format pdf`` says so and how to
install one. One browser makes both prints (:mod:`clstool.report.chromium`).

The table of contents has page numbers although Chromium does not implement CSS
``target-counter()``: the report is first laid out with a three-digit placeholder for every page
number, the page of each section and fiche is read from the PDF's named destinations (Chromium
writes one for every element a link points to) with pypdf, and the report is printed with the
numbers; the placeholders are as wide as the numbers, so the pages do not move (this is
checked, and the report is printed again if they did). The first print only lays the pages out:
every box is hidden (``visibility`` keeps each one in place), so nothing is painted and it is
not tagged; it takes half the time of the final print. The final print is then made from the
same page, its hidden boxes shown and its numbers written in by a script, when that gives the
very page the template writes with the numbers (checked on the HTML); otherwise the page is
loaded again.

The browser starts while the report is built (:func:`printer`, entered by the command before it
imports anything else: starting takes Chromium half a second, longer than building the report),
and is ready when the first print comes.
"""

from __future__ import annotations

import importlib
import io
import re
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING

from clstool.report.chromium import Browser

if TYPE_CHECKING:
    from clstool.report.views import Report

#: The sections the table of contents lists (the fiches' anchors are added).
SECTIONS = ("bilan-annuel", "contrat", "synthese", "calendrier", "fiches", "transversal", "transitions", "qualite",
            "lecture")


def destinations(pdf: bytes) -> dict[str, int]:
    """Page number (from 1) of every named destination of ``pdf``."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    pages = {name.lstrip("/"): reader.get_destination_page_number(dest)
             for name, dest in reader.named_destinations.items()}
    return {name: page + 1 for name, page in pages.items() if page is not None}


#: Added at the end of the page for the first print: every box hidden, none moved.
LAYOUT_ONLY = '<style id="clstool-mise-en-page">*,*::before,*::after{visibility:hidden!important}</style>'
#: A page number of the table of contents, as the built-in templates write it (macro ``page``).
SLOT = re.compile(r'(<span class="toc-page" data-ancre="([^"<>]*)">)[^<]*(</span>)')
#: What makes the laid-out page the final one, without loading it again: the boxes shown, the
#: numbers written in their slots.
FILL = """(pages) => {
  document.getElementById("clstool-mise-en-page").remove();
  for (const slot of document.querySelectorAll('span.toc-page[data-ancre]')) {
    slot.textContent = pages[slot.dataset.ancre] ?? "";
  }
}"""


def _filled(html: str, pages: dict[str, int]) -> str:
    """``html`` with each slot holding its page number, as :data:`FILL` writes it."""
    return SLOT.sub(lambda m: f"{m.group(1)}{pages.get(unescape(m.group(2)), '')}{m.group(3)}", html)


@contextmanager
def printer() -> Iterator[Browser]:
    """A headless Chromium, started now and closed at the end (enter it before building the report)."""
    with tempfile.TemporaryDirectory(prefix="clstool-pdf-") as tmp, Browser(Path(tmp)) as browser:
        yield browser


def pdf_bytes(report: Report, templates: str | Path | None = None, browser: Browser | None = None) -> bytes:
    """The report as PDF; the full report's table of contents has page numbers."""
    if browser is None:
        with printer() as started:
            return pdf_bytes(report, templates, started)
    from clstool.report.render import render

    if report.synthese:  # no table of contents: one print
        return browser.print_html(render(report, "html", templates))
    anchors = [*SECTIONS, *(f.ancre for f in report.fiches)]
    report.pages = dict.fromkeys(anchors, 888)
    placeholders = render(report, "html", templates)
    # pypdf (0.1 s to import) is imported while Chromium lays the pages out, not after
    reader = threading.Thread(target=importlib.import_module, args=("pypdf",), daemon=True)
    reader.start()
    layout = browser.print_html(placeholders + LAYOUT_ONLY, tagged=False)
    reader.join()
    report.pages = {a: p for a, p in destinations(layout).items() if a in anchors}
    final = render(report, "html", templates)
    # the page in the browser can become the final one; if not (a template that writes its
    # numbers otherwise, or a page the script cannot change), it is loaded again
    if _filled(placeholders, report.pages) != final or not browser.run(FILL, report.pages):
        browser.load(final)
    for _ in range(2):
        pdf = browser.print()
        pages = {a: p for a, p in destinations(pdf).items() if a in anchors}
        if pages == report.pages:
            break
        report.pages = pages
        browser.load(render(report, "html", templates))
    return pdf
