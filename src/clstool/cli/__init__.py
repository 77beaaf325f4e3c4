"""The ``clstool`` command line: parse arguments, call the library, print, exit.

Exit codes: 0 nothing wrong, 1 findings, 2 usage or input error. Each command lives in its own
module and keeps to that: parse, call the library (which never prints), print. Every domain
error is turned into a French message and an exit code here, in :func:`main`. Libraries a
command needs are imported inside it, so that ``clstool --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
from typing import Optional

import typer

from clstool.cli import (  # noqa: F401 - each module registers its command on the app
    calendar,
    campagne,
    compare,
    completion,
    export,
    fmt,
    import_,
    init,
    new,
    report,
    rules,
    schema,
    status,
    validate,
)
from clstool.cli.app import app
from clstool.cli.options import console as _console
from clstool.errors import InputError

__all__ = ["app", "main", "run"]


def main(argv: Optional[list[str]] = None) -> int:
    """Entry point: the one place that turns errors into a message and an exit code."""
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 is shown escaped
        if hasattr(stream, "reconfigure") and getattr(stream, "errors", "") == "strict":
            stream.reconfigure(errors="backslashreplace")
    if os.environ.get(completion.COMPLETE_VAR):  # the shell asks for completions
        completion.enable()
    try:
        code = app(args=argv, prog_name="clstool", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except InputError as exc:
        _console(stderr=True).print(f"Erreur : {exc}", style="bold red", markup=False)
        return 2
    except typer.Exit as exc:
        return exc.exit_code
    except SystemExit as exc:  # pragma: no cover - click's own exits
        return exc.code if isinstance(exc.code, int) else 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `clstool … | head`: the reader left, nothing to say
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python would complain at exit
        return 1
    except OSError as exc:  # disk full, read-only folder…: the system's problem, not a bug
        from clstool.fsutil import os_error_message

        _console(stderr=True).print(f"Erreur : {os_error_message(exc)}", style="bold red", markup=False)
        return 2
    except Exception as exc:  # click usage errors and anything unexpected
        # Usage errors of click (in French: cli/french.py), duck-typed: click is imported lazily.
        if type(exc).__name__ == "NoArgsIsHelpError":  # `clstool` alone: the help, nothing else
            _console(stderr=True).print(exc.format_message(), markup=False)  # type: ignore[attr-defined]
            return 2
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
            command = getattr(getattr(exc, "ctx", None), "command_path", "clstool")
            _console(stderr=True).print(
                f"Erreur d'utilisation : {exc.format_message()}\nAide : {command} --help",
                style="bold red", markup=False)
            return exc.exit_code if isinstance(exc.exit_code, int) else 2
        if type(exc).__name__ == "Abort":
            return 1
        _console(stderr=True).print(
            f"Erreur interne de clstool ({type(exc).__name__} : {exc}). Merci de la signaler.",
            style="bold red", markup=False)
        return 2
    return 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
