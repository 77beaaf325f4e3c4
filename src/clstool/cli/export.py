"""``clstool export``: the data as tables (CSV, XLSX, JSON, Territoires en Transitions)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from clstool.cli.app import app
from clstool.cli.options import CsvDialect, CsvDialectOption, Paths, console, emit, finish
from clstool.errors import InputError


class ExportFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"
    tet = "tet"
    oscars = "oscars"
    oscars_xlsx = "oscars-xlsx"


@app.command()
def export(
    paths: Paths = None,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv (une ligne par fiche), xlsx (6 feuilles, dont les statuts de l'année), json (toutes les données), tet (modèle d'import Territoires en Transitions), oscars / oscars-xlsx (une ligne par action et par année, à plat, CSV ou classeur).")] = ExportFormat.csv,
    csv_dialect: CsvDialectOption = CsvDialect.excel,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Fichier à écrire (obligatoire pour xlsx, tet et oscars-xlsx ; défaut : sortie standard).", show_default=False)] = None,
    year: Annotated[Optional[int], typer.Option("--year", "-y", help="oscars : seulement cette année (défaut : chaque année du contrat jusqu'à l'année en cours) ; xlsx : l'année de la feuille des statuts (défaut : l'année en cours).", show_default=False)] = None,
) -> None:
    """Exporter les fiches en tableaux : CSV, classeur Excel, JSON, classeur pour Territoires en Transitions, ou export à plat (OSCARS)."""
    from clstool.interop import tables as library

    if format in (ExportFormat.xlsx, ExportFormat.tet, ExportFormat.oscars_xlsx) and output is None:
        raise InputError(f"--format {format.value} écrit un classeur : précisez le fichier avec -o FICHIER.xlsx")
    if year is not None and format not in (ExportFormat.oscars, ExportFormat.oscars_xlsx, ExportFormat.xlsx):
        raise InputError("--year ne sert qu'aux formats xlsx, oscars et oscars-xlsx")
    if format in (ExportFormat.oscars, ExportFormat.oscars_xlsx):
        from clstool.interop import oscars

        found: list = []
        lines = oscars.rows(paths or ["."], (year,) if year is not None else None, diagnostics=found)
        flat = oscars.to_csv(lines, csv_dialect.value) if format is ExportFormat.oscars else oscars.to_xlsx(lines)
        emit(flat, output)
        raise typer.Exit(finish(found))
    from clstool.lint.reading import read

    reading = read(paths or ["."])
    data = library.collect_project(reading.project)
    if format is ExportFormat.json:
        content: str | bytes = library.to_json(data)
    elif format is ExportFormat.csv:
        content = library.to_csv(data, csv_dialect.value)
    elif format is ExportFormat.xlsx:
        from clstool.interop.tables_xlsx import to_xlsx
        from clstool.planning.plan import check_year

        content = to_xlsx(data, check_year(year))
    else:
        from clstool.interop.tet.write import to_tet

        tet = to_tet(data)
        emit(tet.content, output)
        for line in tet.summary:
            console(stderr=True).print(line, style="yellow", markup=False)
        raise typer.Exit(finish(reading.diagnostics))
    emit(content, output)
    raise typer.Exit(finish(reading.diagnostics))
