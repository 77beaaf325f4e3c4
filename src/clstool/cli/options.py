"""What several commands share: arguments and options defined once, console, output."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from rich.console import Console

Paths = Annotated[Optional[list[str]], typer.Argument(help="Dossiers de territoire, dossiers au-dessus, ou fichiers (défaut : dossier courant).", show_default=False)]
Output = Annotated[Optional[str], typer.Option("--output", "-o", help="Écrire dans ce fichier (défaut : sortie standard).", show_default=False)]
AsOf = Annotated[Optional[str], typer.Option("--as-of", help="Date de référence AAAA-MM-JJ (défaut : 31 décembre de l'année, ou aujourd'hui pendant l'année).", show_default=False)]
Fiches = Annotated[Optional[list[str]], typer.Option("--fiche", help="Seulement ces fiches (id ; option répétable ou « 1-1,2-2 »).", show_default=False)]
Axes = Annotated[Optional[list[str]], typer.Option("--axe", help="Seulement les fiches de ces axes.", show_default=False)]


class CsvDialect(str, Enum):
    excel = "excel"
    standard = "standard"


CsvDialectOption = Annotated[CsvDialect, typer.Option("--csv-dialect", help="excel : UTF-8 avec BOM, « ; » et virgule décimale ; standard : « , » sans BOM.")]


def console(stderr: bool = False) -> Console:
    """A console that colours only a terminal, and nothing at all under ``NO_COLOR``; the
    control characters of the strings it prints are written out (:mod:`clstool.printable`)."""
    from clstool.printable import console as safe_console

    plain = bool(os.environ.get("NO_COLOR"))
    return safe_console(stderr=stderr, highlight=False, soft_wrap=True, emoji=False,
                   color_system=None if plain else "auto", no_color=plain)


def emit(data: str | bytes | Iterable[bytes], output: Optional[str]) -> None:
    """Write a command's result to ``output`` atomically, or to standard output. Bytes (CSV
    with BOM, XLSX), byte chunks (a large export, streamed) and text with CRLF line ends (ICS)
    go to stdout untouched."""
    from clstool.fsutil import atomic_write

    if output is not None:
        atomic_write(output, data)
        return
    if not isinstance(data, (str, bytes)):  # byte chunks of a large export
        sys.stdout.flush()
        for chunk in data:
            sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()
        return
    if isinstance(data, str) and "\r\n" not in data:
        sys.stdout.write(data)
        return
    raw = data.encode("utf-8") if isinstance(data, str) else data
    sys.stdout.flush()
    sys.stdout.buffer.write(raw)
    sys.stdout.buffer.flush()


def finish(diagnostics, written: bool = True) -> int:
    """The end of every reading command (:mod:`clstool.lint.reading`): after the output, the
    errors of the files read on stderr, as ``clstool validate`` gives them; the exit code (1
    when there are errors). Warnings are left to ``clstool validate``: they change nothing."""
    from clstool.lint.formats.text import text_lines
    from clstool.lint.reading import as_result
    from clstool.model.formatting import plural

    errors = as_result(diagnostics)
    if not errors.diagnostics:
        return 0
    err = console(stderr=True)
    said = (" ; la sortie montre tout ce qui a pu être lu et signale sur place ce qui manque." if written else " :")
    err.print(f"Attention : {plural(len(errors.diagnostics), 'erreur')} dans les fichiers lus{said}",
              style="bold red", markup=False)
    for line in list(text_lines(errors))[:-3]:  # the lines, without the counts validate adds after them
        err.print(line)
    return 1


def codes(values: Optional[list[str]]) -> Optional[list[str]]:
    if not values:
        return None
    return [c.strip().upper() for v in values for c in v.split(",") if c.strip()]


def ids(values: Optional[list[str]]) -> Optional[list[str]]:
    if not values:
        return None
    return [i.strip() for v in values for i in v.split(",") if i.strip()]


def year(value: Optional[int]) -> Optional[int]:
    """``--year``: within the years the files may hold (1900–2100), else exit code 2."""
    from clstool.planning.plan import check_year

    return check_year(value)
