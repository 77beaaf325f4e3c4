"""Opening a returned workbook safely and reading its rows, before any value is interpreted.

The file is opened as every workbook someone sent is (:func:`clstool.sheets.read.open_workbook`:
its kind — an ``.ods``, an ``.xls``, a CSV or a password-protected file each get their own
message —, its size, its zip bounded before anything is decompressed, no DTD nor entity, then
openpyxl in read-only mode), within the limits of a returned follow-up workbook; then the rows
and columns of each sheet are read, bounded too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from clstool.campaign import layout as L
from clstool.errors import InputError
from clstool.sheets.read import MB, Limits, open_workbook, why

#: A returned workbook holds one territory's fiches: far less than a plan of action.
LIMITS = Limits(file_bytes=20 * MB, total_bytes=200 * MB, rows=5000, columns=60)
MAX_ROWS = LIMITS.rows
MAX_COLUMNS = LIMITS.columns
#: A carrier who sends a CSV lost the workbook's hidden identifiers: only the workbook sent will do.
_TEXT_ADVICE = "les réponses doivent revenir dans le classeur .xlsx envoyé"


@dataclass(frozen=True)
class Problem:
    """Something wrong in a workbook, where it is, in French."""

    file: str
    message: str
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.sheet is not None:
            where += f", feuille « {self.sheet} »"
        if self.cell is not None:
            where += f", cellule {self.cell}"
        return f"{where} : {self.message}"


class WorkbookError(Exception):
    """A file that cannot be read as a campaign workbook at all."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class Cell:
    value: Any
    sheet: str
    coordinate: str


@dataclass
class Row:
    role: str
    key: str
    sheet: str
    number: int
    cells: dict[str, Cell]


@dataclass
class RawWorkbook:
    display: str
    meta: dict[str, Any]
    prepared: dict[str, tuple[dict, str]]  #: fiche id → (plan signature, follow-up fingerprint)
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def year(self) -> int | None:
        try:
            return int(self.meta.get("annee"))
        except (TypeError, ValueError):
            return None


def _meta(ws: Any) -> tuple[dict[str, Any], dict[str, tuple[dict, str]]]:
    meta: dict[str, Any] = {}
    prepared: dict[str, tuple[dict, str]] = {}
    in_fiches = False
    for row in ws.iter_rows(max_row=MAX_ROWS, max_col=3, values_only=True):
        if not row or row[0] is None:
            continue
        if in_fiches:
            try:
                plan = json.loads(row[1]) if row[1] else {}
            except (TypeError, ValueError):
                plan = {}
            prepared[str(row[0])] = (plan, str(row[2] or ""))
        elif row[0] == "fiche":
            in_fiches = True
        else:
            meta[str(row[0])] = row[1] if len(row) > 1 else None
    return meta, prepared


def _rows(ws: Any, role: str, display: str, out: RawWorkbook) -> None:
    codes: list[str | None] = []
    for number, row in enumerate(ws.iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=True),
                                 start=1):
        if number > MAX_ROWS:
            if any(v is not None for v in row):
                out.problems.append(Problem(display, f"plus de {MAX_ROWS} lignes : classeur refusé", ws.title))
            break
        if number == 1:
            codes = [str(v) if v is not None else None for v in row]
            continue
        if number < L.FIRST_ROW:
            continue
        cells = {code: Cell(value, ws.title, f"{get_column_letter(i + 1)}{number}")
                 for i, (code, value) in enumerate(zip(codes, row, strict=False)) if code and i > 0}
        key = row[0] if row else None
        if key is None or not str(key).strip():
            if any(c.value not in (None, "") for c in cells.values()):
                out.problems.append(Problem(display, "ligne sans identifiant (colonne A masquée vide) : "
                                            "ajoutée à la main ? ses réponses ne peuvent être rattachées "
                                            "à aucune fiche", ws.title, f"A{number}"))
            continue
        out.rows.append(Row(role, str(key).strip(), ws.title, number, cells))


def read_workbook(path: Path, display: str) -> RawWorkbook:
    """The metadata and the rows of a campaign workbook. Raises :class:`WorkbookError`."""
    try:
        workbook = open_workbook(path, LIMITS, display, text_advice=_TEXT_ADVICE)
    except InputError as exc:
        raise WorkbookError(Problem(display, str(exc).removeprefix(f"{display} : "))) from None
    try:
        roles = {s.role: s for s in L.layouts(2000)}
        meta_ws = None
        out = RawWorkbook(display, {}, {})
        for ws in workbook.worksheets:
            with _sheet_xml(display, ws):  # read-only openpyxl parses a sheet's XML as it is read
                first = next(ws.iter_rows(max_row=1, max_col=2, values_only=True), ())
                a1 = first[0] if first else None
                if a1 == "format" and len(first) > 1 and first[1] == L.FORMAT:
                    meta_ws = ws
                    continue
                if isinstance(a1, str) and a1.startswith("clstool:") and a1[8:] in roles:
                    if ws.max_column and ws.max_column > MAX_COLUMNS:
                        out.problems.append(Problem(display, f"plus de {MAX_COLUMNS} colonnes : feuille ignorée",
                                                    ws.title))
                        continue
                    _rows(ws, a1[8:], display, out)
        if meta_ws is None:
            raise WorkbookError(Problem(display, "ce classeur n'a pas été préparé par clstool campagne "
                                        "preparer (identifiants cachés absents)"))
        with _sheet_xml(display, meta_ws):
            out.meta, out.prepared = _meta(meta_ws)
        return out
    finally:
        workbook.close()


@contextmanager
def _sheet_xml(display: str, ws: Any) -> Iterator[None]:
    """A sheet whose XML cannot be read (a damaged file) is the workbook's problem, said in French."""
    try:
        yield
    except WorkbookError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure of the XML parser on a foreign file is the file's
        raise WorkbookError(Problem(display, f"feuille illisible ({why(exc)}) : demandez à renvoyer le classeur",
                                    ws.title)) from None
