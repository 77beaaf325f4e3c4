"""The committee's slide deck (``report --format pptx``), written with python-pptx.

A 16:9 deck of editable slides: title, key figures and the statuses per axis, the
coordinator's synthesis and highlights (``bilans/<année>.yaml``, or its absence said), one
slide per axis (its status chart and its fiches), the fiches late or blocked, the indicators
against their targets, governance, outlook, and the decisions expected. Without
``--synthese``, one slide per fiche follows the axes.

Every text box and table gets the largest font size at which its text fits
(:mod:`clstool.report.textfit`); a text that cannot fit even small is cut with « … » and given
whole in the slide's notes. The look comes from ``report.pptx`` in ``--templates DOSSIER`` (its
master, theme and « Blank » layout; its slides are dropped), else python-pptx's default.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Inches, Pt

from clstool.errors import InputError
from clstool.model.vocabulary import STATUTS
from clstool.model.vocabulary import titre as label
from clstool.report import charts, images
from clstool.report.template_files import document_template, made_with, open_template
from clstool.report.textfit import fit
from clstool.report.views import Report

TEMPLATE = "report.pptx"
W, H = 13.333, 7.5  #: 16:9, in inches
MARGIN = 0.5
ACCENT = RGBColor(0x1D, 0x3C, 0x6E)
TABLE_SIZES = (16, 14, 12, 11, 10, 9)


class Deck:
    def __init__(self, template: Path | None):
        self.prs = open_template(template, "diaporama PowerPoint (.pptx)", Presentation) if template else Presentation()
        if template:  # keep the master and layouts, drop the template's own slides
            ids = self.prs.slides._sldIdLst
            for slide_id in list(ids):
                self.prs.part.drop_rel(slide_id.rId)
                ids.remove(slide_id)
        else:
            self.prs.slide_width, self.prs.slide_height = Inches(W), Inches(H)
        self.w, self.h = self.prs.slide_width / 914400, self.prs.slide_height / 914400
        layouts = list(self.prs.slide_layouts)
        if not layouts:
            raise InputError(f"modèle {template} : diaporama sans aucune disposition de diapositive")
        self.layout = next((lay for lay in layouts if lay.name in ("Blank", "Vide")), layouts[-1])

    def slide(self, title: str, notes: str = ""):
        slide = self.prs.slides.add_slide(self.layout)
        for placeholder in list(slide.placeholders):
            placeholder._element.getparent().remove(placeholder._element)
        self.text(slide, [title], MARGIN, 0.3, self.w - 2 * MARGIN, 0.95, sizes=(32, 28, 24, 20, 18, 16, 14), bold=True,
                  color=ACCENT)
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
        return slide

    def text(self, slide, texts: list[str], x: float, y: float, w: float, h: float, *,
             sizes: tuple[float, ...] = (24, 20, 18, 16, 14, 12, 11, 10), bold: bool = False,
             bullets: bool = False, color: RGBColor | None = None, italic: bool = False):
        shown = [("• " + t if bullets else t) for t in texts]
        size, kept = fit(shown, w, h, sizes, bold)
        if len(kept) < len(shown) or (kept and kept[-1] != shown[len(kept) - 1]):
            notes = slide.notes_slide.notes_text_frame
            notes.text = (notes.text + "\n\n" if notes.text else "") + "Texte complet :\n" + "\n".join(shown)
        box = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
        frame = box.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        for index, text in enumerate(kept or [""]):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            if index:
                paragraph.space_before = Pt(size * 0.3)
            run = paragraph.add_run()
            run.text = text
            run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
            run.font.name = "Liberation Sans"
            if color is not None:
                run.font.color.rgb = color
        return box

    def table(self, slide, headers: Sequence[str], rows: list[Sequence[object]], x: float, y: float, w: float,
              h: float, widths: Sequence[float], more: str = "de plus : voir le bilan complet"):
        """A table whose rows all fit the box: the largest size that fits; else the first rows and
        a last line saying how many are left out (listed in the notes)."""
        cells = [[str(v) if v is not None else "" for v in row] for row in rows]
        total = sum(widths)
        cols = [w * c / total for c in widths]

        def height(row: Sequence[str], size: float, bold: bool = False) -> float:
            tallest = max(_lines(t, c, size, bold) for t, c in zip(row, cols, strict=True))
            return tallest * size * 1.2 / 72 + 0.12

        for size in TABLE_SIZES:
            heights = [height(headers, size, True)] + [height(row, size) for row in cells]
            if sum(heights) <= h:
                break
        kept = cells
        if sum(heights) > h:
            kept = []
            used = heights[0] + height(["x"] * len(cols), size)
            for row, row_h in zip(cells, heights[1:], strict=True):
                if used + row_h > h:
                    break
                kept.append(row)
                used += row_h
            left = len(cells) - len(kept)
            kept.append([f"… et {left} {more}"] + [""] * (len(cols) - 1))
            notes = slide.notes_slide.notes_text_frame
            notes.text = (notes.text + "\n\n" if notes.text else "") + "\n".join(" | ".join(r) for r in cells)
            heights = [height(headers, size, True)] + [height(r, size) for r in kept]
        shape = slide.shapes.add_table(len(kept) + 1, len(cols), Inches(x), Inches(y), Inches(w), Inches(sum(heights)))
        table = shape.table
        for index, col_w in enumerate(cols):
            table.columns[index].width = Inches(col_w)
        for r_index, row in enumerate([list(headers), *kept]):
            table.rows[r_index].height = Inches(heights[r_index])
            for c_index, text in enumerate(row):
                cell = table.cell(r_index, c_index)
                cell.margin_top = cell.margin_bottom = Inches(0.04)
                frame = cell.text_frame
                frame.word_wrap = True
                frame.paragraphs[0].text = ""
                run = frame.paragraphs[0].add_run()
                run.text = text
                run.font.size, run.font.bold, run.font.name = Pt(size), r_index == 0, "Liberation Sans"
        return shape

    def image(self, slide, svg, x: float, y: float, w: float, h: float) -> None:
        if not str(svg):
            return
        sw, sh = images.size(svg)
        scale = min(w / sw, h / sh)
        slide.shapes.add_picture(io.BytesIO(images.png(svg, 1600)), Inches(x), Inches(y), Inches(sw * scale),
                                 Inches(sh * scale))

    def data(self) -> bytes:
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()


def _lines(text: str, col_w: float, size: float, bold: bool) -> int:
    from clstool.report.textfit import INSET_W, wrap

    return len(wrap(text, size, (col_w - INSET_W) * 72, bold))


def pptx_bytes(report: Report, templates: str | Path | None = None) -> bytes:
    """The committee's deck as a .pptx file."""
    from clstool.report.pptx_slides import write

    def make(used: Path | None) -> bytes:
        deck = Deck(used)
        write(deck, report)
        return deck.data()

    return made_with(make, document_template(templates, TEMPLATE), "diaporama PowerPoint (.pptx)")


def axis_chart(report: Report, axis) -> object:
    """The status bar of one axis."""
    return charts.status_bars([charts.BarRow(f"Axe {axis.id}", {c.statut.code: c.nombre for c in axis.effectifs})],
                              STATUTS, {c: label(c) for c in STATUTS}, title=f"Statut des fiches de l'axe {axis.id}")
