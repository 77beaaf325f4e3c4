"""The annual report as PDF (``report --format pdf``): the HTML report printed by headless Chromium.

Why Chromium rather than WeasyPrint: on the full report of the example (40 A4 pages), on the
same busy machine, WeasyPrint 70 took 18.7 s (6 s of processor time, its layout is pure Python)
where one Chromium print takes 3.3 to 5 s (renderer processes in parallel), and Chromium is the
browser the project already tests the HTML report in (``tests/report/test_report_browser.py``):
the PDF is what a coordinator gets with « Imprimer → PDF », page numbers in the footer included
(CSS ``@page`` margin boxes). Chromium is the Debian package ``chromium`` (installed by
``.ci/setup``); without it, ``--format pdf`` says so and how to install it.

The table of contents has page numbers although Chromium does not implement CSS
``target-counter()``: the report is printed once with a three-digit placeholder for every page
number, the page of each section and fiche is read from the PDF's named destinations (Chromium
writes one for every element a link points to) with pypdf, and the report is printed again
with the numbers; the placeholders are as wide as the numbers, so the pages do not move (this
is checked, and a third print is made if they did).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from clstool.errors import InputError
from clstool.report.views import Report

#: The sections the table of contents lists (the fiches' anchors are added).
SECTIONS = ("bilan-annuel", "contrat", "synthese", "calendrier", "fiches", "transversal", "transitions", "qualite",
            "lecture")
TIMEOUT = 180  #: seconds for one print


def chromium() -> str:
    """The Chromium executable, or an :class:`InputError` saying how to install it."""
    given = os.environ.get("CLSTOOL_CHROMIUM")
    if given:
        if not (os.path.isfile(given) and os.access(given, os.X_OK)):
            raise InputError(f"CLSTOOL_CHROMIUM désigne « {given} », qui n'est pas un programme exécutable")
        return given
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not found:
        raise InputError("--format pdf a besoin de Chromium, introuvable : installez-le (Debian, Ubuntu : "
                         "sudo apt-get install chromium ; ou lancez bash .ci/setup), ou indiquez son chemin "
                         "dans la variable CLSTOOL_CHROMIUM")
    return found


def print_html(html: str, folder: Path) -> bytes:
    """``html`` printed to PDF by headless Chromium, offline (no host name resolves)."""
    page = folder / "bilan.html"
    out = folder / "bilan.pdf"
    page.write_text(html, encoding="utf-8")
    out.unlink(missing_ok=True)
    command = [
        chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
        "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={folder / 'profil'}",
        "--no-pdf-header-footer", f"--print-to-pdf={out}", page.as_uri(),
    ]
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise InputError(f"Chromium n'a pas produit le PDF en {TIMEOUT} s") from None
    if done.returncode != 0 or not out.is_file():
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise InputError(f"Chromium n'a pas produit le PDF (code {done.returncode}) : {detail[0]}")
    return out.read_bytes()


def destinations(pdf: bytes) -> dict[str, int]:
    """Page number (from 1) of every named destination of ``pdf``."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return {name.lstrip("/"): reader.get_destination_page_number(dest) + 1
            for name, dest in reader.named_destinations.items()}


def pdf_bytes(report: Report, templates: str | Path | None = None) -> bytes:
    """The report as PDF; the full report's table of contents has page numbers."""
    from clstool.report.render import render

    with tempfile.TemporaryDirectory(prefix="clstool-pdf-") as tmp:
        folder = Path(tmp)
        if report.synthese:  # no table of contents: one print
            return print_html(render(report, "html", templates), folder)
        anchors = [*SECTIONS, *(f.ancre for f in report.fiches)]
        report.pages = dict.fromkeys(anchors, 888)
        pdf = print_html(render(report, "html", templates), folder)
        for _ in range(2):
            pages = {a: p for a, p in destinations(pdf).items() if a in anchors}
            if pages == report.pages:
                break
            report.pages = pages
            pdf = print_html(render(report, "html", templates), folder)
        return pdf
