"""The HTML report in a real browser: headless Chromium (Debian package ``chromium``, installed
by ``.ci/run``) renders it offline to a PNG and prints it to PDF.

Skipped only when Chromium is absent outside CI; under CI (``CI`` set) its absence fails.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader

from clstool.cli import main

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def chromium() -> str:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium est absent : .ci/run doit l'installer (apt-get install chromium)")
        pytest.skip("Chromium absent (apt-get install chromium)")
    return CHROMIUM


def _run(chromium: str, profile: Path, *args: str) -> None:
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--hide-scrollbars",
        # offline: any host name fails to resolve, so a forgotten external resource could not load
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={profile}", *args,
    ]
    subprocess.run(command, check=True, timeout=180, capture_output=True)


def _png_pixels(path: Path) -> tuple[int, int, bytes]:
    """Width, height and decompressed scanlines of a PNG (enough to tell a blank page)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, [], 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    return width, height, zlib.decompress(b"".join(idat))


@pytest.fixture(scope="module")
def report_html(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bilan") / "bilan-2024.html"
    assert main(["report", str(ROOT / "data" / "montpellier"), "--year", "2024", "--format", "html",
                 "-o", str(out)]) == 0
    return out


@pytest.mark.slow
def test_screenshot_is_not_blank(chromium, report_html, tmp_path):
    png = tmp_path / "bilan.png"
    _run(chromium, tmp_path / "profil", "--window-size=1200,1600", f"--screenshot={png}", report_html.as_uri())
    width, height, pixels = _png_pixels(png)
    assert (width, height) == (1200, 1600)
    assert png.stat().st_size > 30_000
    ink = 1 - pixels.count(0xFF) / len(pixels)
    assert ink > 0.05, f"capture presque blanche ({ink:.1%} de pixels non blancs)"


@pytest.mark.slow
def test_prints_to_a_multi_page_pdf_with_the_report_text(chromium, report_html, tmp_path):
    pdf = tmp_path / "bilan.pdf"
    _run(chromium, tmp_path / "profil", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", report_html.as_uri())
    reader = PdfReader(pdf)
    assert len(reader.pages) > 10  # cover, summary, calendar, one page or more per fiche, annexes
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert abs(width - 595) < 3 and abs(height - 842) < 3  # A4, in points
    first = reader.pages[0].extract_text()
    assert "Bilan 2024" in first and "Ville de Montpellier" in first
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Annexe A" in text and "page 2 /" in text
    # each fiche starts a page
    starts = [page.extract_text().lstrip() for page in reader.pages]
    assert sum(1 for s in starts if s.startswith("AXE ") or "AXE " in s[:80]) >= 15
