"""The ``clstool`` command line: parse arguments, call the library, print, exit.

Exit codes: 0 nothing wrong, 1 findings, 2 usage or input error. Each command lives in its own
module and keeps to that: parse, call the library (which never prints), print. Every domain
error is turned into a French message and an exit code here, in :func:`main`. Libraries a
command needs are imported inside it, so that ``clstool --help`` stays fast.
"""

from __future__ import annotations

import copy
import importlib
import os
import sys
from typing import Optional

import typer
import typer.main

from clstool.cli import completion
from clstool.cli.app import app
from clstool.cli.options import console as _console
from clstool.errors import InputError

#: Each command's module (``clstool.cli.<module>``), which registers the command on the app when
#: imported. Only the module of the command typed is imported (see :func:`_app_for`); a test
#: checks this table against what the modules register.
COMMANDS = {
    "calendar": "calendar", "campagne": "campagne", "compare": "compare", "completion": "completion",
    "export": "export", "fmt": "fmt", "import": "import_", "init": "init", "new": "new", "report": "report",
    "rules": "rules", "schema": "schema", "status": "status", "validate": "validate",
}

__all__ = ["application", "main", "run"]


def application() -> typer.Typer:
    """The application with every command registered (:data:`app` has those imported so far)."""
    for module in COMMANDS.values():
        importlib.import_module(f"clstool.cli.{module}")
    return app


def main(argv: Optional[list[str]] = None) -> int:
    """Entry point: the one place that turns errors into a message and an exit code."""
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 is shown escaped
        if hasattr(stream, "reconfigure") and getattr(stream, "errors", "") == "strict":
            stream.reconfigure(errors="backslashreplace")
    if os.environ.get(completion.COMPLETE_VAR):  # the shell asks for completions
        application()
        completion.enable()
    try:
        code = _app_for(sys.argv[1:] if argv is None else argv)(args=argv, prog_name="clstool", standalone_mode=False)
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


def _app_for(argv: list[str]) -> typer.Typer:
    """The app, or when ``argv`` starts with a command's name, the app with that command alone.

    Typer builds the click command of every registered command at each call, reading each
    function's signature: 35 ms for the fourteen commands, and importing their modules 8 ms
    more, together a sixth of a one-fiche ``validate`` (the pre-commit case). Only the command
    typed is imported and built; its help, options and usage errors are the same. Anything else
    (``--help``, ``--version``, a mistyped name) gets the whole app.
    """
    name = argv[0] if argv else ""
    if name not in COMMANDS:
        return application()
    importlib.import_module(f"clstool.cli.{COMMANDS[name]}")
    commands = [c for c in app.registered_commands
                if (c.name or typer.main.get_command_name(c.callback.__name__ if c.callback else "")) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    alone = copy.copy(app)
    alone.registered_commands, alone.registered_groups = commands, groups
    return alone


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
