"""The report shows the contract's custom fields in each fiche's table, with their labels:
HTML, Markdown, Word (python-docx) and PowerPoint (python-pptx). Territory and values fictitious."""

from __future__ import annotations

import datetime as dt
import io

from conftest import CONTRAT
from docx import Document
from pptx import Presentation

from clstool.report.build import build
from clstool.report.render import document
from clstool.yamlio.load import load

CHAMPS = (
    CONTRAT
    + """\
champs:
  - cle: etp
    libelle: Équivalents temps plein
    type: nombre
    unite: ETP
  - cle: date_comite
    libelle: Date du comité
    type: date
  - cle: publics
    libelle: Publics prioritaires
    type: liste
  - cle: elu_referent
    libelle: Élu référent
"""
)
FICHE = """\
id: "1-1"
axe: "1"
titre: Action fictive
portage:
  porteurs: [Ville de Test]
champs:
  etp: 1.5
  date_comite: 2025-03-01
  publics: [Jeunes, Seniors <fictifs>]
suivi:
  2024:
    statut: en_cours
"""
SHOWN = [
    ("Équivalents temps plein", "1,5 ETP"),
    ("Date du comité", "1er mars 2025"),
    ("Publics prioritaires", "Jeunes ; Seniors <fictifs>"),
]


def report(tmp_path):
    root = tmp_path / "terr"
    (root / "fiches").mkdir(parents=True)
    (root / "contrat.yaml").write_text(CHAMPS, encoding="utf-8")
    (root / "fiches" / "1-1.yaml").write_text(FICHE, encoding="utf-8")
    return build(load([str(root)]), 2024, dt.date(2024, 12, 31), today=dt.date(2025, 6, 1))


def test_the_view_lists_the_fields_given_in_declaration_order(tmp_path):
    [fiche] = [f for axis in report(tmp_path).axes for f in axis.fiches]
    assert [(c.libelle, c.valeur) for c in fiche.champs] == SHOWN  # « Élu référent » not given: not shown


def test_html_and_markdown(tmp_path):
    r = report(tmp_path)
    html = document(r, "html").decode("utf-8")
    assert '<th scope="row">Équivalents temps plein</th><td>1,5 ETP</td>' in html
    assert "<td>Jeunes ; Seniors &lt;fictifs&gt;</td>" in html
    assert "Élu référent" not in html
    md = document(r, "md").decode("utf-8")
    assert "| Date du comité | 1er mars 2025 |" in md


def test_word_and_powerpoint(tmp_path):
    r = report(tmp_path)
    doc = Document(io.BytesIO(document(r, "docx")))
    rows = [tuple(c.text for c in row.cells) for table in doc.tables for row in table.rows]
    for pair in SHOWN:
        assert pair in rows
    prs = Presentation(io.BytesIO(document(r, "pptx")))
    texts = [shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame]
    assert any("Équivalents temps plein : 1,5 ETP" in t and "Date du comité : 1er mars 2025" in t for t in texts)
