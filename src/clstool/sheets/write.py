"""The cells clstool writes for spreadsheets, CSV and xlsx alike: text always stays text.

A fiche's title, a partner's name or an id is written by someone else; a spreadsheet must never
run it. Text beginning with ``=`` becomes a live formula in a workbook (``=HYPERLINK(…)`` opens a
site, ``=1+1`` shows 2), and a spreadsheet opening a CSV file evaluates text beginning with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return (OWASP, « CSV injection »). So:

- every CSV file clstool writes goes through :func:`write_csv`, the one dialect: ``excel``
  (default): UTF-8 with a BOM, ``;`` and decimal commas, which French Excel opens as is;
  ``standard``: UTF-8, ``,`` and decimal points (RFC 4180); both end lines with CRLF. A text
  value beginning with one of those characters is prefixed with a single quote ``'``, as
  OWASP recommends (:func:`csv_text`); numbers and dates are written as such;
- every workbook cell clstool writes goes through :func:`put` (openpyxl) or
  :func:`stream_write` (XlsxWriter, for the large streamed export): text is a string cell,
  never a formula nor an error value, whatever its first character, and loses only the
  control characters XML cannot carry.

The YAML files are never altered: this is about what is written for spreadsheets.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

DIALECTS = ("excel", "standard")
#: The control characters XML 1.0 cannot carry (C0 but tab, LF and CR; openpyxl refuses them).
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
#: First characters a spreadsheet may read as the start of a formula (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(text: str) -> str:
    """``text`` as a spreadsheet will show it, never evaluate it: ``'`` before a formula start."""
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_cell(value: Any, excel: bool) -> str:
    """One value as CSV text: empty for None, ISO dates, integral numbers without decimals,
    decimal commas in the ``excel`` dialect, text neutralised by :func:`csv_text`."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = str(int(value)) if math.isfinite(value) and value == int(value) else repr(value)
        return text.replace(".", ",") if excel else text
    return csv_text(str(value))


def iter_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]], dialect: str = "excel",
             batch: int = 2000) -> Iterator[bytes]:
    """The CSV file in clstool's one dialect (``excel`` or ``standard``), as byte chunks of
    ``batch`` rows: a large export is never held whole."""
    if dialect not in DIALECTS:
        raise ValueError(f"dialecte CSV inconnu : {dialect}")
    excel = dialect == "excel"
    if excel:
        yield "\ufeff".encode("utf-8")  # the BOM that tells Excel the file is UTF-8
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";" if excel else ",", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([csv_cell(h, excel) for h in headers])
    pending = 0
    for row in rows:
        writer.writerow([csv_cell(v, excel) for v in row])
        pending += 1
        if pending == batch:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue().encode("utf-8")


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]], dialect: str = "excel") -> bytes:
    """The CSV file, as bytes, in clstool's one dialect (``excel`` or ``standard``)."""
    return b"".join(iter_csv(headers, rows, dialect))


def put(ws: Any, row: int, column: int, value: Any) -> Any:
    """Write ``value`` into the cell (``row``, ``column``) of the openpyxl sheet ``ws`` and return
    the cell: text as a string cell, never a formula (``=…``) nor an error value (``#N/A``)."""
    return _text_stays_text(ws.cell(row, column), value)


def _text_stays_text(cell: Any, value: Any) -> Any:
    """Set ``value`` on ``cell``: text as a string cell, without the characters XML cannot carry."""
    if isinstance(value, str):
        cell.value = _ILLEGAL.sub("", value)
        cell.data_type = "s"  # openpyxl made « =… » a formula and « #N/A » an error: text it is
    else:
        cell.value = value
    return cell


def write_only_cell(ws: Any, value: Any) -> Any:
    """A cell for a sheet in openpyxl's write-only (streamed) mode, by the same rule as
    :func:`put`: text is a string cell, never a formula nor an error value."""
    from openpyxl.cell import WriteOnlyCell

    return _text_stays_text(WriteOnlyCell(ws), value)



def stream_write(ws: Any, row: int, column: int, value: Any, fmt: Any = None) -> None:
    """Write ``value`` into the cell (``row``, ``column``, from 0) of an XlsxWriter sheet, by the
    rule of :func:`put`: text as a string cell, never a formula nor an error value, without the
    characters XML cannot carry; numbers, booleans and dates as such; nothing for None.
    XlsxWriter's ``write()`` would make « =… » a formula: the typed writers never do."""
    if isinstance(value, str):
        if _ILLEGAL.search(value):
            value = _ILLEGAL.sub("", value)
        ws.write_string(row, column, value, fmt)
    elif value is None:
        return
    elif isinstance(value, bool):
        ws.write_boolean(row, column, value, fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(row, column, value, fmt)
    elif isinstance(value, (dt.date, dt.datetime)):
        ws.write_datetime(row, column, value, fmt)
    else:
        ws.write_string(row, column, str(value), fmt)
