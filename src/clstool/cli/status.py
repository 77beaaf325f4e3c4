"""``clstool status``: the status of every fiche for a year."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from clstool.cli.app import app
from clstool.cli.options import (
    AsOf,
    CsvDialect,
    CsvDialectOption,
    Output,
    Paths,
    console,
    emit,
    finish,
    year,
)


class StatusFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command()
def status(
    paths: Paths = None,
    year: Annotated[int, typer.Option("--year", "-y", callback=year, help="Année du bilan.")] = ...,
    as_of: AsOf = None,
    format: Annotated[StatusFormat, typer.Option("--format", "-f", help="Format de sortie.")] = StatusFormat.table,
    csv_dialect: CsvDialectOption = CsvDialect.excel,
    output: Output = None,
) -> None:
    """Statut de chaque fiche, déclinaison et indicateur pour une année (suivi + calendrier)."""
    from clstool.interop import status_output
    from clstool.lint.reading import read
    from clstool.planning.plan import parse_as_of
    from clstool.planning.status import compute

    date = parse_as_of(as_of, year)
    reading = read(paths or ["."])
    report = compute(reading.project, year, date)
    if format is StatusFormat.table and output is None:
        console().print(status_output.table(report))
    else:
        if format is StatusFormat.csv:
            data: str | bytes = status_output.to_csv(report, csv_dialect.value)
        elif format is StatusFormat.json:
            data = status_output.to_json(report) + "\n"
        else:
            data = status_output.table_text(report)
        emit(data, output)
    raise typer.Exit(finish(reading.diagnostics))
