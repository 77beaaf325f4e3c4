"""The Typer application: its name, its help, ``--version``. Commands register themselves on it
from their own modules (one module per command, imported by :mod:`clstool.cli`)."""

from __future__ import annotations

from typing import Annotated

import typer

from clstool import __version__
from clstool.cli.french import install

install()  # the command-line library's own words in French (cli/french.py)

app = typer.Typer(
    name="clstool",
    help="Les Contrats Locaux de Santé (CLS) en YAML : validation, calendrier, suivi, rapports.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    suggest_commands=False,  # click suggests, in French (cli/french.py); typer's suggestion is English
)


def _version(value: bool) -> None:
    if value:
        from clstool.yamlio.read import active_reader

        print(f"clstool {__version__} ({active_reader()})")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Afficher la version.")] = False,
) -> None:
    """Les Contrats Locaux de Santé (CLS) en YAML."""
