"""``report --format docx|pdf|pptx`` and ``--synthese``, opened with real readers: python-docx and
python-pptx, LibreOffice headless (``soffice --convert-to pdf``), poppler-utils (``pdfinfo``,
``pdftotext``). Data: the FICTITIOUS follow-up example ``examples/montpellier-suivi``, the real
plans of ``data/`` (longest titles), and a small fictitious territory for inert text."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from documents import golden, pages, soffice_to_pdf, text, tool
from docx import Document
from docx.oxml.ns import qn
from pptx import Presentation

from clstool.cli import main
from clstool.report.build import build
from clstool.report.render import document
from clstool.report.textfit import fits
from clstool.yamlio.load import load

ROOT = Path(__file__).resolve().parents[2]
SUIVI = str(ROOT / "examples" / "montpellier-suivi")
END_2024 = dt.date(2024, 12, 31)
LATER = dt.date(2025, 6, 1)


def _report(path: str = SUIVI, year: int = 2024, synthese: bool = False):
    return build(load([path]), year, dt.date(year, 12, 31), today=LATER, synthese=synthese)


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("documents")


@pytest.fixture(scope="module")
def files(out) -> dict[str, Path]:
    """Every document of the example, written once (PDF only where Chromium is)."""
    made = {}
    for fmt in ("docx", "pptx"):
        for synthese in (False, True):
            path = out / f"bilan-{'synthese' if synthese else 'complet'}.{fmt}"
            path.write_bytes(document(_report(synthese=synthese), fmt))
            made[path.name] = path
    return made


@pytest.fixture(scope="module")
def pdfs(out) -> dict[str, Path]:
    tool("chromium", "chromium")
    made = {}
    for synthese in (False, True):
        path = out / f"bilan-{'synthese' if synthese else 'complet'}.pdf"
        path.write_bytes(document(_report(synthese=synthese), "pdf"))
        made[path.name] = path
    return made


# --- Word -----------------------------------------------------------------------------------------


def test_docx_has_word_headings_repeated_table_headers_images_page_numbers_and_landscape(files):
    report = _report()
    doc = Document(str(files["bilan-complet.docx"]))
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    level1 = [t for s, t in headings if s == "Heading 1"]
    assert level1[:4] == ["Le mot de la coordination", "1. Le contrat et sa gouvernance", "2. Synthèse par axe",
                          "3. Calendrier 2024"] or "Sommaire" in level1
    assert "4. Les fiches action" in level1 and "Annexe A — Qualité des données" in level1
    assert {f"{f.id} — {f.titre}" for f in report.fiches} <= {t for s, t in headings if s == "Heading 2"}
    for table in doc.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert len(doc.inline_shapes) == 1 + len(report.axes) + sum(1 for f in report.fiches if f.graphique_indicateurs)
    body = doc.element.body.xml
    assert 'TOC \\o "1-2" \\h' in body
    settings = [child.tag.split("}")[1] for child in doc.settings.element]
    assert settings.index("updateFields") < settings.index("compat")  # schema order: Word would offer a repair
    footer = doc.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert any(s.page_width > s.page_height for s in doc.sections)
    assert all({round(s.page_width.cm, 1), round(s.page_height.cm, 1)} == {21.0, 29.7} for s in doc.sections)  # A4


def test_docx_table_of_contents_is_filled_with_links_to_every_heading_1_and_2(files):
    doc = Document(str(files["bilan-complet.docx"]))
    body = doc.element.body
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    bookmarks = {b.get(qn("w:name")): b.getparent() for b in body.iter(qn("w:bookmarkStart"))}
    links = list(body.iter(qn("w:hyperlink")))
    entries = [("".join(t.text for t in link.iter(qn("w:t"))), link.get(qn("w:anchor"))) for link in links]
    assert [t for t, _ in entries] == [t for _, t in headings] and len(entries) > 20
    for entry, anchor in entries:  # each link leads to the bookmark on its heading
        assert "".join(t.text for t in bookmarks[anchor].iter(qn("w:t"))) == entry
    paragraphs = [link.getparent() for link in links]  # the field opens before the first entry, ends after the last
    assert "TOC" in "".join(t.text for t in paragraphs[0].iter(qn("w:instrText")))
    assert paragraphs[-1].findall(f"{qn('w:r')}/{qn('w:fldChar')}")[-1].get(qn("w:fldCharType")) == "end"
    assert doc.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"  # Word adds the page numbers


def test_docx_opens_in_libreoffice_and_synthese_is_at_most_8_pages(files, out):
    full = pages(soffice_to_pdf(files["bilan-complet.docx"], out))
    short = pages(soffice_to_pdf(files["bilan-synthese.docx"], out))
    assert short <= 8 < full
    toc = " ".join(text(out / "bilan-complet.pdf", 2, 3).split())  # LibreOffice shows the filled table of contents
    report = _report()
    for heading in ("Le mot de la coordination", "4. Les fiches action", *(f"{f.id} — {f.titre}" for f in report.fiches
                                                                           if not f.titre_seul)):
        assert " ".join(heading.split()) in toc, heading
    body = text(out / "bilan-synthese.pdf")
    assert "Pour le comité de pilotage" in body and "Valider le report au 2ème trimestre 2025" in body


# --- PowerPoint ---------------------------------------------------------------------------------


def _texts(prs) -> list[tuple[int, object]]:
    return [(n, shape) for n, slide in enumerate(prs.slides, 1) for shape in slide.shapes if shape.has_text_frame]


def _check_fit(prs) -> None:
    for number, shape in _texts(prs):
        runs = [r for p in shape.text_frame.paragraphs for r in p.runs]
        if not runs:
            continue
        size = runs[0].font.size.pt
        paragraphs = [p.text for p in shape.text_frame.paragraphs]
        assert fits(paragraphs, size, shape.width / 914400, shape.height / 914400, bool(runs[0].font.bold)), (
            f"diapositive {number} : « {paragraphs[0][:60]} » déborde de sa zone en {size} pt")


def test_pptx_is_16_9_about_12_slides_one_per_axis_and_every_text_fits(files):
    report = _report(synthese=True)
    prs = Presentation(str(files["bilan-synthese.pptx"]))
    assert round(prs.slide_width / prs.slide_height, 3) == round(16 / 9, 3)
    titles = [s.shapes[0].text_frame.text for s in prs.slides]
    assert 10 <= len(titles) <= 15
    for axis in report.axes:
        assert f"Axe {axis.id} — {axis.titre}" in titles
    for needed in ("Chiffres clés 2024", "Le mot de la coordination", "Fiches en retard ou bloquées",
                   "Indicateurs face à leur cible", "Gouvernance : réunions 2024", "Décisions attendues du comité de pilotage"):
        assert needed in titles
    _check_fit(prs)
    full = Presentation(str(files["bilan-complet.pptx"]))
    assert len(full.slides) == len(prs.slides) + len([f for f in report.fiches if not f.titre_seul])
    _check_fit(full)


@pytest.mark.parametrize("path, year", [(str(ROOT / "data" / "montpellier"), 2024), (str(ROOT / "data" / "clermont"), 2025)])
def test_pptx_longest_real_titles_fit_uncut(path, year):
    report = _report(path, year)
    prs = Presentation(io.BytesIO(document(report, "pptx")))
    _check_fit(prs)
    titles = {s.shapes[0].text_frame.text for s in prs.slides}
    longest = max(report.fiches, key=lambda f: len(f.titre))
    if not longest.titre_seul:
        assert f"{longest.id} — {longest.titre}" in titles
    longest_axis = max(report.axes, key=lambda a: len(a.titre))
    assert f"Axe {longest_axis.id} — {longest_axis.titre}" in titles


def test_pptx_opens_in_libreoffice(files, out):
    prs = Presentation(str(files["bilan-synthese.pptx"]))
    assert pages(soffice_to_pdf(files["bilan-synthese.pptx"], out)) == len(prs.slides)


# --- PDF ------------------------------------------------------------------------------------------


def test_pdf_table_of_contents_has_the_right_page_numbers_and_every_fiche(pdfs):
    report = _report()
    pdf = pdfs["bilan-complet.pdf"]
    toc = text(pdf, 1, 3, layout=True)
    for fiche in report.fiches:
        line = next(line for line in toc.splitlines() if re.match(rf"\s*{re.escape(fiche.id)}\s", line))
        page = int(line.split()[-1])
        assert f"{fiche.id} {fiche.titre[:20]}" in " ".join(text(pdf, page, page).split()), fiche.id
    assert re.search(r"1\. Le contrat et sa gouvernance\s+\d+", toc)


def test_pdf_synthese_is_at_most_8_pages(pdfs):
    assert pages(pdfs["bilan-synthese.pdf"]) <= 8 < pages(pdfs["bilan-complet.pdf"])


# --- Inert text -----------------------------------------------------------------------------------

HOSTILE = ["<script>alert(1)</script>", "{{ 7*7 }}", "=SOMME(A1:A9)"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    (root / "fiches").mkdir()
    (root / "bilans").mkdir()
    (root / "contrat.yaml").write_text(
        "territoire: Commune fictive\nintitule: CLS fictif\nperiode: {debut: 2023, fin: 2027}\n"
        "axes:\n  - {id: '1', titre: '<script>alert(1)</script>'}\n", encoding="utf-8")
    (root / "fiches" / "1-1.yaml").write_text(
        "id: 1-1\naxe: '1'\ntitre: '{{ 7*7 }}'\ncalendrier: [2024]\n"
        "suivi:\n  2024:\n    statut: bloque\n    realisations: ['=SOMME(A1:A9)']\n", encoding="utf-8")
    (root / "bilans" / "2024.yaml").write_text(
        "synthese: '=SOMME(A1:A9)'\ndecisions_attendues: ['<script>alert(1)</script>', '{{ 7*7 }}']\n", encoding="utf-8")
    return root


def test_text_from_yaml_stays_inert_in_word_and_powerpoint(hostile):
    report = _report(str(hostile))
    doc = Document(io.BytesIO(document(report, "docx")))
    words = "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for row in t.rows for c in row.cells])
    prs = Presentation(io.BytesIO(document(report, "pptx")))
    slides = "\n".join(shape.text_frame.text for _, shape in _texts(prs))
    for value in HOSTILE:
        assert value in words and value in slides
    assert "49" not in words and "49" not in slides


def test_text_from_yaml_stays_inert_in_pdf(hostile, tmp_path):
    tool("chromium", "chromium")
    pdf = tmp_path / "b.pdf"
    pdf.write_bytes(document(_report(str(hostile)), "pdf"))
    body = text(pdf)
    for value in HOSTILE:
        assert value in body
    assert "49" not in body


# --- Golden files (fictitious example) -------------------------------------------------------------


def _normal(value: str) -> str:
    return re.sub(r"clstool \d+\.\d+\.\d+\S*", "clstool X", " ".join(value.split())) + "\n"


def test_golden_docx(files):
    doc = Document(str(files["bilan-synthese.docx"]))
    lines = [f"{p.style.name}: {p.text}" for p in doc.paragraphs if p.text.strip()]
    lines += [" | ".join(c.text for c in row.cells) for t in doc.tables for row in t.rows]
    golden("bilan-synthese.docx.txt", "\n".join(_normal(line).rstrip("\n") for line in lines) + "\n")


def test_golden_pptx(files):
    prs = Presentation(str(files["bilan-synthese.pptx"]))
    lines = []
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                lines.append(f"{number}: {_normal(shape.text_frame.text).strip()}")
            if shape.has_table:
                lines += [f"{number}: " + " | ".join(c.text for c in row.cells) for row in shape.table.rows]
    golden("bilan-synthese.pptx.txt", "\n".join(lines) + "\n")


def test_golden_pdf(pdfs):
    golden("bilan-synthese.pdf.txt", _normal(text(pdfs["bilan-synthese.pdf"])))


# --- Command line ------------------------------------------------------------------------------------


def test_cli_writes_each_document(tmp_path, capsys):
    for fmt in ("docx", "pptx"):
        target = tmp_path / f"b.{fmt}"
        assert main(["report", SUIVI, "--year", "2024", "--as-of", "2024-12-31", "-f", fmt, "--synthese",
                     "-o", str(target)]) == 0
        assert target.read_bytes()[:2] == b"PK"


def test_cli_pdf_without_chromium_says_how_to_install_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CLSTOOL_CHROMIUM", str(tmp_path / "absent"))
    target = tmp_path / "b.pdf"
    assert main(["report", SUIVI, "--year", "2024", "-f", "pdf", "-o", str(target)]) == 2
    assert "CLSTOOL_CHROMIUM" in capsys.readouterr().err and not target.exists()


def test_cli_pdf_with_a_program_that_is_not_chromium_stops_cleanly(tmp_path, capsys, monkeypatch):
    """A browser that ends at once (here ``true``, not Chromium) gives a French message and no file."""
    monkeypatch.setenv("CLSTOOL_CHROMIUM", tool("true", "coreutils"))
    target = tmp_path / "b.pdf"
    assert main(["report", SUIVI, "--year", "2024", "-f", "pdf", "--synthese", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "Chromium n'a pas produit le PDF (le navigateur s'est arrêté" in err and "Traceback" not in err
    assert not target.exists()


# --- Templates (--templates) -------------------------------------------------------------------------


def test_word_template_gives_its_styles_and_drops_its_content(tmp_path):
    from docx.shared import Pt

    template = Document()
    template.styles["Normal"].font.size = Pt(13)
    template.styles["Heading 1"].font.name = "DejaVu Serif"
    template.add_paragraph("Texte du modèle, à ne pas reprendre")
    template.save(str(tmp_path / "report.docx"))
    doc = Document(io.BytesIO(document(_report(synthese=True), "docx", tmp_path)))
    assert doc.styles["Normal"].font.size == Pt(13) and doc.styles["Heading 1"].font.name == "DejaVu Serif"
    assert all("Texte du modèle" not in p.text for p in doc.paragraphs)
    assert any(p.text == "Le mot de la coordination" for p in doc.paragraphs)


def test_word_template_without_a_needed_style_is_refused(tmp_path, capsys):
    template = Document()
    template.styles["List Bullet"].delete()
    template.save(str(tmp_path / "report.docx"))
    target = tmp_path / "b.docx"
    assert main(["report", SUIVI, "--year", "2024", "-f", "docx", "--templates", str(tmp_path), "-o", str(target)]) == 2
    assert "List Bullet" in capsys.readouterr().err and not target.exists()


def test_powerpoint_template_gives_its_slide_size_and_its_slides_are_dropped(tmp_path):
    template = Presentation()  # python-pptx's default: 4:3
    template.slides.add_slide(template.slide_layouts[0]).shapes.title.text = "Diapositive du modèle"
    template.save(str(tmp_path / "report.pptx"))
    prs = Presentation(io.BytesIO(document(_report(synthese=True), "pptx", tmp_path)))
    assert round(prs.slide_width / prs.slide_height, 2) == round(4 / 3, 2)
    assert all("Diapositive du modèle" not in shape.text_frame.text for _, shape in _texts(prs))
    _check_fit(prs)
