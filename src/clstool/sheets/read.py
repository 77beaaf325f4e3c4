"""Reading a workbook someone sent: bounded before it is read, hardened XML, French messages.

A coordinator's ``.xlsx`` comes from anywhere (a partner, a platform, a mail attachment). Any
of them may be malformed, huge or hostile; none may cost the coordinator a traceback, an
« Erreur interne », a hung terminal or a machine out of memory. :func:`read_workbook`:

1. looks at the first bytes: an OpenDocument sheet (``.ods``), an Excel 97-2003 workbook
   (``.xls``), a password-protected workbook (an encrypted OLE container) or a text file (CSV)
   each get their own French message saying what to do;
2. bounds the zip from its directory, before decompressing anything: the file's size, the
   number of members, each member's and the total uncompressed size, and the compression
   ratio of large members (a « zip bomb »);
3. opens it with openpyxl in read-only mode; openpyxl parses XML with ``defusedxml`` when it is
   installed (a dependency of clstool), which refuses entity declarations (« billion laughs »)
   and external entities;
4. scans each sheet's XML as a stream (``defusedxml`` again), before reading any value: a cell
   beyond :attr:`Limits.rows` / :attr:`Limits.columns`, more than :attr:`Limits.cells` cells,
   text longer than Excel's own 32,767 characters, a shared-string index that points nowhere, or
   merged ranges covering too much are refused, naming the sheet and the cell; empty cells
   that only carry a style (whole rows or columns formatted) and a declared ``<dimension>``,
   true or not, cost nothing;
5. reads the values of the used area only, with a time limit over the whole reading.

Every refusal is an :class:`clstool.errors.InputError` whose message starts with the file's
name (exit code 2); nothing here writes anything.
"""

from __future__ import annotations

import re
import time
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clstool.errors import InputError

MB = 1024 * 1024
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_SAVE_AS = "ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format Excel (.xlsx)"


@dataclass(frozen=True)
class Limits:
    """What one workbook may hold; far above a real plan of action, far below a hostile file."""

    file_bytes: int = 50 * MB
    members: int = 2_000  #: files inside the zip
    member_bytes: int = 100 * MB  #: uncompressed, one member
    total_bytes: int = 300 * MB  #: uncompressed, all members
    ratio: int = 100  #: uncompressed / compressed, for members over 1 MB
    rows: int = 20_000
    columns: int = 500
    cells: int = 1_000_000  #: cells with a value, and cells covered by merged ranges
    area: int = 2_000_000  #: rows × columns of one sheet's used area
    cell_chars: int = 32_767  #: Excel's own limit for one cell
    seconds: float = 30.0  #: the whole reading


LIMITS = Limits()


#: how much of each XML part is read to find a DTD or an entity declaration (before the root)
_PROLOG_BYTES = 64 * 1024


def column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index


@dataclass
class Sheet:
    """The values of one sheet: ``(row, column) → value`` (1-based), merged cells filled in."""

    title: str
    cells: dict[tuple[int, int], Any] = field(default_factory=dict)
    max_row: int = 0
    max_column: int = 0

    def value(self, row: int, column: int) -> Any:
        return self.cells.get((row, column))

    def rows(self, min_row: int = 1) -> Iterator[tuple[int, dict[int, Any]]]:
        """``(row, {column: value})`` for each row from ``min_row`` that has a value."""
        by_row: dict[int, dict[int, Any]] = {}
        for (row, column), value in self.cells.items():
            if row >= min_row:
                by_row.setdefault(row, {})[column] = value
        for row in sorted(by_row):
            yield row, dict(sorted(by_row[row].items()))


class _Reading:
    """One reading: the file's name for messages, the limits and the deadline."""

    def __init__(self, path: Path, display: str, limits: Limits, text_advice: str = _SAVE_AS):
        self.path, self.name, self.limits, self.text_advice = path, display, limits, text_advice
        self.deadline = time.monotonic() + limits.seconds

    def fail(self, message: str) -> InputError:
        return InputError(f"{self.name} : {message}")

    def where(self, sheet: str, cell: str | None = None) -> str:
        return f"feuille « {sheet} »" + (f", cellule {cell}" if cell else "")

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise self.fail(f"lecture interrompue après {self.limits.seconds:g} s : le classeur est trop "
                            "gros ou trop compliqué ; gardez-en seulement la feuille utile")

    # --- 1. what kind of file --------------------------------------------------------------------

    def sniff(self) -> None:
        if not self.path.is_file():
            raise self.fail("fichier introuvable")
        size = self.path.stat().st_size
        if size > self.limits.file_bytes:
            raise self.fail(f"fichier de {size // MB} Mo, plus que les {self.limits.file_bytes // MB} Mo lus "
                            "(un plan d'action tient en quelques centaines de Ko)")
        if size == 0:
            raise self.fail("fichier vide (0 octet) : rien à lire")
        with self.path.open("rb") as handle:
            head = handle.read(4096)
            if head.startswith(_OLE):
                rest = head + handle.read(min(size, 4 * MB))
                if _ENCRYPTED in rest:
                    raise self.fail("classeur protégé par un mot de passe : ouvrez-le, retirez le mot de passe "
                                    "(Fichier > Informations > Protéger le classeur) et enregistrez-le en .xlsx")
                raise self.fail(f"classeur Excel 97-2003 (.xls) ou autre document Office ancien : {_SAVE_AS}")
        if not head.startswith(b"PK"):
            kind = "fichier texte (CSV ?)" if _is_text(head) else "fichier qui n'est pas un classeur"
            raise self.fail(f"{kind}, pas un classeur .xlsx : {self.text_advice}")

    # --- 2. the zip's directory ---------------------------------------------------------------------

    def check_zip(self) -> None:
        limits = self.limits
        try:
            with zipfile.ZipFile(self.path) as archive:
                infos = archive.infolist()
                names = set(archive.namelist())
                mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
            raise self.fail(f"archive .xlsx abîmée ou incomplète ({exc})") from None
        if b"opendocument" in mimetype:
            raise self.fail(f"classeur OpenDocument (.ods), pas un classeur .xlsx : {_SAVE_AS}")
        if "[Content_Types].xml" not in names:
            raise self.fail(f"archive zip qui n'est pas un classeur .xlsx : {_SAVE_AS}")
        if len(infos) > limits.members:
            raise self.fail(f"{len(infos)} fichiers dans l'archive, plus que les {limits.members} lus")
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > limits.member_bytes:
                raise self.fail(f"la partie {info.filename} ferait {info.file_size // MB} Mo une fois "
                                f"décompressée, plus que les {limits.member_bytes // MB} Mo lus")
            if info.file_size > MB and info.file_size > limits.ratio * max(info.compress_size, 1):
                raise self.fail(f"la partie {info.filename} est compressée plus de {limits.ratio} fois "
                                "(archive piégée ?) : elle n'est pas lue")
        if total > limits.total_bytes:
            raise self.fail(f"{total // MB} Mo une fois décompressé, plus que les {limits.total_bytes // MB} Mo lus")
        self.check_prologs(infos)

    def check_prologs(self, infos: list[zipfile.ZipInfo]) -> None:
        """No XML part may declare a DTD or entities. Whichever parser openpyxl picks (defusedxml
        refuses them, lxml leaves them unexpanded), such a file is refused here, in French: a DTD
        stands before the root element, so the first bytes of each part tell."""
        try:
            with zipfile.ZipFile(self.path) as archive:
                for info in infos:
                    if not info.filename.endswith((".xml", ".rels", ".vml")):
                        continue
                    with archive.open(info) as part:
                        head = part.read(_PROLOG_BYTES).upper()
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise self.fail(f"partie {info.filename} : XML avec des entités ou une DTD, refusé par sécurité")
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
            raise self.fail(f"archive .xlsx abîmée ou incomplète ({exc})") from None

    # --- 3. openpyxl -------------------------------------------------------------------------------------

    def open(self) -> Any:
        from openpyxl import load_workbook

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # « Data Validation extension is not supported »…
                return load_workbook(self.path, read_only=True, data_only=True, keep_links=False)
        except Exception as exc:  # noqa: BLE001 - any failure of openpyxl on a foreign file is the file's
            raise self.fail(f"classeur .xlsx illisible ({why(exc)})") from None

    # --- 4. one sheet's XML, as a stream --------------------------------------------------------------

    def scan(self, ws: Any, strings: list[str], budget: list[int]) -> tuple[int, int, list[tuple[int, int, int, int]]]:
        """(last row, last column) of the cells with a value, and the merged ranges; raises on
        anything out of bounds. ``budget``: cells still allowed in the workbook (shared)."""
        from defusedxml.ElementTree import iterparse

        limits, title = self.limits, ws.title
        last_row = last_col = row = col = 0
        merged: list[tuple[int, int, int, int]] = []
        seen = 0
        source = ws.parent._archive.open(ws._worksheet_path)
        try:
            parent = None
            for event, elem in iterparse(source, events=("start", "end")):
                tag = elem.tag
                if event == "start":
                    if tag == _NS + "sheetData":
                        parent = elem
                    elif tag == _NS + "row":
                        r = elem.get("r")
                        row, col = (int(r) if r and r.isdigit() else row + 1), 0
                    continue
                if tag == _NS + "c":
                    ref = elem.get("r")
                    m = _REF.match(ref) if ref else None
                    row, col = (int(m.group(2)), column_index(m.group(1))) if m else (row, col + 1)
                    length = self._length(elem, strings, title, row, col)
                    if length is not None:
                        if row > limits.rows or col > limits.columns:
                            raise self.fail(
                                f"{self.where(title, column_letter(col) + str(row))} : au-delà des "
                                f"{limits.rows} lignes et {limits.columns} colonnes lues ; supprimez les "
                                "lignes et colonnes en trop")
                        last_row, last_col = max(last_row, row), max(last_col, col)
                        budget[0] -= 1
                        if budget[0] < 0:
                            raise self.fail(f"plus de {limits.cells} cellules remplies : le classeur n'est pas lu")
                    seen += 1
                    if seen % 2048 == 0:
                        self.check_time()
                elif tag == _NS + "row":
                    elem.clear()
                    if parent is not None:
                        parent.remove(elem)
                elif tag == _NS + "mergeCell":
                    merged.append(self._merge(elem.get("ref", ""), title))
                    elem.clear()
        except InputError:
            raise
        except Exception as exc:  # noqa: BLE001 - malformed or forbidden XML, a truncated member…
            raise self.fail(f"{self.where(title)} illisible ({why(exc)})") from None
        finally:
            source.close()
        return last_row, last_col, merged

    def _length(self, elem: Any, strings: list[str], title: str, row: int, col: int) -> int | None:
        """The length of the cell's text, or None for a cell without a value."""
        kind = elem.get("t")
        if kind == "inlineStr":
            inline = elem.find(_NS + "is")
            text = "".join(inline.itertext()) if inline is not None else ""
        else:
            v = elem.find(_NS + "v")
            text = v.text if v is not None and v.text else ""
            if kind == "s" and text:
                where = self.where(title, column_letter(col) + str(row))
                if not text.strip().isdigit() or int(text) >= len(strings):
                    raise self.fail(f"{where} : renvoie au texte partagé n° {text[:20]}, qui n'existe pas "
                                    "(classeur abîmé)")
                text = strings[int(text)]
        if len(text) > self.limits.cell_chars:
            raise self.fail(f"{self.where(title, column_letter(col) + str(row))} : {len(text)} caractères, plus "
                            f"que les {self.limits.cell_chars} qu'une cellule peut contenir")
        return len(text) if text else None

    def _merge(self, ref: str, title: str) -> tuple[int, int, int, int]:
        first, _, last = ref.partition(":")
        a, b = _REF.match(first), _REF.match(last or first)
        if not a or not b:
            raise self.fail(f"{self.where(title)} : plage fusionnée « {ref[:40]} » illisible")
        r1, c1, r2, c2 = int(a.group(2)), column_index(a.group(1)), int(b.group(2)), column_index(b.group(1))
        return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)

    # --- 5. the values ------------------------------------------------------------------------------------

    def read_sheet(self, ws: Any, strings: list[str], budget: list[int]) -> Sheet:
        last_row, last_col, merged = self.scan(ws, strings, budget)
        sheet = Sheet(ws.title, max_row=last_row, max_column=last_col)
        if last_row * last_col > self.limits.area:
            raise self.fail(f"{self.where(ws.title)} : zone utilisée A1:{column_letter(last_col)}{last_row} trop "
                            f"étendue (plus de {self.limits.area} cellules) ; supprimez les cellules isolées")
        if not last_row:
            return sheet
        try:
            self._values(ws, sheet)
        except InputError:
            raise
        except Exception as exc:  # noqa: BLE001 - openpyxl's conversions of a foreign file
            raise self.fail(f"{self.where(ws.title)} illisible ({why(exc)})") from None
        self._fill_merged(sheet, merged, budget)
        return sheet

    def _values(self, ws: Any, sheet: Sheet) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # « Data Validation extension is not supported »…
            rows = ws.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_column, values_only=True)
            for row, values in enumerate(rows, start=1):
                for col, value in enumerate(values, start=1):
                    if value is not None and value != "":
                        sheet.cells[(row, col)] = value
                if row % 256 == 0:
                    self.check_time()

    def _fill_merged(self, sheet: Sheet, merged: list[tuple[int, int, int, int]], budget: list[int]) -> None:
        """Every cell of a merged range gets the value of its first cell (within the used area)."""
        for r1, c1, r2, c2 in merged:
            value = sheet.cells.get((r1, c1))
            r2, c2 = min(r2, sheet.max_row), min(c2, sheet.max_column)
            if value is None or r2 < r1 or c2 < c1:
                continue
            budget[0] -= (r2 - r1 + 1) * (c2 - c1 + 1)
            if budget[0] < 0:
                raise self.fail(f"{self.where(sheet.title)} : cellules fusionnées trop étendues "
                                f"({column_letter(c1)}{r1}:{column_letter(c2)}{r2})")
            for row in range(r1, r2 + 1):
                for col in range(c1, c2 + 1):
                    sheet.cells.setdefault((row, col), value)


def _is_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            head.decode("cp1252")
        except UnicodeDecodeError:
            return False
    return b"\x00" not in head


def why(exc: BaseException) -> str:
    """A short reason, in French, for a parser's failure on a workbook, never the parser's internals."""
    while (inner := exc.__cause__ or exc.__context__) is not None and inner is not exc:
        exc = inner  # openpyxl wraps the parser's error (« Unable to read workbook… »)
    name = type(exc).__name__
    if name in ("EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden", "NotSupportedError"):
        return "XML avec des entités ou une DTD, refusé par sécurité"
    if isinstance(exc, SyntaxError) or name == "ExpatError":  # xml.etree's ParseError, expat's
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        return "XML mal formé" + (f", ligne {where.group(1)}, colonne {where.group(2)}" if where else "")
    if isinstance(exc, KeyError):
        return f"partie manquante : {str(exc)[:120]}"
    if isinstance(exc, MemoryError):
        return "mémoire insuffisante"
    text = str(exc).strip()
    return f"{name} : {text[:160]}" if text else name


def open_workbook(path: str | Path, limits: Limits = LIMITS, display: str | None = None,
                  text_advice: str = _SAVE_AS) -> Any:
    """The openpyxl workbook at ``path`` (read-only: close it), once steps 1 to 3 above have
    checked its kind and its zip; an :class:`~clstool.errors.InputError` naming the file
    (``display``, by default ``path``) otherwise. ``text_advice``: what to do with a text file."""
    return _open(_Reading(Path(path), display or str(path), limits, text_advice))


def _open(reading: _Reading) -> Any:
    reading.sniff()
    reading.check_zip()
    return reading.open()


def read_workbook(path: str | Path, limits: Limits = LIMITS, display: str | None = None) -> list[Sheet]:
    """The sheets of the workbook at ``path``, in order, bounded by ``limits``; an
    :class:`~clstool.errors.InputError` naming the file (``display``, by default ``path``) for
    anything else."""
    reading = _Reading(Path(path), display or str(path), limits)
    workbook = _open(reading)
    try:
        strings = _strings(workbook)
        budget = [limits.cells]
        sheets = []
        for ws in workbook.worksheets:
            if not hasattr(ws, "_worksheet_path"):
                continue  # a chart sheet: no cells
            sheets.append(reading.read_sheet(ws, strings, budget))
        if not sheets:
            raise reading.fail("aucune feuille de calcul dans le classeur")
        return sheets
    finally:
        workbook.close()


def _strings(workbook: Any) -> list[str]:
    """The shared strings openpyxl read (the same list every read-only sheet uses)."""
    for ws in workbook.worksheets:
        strings = getattr(ws, "_shared_strings", None)
        if strings is not None:
            return strings
    return []
