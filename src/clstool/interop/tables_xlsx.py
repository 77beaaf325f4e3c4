"""``clstool export --format xlsx``: the tables of :mod:`clstool.interop.tables` as a workbook.

Sheets Fiches, Déclinaisons, Calendrier, Indicateurs (one row per indicator: the target and
the measured value of each year in numeric columns « Cible 2024 », « Valeur 2024 », to chart),
Suivi, and « Statuts AAAA »: the statuses computed for a year (:mod:`clstool.planning.status`),
the rows and French headers of ``clstool status --format csv``.

Every sheet: bold header on a dark fill, frozen header row, filters on every column, column
widths fitted to the content (at most :data:`MAX_WIDTH` characters: a longer text wraps in its
cell instead of being cut), dates as dates. Printing: landscape A4, fitted to the width of one
page, the header row repeated on every page.

Written by XlsxWriter in its streaming mode (``constant_memory``: each row is written out
when the next begins; linear in the number of rows, about three times faster than openpyxl,
benchmarks/EXPORT_XLSX.md); every cell goes through :func:`clstool.sheets.write.stream_write`:
text is a string cell, never a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from collections.abc import Iterable, Sequence
from typing import Any

from clstool.interop.tables import Exported, sheets
from clstool.sheets.write import stream_write

HEADER_FILL = "1F4E78"
MAX_WIDTH = 40  #: characters; a longer text wraps
MIN_WIDTH = 8
LINE_HEIGHT = 15  #: points, the default row height of one line
MAX_LINES = 12  #: a row never grows taller than this many lines
DATE_FORMAT = "dd/mm/yyyy"


def status_sheet(data: Exported, year: int) -> tuple[str, Sequence[str], list[list]]:
    """The sheet « Statuts AAAA »: the rows of ``clstool status --format csv`` for ``year``."""
    from clstool.interop.status_output import COLUMNS, HEADERS, columns, csv_rows
    from clstool.planning.status import compute

    if data.project is None:
        return f"Statuts {year}", [HEADERS[c] for c in COLUMNS], []
    report = compute(data.project, year)
    names = columns(report)
    return f"Statuts {year}", [HEADERS[c] for c in names], [[row.get(c) for c in names] for row in csv_rows(report)]


def _width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, (dt.date, dt.datetime)):
        return 10
    if isinstance(value, str):
        return max(len(line) for line in value.split("\n")) if "\n" in value else len(value)
    return len(str(value))


def _lines(text: str, width: int) -> int:
    """How many lines ``text`` takes, wrapped in a column ``width`` characters wide."""
    return sum(max(1, -(-len(line) // max(width - 2, 1))) for line in text.split("\n"))


def _widths(headers: Sequence[str], rows: list[list]) -> list[int]:
    widths = [len(h) for h in headers]
    for row in rows:
        for index, value in enumerate(row):
            size = _width(value)
            if size > widths[index]:
                widths[index] = size
    return [min(max(w + 2, MIN_WIDTH), MAX_WIDTH) for w in widths]


class _Formats:
    def __init__(self, workbook: Any):
        self.header = workbook.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": f"#{HEADER_FILL}",
                                           "text_wrap": True, "valign": "vcenter"})
        self.wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        self.date = workbook.add_format({"num_format": DATE_FORMAT, "valign": "top"})
        self.top = workbook.add_format({"valign": "top"})  # beside a wrapped text, not below it


def add_sheet(workbook: Any, formats: _Formats, name: str, headers: Sequence[str], rows: Iterable[list]) -> None:
    """One styled sheet, streamed: widths are measured on the rows first."""
    rows = list(rows)
    ws = workbook.add_worksheet(name)
    widths = _widths(headers, rows)
    for index, width in enumerate(widths):
        ws.set_column(index, index, width, formats.top)  # the format of the cells written without one
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, len(rows), len(headers) - 1)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)  # one page wide, as many pages as the rows need
    ws.repeat_rows(0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    for column, header in enumerate(headers):
        stream_write(ws, 0, column, header, formats.header)
    wrap, date = formats.wrap, formats.date
    for number, row in enumerate(rows, start=1):
        cells = []
        lines = 1
        for column, value in enumerate(row):
            if value is None:
                continue
            fmt = None
            if type(value) is str:
                if len(value) + 2 > widths[column] or "\n" in value:
                    fmt = wrap
                    lines = max(lines, _lines(value, widths[column]))
            elif isinstance(value, dt.date):
                fmt = date
            cells.append((column, value, fmt))
        if lines > 1:  # neither Excel nor LibreOffice fits the height of a row they open: say it
            ws.set_row(number, LINE_HEIGHT * min(lines, MAX_LINES))
        for column, value, fmt in cells:
            stream_write(ws, number, column, value, fmt)


def to_xlsx(data: Exported, year: int | None = None) -> bytes:
    """The workbook: the sheets of :func:`clstool.interop.tables.sheets`, then the statuses of
    ``year`` (default: the current year)."""
    import xlsxwriter

    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="clstool-xlsx-") as scratch:
        workbook = xlsxwriter.Workbook(buffer, {"constant_memory": True, "tmpdir": scratch,
                                                "strings_to_formulas": False, "strings_to_urls": False})
        formats = _Formats(workbook)
        for name, headers, rows in sheets(data):
            add_sheet(workbook, formats, name, headers, rows(data))
        add_sheet(workbook, formats, *status_sheet(data, year if year is not None else dt.date.today().year))
        workbook.close()
    return buffer.getvalue()
