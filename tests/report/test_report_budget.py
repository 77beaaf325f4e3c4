"""The report shows the sub-axes in its grouping by axis and the fiches' budget of the year,
planned against executed, in every format (read back by their real readers)."""

from __future__ import annotations

import budget_helpers
import pytest
from bs4 import BeautifulSoup
from conftest import run
from docx import Document
from pptx import Presentation

NNBSP = "\u202f"


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return budget_helpers.write(tmp_path_factory.mktemp("budget") / "t")


def report(root, tmp_path, fmt: str, *extra: str):
    out = tmp_path / f"bilan.{fmt}"
    result = run("report", root, "--year", "2024", "-f", fmt, "-o", out, *extra)
    assert result.returncode == 0, result.stderr
    return out


def test_html_groups_fiches_by_sub_axis_and_tables_the_budget(root, tmp_path):
    soup = BeautifulSoup(report(root, tmp_path, "html").read_text(encoding="utf-8"), "html.parser")
    subs = [h.get_text(" ", strip=True) for h in soup.select("#synthese h4.sous-axe")]
    assert subs == ["1.1 — Repérer tôt", "1.2 — Informer", "Sans sous-axe"]
    assert soup.select_one("#sous-axe-1\\.1").find_next("table").select_one("td a").get_text() == "1-1"
    rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in soup.select("table.budget-fiches tr")]
    assert rows[0] == ["", "Prévu", "Réalisé", "Réalisé / prévu", "Prévu (ETP)", "Réalisé (ETP)"]
    assert rows[1] == ["Axe 1 — Prévention", f"12{NNBSP}000 €", f"10{NNBSP}000,5 €", f"83,3{NNBSP}%", "0,5", "0,25"]
    assert rows[2][:4] == ["1.1 — Repérer tôt", f"10{NNBSP}000 €", f"7{NNBSP}500 €", f"75{NNBSP}%"]
    assert [r[0] for r in rows[3:]] == ["1-1 · Dépister", "1.2 — Informer", "1-2 · Informer les familles", "Total"]
    funders = [tr.th.get_text(strip=True) for tr in soup.select("table.budget-financeurs tbody tr")]
    assert funders == ["ARS Fictive", "Ville Fictive"]
    page = soup.select_one('article[data-fiche="1-1"]')
    assert "sous-axe 1.1 — Repérer tôt" in page.select_one(".fiche-axe").get_text()
    assert f"prévu 10{NNBSP}000 €, réalisé 7{NNBSP}500 € (75{NNBSP}%) ; ETP : prévu 0,5, réalisé 0,25" in page.get_text()


def test_markdown_docx_and_pptx_say_the_same(root, tmp_path):
    md = report(root, tmp_path, "md").read_text(encoding="utf-8")
    # the Markdown escape keeps « 1.2 » from starting a list
    assert "#### 1\\.2 — Informer" in md and "### Budget 2024 des fiches : prévu et réalisé" in md
    assert f"| **Total** | **12{NNBSP}000 €** | **10{NNBSP}000,5 €** | **83,3{NNBSP}%** | **0,5** | **0,25** |" in md
    doc = Document(str(report(root, tmp_path, "docx")))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Budget 2024 des fiches : prévu et réalisé" in headings and "1.1 — Repérer tôt" in headings
    cells = [[c.text for c in row.cells] for table in doc.tables for row in table.rows]
    assert ["Total", f"12{NNBSP}000 €", f"10{NNBSP}000,5 €", f"83,3{NNBSP}%", "0,5", "0,25"] in cells
    deck = Presentation(str(report(root, tmp_path, "pptx", "--synthese")))
    # each slide's first text box is its title
    slides = {next(sh.text_frame.text for sh in s.shapes if sh.has_text_frame): s for s in deck.slides}
    budget = slides["Budget 2024 des fiches : prévu et réalisé"]
    table = next(sh.table for sh in budget.shapes if sh.has_table)
    assert [c.text for c in table.rows[2].cells][:2] == ["1.1 — Repérer tôt", f"10{NNBSP}000 €"]
    axis = next(sh.table for sh in slides["Axe 1 — Prévention"].shapes if sh.has_table)
    assert [c.text for c in axis.rows[0].cells][:2] == ["Sous-axe", "Fiche"]
    assert [c.text for c in axis.rows[3].cells][:2] == ["—", "1-3"]


def test_without_budget_nor_sub_axes_the_report_says_nothing_of_them(tmp_path):
    from conftest import ROOT

    md = report(ROOT / "data/montpellier", tmp_path, "md").read_text(encoding="utf-8")
    assert "Budget 2024 des fiches" not in md and "####" not in md.split("## 3.")[0]
