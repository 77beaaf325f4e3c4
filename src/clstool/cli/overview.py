"""``clstool report`` over several territories: the overview of a department or a region."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import typer

from clstool.cli.options import console, emit, finish
from clstool.errors import InputError


def overview_command(paths: list[str], year: int, as_of: Optional[str], fmt: str, output: Optional[str],
                     templates: Optional[str], fiche: Optional[list[str]], axe: Optional[list[str]],
                     par_contrat: bool) -> None:
    from clstool.planning.plan import parse_as_of
    from clstool.report.overview import build_overview, render_overview

    if fmt not in ("html", "md"):
        raise InputError(f"la vue d'ensemble de plusieurs contrats s'écrit en html ou md ; --format {fmt} "
                         "est pour le bilan d'un seul contrat : donnez un seul dossier de territoire")
    if fiche or axe:
        raise InputError("--fiche et --axe choisissent des fiches d'un seul contrat : donnez un seul "
                         "dossier de territoire, ou retirez ces options pour la vue d'ensemble")
    if par_contrat and output is None:
        raise InputError("--par-contrat écrit un fichier par contrat : précisez la vue d'ensemble avec -o FICHIER")
    date = parse_as_of(as_of, year) if as_of else None
    links = _write_each(paths, year, date, fmt, output, templates) if par_contrat else None
    result = build_overview(paths, year, date, links=links)
    emit(render_overview(result, fmt, templates), output)
    if output is not None:
        console(stderr=True).print(f"Vue d'ensemble {year} ({len(result.contrats)} contrats) écrite dans {output}.",
                                   markup=False)
    raise typer.Exit(finish(result.diagnostics))


def _write_each(paths: list[str], year: int, as_of, fmt: str, output: str, templates: Optional[str]) -> dict[str, str]:
    """The report of each contract next to the overview (``<name>-<territory>.<ext>``); the links."""
    from clstool.fsutil import atomic_write
    from clstool.lint.reading import check
    from clstool.report.build import build
    from clstool.report.overview import slug
    from clstool.report.render import render
    from clstool.yamlio.load import Project, discover, load_file

    target = Path(output)
    links: dict[str, str] = {}
    used: set[str] = set()
    for territory in discover(paths):
        name = f"{target.stem}-{slug(os.path.basename(os.path.normpath(territory.display)))}"
        while name in used:
            name += "-bis"
        used.add(name)
        for source in territory.files:
            load_file(source)
        project = Project([territory])
        try:
            text = render(build(project, year, as_of, validation=check(project)), fmt, templates)
        except InputError as exc:
            console(stderr=True).print(f"Attention : pas de bilan pour {territory.display} ({exc}).",
                                       style="yellow", markup=False)
            continue
        file = f"{name}.{fmt}"
        atomic_write(str(target.with_name(file)), text)
        links[territory.display] = file
    return links
