"""The columns of a Territoires en Transitions sheet, recognised by their header.

Shared by the import (:mod:`clstool.interop.tet.read`) and the export
(:mod:`clstool.interop.tet.write`), which fills the template's columns found the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from clstool.interop.tet.cells import text_of
from clstool.interop.tet.vocabulary import classify
from clstool.sheets.read import column_letter


@dataclass
class Column:
    index: int  #: 1-based
    letter: str
    header: str  #: as written, trimmed
    key: str | None  #: None: not known → notes
    pair: int | None = None  #: for a financer column: the index of its amount column


def read_columns(headers: Sequence[Any]) -> list[Column]:
    """The columns of the header row ``headers`` (its cells' values, from column A), recognised
    by header; a « Montant » column is paired with the « Financeur » column on its left; a second
    column of the same kind is not recognised."""
    columns: list[Column] = []
    seen: set[str] = set()
    last_funder: Column | None = None
    for index, value in enumerate(headers, start=1):
        letter = column_letter(index)
        raw = text_of(value)
        header = " ".join(raw.split()) if raw else f"Colonne {letter}"
        key = classify(raw) if raw else None
        if key in seen and key not in ("financeur", "montant"):
            key = None
        col = Column(index, letter, header, key)
        if key == "financeur":
            last_funder = col
        elif key == "montant":
            if last_funder is not None and last_funder.pair is None:
                last_funder.pair = index
                key = col.key = "montant_paire"
            else:
                last_funder = None
        if key:
            seen.add(key)
        columns.append(col)
    return columns
