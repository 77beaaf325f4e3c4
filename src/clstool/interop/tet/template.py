"""TeT's template made into the workbook TeT's importer accepts (``export --format tet``).

TeT's importer (``apps/backend/src/plans/plans/import-plan-aggregate/parsers/excel-parser.ts`` in
incubateur-ademe/territoires-en-transitions) finds the sheet whose A2 is « Axe (x) », requires
the 28 headers of :data:`~clstool.interop.tet.vocabulary.TET_HEADERS` on row 2, and reads every
non-empty row from row 4 as an action. The public template does not quite fit it: its D2 says
« Titre de la fiche action », row 4 holds instructions and row 5 an example. So:

- row 2 gets TeT's headers, exactly;
- each column's instructions join its field kind on row 3 (a row TeT skips), in the
  instructions' look; rows 4 and 5 take the look of a data row; the example and its comment go;
- the drop-down lists (status, priority, citizen participation: an Excel 2010 extension that
  openpyxl drops when it reads the template) are declared again; every data validation and the
  template's table cover the data rows, from row 4 to the last one (199 at least).
"""

from __future__ import annotations

import warnings
from copy import copy
from typing import Any

from clstool.interop.tet.columns import Column, read_columns
from clstool.interop.tet.vocabulary import (
    DROP_DOWNS,
    FIRST_DATA_ROW,
    HEADER_ROW,
    KINDS_ROW,
    LISTS_SHEET,
    SHEET,
    TET_HEADERS,
    normalise,
    template_path,
)
from clstool.sheets.read import column_letter
from clstool.sheets.write import put

_INSTRUCTIONS_ROW = 4  #: in the template
_PLAIN_ROW = 6  #: a data row of the template, whose look rows 4 and 5 take
_TEMPLATE_LAST_ROW = 199  #: the template's validations and table end there
#: The template still says TeT does not import the sous-action column; it does since March 2026.
_SOUS_ACTION_HELP = ("Champ texte\n\nUne ligne par sous-action : le titre de l'action en colonne D, celui de la "
                     "sous-action ici. L'action a aussi sa propre ligne, sans sous-action.")


def load() -> tuple[Any, Any, list[Column]]:
    """(workbook, data sheet, its columns): the template with TeT's headers and instructions on
    row 3, no example, every row from row 4 empty and plain."""
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # « Data Validation extension is not supported »
        with template_path().open("rb") as handle:
            workbook = load_workbook(handle)
    ws = workbook[SHEET]
    for index, header in enumerate(TET_HEADERS, start=1):
        put(ws, HEADER_ROW, index, header)
    columns = read_columns([cell.value for cell in ws[HEADER_ROW]])
    sous_action = next(c.index for c in columns if c.key == "sous_action")
    for col in range(1, ws.max_column + 1):
        kind, help_ = ws.cell(KINDS_ROW, col), ws.cell(_INSTRUCTIONS_ROW, col)
        text = "\n\n".join(str(v).strip() for v in (kind.value, help_.value) if v and str(v).strip())
        kind.value = _SOUS_ACTION_HELP if col == sous_action else (text or None)
        kind._style = copy(help_._style)
    ws.row_dimensions[KINDS_ROW].height = 140
    for row in ws.iter_rows(min_row=FIRST_DATA_ROW, max_row=ws.max_row):
        for cell in row:
            cell.value = None
            cell.comment = None  # « Ligne : Exemple de saisie conforme », on the example
    for r in (_INSTRUCTIONS_ROW, _INSTRUCTIONS_ROW + 1):
        ws.row_dimensions[r].height = ws.row_dimensions[_PLAIN_ROW].height
        for col in range(1, ws.max_column + 1):
            ws.cell(r, col)._style = copy(ws.cell(_PLAIN_ROW, col)._style)
    return workbook, ws, columns


def _ranges(sqref: Any) -> list[Any]:
    """The ranges of a validation, in the order written (the first one anchors its formula)."""
    from openpyxl.worksheet.cell_range import CellRange

    return [CellRange(text) for text in str(sqref).split()]


def _spans(sqref: Any) -> list[tuple[int, int]]:
    """The column spans of a validation's ranges, each once, in order."""
    return list(dict.fromkeys((r.min_col, r.max_col) for r in _ranges(sqref)))


def cover(workbook: Any, ws: Any, columns: list[Column], last_row: int) -> None:
    """Every data validation (the template's, and the drop-down lists declared again) and the
    template's table over the data rows ``FIRST_DATA_ROW``…``last_row`` (199 at least)."""
    from openpyxl.formula.translate import Translator
    from openpyxl.worksheet.datavalidation import DataValidation

    last = max(last_row, _TEMPLATE_LAST_ROW)
    for dv in ws.data_validations.dataValidation:
        first = _ranges(dv.sqref)[0]
        origin = f"{column_letter(first.min_col)}{first.min_row}"
        spans = _spans(dv.sqref)
        target = f"{column_letter(spans[0][0])}{FIRST_DATA_ROW}"
        if dv.formula1 and not dv.formula1.startswith('"'):  # relative to the first cell of the ranges
            dv.formula1 = Translator("=" + dv.formula1, origin=origin).translate_formula(target)[1:]
        dv.sqref = " ".join(f"{column_letter(a)}{FIRST_DATA_ROW}:{column_letter(b)}{last}" for a, b in spans)
    lists = workbook[LISTS_SHEET]
    by_key = {c.key: c.letter for c in columns if c.key}
    for key, header in DROP_DOWNS.items():
        col = next((c for c in lists[1] if c.value and normalise(c.value) == normalise(header)), None)
        if col is None or key not in by_key:  # pragma: no cover - the shipped template has them
            continue
        end = max((c.row for c in lists[col.column_letter] if c.value not in (None, "")), default=1)
        dv = DataValidation(type="list", formula1=f"'{LISTS_SHEET}'!${col.column_letter}$2:${col.column_letter}${end}",
                            allow_blank=True, showInputMessage=True, showErrorMessage=True,
                            prompt="Cliquez ici et choisissez une valeur de la liste")
        dv.add(f"{by_key[key]}{FIRST_DATA_ROW}:{by_key[key]}{last}")
        ws.add_data_validation(dv)
    for table in ws.tables.values():
        right = table.ref.split(":")[1].rstrip("0123456789")
        table.ref = f"A{FIRST_DATA_ROW}:{right}{last}"
