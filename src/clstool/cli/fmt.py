"""``clstool fmt``: the canonical layout of the files, comments kept."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from clstool.cli.app import app
from clstool.cli.options import Paths, console


@app.command()
def fmt(
    paths: Paths = None,
    check: Annotated[bool, typer.Option("--check", help="Ne rien écrire ; échouer (code 1) si un fichier n'est pas au format.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Ne rien écrire ; afficher les changements (diff unifié).")] = False,
) -> None:
    """Mettre les fichiers au format canonique (indentation, guillemets, ordre des clés), commentaires gardés."""
    from clstool.edit.fmt import format_paths

    results = format_paths(paths or ["."], write=not (check or diff), texts=diff)
    out, err = console(), console(stderr=True)
    changed = [r for r in results if r.changed]
    broken = [r for r in results if r.error]
    for r in broken:
        err.print(f"{r.display}: {r.error}", style="bold red", markup=False)
    if diff:
        for r in changed:
            sys.stdout.write(r.diff())
    elif check:
        for r in changed:
            out.print(f"À reformater : {r.display}", markup=False)
    else:
        for r in changed:
            out.print(f"Reformaté : {r.display}", markup=False)
    n = len(changed)
    verb = "à reformater" if (check or diff) else "reformaté" + ("s" if n > 1 else "")
    summary = f"{n} fichier{'s' if n > 1 else ''} {verb}, {len(results) - n - len(broken)} déjà au format"
    if broken:
        summary += f", {len(broken)} impossible{'s' if len(broken) > 1 else ''} à formater"
    (err if diff else out).print(summary + ".", markup=False)
    raise typer.Exit(2 if broken else 1 if (changed and (check or diff)) else 0)
