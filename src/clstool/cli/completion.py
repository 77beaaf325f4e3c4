"""``clstool completion``: the shell completion script for bash, zsh or fish."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from clstool.cli.app import app

#: The variable the shell sets to ask ``clstool`` for completions (typer's convention).
COMPLETE_VAR = "_CLSTOOL_COMPLETE"


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


def enable() -> None:
    """Register typer's completion classes (only when a shell asks: start-up stays fast)."""
    from typer._completion_classes import completion_init

    completion_init()


@app.command()
def completion(
    shell: Annotated[Shell, typer.Argument(metavar="SHELL", help="bash, zsh ou fish.")],
) -> None:
    """Script de complétion des commandes et options pour bash, zsh ou fish (voir docs/completion.md)."""
    from typer._completion_shared import get_completion_script

    enable()
    print(get_completion_script(prog_name="clstool", complete_var=COMPLETE_VAR, shell=shell.value))
