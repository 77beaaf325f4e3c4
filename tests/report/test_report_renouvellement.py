"""The report prints a fiche's « renouvellement » as the form writes it (data/montpellier 2-2:
« Action renouvelée chaque année. », beside ``recurrent: true``), in HTML, Markdown and Word."""

from __future__ import annotations

import datetime as dt
import io

from conftest import ROOT
from docx import Document

from clstool.report.build import build
from clstool.report.render import document, render
from clstool.yamlio.load import load

TEXT = "Action renouvelée chaque année."


def _report():
    return build(load([str(ROOT / "data" / "montpellier")]), 2024, dt.date(2024, 12, 31))


def test_the_view_and_the_text_formats():
    report = _report()
    assert [f.id for f in report.fiches if f.renouvellement] == ["2-2"]
    markdown = render(report, "md")
    section = markdown[markdown.index("### 2-2 ·"):markdown.index("### 2-3 ·")]
    assert f"| Renouvellement | {TEXT} |" in section
    assert markdown.count("| Renouvellement |") == 1
    html = render(report, "html")
    assert f'<th scope="row">Renouvellement</th><td>{TEXT}</td>' in html


def test_word():
    doc = Document(io.BytesIO(document(_report(), "docx")))
    rows = [[c.text for c in row.cells] for table in doc.tables for row in table.rows]
    assert ["Renouvellement", TEXT] in rows
