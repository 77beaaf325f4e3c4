"""``clstool calendar``: the planned calendar of a year."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from clstool.cli.app import app
from clstool.cli.options import (
    AsOf,
    Axes,
    Fiches,
    Output,
    Paths,
    console,
    emit,
    finish,
    ids,
    year,
)


class CalendarFormat(str, Enum):
    table = "table"
    json = "json"
    ics = "ics"


@app.command()
def calendar(
    paths: Paths = None,
    year: Annotated[int, typer.Option("--year", "-y", callback=year, help="Année du calendrier.")] = ...,
    as_of: AsOf = None,
    format: Annotated[CalendarFormat, typer.Option("--format", "-f", help="table (diagramme de Gantt), json, ou ics (iCalendar, pour un agenda : suit les calendriers ajustés du suivi).")] = CalendarFormat.table,
    fiche: Fiches = None,
    axe: Axes = None,
    output: Output = None,
) -> None:
    """Calendrier prévisionnel d'une année : entrées, dates, statut prévu (tableau, JSON, iCalendar)."""
    from clstool.interop import calendar_output
    from clstool.lint.reading import read
    from clstool.planning.calendar import build
    from clstool.planning.plan import parse_as_of

    date = parse_as_of(as_of, year)
    reading = read(paths or ["."])
    result = build(reading.project, year, date, fiches=ids(fiche), axes=ids(axe),
                   adjusted=format is CalendarFormat.ics)  # an agenda shows the calendar in force
    if format is CalendarFormat.table and output is None:
        out = console()
        out.print(calendar_output.to_table(result))
        for line in calendar_output.summary_lines(result):
            out.print(line, markup=False)
    else:
        if format is CalendarFormat.json:
            data = calendar_output.to_json(result) + "\n"
        elif format is CalendarFormat.ics:
            data = calendar_output.to_ics(result)
        else:
            data = calendar_output.to_text(result)
        emit(data, output)  # ICS keeps its CRLF line ends, as RFC 5545 wants them
        warn = console(stderr=True)
        for item in result.unparsed:
            warn.print(f"Attention : période non reconnue dans {item.fichier} (fiche {item.fiche}) : "
                       f"« {item.periode} » ({item.erreur})", style="yellow", markup=False)
    raise typer.Exit(finish(reading.diagnostics))
