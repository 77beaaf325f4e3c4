"""The HTML overview in a real browser (headless Chromium, as tests/report/test_report_browser.py)."""

from __future__ import annotations

import pytest

from tests.conftest import DATA, run
from tests.report.test_report_browser import _png_pixels, _run, chromium  # noqa: F401 - the fixture


@pytest.mark.slow
def test_overview_renders_offline(chromium, tmp_path):  # noqa: F811
    page = tmp_path / "vue.html"
    assert run("report", DATA, "--year", "2025", "-o", page).returncode == 0
    png = tmp_path / "vue.png"
    _run(chromium, tmp_path / "profil", "--window-size=1200,1800", f"--screenshot={png}", page.as_uri())
    width, height, pixels = _png_pixels(png)
    assert (width, height) == (1200, 1800)
    ink = 1 - pixels.count(0xFF) / len(pixels)
    assert ink > 0.05, f"capture presque blanche ({ink:.1%} de pixels non blancs)"
