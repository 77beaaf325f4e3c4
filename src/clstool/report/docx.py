"""The annual report as a Word document (``report --format docx``), written with python-docx.

Every text is a real Word paragraph or table cell, editable by the coordinator: headings use
Word's « Titre 1/2/3 » styles (``Heading 1…``: the navigation pane and the automatic table of
contents see them), tables are real tables whose header row repeats on each page, the charts
are PNG images (:mod:`clstool.report.images`), the footer numbers the pages, and the wide
tables (calendar, partners) sit in landscape sections. The table of contents is a Word field
written already filled with the level 1 and 2 headings, each a link to a bookmark on its heading
(what Word itself writes), so every reader shows it as it is; the page numbers cannot be known
without laying the pages out, so the document asks Word to update its fields when it opens
(``w:updateFields``), which adds them (LibreOffice: Outils → Mettre à jour → Tout).

The look comes from a template: ``report.docx`` in ``--templates DOSSIER`` (its styles, page
setup, header and footer), else python-docx's default; its content is ignored. The text comes
from the same :class:`clstool.report.views.Report` as the other formats. Text from YAML is
written as text, never interpreted (``<script>``, ``{{ }}`` and a leading ``=`` stay as typed).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from clstool.errors import InputError
from clstool.report import images
from clstool.report.template_files import document_template, made_with, open_template
from clstool.report.views import FicheView, Report

#: The styles the document uses; a template must define them (Word's built-in names).
STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "Caption", "Table Grid")
TEMPLATE = "report.docx"
#: The elements of ``w:settings`` that come after ``w:updateFields`` in the schema (CT_Settings).
SETTINGS_AFTER = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
                  "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                  "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
                  "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")


TOC = 'TOC \\o "1-2" \\h \\z \\u'  #: the table of contents field: headings 1–2, as hyperlinks


def _element(tag: str, text: str | None = None, **attributes: str):
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(name.replace("_", ":", 1)), value)
    if text is not None:
        element.set(qn("xml:space"), "preserve")
        element.text = text
    return element


def _field_chars(instruction: str | None = None):
    """The runs that open a field (its instruction, then the separator before its shown result), or close it."""
    if instruction is None:
        return [_run(_element("w:fldChar", w_fldCharType="end"))]
    return [_run(_element("w:fldChar", w_fldCharType="begin")), _run(_element("w:instrText", instruction)),
            _run(_element("w:fldChar", w_fldCharType="separate"))]


def _run(*children):
    run = OxmlElement("w:r")
    run.extend(children)
    return run


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES…) in ``paragraph``, with ``placeholder`` shown until updated."""
    paragraph._p.extend([*_field_chars(instruction), _run(_element("w:t", placeholder)), *_field_chars()])


class Writer:
    """Appends the report's parts to a python-docx document."""

    def __init__(self, template: Path | None):
        self.doc = open_template(template, "document Word (.docx)", Document) if template else Document()
        self._ids: dict[str, str] = {}
        self._toc = None  #: the paragraph where the table of contents goes, filled by :meth:`data`
        if template:
            body = self.doc.element.body
            if body is None or not self.doc.sections:
                raise InputError(f"modèle {template} : document Word sans corps ni section ; enregistrez-le de "
                                 "nouveau depuis Word ou LibreOffice")
            for child in list(body):
                if child.tag != qn("w:sectPr"):
                    body.remove(child)
            missing = [s for s in STYLES if s not in [st.name for st in self.doc.styles]]
            if missing:
                raise InputError(f"modèle {template} : styles Word absents : {', '.join(missing)}")
        section = self.doc.sections[0]
        if not template:
            section.page_width, section.page_height = Cm(21), Cm(29.7)
            for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
                setattr(section, side, Cm(2))
            self.doc.styles["Normal"].font.size = Pt(10)
            self.doc.styles["Normal"].font.name = "Liberation Sans"
        self._footer(section)

    # --- basic pieces --------------------------------------------------------------------------------

    def _footer(self, section) -> None:
        paragraph = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
        if paragraph.text:
            return
        paragraph.add_run("page ")
        _field(paragraph, "PAGE", "1")
        paragraph.add_run(" / ")
        _field(paragraph, "NUMPAGES", "1")

    def heading(self, text: str, level: int = 1, page_break: bool = False):
        paragraph = self.styled(text, f"Heading {level}")
        paragraph.paragraph_format.page_break_before = page_break
        return paragraph

    def styled(self, text: str, style: str):
        """A paragraph in ``style``, set by its id: python-docx looks a name up in every style each time."""
        paragraph = self.doc.add_paragraph(text)
        if style not in self._ids:
            self._ids[style] = self.doc.styles[style].style_id
        paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = self._ids[style]
        return paragraph

    def para(self, text: str = "", *, bold: str | None = None, italic: bool = False, style: str | None = None):
        paragraph = self.styled("", style) if style else self.doc.add_paragraph()
        if bold:
            paragraph.add_run(bold).bold = True
        run = paragraph.add_run(text)
        run.italic = italic
        return paragraph

    def bullets(self, items: Iterable[str], empty: str = "Non renseigné.") -> None:
        items = list(items)
        for item in items:
            self.styled(item, "List Bullet")
        if not items:
            self.para(empty, italic=True)

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[object]], widths: Sequence[float] = ()) -> None:
        """A table whose header row repeats on every page."""
        rows = [[("" if v is None else str(v)) for v in row] for row in rows]
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        header = table.rows[0]
        properties = header._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.append(repeat)
        for cell, text in zip(header.cells, headers, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for row in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
        if widths:  # Word reads the cells' widths, LibreOffice the grid's: both are set
            table.autofit = False
            for index, width in enumerate(widths):
                table.columns[index].width = Cm(width)
                for cell in table.columns[index].cells:
                    cell.width = Cm(width)
        self.doc.add_paragraph()

    def chart(self, svg, caption: str, width_cm: float = 17) -> None:
        """A chart as an image, its caption above it (read as its title, never as the next one's)."""
        if not str(svg):
            return
        self.para(caption, style="Caption").paragraph_format.keep_with_next = True
        self.doc.add_picture(io.BytesIO(images.png(svg, 1080)), width=Cm(width_cm))

    def landscape(self, on: bool) -> None:
        """A new section, landscape (``on``) or back to portrait, for a wide table."""
        current = self.doc.sections[-1]
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        width, height = current.page_width, current.page_height
        if on == (width < height):
            section.page_width, section.page_height = height, width
        section.orientation = WD_ORIENT.LANDSCAPE if on else WD_ORIENT.PORTRAIT

    def table_of_contents(self) -> None:
        """The place of the table of contents, filled when the whole document is written."""
        self._toc = self.doc.add_paragraph()

    def _fill_table_of_contents(self) -> None:
        """The TOC field, its result already written: one paragraph per heading 1–2, a link to its bookmark."""
        if self._toc is None:
            return
        levels = {self.doc.styles[f"Heading {n}"].style_id: n for n in (1, 2)}
        body = self.doc.element.body
        taken = [int(b.get(qn("w:id"))) for b in body.iter(qn("w:bookmarkStart")) if b.get(qn("w:id"), "").isdigit()]
        number = max(taken, default=0)
        entries = []
        for paragraph in body.iterchildren(qn("w:p")):
            style = paragraph.pPr.pStyle.val if paragraph.pPr is not None and paragraph.pPr.pStyle is not None else None
            if style not in levels:
                continue
            number += 1
            name = f"_Toc{number:09d}"  # the form of Word's own bookmarks, which it replaces when it updates
            start = _element("w:bookmarkStart", w_id=str(number), w_name=name)
            if paragraph.pPr is not None:
                paragraph.pPr.addnext(start)
            else:
                paragraph.insert(0, start)
            paragraph.append(_element("w:bookmarkEnd", w_id=str(number)))
            entries.append((levels[style], "".join(t.text or "" for t in paragraph.iter(qn("w:t"))), name))
        previous = self._toc._p
        for index, (level, text, name) in enumerate(entries):
            paragraph = previous if index == 0 else OxmlElement("w:p")
            if index:
                previous.addnext(paragraph)
            if level == 2:
                Paragraph(paragraph, self._toc._parent).paragraph_format.left_indent = Cm(0.6)
            if index == 0:
                paragraph.extend(_field_chars(TOC))
            link = _element("w:hyperlink", w_anchor=name, w_history="1")
            link.append(_run(_element("w:t", text)))
            paragraph.append(link)
            previous = paragraph
        previous.extend(_field_chars())

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def data(self) -> bytes:
        self._fill_table_of_contents()
        settings = self.doc.settings.element
        if settings.find(qn("w:updateFields")) is None:  # Word fills the table of contents when it opens the file
            update = OxmlElement("w:updateFields")
            update.set(qn("w:val"), "true")
            # at its place in the schema's sequence: Word reports a file whose elements are out of order
            later = next((child for child in settings if child.tag in {qn(f"w:{n}") for n in SETTINGS_AFTER}), None)
            if later is not None:
                later.addprevious(update)
            else:
                settings.append(update)
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def docx_bytes(report: Report, templates: str | Path | None = None) -> bytes:
    """The report as a .docx file."""
    from clstool.report.docx_parts import write

    def make(used: Path | None) -> bytes:
        writer = Writer(used)
        write(writer, report)
        return writer.data()

    return made_with(make, document_template(templates, TEMPLATE), "document Word (.docx)")


def fiche_heading(f: FicheView) -> str:
    return f"{f.id} — {f.titre}"
