"""A word of 3,000 characters (a pasted link) wraps in the HTML report instead of making the page
68,000 px wide (issue 19): measured in headless Chromium, like tests/report/test_report_browser.py.
"""

from __future__ import annotations

import re
import subprocess

import pytest
from test_report_browser import chromium  # noqa: F401 - the fixture

from clstool.cli import main

WORD = "https://exemple.invalid/" + "fictif" * 500  # 3,024 characters, no space
FICHE = f"""\
# Fiche FICTIVE (test)
id: "1-1"
axe: "1"
titre: Titre {WORD}
definition: Définition {WORD}
portage:
  partenaires: ["{WORD}"]
calendrier: ["2024"]
suivi:
  2024:
    statut: en_cours
    commentaire: {WORD}
"""


@pytest.mark.slow
def test_a_3000_character_word_does_not_widen_the_page(chromium, territory, tmp_path):  # noqa: F811
    territory.fiche("1-1", FICHE)
    html = tmp_path / "bilan.html"
    assert main(["report", str(territory.root), "--year", "2024", "--format", "html", "-o", str(html)]) == 0
    page = html.read_text(encoding="utf-8")
    assert WORD in page
    probe = tmp_path / "mesure.html"
    script = ("<script>document.body.setAttribute('data-largeur', "
              "String(document.documentElement.scrollWidth));</script>")
    probe.write_text(page.replace("</body>", script + "</body>"), encoding="utf-8")
    done = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
         "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={tmp_path / 'profil'}",
         "--window-size=1200,1600", "--dump-dom", probe.as_uri()],
        check=True, timeout=180, capture_output=True, text=True)
    width = int(re.search(r'data-largeur="(\d+)"', done.stdout).group(1))
    assert width <= 1200, f"page de {width} px de large"
