"""``clstool report``: the annual report for the steering committee."""

from __future__ import annotations

from contextlib import ExitStack
from enum import Enum
from typing import Annotated, Optional

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


class ReportFormat(str, Enum):
    html = "html"
    md = "md"
    docx = "docx"
    pdf = "pdf"
    pptx = "pptx"


@app.command()
def report(
    paths: Paths = None,
    year: Annotated[int, typer.Option("--year", "-y", callback=year, help="Année du bilan.")] = ...,
    as_of: AsOf = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="html (fichier autonome, imprimable), md (Markdown GitHub), docx (Word, modifiable), pdf (avec sommaire paginé) ou pptx (diaporama du comité).")] = ReportFormat.html,
    output: Output = None,
    templates: Annotated[Optional[str], typer.Option("--templates", help="Dossier de modèles qui remplacent ceux de clstool (report.html.j2, report.md.j2, report.css, report.docx, report.pptx…).", show_default=False)] = None,
    synthese: Annotated[bool, typer.Option("--synthese", help="Version courte pour le comité de pilotage (chiffres clés, mot de la coordination, fiches en retard ou bloquées, indicateurs, gouvernance, décisions).")] = False,
    fiche: Fiches = None,
    axe: Axes = None,
    par_contrat: Annotated[bool, typer.Option("--par-contrat", help="Plusieurs territoires : écrire aussi le bilan de chaque contrat à côté de la vue d'ensemble (avec -o), et y faire des liens.")] = False,
) -> None:
    """Bilan annuel d'un contrat, pour le comité de pilotage (HTML, Markdown, Word, PDF ou diaporama) ;
    sur plusieurs territoires, la vue d'ensemble de ces contrats (département, région)."""
    with ExitStack() as stack:
        browser = None
        if format.value == "pdf":  # Chromium starts first, and while the report is built
            from clstool.report.pdf import printer

            browser = stack.enter_context(printer())
        _report(paths, year, as_of, format, output, templates, synthese, fiche, axe, par_contrat, browser)


def _report(paths, year, as_of, format, output, templates, synthese, fiche, axe, par_contrat, browser) -> None:
    """The command itself; ``browser``: Chromium, already starting, for the PDF."""
    from clstool.lint.reading import read
    from clstool.planning.plan import parse_as_of
    from clstool.report.build import ContractUnreadable, build
    from clstool.report.render import DOCUMENTS, document, render
    from clstool.yamlio.load import discover

    if len([t for t in discover(paths or ["."]) if t.contrat is not None or t.fiches]) > 1:
        from clstool.cli.overview import overview_command

        overview_command(paths or ["."], year, as_of, format.value, output, templates, fiche, axe, par_contrat)
        return
    date = parse_as_of(as_of, year) if as_of else None
    reading = read(paths or ["."])
    try:
        result = build(reading.project, year, date, only_fiches=ids(fiche) or (), only_axes=ids(axe) or (),
                       synthese=synthese, validation=reading.result)
    except ContractUnreadable as exc:
        console(stderr=True).print(f"Erreur : {exc}", style="bold red", markup=False)
        raise typer.Exit(finish(reading.diagnostics, written=False) or 1) from None
    if format.value in DOCUMENTS:
        emit(document(result, format.value, templates, browser), output)
    else:
        emit(render(result, format.value, templates), output)
    if output is not None:
        console(stderr=True).print(f"Bilan {year} écrit dans {output}.", markup=False)
    raise typer.Exit(finish(reading.diagnostics))
