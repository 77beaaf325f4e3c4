"""No English from the command-line library: every ``--help`` and a set of wrong invocations,
checked against the phrases of click and typer (cli/french.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import run

#: What click and typer write in English (headings, hints, errors), and what pydantic wrote
#: when typer 0.29 converted options with it.
ENGLISH = [
    "Usage", "Options:", "Arguments:", "Commands", "Show this message", "and exit", "Missing", "No such",
    "Did you mean", "Possible options", "Invalid value", "Input should", "Value error", "is not one of",
    "requires an argument", "does not take", "unexpected extra", "Choose from", "default:", "required",
    "env var", "Error:", "Try '", "for help", "Aborted", "<str>", "<int>", "<float>", "<list[", "int range",
    "TEXT", "INTEGER", "[ARGS]", "COMMAND ", "x>=", "x<=", "[paths]", "{file}", "{kind}", "[directory]",
    "valid integer", "greater than", "less than", "unable to parse",
    "is not a valid", "is not in the range", "is not one of", "does not match", "Got unexpected", "Choice(",
    "FLOAT", "BOOLEAN", "Recognized", "values are required", "Takes ", "Show the version", "'--", "(Did you",
    "does not exist", "Could not", "Aborted",
]


def _commands():
    """Every command path of the app, sub-commands included (``import tet``)."""
    import typer.main

    from clstool.cli import application

    app = application()

    root = typer.main.get_command(app)
    out = [[]]

    def walk(group, path):
        for name, command in getattr(group, "commands", {}).items():
            out.append([*path, name])
            walk(command, [*path, name])

    walk(root, [])
    return out


COMMANDS = _commands()


def english_in(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH if phrase in text]


def test_the_walk_finds_every_command():
    names = {" ".join(c) for c in COMMANDS}
    assert {"validate", "new", "import tet", "completion", "init", "schema", "status", "fmt"} <= names


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "clstool")
def test_help_is_french(command):
    result = run(*command, "--help")
    assert result.returncode == 0, result.stderr
    text = result.stdout + result.stderr
    assert text.startswith("Utilisation : clstool")
    assert "Afficher cette aide et quitter." in text and "Options :" in text
    assert english_in(text) == [], text
    # every option and argument has a French help text
    for line in re.findall(r"^  (-\S.*|[A-Z]+\S* <.*)$", text, re.M):
        assert len(line.split("  ")) > 1 or line.strip().startswith("-"), line


WRONG = [
    (["status"], "option obligatoire absente : --year / -y"),
    (["validate", "--jobs", "x"], "valeur invalide pour --jobs / -j : « x » n'est pas un entier valide"),
    (["validate", "--jobs", "0"], "valeur invalide pour --jobs / -j : la valeur doit être au moins 1 (et non 0)"),
    (["compare", "--seuil", "2"], "la valeur doit être de 0.05 à 1.0 (et non 2.0)"),
    (["compare", "--seuil", "un"], "« un » n'est pas un nombre valide"),
    (["completion"], "argument obligatoire absent : SHELL. Valeurs possibles : bash, zsh, fish"),
    (["validate", "--formt", "text"], "option inconnue : --formt ; vouliez-vous dire --format ?"),
    (["valid"], "commande inconnue : « valid » ; vouliez-vous dire validate ?"),
    (["validate", "-f", "jsn"], "« jsn » n'est pas une valeur possible (text, json, github, sarif, junit) ; "
                                "vouliez-vous dire « json » ?"),
    (["validate", "--strict=3"], "l'option --strict ne prend pas de valeur"),
    (["new", "--axe"], "l'option --axe attend une valeur"),
    (["new", "--titre", "x"], "option obligatoire absente : --axe"),
    (["schema", "fich"], "« fich » n'est pas une valeur possible (fiche, contrat, bilan)"),
    (["import", "tet"], "argument obligatoire absent : CLASSEUR"),
    (["import"], "Utilisation : clstool import [OPTIONS] COMMANDE [ARGUMENTS]..."),
    (["completion", "tcsh"], "« tcsh » n'est pas une valeur possible (bash, zsh, fish)"),
    (["rules", "CLS001", "de", "trop"], "arguments en trop : de trop"),
    (["rules", "CLS001", "trop"], "argument en trop : trop"),
    (["status", "--year", "2025x"], "« 2025x » n'est pas un entier valide"),
    (["init", "--debut", "deux"], "« deux » n'est pas un entier valide"),
    (["nouveau"], "commande inconnue : « nouveau »"),
]


@pytest.mark.parametrize(("args", "expected"), WRONG, ids=lambda a: " ".join(a) if isinstance(a, list) else "")
def test_usage_errors_are_french(args, expected):
    result = run(*args)
    assert result.returncode == 2
    assert expected in result.stderr, result.stderr
    assert result.stderr.startswith(("Erreur d'utilisation : ", "Utilisation : ")), result.stderr
    assert english_in(result.stdout + result.stderr) == [], result.stderr


def test_no_arguments_shows_the_french_help():
    result = run()
    assert result.returncode == 2
    assert result.stderr.startswith("Utilisation : clstool [OPTIONS] COMMANDE [ARGUMENTS]...")
    assert english_in(result.stderr) == []


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_script(shell):
    result = run("completion", shell)
    assert result.returncode == 0
    assert "_CLSTOOL_COMPLETE" in result.stdout and "clstool" in result.stdout


def _complete(words: str, cword: int) -> list[str]:
    env = {**os.environ, "_CLSTOOL_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    proc = subprocess.run([sys.executable, "-m", "clstool"], env=env, capture_output=True, text=True, timeout=60)
    return proc.stdout.split()


def test_bash_completion_offers_commands_options_and_values():
    assert _complete("clstool val", 1) == ["validate"]
    assert "--format" in _complete("clstool validate --fo", 2)
    assert _complete("clstool validate --format ", 3) == ["text", "json", "github", "sarif", "junit"]
