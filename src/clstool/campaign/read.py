"""Opening a returned workbook safely and reading its rows, before any value is interpreted.

The file is checked before openpyxl reads it: its size, that it is an Office Open XML
workbook (an ``.ods``, an ``.xls``, a CSV or a password-protected file each get their own
message), the number and total size of the parts of the zip (a « zip bomb » is refused), then
the rows and columns of each sheet. The workbook is read with openpyxl in read-only mode.
"""

from __future__ import annotations

import json
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from clstool.campaign import layout as L

MAX_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED = 200 * 1024 * 1024
MAX_PARTS = 2000
MAX_ROWS = 5000
MAX_COLUMNS = 60
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


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


def check_file(path: Path, display: str) -> None:
    """Refuse, with a French message, what is not a bounded .xlsx workbook."""
    def refuse(message: str) -> None:
        raise WorkbookError(Problem(display, message))

    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        refuse(f"illisible ({exc.strerror})")
    if size > MAX_BYTES:
        refuse(f"fichier de {size // 1_000_000} Mo, trop gros pour un classeur de suivi "
               f"(au plus {MAX_BYTES // 1_000_000} Mo)")
    suffix = path.suffix.lower()
    if head.startswith(_OLE):
        data = path.read_bytes()
        if _ENCRYPTED in data:
            refuse("classeur protégé par un mot de passe : ouvrez-le, retirez le mot de passe "
                   "(Fichier > Informations > Protéger le classeur) et enregistrez-le à nouveau")
        refuse("classeur Excel 97-2003 (.xls) : ouvrez-le et enregistrez-le au format .xlsx")
    if not head.startswith(b"PK"):
        if suffix in (".csv", ".txt") or b";" in path.read_bytes()[:4096]:
            refuse("fichier texte (CSV) : les réponses doivent revenir dans le classeur .xlsx envoyé")
        refuse("ce n'est pas un classeur Excel (.xlsx)")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {i.filename for i in infos}
            if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:200]:
                refuse("classeur OpenDocument (.ods) : dans LibreOffice, Fichier > Enregistrer sous, "
                       "type « Excel 2007-365 (.xlsx) »")
            if "[Content_Types].xml" not in names:
                refuse("archive zip qui n'est pas un classeur Excel (.xlsx)")
            if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNZIPPED:
                refuse("classeur anormalement gros une fois décompressé : refusé")
    except zipfile.BadZipFile:
        refuse("fichier .xlsx abîmé (archive illisible) : demandez à le renvoyer")


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
    from openpyxl import load_workbook

    check_file(path, display)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
            workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise WorkbookError(Problem(display, f"classeur illisible ({type(exc).__name__}) : "
                                    "demandez à le renvoyer")) from None
    try:
        roles = {s.role: s for s in L.layouts(2000)}
        meta_ws = None
        out = RawWorkbook(display, {}, {})
        for ws in workbook.worksheets:
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
        out.meta, out.prepared = _meta(meta_ws)
        return out
    finally:
        workbook.close()
