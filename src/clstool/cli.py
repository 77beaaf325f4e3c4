"""The ``clstool`` command line: parse arguments, call the library, print, exit.

Exit codes (DESIGN §6): 0 nothing wrong, 1 findings, 2 usage or input error. Every domain
error is turned into a French message and an exit code here, in :func:`main`.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Annotated, Optional

import typer
from rich.console import Console

from . import __version__
from .loader import UsageError

app = typer.Typer(
    name="clstool",
    help="Les Contrats Locaux de Santé (CLS) en YAML : validation, calendrier, suivi, rapports.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _console(stderr: bool = False) -> Console:
    """A console that colours only a terminal, and nothing at all under ``NO_COLOR``."""
    plain = bool(os.environ.get("NO_COLOR"))
    return Console(stderr=stderr, highlight=False, soft_wrap=True, emoji=False,
                   color_system=None if plain else "auto", no_color=plain)


def _codes(values: Optional[list[str]]) -> Optional[list[str]]:
    if not values:
        return None
    return [c.strip().upper() for v in values for c in v.split(",") if c.strip()]


class ValidateFormat(str, Enum):
    text = "text"
    json = "json"


Paths = Annotated[Optional[list[str]], typer.Argument(help="Dossiers de territoire, dossiers au-dessus, ou fichiers (défaut : dossier courant).", show_default=False)]


@app.command()
def validate(
    paths: Paths = None,
    format: Annotated[ValidateFormat, typer.Option("--format", "-f", help="Format de sortie.")] = ValidateFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Échouer aussi sur les avertissements.")] = False,
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Codes à vérifier (préfixes : CLS2).")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Codes à ignorer (préfixes).")] = None,
) -> None:
    """Vérifier les fichiers : syntaxe, schéma, cohérence entre fichiers."""
    from .output import text_lines, to_json
    from .validate import validate as run

    result = run(paths or ["."], select=_codes(select), ignore=_codes(ignore))
    if format is ValidateFormat.json:
        sys.stdout.write(to_json(result) + "\n")
    else:
        console = _console()
        for line in text_lines(result):
            console.print(line)
    raise typer.Exit(1 if result.failed(strict) else 0)


# ---- add new commands above this line (keep each command thin: parse, call the library, print) ----


def _version(value: bool) -> None:
    if value:
        print(f"clstool {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Afficher la version.")] = False,
) -> None:
    """Les Contrats Locaux de Santé (CLS) en YAML."""


def main(argv: Optional[list[str]] = None) -> int:
    """Entry point: the one place that turns errors into a message and an exit code."""
    try:
        code = app(args=argv, prog_name="clstool", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except UsageError as exc:
        _console(stderr=True).print(f"Erreur : {exc}", style="bold red", markup=False)
        return 2
    except typer.Exit as exc:
        return exc.exit_code
    except SystemExit as exc:  # pragma: no cover - click's own exits
        return exc.code if isinstance(exc.code, int) else 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # click usage errors and anything unexpected
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            return exc.exit_code
        if isinstance(exc, click.exceptions.Abort):
            return 1
        _console(stderr=True).print(
            f"Erreur interne de clstool ({type(exc).__name__} : {exc}). Merci de la signaler.",
            style="bold red", markup=False)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
