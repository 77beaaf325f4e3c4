"""``clstool export --format tet``: fiches → a workbook Territoires en Transitions imports.

The workbook is TeT's template (shipped in ``clstool/resources``) made to fit TeT's importer
(:mod:`clstool.interop.tet.template`): TeT's headers on row 2, each column's instructions on
row 3, data from row 4: for each fiche its action row, then one row per déclinaison
(:mod:`clstool.interop.tet.rows`). Each column is found by its header, as the import does. The
package is then made readable by ExcelJS (:mod:`clstool.interop.tet.package`), and what TeT
cannot hold is counted for the user (:mod:`clstool.interop.tet.losses`).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from clstool.interop.tables import Exported
from clstool.interop.tet import template
from clstool.interop.tet.losses import summary
from clstool.interop.tet.package import relative_targets
from clstool.interop.tet.rows import Row, fiche_rows
from clstool.interop.tet.vocabulary import FIRST_DATA_ROW, normalise
from clstool.sheets.write import put


@dataclass
class TetWorkbook:
    content: bytes  #: the xlsx file
    summary: list[str] = field(default_factory=list)  #: French lines for the user: what TeT will not hold


def _duplicates(rows: list[Row]) -> list[str]:
    """TeT refuses a file where two actions of the same axes have the same title."""
    seen: dict[tuple, int] = {}
    for row in rows:
        if not row.values.get("sous_action"):
            v = row.values
            key = (v.get("axe"), v.get("sous_axe"), v.get("sous_sous_axe"), normalise(v["titre"]))
            seen[key] = seen.get(key, 0) + 1
    return [f"TeT refusera ce fichier : {n} actions du même axe s'intitulent « {key[3]} » "
            "(donnez-leur des titres distincts)" for key, n in seen.items() if n > 1]


def to_tet(data: Exported) -> TetWorkbook:
    """The workbook, as bytes, and the summary of what TeT cannot hold."""
    workbook, ws, columns = template.load()
    by_key = {c.key: c.index for c in columns if c.key}
    funders = [(c.index, c.pair) for c in columns if c.key == "financeur"]
    rows: list[Row] = []
    fiches = []
    for territory, fiche in data.fiches:
        fiches.append(fiche)
        rows += fiche_rows(fiche, territory)
    for number, row in enumerate(rows, start=FIRST_DATA_ROW):
        for key, value in row.values.items():
            if key in by_key and value not in (None, ""):
                cell = put(ws, number, by_key[key], value)
                if isinstance(value, dt.date):
                    cell.number_format = "DD/MM/YYYY"
        for (funder_col, amount_col), (funder, amount) in zip(funders, row.pairs, strict=False):
            put(ws, number, funder_col, funder)
            if amount_col:
                put(ws, number, amount_col, amount)
        if row.notes:
            put(ws, number, by_key["notes"], "\n\n".join(row.notes))
    template.cover(workbook, ws, columns, FIRST_DATA_ROW + len(rows) - 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return TetWorkbook(relative_targets(buffer.getvalue()), _duplicates(rows) + summary(fiches, rows))
