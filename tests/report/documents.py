"""Helpers of the document tests: the real readers (LibreOffice headless, poppler-utils'
pdfinfo/pdftotext, Chromium) found or, outside CI, skipped with the reason in French."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest


def tool(name: str, package: str) -> str:
    """The path of a system tool; outside CI its absence skips the test, under CI it fails."""
    found = shutil.which(name)
    if found is None:
        message = f"{name} est absent (apt-get install {package}) : .ci/run doit l'installer"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def soffice_to_pdf(path: Path, out_dir: Path) -> Path:
    """``path`` converted to PDF by LibreOffice headless; fails if LibreOffice reports an error."""
    soffice = tool("soffice", "libreoffice-writer-nogui libreoffice-impress-nogui")
    profile = out_dir / "profil-lo"
    done = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(out_dir), str(path)], capture_output=True, timeout=300, check=False)
    pdf = out_dir / (path.stem + ".pdf")
    assert done.returncode == 0 and pdf.is_file(), done.stderr.decode("utf-8", "replace")
    assert b"Error" not in done.stderr, done.stderr
    return pdf


def pages(pdf: Path) -> int:
    out = subprocess.run([tool("pdfinfo", "poppler-utils"), str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def text(pdf: Path, first: int | None = None, last: int | None = None, layout: bool = False) -> str:
    command = [tool("pdftotext", "poppler-utils"), "-enc", "UTF-8"]
    command += ["-f", str(first)] if first else []
    command += ["-l", str(last)] if last else []
    command += ["-layout"] if layout else []
    return subprocess.run([*command, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def golden(name: str, actual: str) -> None:
    """Compare with tests/report/golden/<name>; ``CLSTOOL_GOLDEN=update`` rewrites it."""
    path = Path(__file__).parent / "golden" / name
    if os.environ.get("CLSTOOL_GOLDEN") == "update":
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"{path} absent : CLSTOOL_GOLDEN=update pour le créer"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} a changé ; relancez avec CLSTOOL_GOLDEN=update si c'est voulu"
